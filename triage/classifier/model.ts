/**
 * The route model: a complement naive Bayes text classifier (Rennie et al., 2003, "Tackling the
 * poor assumptions of naive Bayes text classifiers") over normalised words, word pairs and
 * character 3–5-grams, with log term frequency, IDF weighting and length normalisation.
 *
 * Why this model:
 * - It trains by counting: the whole set is built in well under a second at first use, in-process,
 *   with nothing downloaded and no training artefact to ship or keep in step with the data.
 * - The complement form estimates each route's weights from all the *other* routes' examples, so
 *   a route with 15 examples is not favoured or starved relative to one with 60 — the usual failure
 *   of plain multinomial NB with uneven classes.
 * - Character n-grams inside words make it tolerant of typos and inflection ("burgled",
 *   "burglery", "włamanie"/"włamał"); word pairs keep short phrases ("dash cam", "not police").
 * - Every score is a sum of per-feature weights, so the words that contributed most are the
 *   evidence shown for a route, and scoring is a few thousand multiply-adds (microseconds).
 *
 * Scores are turned into probabilities with a softmax whose temperature was calibrated on held-out
 * examples (see `CALIBRATION` in index.ts).
 */

export interface FeatureWeights {
  readonly word: number;
  readonly bigram: number;
  readonly char: number;
}

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { word: 1, bigram: 0.8, char: 0.2 };

export type FeatureVector = Map<string, number>;

/**
 * Smoothing and feature weights were chosen by training on the original examples and scoring the
 * separately written "voices" examples (other people's wording): less smoothing and lighter
 * character n-grams generalised best there (scripts: see the commit that set them).
 */
export const DEFAULT_ALPHA = 0.1;

/** Raw feature counts for a token list; `stop` words count only inside word pairs. */
export function featurize(
  tokens: readonly string[],
  stop: ReadonlySet<string>,
  weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS,
): FeatureVector {
  const f: FeatureVector = new Map();
  const add = (key: string, w: number) => f.set(key, (f.get(key) ?? 0) + w);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    const content = !stop.has(t);
    if (content) {
      add(`w:${t}`, weights.word);
      if (t.length >= 3 && weights.char > 0) {
        const padded = `<${t}>`;
        for (let n = 3; n <= 5; n++) {
          for (let j = 0; j + n <= padded.length; j++)
            add(`c:${padded.slice(j, j + n)}`, weights.char);
        }
      }
    }
    const next = tokens[i + 1];
    if (next !== undefined && (content || !stop.has(next))) add(`b:${t} ${next}`, weights.bigram);
  }
  return f;
}

export interface TrainingDoc<C extends string> {
  readonly label: C;
  readonly features: FeatureVector;
  readonly weight?: number;
}

export interface Contribution {
  readonly feature: string;
  readonly weight: number;
}

/** One feature the model knows: its IDF and per-class weights, looked up once per message. */
export interface FeatureRow {
  /** Index into the model's flat weight table. */
  readonly id: number;
  readonly key: string;
  readonly idf: number;
  /** Per-class weights (a view into the flat table). */
  readonly weights: Float64Array;
  /** Words and word pairs can be shown as evidence; character n-grams cannot. */
  readonly readable: boolean;
}

/** A message's features as model rows, transformed (log TF × IDF, unit length). */
export interface Vectorized {
  readonly ids: Int32Array;
  readonly values: Float64Array;
  /** Positions (into ids/values) of the readable rows: the only candidates for evidence. */
  readonly readable: readonly number[];
}

export class ComplementNB<C extends string> {
  readonly labels: readonly C[];
  private readonly index = new Map<string, number>();
  private readonly idf = new Map<string, number>();
  private readonly rowMap = new Map<string, FeatureRow>();
  private readonly rowList: FeatureRow[] = [];
  /** Every row's class weights, row after row, for cache-friendly scoring. */
  private readonly flat: Float64Array;
  /** The message being counted: per-row counts and the rows touched, reset by `vector`. */
  private readonly pending: Float64Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;

