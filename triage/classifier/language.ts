import { z } from 'zod';
import profilesData from '../data/language/profiles.json';
import type { LanguageGuess } from '../types';
import { foldText } from './normalise';

/**
 * Embedded, offline language identification (the Azure analyser replaces it when configured).
 *
 * 1. Script first: most of the languages we must recognise have their own script, and within a
 *    script a handful of letters decide (Urdu ے ں ٹ vs Arabic ة ي; Ukrainian і ї є vs Russian ы э).
 * 2. Latin script: a character 1–3-gram naive Bayes over each language's profile (sample text,
 *    function words, and for the routed languages their whole training set), plus a bonus for
 *    function words and for words from that language's emergency vocabulary, so a single "pomocy"
 *    or "bachao" is still placed.
 * 3. A message too short to tell ("hi", "help", "ok") keeps the conversation's language if that is
 *    at all plausible.
 */

const ProfilesSchema = z.object({
  latin: z.record(z.string(), z.object({ stopwords: z.string(), sample: z.string() })),
  romanised: z.array(z.string()),
});

/** Languages whose messages the route classifier can read. */
export const ROUTED_LANGUAGES: readonly string[] = ['en', 'cy', 'pl'];

export interface LanguageIdentifier {
  identify(text: string, locale?: string): LanguageGuess;
  /** Computes the per-word tables for these words now (start-up), not on first sight. */
  prime(words: Iterable<string>): void;
}

export interface LanguageIdentifierOptions {
  /** Extra text per language (the route training data), added to the Latin profiles. */
  readonly corpora?: Readonly<Record<string, readonly string[]>>;
  /** Words known to belong to a language (its emergency vocabulary). */
  readonly lexicons?: Readonly<Record<string, readonly string[]>>;
}

interface LatinModel {
  readonly code: string;
  readonly grams: Map<string, number>;
  readonly total: number;
  readonly words: ReadonlySet<string>;
  readonly lexicon: ReadonlySet<string>;
}

const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  ['Arabic', /\p{Script=Arabic}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Gurmukhi', /\p{Script=Gurmukhi}/u],
  ['Bengali', /\p{Script=Bengali}/u],
  ['Gujarati', /\p{Script=Gujarati}/u],
  ['Tamil', /\p{Script=Tamil}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Han', /\p{Script=Han}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Latin', /\p{Script=Latin}/u],
];

const SCRIPT_LANGUAGE: Readonly<Record<string, string>> = {
  Gurmukhi: 'pa',
  Bengali: 'bn',
  Gujarati: 'gu',
  Tamil: 'ta',
  Devanagari: 'hi',
  Han: 'zh',
  Kana: 'ja',
  Hangul: 'ko',
  Greek: 'el',
  Hebrew: 'he',
  Thai: 'th',
};

const URDU_LETTERS =
  /[\u0679\u0688\u0691\u06ba\u06d2\u06d3\u06be\u06c1\u06c2\u06c3\u06cc\u06a9\u06af]/gu;
const ARABIC_LETTERS = /[\u0629\u064a\u0643\u0649]/gu;
const UKRAINIAN_LETTERS = /[іїєґ]/giu;
const RUSSIAN_LETTERS = /[ыэъё]/giu;

const SHORT_LETTERS = 12;
const SAMPLE_CHARS = 800;
/** How much one function word, and one emergency word, count against the per-gram likelihood. */
const STOPWORD_WEIGHT = 1.2;
const LEXICON_WEIGHT = 1.5;
const TEMPERATURE = 4;

const WORD_SPLIT = /[^\p{L}\p{N}']+/u;
const ASCII = /^[\t-\x7f]*$/;
const ASCII_LETTER = /[a-z]/i;
const ASCII_WORD_SPLIT = /[^a-z0-9']+/;
const WORD_CACHE_LIMIT = 20_000;

/** A gram of up to three UTF-16 units as one exact number (length, then each unit). */
function gramKey(text: string, from: number, to: number): number {
  let key = to - from;
  for (let i = from; i < to; i++) key = key * 65536 + text.charCodeAt(i);
  return key;
}

function grams(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(WORD_SPLIT)) {
    if (!word) continue;
    const padded = ` ${word} `;
    for (let n = 1; n <= 3; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        const g = padded.slice(i, i + n);
        if (g !== ' ') out.push(g);
      }
    }
  }
  return out;
}

