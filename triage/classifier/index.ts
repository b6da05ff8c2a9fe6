import type { RouteId } from '../routes';
import type {
  Classification,
  Classifier,
  EmergencyResult,
  LanguageGuess,
  RouteScore,
} from '../types';
import { sharedDetector, type EmergencyDetector } from './emergency';
import { createLanguageIdentifier, type LanguageIdentifier } from './language';
import {
  createCueMatcher,
  cuePrecedence,
  type CueMatch,
  type CueMatcher,
  type Precedence,
} from './keywords';
import { emergencyLexicons } from './lexicons';
import {
  ComplementNB,
  DEFAULT_FEATURE_WEIGHTS,
  featurize,
  softmax,
  type FeatureRow,
  type FeatureWeights,
} from './model';
import { prepare, tokenize, type Prepared } from './normalise';
import { stopwords } from './stopwords';
import {
  TRAINING_LANGUAGES,
  routeLogPriors,
  trainingExamples,
  trainingVocabulary,
  type TrainingLanguage,
} from './training';

/**
 * The offline classifier: emergency detector, language identification and route model in one
 * call, all in-process and built from data at first use (see model.ts for why complement naive
 * Bayes, emergency.ts for the detector, language.ts for language identification).
 *
 * How the machine reads the confidences:
 *   ≥ CONFIDENT_THRESHOLD   propose the top route for a yes/no confirmation;
 *   ≥ PLAUSIBLE_THRESHOLD   offer the top two or three as choices;
 *   below                   show the category menu (and offer a person).
 * A message in a language the model cannot read never reaches PLAUSIBLE_THRESHOLD.
 */

export const CONFIDENT_THRESHOLD = 0.6;
export const PLAUSIBLE_THRESHOLD = 0.3;

/**
 * Softmax temperature over the model's scores, fitted to minimise log-loss on held-out examples
 * (a 5-fold split of the training data; re-fit when the data changes a lot). The cue weight was
 * halved when training on the original examples and scoring the separately written "voices"
 * examples showed hand-written cues overriding the model on wording they did not foresee.
 */
export const CALIBRATION: Calibration = {
  temperature: 3,
  cueWeight: 0.5,
  foreignCueWeight: 0.5,
  priorWeight: 0.1,
};

const MAX_ROUTES = 5;
const MIN_ROUTE_CONFIDENCE = 0.01;
/** Unsupported language: the best the route model's guess may reach. */
const UNSUPPORTED_CEILING = PLAUSIBLE_THRESHOLD * 0.8;

export interface Calibration {
  /** Softmax temperature over the summed scores. */
  readonly temperature: number;
  /** How much one unit of cue weight adds to a route's score. */
  readonly cueWeight: number;
  /** The same for English cues read in a Welsh or Polish message. */
  readonly foreignCueWeight: number;
  /** How much the log of a route's share of contact adds to its score. */
  readonly priorWeight: number;
}

export interface ClassifierOptions {
  /** Overrides the fitted calibration (experiments and the calibration script). */
  readonly calibration?: Calibration;
  /** Overrides the feature weights and smoothing (experiments). */
  readonly features?: FeatureWeights;
  readonly alpha?: number;
  /** Replaces the bundled training data (tests, experiments). */
  readonly examples?: Readonly<
    Partial<Record<TrainingLanguage, readonly { route: RouteId; text: string }[]>>
  >;
}

export interface BuiltClassifier extends Classifier {
  /** Milliseconds spent building models at first use (0 until then). */
  readonly buildMs: () => number;
  /** Builds now rather than at the first message (server start-up). */
  readonly warm: () => void;
  readonly detectEmergency: (text: string) => EmergencyResult;
}

interface LanguageModel {
  readonly lang: TrainingLanguage;
  readonly model: ComplementNB<RouteId>;
  readonly stop: ReadonlySet<string>;
  readonly cues: CueMatcher | undefined;
  readonly precedence: Precedence;
  /** Token → its word and character n-gram features resolved to model rows (see `features`). */
  readonly tokens: Map<string, TokenFeatures>;
  /** First word → second word → the row of that word pair. */
  readonly pairs: ReadonlyMap<string, ReadonlyMap<string, FeatureRow>>;
}