  constructor(labels: readonly C[], docs: readonly TrainingDoc<C>[], alpha = DEFAULT_ALPHA) {
    this.labels = labels;
    labels.forEach((l, i) => this.index.set(l, i));
    const k = labels.length;

    // Training runs at every start-up (before the service is ready), so it counts into flat typed
    // arrays indexed by a feature number rather than a map of small arrays per feature: the same
    // arithmetic in the same order, a fraction of the allocations.
    const featureIds = new Map<string, number>();
    const keys: string[] = [];
    const df: number[] = [];
    for (const d of docs) {
      for (const key of d.features.keys()) {
        const id = featureIds.get(key);
        if (id === undefined) {
          featureIds.set(key, keys.length);
          keys.push(key);
          df.push(1);
        } else {
          df[id] = (df[id] as number) + 1;
        }
      }
    }
    const n = docs.length;
    const idf = new Float64Array(keys.length);
    for (let id = 0; id < keys.length; id++) {
      idf[id] = Math.log((n + 1) / ((df[id] as number) + 1)) + 1;
      this.idf.set(keys[id] as string, idf[id] as number);
    }

    // Per-class feature mass and totals. A feature gets a row (in first-seen order) only if a
    // document of a known class has it.
    const rowOf = new Int32Array(keys.length).fill(-1);
    const rowKeys: string[] = [];
    let mass = new Float64Array(Math.max(1, keys.length) * k);
    const classTotal = new Float64Array(k);
    const docIds: number[] = [];
    const docValues: number[] = [];
    for (const d of docs) {
      const c = this.index.get(d.label);
      if (c === undefined) continue;
      const w = d.weight ?? 1;
      // `transform`, inline: log TF × IDF, unit length.
      docIds.length = 0;
      docValues.length = 0;
      let sq = 0;
      for (const [key, count] of d.features) {
        const id = featureIds.get(key) as number;
        const v = Math.log1p(count) * (idf[id] as number);
        docIds.push(id);
        docValues.push(v);
        sq += v * v;
      }
      const len = Math.sqrt(sq) || 1;
      for (let j = 0; j < docIds.length; j++) {
        const id = docIds[j] as number;
        let row = rowOf[id] as number;
        if (row < 0) {
          row = rowKeys.length;
          rowOf[id] = row;
          rowKeys.push(keys[id] as string);
        }
        const v = ((docValues[j] as number) / len) * w;
        mass[row * k + c] = (mass[row * k + c] as number) + v;
        classTotal[c] = (classTotal[c] as number) + v;
      }
    }
    const rows = rowKeys.length;
    if (mass.length !== rows * k) mass = mass.slice(0, rows * k);
    const grand = classTotal.reduce((a, b) => a + b, 0);
    const vocab = rows;
    // Complement estimate: how likely the feature is in everything that is NOT class c; then
    // centre each feature across classes: only the difference between classes matters, and a
    // centred weight reads directly as "evidence for this route". Done in place: `mass` becomes
    // the flat weight table.
    const w = new Float64Array(k);
    for (let r = 0; r < rows; r++) {
      const base = r * k;
      let featureTotal = 0;
      for (let c = 0; c < k; c++) featureTotal += mass[base + c] as number;
      let mean = 0;
      for (let c = 0; c < k; c++) {
        const comp = featureTotal - (mass[base + c] as number);
        const compTotal = grand - (classTotal[c] as number);
        w[c] = -Math.log((comp + alpha) / (compTotal + alpha * vocab));
        mean += w[c] as number;
      }
      mean /= k;
      for (let c = 0; c < k; c++) mass[base + c] = (w[c] as number) - mean;
    }
    this.flat = mass;
    this.pending = new Float64Array(rows);
    this.touched = new Int32Array(rows);
    for (let id = 0; id < rows; id++) {
      const key = rowKeys[id] as string;
      const row: FeatureRow = {
        id,
        key,
        idf: this.idf.get(key) ?? 1,
        weights: this.flat.subarray(id * k, id * k + k),
        readable: !key.startsWith('c:'),
      };
      this.rowMap.set(key, row);
      this.rowList.push(row);
    }
  }

  /** Every feature the model knows. */
  rows(): IterableIterator<FeatureRow> {
    return this.rowMap.values();
  }

  /** The row of a feature the model knows, or undefined. */
  row(key: string): FeatureRow | undefined {
    return this.rowMap.get(key);
  }

