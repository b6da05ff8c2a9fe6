import { z } from 'zod';
import textspeakData from '../data/textspeak.json';

/**
 * One normaliser for everything the classifier and the emergency detector compare: the person's
 * message, the training examples and the emergency vocabulary all pass through it, so a rewrite that
 * is imperfect for some language is at least applied identically on both sides of every comparison.
 *
 * Why each step:
 * - NFKC then lower case: full-width and compatibility forms (phone keyboards) become plain letters.
 * - Latin/Greek/Cyrillic combining accents are dropped (people type "zlodziej" for "złodziej",
 *   "ty" for "tŷ"), but only the U+0300–036F block: in Indic scripts vowel signs are combining marks
 *   and carry meaning.
 * - Arabic-script letters that people and keyboards use interchangeably (Arabic/Urdu kaf and yeh,
 *   the heh forms, hamza carriers) are unified and short-vowel marks removed.
 * - Every script's digits become ASCII, so "٩٩٩" and "৯৯৯" are 999.
 * - English contractions are expanded while the apostrophe is still there ("I'll" → "i will", never
 *   "ill"); other apostrophes are dropped, joining the word ("mae'n" → "maen", as Welsh is texted).
 * - Letters repeated three or more times are cut to two ("pleeease", "helppp" → "pleease", "helpp");
 *   `squeeze` goes further for fuzzy vocabulary matching.
 * - Text-speak and apostrophe-less contractions are expanded from data (triage/data/textspeak.json).
 */

const TextspeakSchema = z.object({ tokens: z.record(z.string(), z.string()) });
const TEXTSPEAK: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(TextspeakSchema.parse(textspeakData).tokens).map(([k, v]) => [k, v.split(' ')]),
);

/** Code points of the digit zero in scripts whose digits we fold to ASCII. */
const DIGIT_ZEROS = [0x660, 0x6f0, 0x966, 0x9e6, 0xa66, 0xae6, 0xbe6, 0xff10];

const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ł: 'l',
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  đ: 'd',
  ı: 'i',
  œ: 'oe',
  þ: 'th',
  // Arabic script: hamza carriers and alef forms, Arabic vs Persian/Urdu kaf and yeh, heh forms.
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ی',
  ي: 'ی',
  ئ: 'ی',
  ك: 'ک',
  ة: 'ه',
  ہ: 'ه',
  ۃ: 'ه',
  ھ: 'ه',
  ۂ: 'ه',
  ؤ: 'و',
};
const FOLD_RE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');
const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4\u2032]/g;
/** Arabic short-vowel and Quranic marks, and the tatweel stretch (checked by code point). */
const ARABIC_MARK_RANGES: readonly (readonly [number, number])[] = [
  [0x64b, 0x65f],
  [0x670, 0x670],
  [0x640, 0x640],
  [0x6d6, 0x6ed],
];
const isArabicMark = (ch: string): boolean => {
  const cp = ch.codePointAt(0) ?? 0;
  return ARABIC_MARK_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
};
const MARK_OR_TATWEEL = /[\p{Mn}\u0640]/gu;
const DIGITS =
  /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f\u0ae6-\u0aef\u0be6-\u0bef\uff10-\uff19]/g;

function foldDigit(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  for (const zero of DIGIT_ZEROS) {
    if (cp >= zero && cp <= zero + 9) return String(cp - zero);
  }
  return ch;
}

/**
 * Lower-cased, accent-folded text with punctuation kept (the detector splits clauses on it).
 * Apostrophes are normalised to ' but not yet removed.
 */
const ASCII = /^[\t-\x7f]*$/;

/**
 * Emoji that name a danger, read as their word: someone too frightened to type may send "🆘", or
 * "he has a 🔪", and the tokenizer would otherwise drop them as punctuation. Only the unambiguous
 * ones (not 🔥 or 🚨, which people use for "great" and "news"). The words are English, so the
 * English patterns read them ("he has a 🔪"); in another language's sentence only 🆘 (SOS is
 * international) is understood for now ("on ma 🔪" in Polish is not).
 */
const EMOJI_WORDS: Readonly<Record<string, string>> = {
  '\u{1F198}': 'sos', // 🆘
  '\u{1F52A}': 'knife', // 🔪
  '\u{1F5E1}': 'knife', // 🗡 dagger
  '\u{1F52B}': 'gun', // 🔫
  '\u{1FA78}': 'blood', // 🩸
  '\u{1F691}': 'ambulance', // 🚑
};
const EMOJI = /[\u{1F198}\u{1F52A}\u{1F5E1}\u{1F52B}\u{1FA78}\u{1F691}]\uFE0F?/gu;

export function foldText(text: string): string {
  // Plain ASCII (most messages) has nothing to compose, fold or unify: only the case.
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .replace(EMOJI, (ch) => ` ${EMOJI_WORDS[ch.replace('\uFE0F', '')] ?? ''} `)
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(FOLD_RE, (ch) => LETTER_FOLDS[ch] ?? ch)
    .replace(MARK_OR_TATWEEL, (ch) => (isArabicMark(ch) ? '' : ch))
    .replace(DIGITS, foldDigit)
    .replace(APOSTROPHES, "'");
}