/** What one token contributes, as `featurize` would count it, already resolved to model rows. */
interface TokenFeatures {
  readonly content: boolean;
  /** Whether the model knows the word itself (for coverage). */
  readonly known: boolean;
  readonly rows: readonly FeatureRow[];
  readonly weights: readonly number[];
  /** Word pairs starting with this token that the model knows, by second token. */
  readonly pairs: ReadonlyMap<string, FeatureRow> | undefined;
}

const TOKEN_CACHE_LIMIT = 50_000;
/** Examples per language run at start-up to warm the JIT and the word caches. */
const WARM_EXAMPLES = 400;

interface Built {
  readonly models: ReadonlyMap<TrainingLanguage, LanguageModel>;
  readonly language: LanguageIdentifier;
  readonly detect: EmergencyDetector;
  /** English cues, also read (at a lower weight) in Welsh and Polish: people mix in English words. */
  readonly englishCues: CueMatcher | undefined;
  /** Cues in the languages the model cannot read: they order its (capped) guesses. */
  readonly otherCues: CueMatcher | undefined;
  readonly logPriors: ReadonlyMap<RouteId, number>;
}

export function createClassifier(options: ClassifierOptions = {}): BuiltClassifier {
  const calibration = options.calibration ?? CALIBRATION;
  const weights = options.features ?? DEFAULT_FEATURE_WEIGHTS;
  let built: Built | undefined;
  let buildMs = 0;

  function build(): Built {
    if (built) return built;
    const started = performance.now();
    const bundled = trainingExamples();
    const models = new Map<TrainingLanguage, LanguageModel>();
    const corpora: Record<string, string[]> = {};
    const vocabulary = trainingVocabulary();
    for (const lang of TRAINING_LANGUAGES) {
      // The detector alone decides emergencies; its examples are there to test it, not to route.
      const examples = (options.examples?.[lang] ?? bundled[lang]).filter(
        (e) => e.route !== 'emergency',
      );
      if (examples.length === 0) continue;
      const stop = stopwords(lang);
      const labels = [...new Set(examples.map((e) => e.route))];
      const docs = examples.map((e) => ({
        label: e.route,
        features: featurize(tokenize(e.text), stop, weights),
      }));
      const model = new ComplementNB(labels, docs, options.alpha);
      models.set(lang, {
        lang,
        model,
        stop,
        cues: createCueMatcher(lang, vocabulary),
        precedence: cuePrecedence(lang),
        tokens: new Map(),
        pairs: pairIndex(model),
      });
      corpora[lang] = examples.map((e) => e.text);
    }
    const lexicons: Record<string, string[]> = {};
    for (const lexicon of emergencyLexicons()) {
      const words = new Set<string>();
      for (const list of [lexicon.alarm, lexicon.cry, lexicon.danger]) {
        for (const source of list) {
          for (const w of tokenize(source.replace(/[|_*]/g, ' '))) if (w.length > 3) words.add(w);
        }
      }
      lexicons[lexicon.lang] = [...words];
    }
    built = {
      models,
      language: createLanguageIdentifier({ corpora, lexicons }),
      detect: sharedDetector(),
      englishCues: models.get('en')?.cues,
      otherCues: createCueMatcher('other', vocabulary),
      logPriors: routeLogPriors(),
    };
    buildMs = performance.now() - started;
    return built;
  }

  /**
   * Runs a sample of the training examples through the whole path once, so the first people to
   * write after start-up do not pay for the JIT compiler and empty word caches.
   */
  function warmUp(b: Built): void {
    const started = performance.now();
    // Every word of the training data gets its table entries now (a few thousand words).
    const vocabulary = trainingVocabulary();
    for (const m of b.models.values()) for (const w of vocabulary) tokenFeatures(m, w);
    b.language.prime(vocabulary);
    b.detect.prime(vocabulary);
    const bundled = trainingExamples();
    for (const lang of TRAINING_LANGUAGES) {
      const examples = bundled[lang];
      const step = Math.max(1, Math.floor(examples.length / WARM_EXAMPLES));
      for (let i = 0; i < examples.length; i += step) {
        const p = prepare(examples[i]?.text ?? '');
        const language = b.language.identify(p.raw);
        b.detect.detectPrepared(p);
        routesFor(p, language, b);
      }
    }
    buildMs += performance.now() - started;
  }

  /** A token's features for one model, computed once and kept (bounded). */
  function tokenFeatures(m: LanguageModel, t: string): TokenFeatures {
    const hit = m.tokens.get(t);
    if (hit) return hit;
    const content = !m.stop.has(t);
    const rows: FeatureRow[] = [];
    const ws: number[] = [];
    let known = false;
    if (content) {
      // The same features `featurize` counts for a content word, minus the pairs.
      for (const [key, w] of featurize([t], m.stop, weights)) {
        const row = m.model.row(key);
        if (!row) continue;
        if (key.startsWith('w:')) known = true;
        rows.push(row);
        ws.push(w);
      }
    }
    const out: TokenFeatures = { content, known, rows, weights: ws, pairs: m.pairs.get(t) };
    if (m.tokens.size >= TOKEN_CACHE_LIMIT) m.tokens.clear();
    m.tokens.set(t, out);
    return out;
  }

  /** How much of a message a model can read: content words, and the share of them it knows. */
  function coverageOf(m: LanguageModel, tokens: readonly string[]) {
    let content = 0;
    let known = 0;
    for (const t of tokens) {
      const f = tokenFeatures(m, t);
      if (!f.content) continue;
      content++;
      if (f.known) known++;
    }
    return { content, coverage: content === 0 ? 0 : known / content };
  }

  /** Counts the message's features into the model: the same as `featurize`, without string maps. */
  function countFeatures(m: LanguageModel, tokens: readonly string[]): number {
    let counted = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] ?? '';
      const f = tokenFeatures(m, t);
      if (f.content) {
        for (let j = 0; j < f.rows.length; j++) {
          m.model.count(f.rows[j] as FeatureRow, f.weights[j] ?? 0);
          counted++;
        }
      }
      const next = tokens[i + 1];
      if (next !== undefined && f.pairs && (f.content || !m.stop.has(next))) {
        const row = f.pairs.get(next);
        if (row) {
          m.model.count(row, weights.bigram);
          counted++;
        }
      }
    }
    return counted;
  }

  function routesFor(p: Prepared, language: LanguageGuess, b: Built): RouteScore[] {
    const tokens = clip(p.tokens);
    const squeezed = clip(p.squeezed);
    if (tokens.length === 0 || b.models.size === 0) return [];
    // The model of the language identified, or — for a language it cannot read — the one that
    // recognises most of the words, whose answer is then capped below "plausible".
    let chosen: LanguageModel | undefined;
    let found: ReturnType<typeof coverageOf> | undefined;
    const preferred = b.models.get(language.code as TrainingLanguage);
    for (const m of preferred ? [preferred] : b.models.values()) {
      const f = coverageOf(m, tokens);
      if (!chosen || !found || f.coverage > found.coverage) {
        chosen = m;
        found = f;
      }
    }
    if (!chosen || !found) return [];
    const coverage = found.coverage;
    const counted = countFeatures(chosen, tokens);
    const vector = chosen.model.vector();
    if (found.content === 0 && counted === 0) return [];
    const scores = chosen.model.scoreVector(vector);
    chosen.model.labels.forEach((route, i) => {
      scores[i] = (scores[i] ?? 0) + calibration.priorWeight * (b.logPriors.get(route) ?? -8);
    });
    const cues: CueMatch[] = [];
    const own = chosen.cues?.(tokens, squeezed) ?? [];
    const english = chosen.lang !== 'en' && b.englishCues ? b.englishCues(tokens, squeezed) : [];
    const halved = subordinate([...own, ...english], chosen.precedence);
    const addCues = (matches: readonly CueMatch[], weight: number) => {
      for (const cue of matches) {
        const i = chosen.model.labels.indexOf(cue.route);
        if (i < 0) continue;
        const w = weight * cue.weight * (halved.has(cue.route) ? 0.5 : 1);
        scores[i] = (scores[i] ?? 0) + w;
        cues.push(cue);
      }
    };
    addCues(own, calibration.cueWeight);
    addCues(english, calibration.foreignCueWeight);
    if (!language.supported && b.otherCues) {
      addCues(b.otherCues(tokens, squeezed), calibration.cueWeight);
    }
    const probs = softmax(scores, calibration.temperature);
    // Few recognised words: the model is guessing from fragments, so say so in the confidence.
    const coverageFactor = coverage === 0 ? 0.2 : Math.min(1, 0.5 + coverage);
    const supported = language.supported;
    const ranked = top(probs, MAX_ROUTES);
    const out: RouteScore[] = [];
    for (const { p, i } of ranked) {
      const route = chosen.model.labels[i];
      if (!route) continue;
      let confidence = p * coverageFactor;
      if (!supported) confidence = Math.min(confidence * 0.5, UNSUPPORTED_CEILING);
      if (out.length > 0 && confidence < MIN_ROUTE_CONFIDENCE) break;
      const evidence = [
        ...cues.filter((c) => c.route === route).map((c) => c.words),
        ...chosen.model.contributionsOf(vector, route, 8).map((c) => c.feature.slice(2)),
      ]
        .filter((w, j, all) => all.indexOf(w) === j)
        .slice(0, 4);
      out.push({ route, confidence: Math.round(confidence * 1000) / 1000, evidence });
    }
    return out;
  }

  const classifier: BuiltClassifier = {
    classify(text: string, opts?: { readonly locale?: string }): Classification {
      const b = build();
      // One normalisation for the detector and the route model (and cached: the machine runs the
      // detector on the same text just before).
      const p = prepare(text);
      const emergency = b.detect.detectPrepared(p);
      const language = b.language.identify(text, opts?.locale);
      return { language, routes: routesFor(p, language, b), emergency };
    },
    buildMs: () => buildMs,
    warm: () => {
      if (built) return;
      warmUp(build());
    },
    detectEmergency: (text: string) => build().detect(text),
  };
  return classifier;
}