function words(text: string, ascii = false): string[] {
  return foldText(text)
    .replace(/'/g, '')
    .split(ascii ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function createLanguageIdentifier(
  options: LanguageIdentifierOptions = {},
): LanguageIdentifier {
  const profiles = ProfilesSchema.parse(profilesData);
  const models: LatinModel[] = [];
  const allGrams = new Set<string>();
  for (const [code, profile] of Object.entries(profiles.latin)) {
    const counts = new Map<string, number>();
    let total = 0;
    const add = (text: string, weight: number) => {
      for (const g of grams(text.toLowerCase())) {
        counts.set(g, (counts.get(g) ?? 0) + weight);
        total += weight;
        allGrams.add(g);
      }
    };
    add(profile.sample, 1);
    add(profile.stopwords, 1);
    const corpus = options.corpora?.[code] ?? [];
    // A large corpus must not drown the samples of the languages that only have a paragraph.
    const corpusWeight = corpus.length > 0 ? Math.min(1, 60 / corpus.length) : 0;
    for (const line of corpus) add(line, corpusWeight);
    const lexicon = new Set<string>();
    for (const w of options.lexicons?.[code] ?? []) lexicon.add(w);
    models.push({ code, grams: counts, total, words: new Set(words(profile.stopwords)), lexicon });
  }
  const vocabulary = allGrams.size + 1;
  // One look-up per gram at run time: each gram's log-probability under every model, precomputed.
  const unseen = Float64Array.from(models, (m) => Math.log(0.5 / (m.total + 0.5 * vocabulary)));
  const logProb = new Map<string, Float64Array>();
  // The same table keyed by number (see gramKey) over one flat array: no string per gram at run
  // time, which is most of the cost of a word seen for the first time.
  const gramIndex = new Map<number, number>();
  const flat = new Float64Array(allGrams.size * models.length);
  let offset = 0;
  for (const g of allGrams) {
    const row = Float64Array.from(models, (m) =>
      Math.log(((m.grams.get(g) ?? 0) + 0.5) / (m.total + 0.5 * vocabulary)),
    );
    logProb.set(g, row);
    flat.set(row, offset);
    gramIndex.set(gramKey(g, 0, g.length), offset);
    offset += models.length;
  }

  // Lexicon words that several Latin languages share ("ayuda" is not only Spanish) say nothing.
  const owners = new Map<string, number>();
  for (const m of models) for (const w of m.lexicon) owners.set(w, (owners.get(w) ?? 0) + 1);

  // Words repeat across messages: each word's summed gram log-probabilities and its function-word
  // and vocabulary bonus are computed once (bounded caches).
  const gramCache = new Map<string, { readonly ll: Float64Array; readonly n: number }>();
  const bonusCache = new Map<string, Float64Array>();
  const modelCount = models.length;
  const gramsOf = (word: string) => {
    let hit = gramCache.get(word);
    if (!hit) {
      const ll = new Float64Array(modelCount);
      let n = 0;
      const addKey = (key: number) => {
        const at = gramIndex.get(key);
        if (at === undefined) {
          for (let i = 0; i < modelCount; i++) ll[i] = (ll[i] as number) + (unseen[i] as number);
        } else {
          for (let i = 0; i < modelCount; i++) ll[i] = (ll[i] as number) + (flat[at + i] as number);
        }
        n++;
      };
      if (WORD_SPLIT.test(word)) {
        for (const g of grams(word)) addKey(gramKey(g, 0, g.length));
      } else {
        // The grams `grams` would give for one word, as numbers, without building strings.
        const padded = ` ${word} `;
        const last = padded.length - 1;
        for (let i = 1; i < last; i++) addKey(gramKey(padded, i, i + 1));
        for (let len = 2; len <= 3; len++) {
          for (let i = 0; i + len <= padded.length; i++) addKey(gramKey(padded, i, i + len));
        }
      }
      hit = { ll, n };
      if (gramCache.size >= WORD_CACHE_LIMIT) gramCache.clear();
      gramCache.set(word, hit);
    }
    return hit;
  };
  const bonusOf = (word: string) => {
    let hit = bonusCache.get(word);
    if (!hit) {
      hit = new Float64Array(modelCount);
      const unique = owners.get(word) === 1;
      for (let i = 0; i < modelCount; i++) {
        const m = models[i] as LatinModel;
        let bonus = 0;
        if (m.words.has(word)) bonus += STOPWORD_WEIGHT;
        if (unique && m.lexicon.has(word)) bonus += LEXICON_WEIGHT;
        hit[i] = bonus;
      }
      if (bonusCache.size >= WORD_CACHE_LIMIT) bonusCache.clear();
      bonusCache.set(word, hit);
    }
    return hit;
  };

  function latin(text: string, locale: string | undefined): LanguageGuess {
    const lower = text.toLowerCase();
    // The Unicode-class splits give the same words on plain ASCII, more slowly.
    const ascii = ASCII.test(text);
    const ws = words(text, ascii);
    const ll = new Float64Array(models.length);
    let gramCount = 0;
    for (const word of lower.split(ascii ? ASCII_WORD_SPLIT : WORD_SPLIT)) {
      if (!word) continue;
      const g = gramsOf(word);
      gramCount += g.n;
      for (let i = 0; i < ll.length; i++) ll[i] = (ll[i] ?? 0) + (g.ll[i] ?? 0);
    }
    if (gramCount === 0) return fallback(locale);
    const bonus = new Float64Array(models.length);
    for (const w of ws) {
      const b = bonusOf(w);
      for (let i = 0; i < bonus.length; i++) bonus[i] = (bonus[i] ?? 0) + (b[i] ?? 0);
    }
    // Per-gram likelihood, so long and short messages are on one scale.
    const scores = models.map(
      (_m, mi) => (ll[mi] ?? 0) / gramCount + (bonus[mi] ?? 0) / Math.max(ws.length, 1),
    );
    const best = Math.max(...scores);
    const exps = scores.map((s) => Math.exp((s - best) * TEMPERATURE * Math.sqrt(ws.length)));
    const sum = exps.reduce((a, b) => a + b, 0);
    let top = 0;
    exps.forEach((e, i) => {
      if (e > (exps[top] ?? 0)) top = i;
    });
    const code = models[top]?.code ?? 'und';
    const confidence = (exps[top] ?? 0) / sum;
    if (locale && lower.replace(/[^\p{L}]/gu, '').length < SHORT_LETTERS) {
      // Too short to weigh n-grams: only a word that belongs to one language alone ("diolch",
      // "pomocy") moves away from the conversation's language; "help", "hi" and "ok" do not.
      const votes = new Set<string>();
      for (const w of ws) {
        const owners = models.filter((m) => m.words.has(w) || m.lexicon.has(w));
        if (owners.length === 1 && owners[0]) votes.add(owners[0].code);
      }
      const only = votes.size === 1 ? [...votes][0] : undefined;
      if (only && only !== locale) return guess(only, 0.7);
      return guess(locale, Math.max(0.6, code === locale ? confidence : 0));
    }
    return guess(code, confidence);
  }

  return {
    prime(ws: Iterable<string>): void {
      for (const w of ws) {
        gramsOf(w.toLowerCase());
        bonusOf(w);
      }
    },
    identify(raw: string, locale?: string): LanguageGuess {
      // A few hundred characters settle the language; a 10,000-character paste need not be read
      // whole. NFKC first, so full-width letters are plain Latin.
      const text = raw.slice(0, SAMPLE_CHARS).normalize('NFKC');
      // Plain ASCII (most messages): Latin if it has a letter at all, no per-character census.
      if (ASCII.test(text)) return ASCII_LETTER.test(text) ? latin(text, locale) : fallback(locale);
      const counts = new Map<string, number>();
      let letters = 0;
      for (const ch of text) {
        const script = scriptOf(ch);
        if (script === undefined) continue;
        letters++;
        if (script !== '') counts.set(script, (counts.get(script) ?? 0) + 1);
      }
      if (letters === 0) return fallback(locale);
      let script = 'Latin';
      let most = 0;
      for (const [s, n] of counts) {
        if (n > most) {
          most = n;
          script = s;
        }
      }
      if (script === 'Latin') return latin(text, locale);
      const share = most / letters;
      const confidence = Math.min(0.99, 0.5 + share / 2);
      if (script === 'Arabic') {
        const urdu = (text.match(URDU_LETTERS) ?? []).length;
        const arabic = (text.match(ARABIC_LETTERS) ?? []).length;
        return guess(urdu > arabic ? 'ur' : 'ar', confidence * (urdu === arabic ? 0.8 : 1));
      }
      if (script === 'Cyrillic') {
        const uk = (text.match(UKRAINIAN_LETTERS) ?? []).length;
        const ru = (text.match(RUSSIAN_LETTERS) ?? []).length;
        return guess(uk > ru ? 'uk' : 'ru', confidence * (uk === ru ? 0.8 : 1));
      }
      if (script === 'Han' && counts.has('Kana')) return guess('ja', confidence);
      return guess(SCRIPT_LANGUAGE[script] ?? 'und', confidence);
    },
  };
}

/** Code-point ranges of the common scripts, checked before falling back to Unicode regexes. */
const SCRIPT_RANGES: readonly (readonly [number, number, string])[] = [
  [0x41, 0x5a, 'Latin'],
  [0x61, 0x7a, 'Latin'],
  [0xc0, 0x24f, 'Latin'],
  [0x370, 0x3ff, 'Greek'],
  [0x400, 0x52f, 'Cyrillic'],
  [0x590, 0x5ff, 'Hebrew'],
  [0x600, 0x6ff, 'Arabic'],
  [0x900, 0x97f, 'Devanagari'],
  [0x980, 0x9ff, 'Bengali'],
  [0xa00, 0xa7f, 'Gurmukhi'],
  [0xa80, 0xaff, 'Gujarati'],
  [0xb80, 0xbff, 'Tamil'],
  [0xe00, 0xe7f, 'Thai'],
  [0x1e00, 0x1eff, 'Latin'],
  [0x3040, 0x30ff, 'Kana'],
  [0x4e00, 0x9fff, 'Han'],
  [0xac00, 0xd7af, 'Hangul'],
];

/**
 * The script of a character: a name, '' for a letter of another script, undefined for anything
 * that is not a letter. Only letters count towards the script shares, exactly as before.
 */
function scriptOf(ch: string): string | undefined {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x41) return undefined;
  if (cp <= 0x7a && (cp <= 0x5a || cp >= 0x61)) return 'Latin';
  for (const [lo, hi, name] of SCRIPT_RANGES) {
    if (cp < lo) break;
    if (cp <= hi) return LETTER.test(ch) ? name : undefined;
  }
  if (!LETTER.test(ch)) return undefined;
  for (const [script, re] of SCRIPTS) if (re.test(ch)) return script;
  return '';
}
const LETTER = /\p{L}/u;

function guess(code: string, confidence: number): LanguageGuess {
  return {
    code,
    confidence: Math.round(confidence * 1000) / 1000,
    supported: ROUTED_LANGUAGES.includes(code),
  };
}

function fallback(locale: string | undefined): LanguageGuess {
  return locale ? guess(locale, 0.5) : { code: 'und', confidence: 0, supported: false };
}