  /**
   * Counts a feature of the message being read (the fast path: index.ts resolves tokens to rows
   * once and keeps them; `vector` then transforms exactly as `transform` does).
   */
  count(row: FeatureRow, amount: number): void {
    const id = row.id;
    if (this.pending[id] === 0) this.touched[this.touchedCount++] = id;
    this.pending[id] = (this.pending[id] as number) + amount;
  }

  /** The counted message as a unit-length log TF × IDF vector; clears the counts. */
  vector(): Vectorized {
    const n = this.touchedCount;
    const ids = this.touched.slice(0, n);
    const values = new Float64Array(n);
    const readable: number[] = [];
    let sq = 0;
    for (let j = 0; j < n; j++) {
      const id = ids[j] as number;
      const row = this.rowList[id] as FeatureRow;
      const v = Math.log1p(this.pending[id] as number) * row.idf;
      this.pending[id] = 0;
      values[j] = v;
      sq += v * v;
      if (row.readable) readable.push(j);
    }
    this.touchedCount = 0;
    const len = Math.sqrt(sq) || 1;
    for (let j = 0; j < n; j++) values[j] = (values[j] as number) / len;
    return { ids, values, readable };
  }

  /** Class scores of a vectorized message. */
  scoreVector(x: Vectorized): Float64Array {
    const k = this.labels.length;
    const s = new Float64Array(k);
    const { ids, values } = x;
    const flat = this.flat;
    // The hot loop of every message: typed-array reads without the undefined checks.
    for (let j = 0; j < ids.length; j++) {
      const base = (ids[j] as number) * k;
      const v = values[j] as number;
      for (let c = 0; c < k; c++) s[c] = (s[c] as number) + v * (flat[base + c] as number);
    }
    return s;
  }

  /**
   * The readable features (words, word pairs) that pushed `label` up the most in a vectorized
   * message, strongest first.
   */
  contributionsOf(x: Vectorized, label: C, limit = 5): Contribution[] {
    const c = this.index.get(label);
    if (c === undefined) return [];
    const k = this.labels.length;
    const out: Contribution[] = [];
    for (const j of x.readable) {
      const id = x.ids[j] as number;
      const row = this.rowList[id] as FeatureRow;
      const w = this.flat[id * k + c] as number;
      if (w > 0) out.push({ feature: row.key, weight: (x.values[j] as number) * w });
    }
    return out.sort((a, b) => b.weight - a.weight).slice(0, limit);
  }

  /** Log term frequency × IDF, then unit length. Features never seen in training are dropped. */
  transform(features: FeatureVector): Map<string, number> {
    const out = new Map<string, number>();
    let sq = 0;
    for (const [key, count] of features) {
      const idf = this.idf.get(key);
      if (idf === undefined) continue;
      const v = Math.log1p(count) * idf;
      out.set(key, v);
      sq += v * v;
    }
    const len = Math.sqrt(sq) || 1;
    for (const [key, v] of out) out.set(key, v / len);
    return out;
  }

  /** Raw class scores (higher is better) for already-featurized text. */
  scores(features: FeatureVector): Float64Array {
    const x = this.transform(features);
    const s = new Float64Array(this.labels.length);
    for (const [key, v] of x) {
      const w = this.rowMap.get(key)?.weights;
      if (!w) continue;
      for (let c = 0; c < s.length; c++) s[c] = (s[c] ?? 0) + v * (w[c] ?? 0);
    }
    return s;
  }

  /** The features that pushed `label` up the most, strongest first. */
  contributions(features: FeatureVector, label: C, limit = 5): Contribution[] {
    const c = this.index.get(label);
    if (c === undefined) return [];
    const x = this.transform(features);
    const out: Contribution[] = [];
    for (const [key, v] of x) {
      const w = this.rowMap.get(key)?.weights[c];
      if (w !== undefined && w > 0) out.push({ feature: key, weight: v * w });
    }
    return out.sort((a, b) => b.weight - a.weight).slice(0, limit);
  }

  has(feature: string): boolean {
    return this.rowMap.has(feature);
  }
}

/** Softmax of scores scaled by a temperature. */
export function softmax(scores: ArrayLike<number>, temperature: number): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i] ?? 0);
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp(((scores[i] ?? 0) - max) * temperature);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}