/** The `n` largest entries, largest first, without sorting them all. */
function top(values: Float64Array, n: number): { p: number; i: number }[] {
  const out: { p: number; i: number }[] = [];
  for (let i = 0; i < values.length; i++) {
    const p = values[i] as number;
    if (out.length === n && p <= (out[n - 1] as { p: number }).p) continue;
    let at = out.length;
    while (at > 0 && (out[at - 1] as { p: number }).p < p) at--;
    out.splice(at, 0, { p, i });
    if (out.length > n) out.pop();
  }
  return out;
}

/** The model's word-pair features indexed by their first word, so no key is built per message. */
function pairIndex(model: ComplementNB<RouteId>): Map<string, Map<string, FeatureRow>> {
  const out = new Map<string, Map<string, FeatureRow>>();
  for (const row of model.rows()) {
    if (!row.key.startsWith('b:')) continue;
    const [first, second] = row.key.slice(2).split(' ');
    if (first === undefined || second === undefined) continue;
    let inner = out.get(first);
    if (!inner) {
      inner = new Map();
      out.set(first, inner);
    }
    inner.set(second, row);
  }
  return out;
}

/** Routes whose cues count half because a route that takes precedence has a strong cue. */
function subordinate(cues: readonly CueMatch[], precedence: Precedence): ReadonlySet<RouteId> {
  const total = new Map<RouteId, number>();
  for (const c of cues) total.set(c.route, (total.get(c.route) ?? 0) + c.weight);
  const out = new Set<RouteId>();
  for (const [route, sum] of total) {
    if (sum < STRONG_CUE) continue;
    for (const under of precedence.get(route) ?? []) out.add(under);
  }
  return out;
}

const STRONG_CUE = 2;

/**
 * What routes a message is in its opening and its end; the middle of a very long paste adds time,
 * not information. (The emergency detector always reads every word.)
 */
const HEAD_TOKENS = 300;
const TAIL_TOKENS = 100;
function clip(tokens: readonly string[]): readonly string[] {
  if (tokens.length <= HEAD_TOKENS + TAIL_TOKENS) return tokens;
  return [...tokens.slice(0, HEAD_TOKENS), ...tokens.slice(-TAIL_TOKENS)];
}

let shared: BuiltClassifier | undefined;

/** The process-wide classifier, built on first use. */
export const defaultClassifier: BuiltClassifier = {
  classify: (text, opts) => (shared ??= createClassifier()).classify(text, opts),
  buildMs: () => shared?.buildMs() ?? 0,
  warm: () => {
    (shared ??= createClassifier()).warm();
  },
  detectEmergency: (text) => (shared ??= createClassifier()).detectEmergency(text),
};

export { detectEmergency } from './emergency';