const CONTRACTIONS: readonly (readonly [RegExp, string])[] = [
  [/\bcan'?t\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/\bshan't\b/g, 'shall not'],
  [/\bain't\b/g, 'is not'],
  [/(\p{L})n't\b/gu, '$1 not'],
  [/(\p{L})'re\b/gu, '$1 are'],
  [/\bi'm\b/g, 'i am'],
  [/(\p{L})'ll\b/gu, '$1 will'],
  [/(\p{L})'ve\b/gu, '$1 have'],
  [/\b(i|you|he|she|we|they)'d\b/g, '$1 would'],
  // Welsh: "'n" and "'r" are always "yn" and "yr" ("mae'n", "gyrru'n", "i'r", "o'r").
  [/(\p{L})'n\b/gu, '$1 yn'],
  [/(\p{L})'r\b/gu, '$1 yr'],
];

const SPLIT = /[^\p{L}\p{M}\p{N}]+/u;
const HAN = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/gu;

/** Whether any character is immediately repeated (the regexes below only matter then). */
function hasRepeat(token: string): boolean {
  for (let i = 1; i < token.length; i++) if (token[i] === token[i - 1]) return true;
  return false;
}

/** Runs of 3+ identical letters cut to two. */
function trimRuns(token: string): string {
  return hasRepeat(token) ? token.replace(/(\p{L})\1{2,}/gu, '$1$1') : token;
}

/** Every run of a repeated letter cut to one: "stabbbed", "stabed" and "stabbed" all become "stabed". */
export function squeeze(token: string): string {
  return hasRepeat(token) ? token.replace(/(\p{L})\1+/gu, '$1') : token;
}

/** Expands one already-folded word through the text-speak table. */
function expand(word: string, out: string[]): void {
  const trimmed = trimRuns(word);
  const mapped = TEXTSPEAK.get(trimmed);
  if (mapped) out.push(...mapped);
  else out.push(trimmed);
}

/** Splits folded text into normalised tokens. Exposed so callers that already folded can reuse it. */
export function tokensOfFolded(folded: string): string[] {
  let s = folded;
  // Every contraction but "cant" needs an apostrophe, and "cant" is also in the text-speak table.
  if (s.includes("'")) {
    for (const [re, rep] of CONTRACTIONS) s = s.replace(re, rep);
    s = s.replace(/'/g, '');
  }
  // Han and kana are written without spaces: one token per character keeps phrase matching uniform.
  if (!ASCII.test(s)) s = s.replace(HAN, ' $1 ');
  const out: string[] = [];
  for (const word of s.split(SPLIT)) {
    if (word) expand(word, out);
  }
  return out;
}

/** The normalised word tokens of a message. */
export function tokenize(text: string): string[] {
  return tokensOfFolded(foldText(text));
}

/**
 * Tokens with the clause each belongs to. Clauses end at sentence punctuation and line breaks, so a
 * past-tense "yesterday" in one sentence does not excuse "he has a knife" in the next.
 */
export interface ClauseToken {
  readonly token: string;
  readonly clause: number;
}

export function clauseTokens(folded: string): ClauseToken[] {
  const out: ClauseToken[] = [];
  const parts = folded.split(/[.!?;:\n\r\u3002\uff01\uff1f\u061f\u0964\u06d4]+/u);
  parts.forEach((part, clause) => {
    for (const token of tokensOfFolded(part)) out.push({ token, clause });
  });
  return out;
}

/** A message normalised once for the detector, the language identifier and the route model. */
export interface Prepared {
  /** The text after NFKC (full-width letters are plain), case kept: "HELP!!" is read from it. */
  readonly raw: string;
  readonly folded: string;
  /** Normalised tokens, as `tokenize` gives them. */
  readonly tokens: readonly string[];
  /** The same tokens with repeated letters squeezed, for vocabulary matching. */
  readonly squeezed: readonly string[];
  /** Clause number of each token. */
  readonly clauses: readonly number[];
}

const PREPARED_CACHE = 64;
const PREPARED_MAX_CHARS = 4000;
const prepared = new Map<string, Prepared>();

/**
 * Normalises a message once. The conversation machine runs the detector and then the classifier on
 * the same text, so the last few results are kept.
 */
export function prepare(text: string): Prepared {
  const hit = prepared.get(text);
  if (hit) return hit;
  const raw = text.normalize('NFKC');
  const folded = foldText(raw);
  const ct = clauseTokens(folded);
  const tokens = ct.map((t) => t.token);
  const out: Prepared = {
    raw,
    folded,
    tokens,
    squeezed: tokens.map(squeeze),
    clauses: ct.map((t) => t.clause),
  };
  if (text.length <= PREPARED_MAX_CHARS) {
    if (prepared.size >= PREPARED_CACHE) {
      const oldest = prepared.keys().next();
      if (!oldest.done) prepared.delete(oldest.value);
    }
    prepared.set(text, out);
  }
  return out;
}
