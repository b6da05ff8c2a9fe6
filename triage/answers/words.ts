import type { Message, MessageParam } from '../types';
import type { AnswerValue, ParseResult } from './types';

/** Lower case, accents and apostrophes gone, punctuation kept: for parsers that need ':' and '/'. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/[’‘`´']/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `fold`, then anything that is not a letter or digit becomes a single space. */
export function simplify(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function ok(value: AnswerValue): ParseResult {
  return { ok: true, value };
}

export function fail(key: string, params?: Readonly<Record<string, MessageParam>>): ParseResult {
  const error: Message = params ? { key: `answers:${key}`, params } : { key: `answers:${key}` };
  return { ok: false, error };
}

/** Levenshtein distance, capped: returns max + 1 as soon as it is certain to exceed `max`. */
export function distance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/** How many typing slips a word of this length may carry and still be recognised. */
export function allowedSlips(length: number): number {
  if (length >= 8) return 2;
  if (length >= 4) return 1;
  return 0;
}

/**
 * Phrases that mean "I can't or won't answer this", whole-message, in every UI language, after
 * `simplify`. Deliberately excludes bare "no" and "none": those are answers to some questions.
 */
const SKIP_PHRASES = [
  'skip',
  'skip it',
  'skip this',
  'skip this one',
  'skip question',
  'pass',
  'dont know',
  'do not know',
  'i dont know',
  'i do not know',
  'idk',
  'dunno',
  'i dunno',
  'no idea',
  'not sure',
  'im not sure',
  'i am not sure',
  'unknown',
  'cant remember',
  'can not remember',
  'cannot remember',
  'i cant remember',
  'dont remember',
  'i dont remember',
  'prefer not to say',
  'id prefer not to say',
  'i would prefer not to say',
  'rather not say',
  'id rather not say',
  'i would rather not say',
  'not applicable',
  'n a',
  // Welsh
  'dim syniad',
  'ddim yn gwybod',
  'dwi ddim yn gwybod',
  'dw i ddim yn gwybod',
  'sain gwybod',
  'sai n gwybod',
  'wn i ddim',
  'ddim yn siwr',
  'dwi ddim yn siwr',
  'ddim yn cofio',
  'dwi ddim yn cofio',
  'hepgor',
  'sgipio',
  'gwell gen i beidio',
  'gwell gen i beidio a dweud',
  'gwell gennyf beidio a dweud',
  'amherthnasol',
  // Polish
  'nie wiem',
  'pomin',
  'pominac',
  'pomijam',
  'nie pamietam',
  'wole nie mowic',
  'wole nie podawac',
  'wolalbym nie mowic',
  'wolalabym nie mowic',
  'nie jestem pewien',
  'nie jestem pewna',
  'nie dotyczy',
  'trudno powiedziec',
  'brak danych',
];
const SKIP_SET = new Set(SKIP_PHRASES);

/** Words that may follow a skip phrase without making it an answer: "don't know the reg". */
const SKIP_TAIL = new Set([
  'the',
  'a',
  'their',
  'his',
  'her',
  'its',
  'of',
  'it',
  'that',
  'this',
  'them',
  'him',
  'when',
  'where',
  'who',
  'what',
  'exactly',
  'really',
  'sorry',
  'reg',
  'registration',
  'number',
  'plate',
  'time',
  'date',
  'day',
  'name',
  'address',
  'postcode',
  'place',
  'sorry',
  'i',
  'am',
  'afraid',
  'to',
  'be',
  'honest',
  'mate',
  'tbh',
  'pa',
  'bryd',
  'ble',
  'pwy',
  'kiedy',
  'gdzie',
  'kto',
  'niestety',
  'przepraszam',
]);

/** Whether a message says "I don't know / skip / prefer not to say" and nothing more. */
export function isSkipPhrase(text: string): boolean {
  const s = simplify(text)
    .replace(/^(um+|er+m*|sorry|well|honestly|oh|hmm+)\s+/, '')
    .trim();
  if (!s) return false;
  if (SKIP_SET.has(s)) return true;
  const words = s.split(' ');
  for (let n = Math.min(words.length - 1, 6); n >= 1; n--) {
    if (SKIP_SET.has(words.slice(0, n).join(' ')) && words.slice(n).every((w) => SKIP_TAIL.has(w)))
      return true;
  }
  return false;
}

/** Whether a message contains a skip phrase anywhere ("silver van, don't know the reg"). */
export function containsSkipPhrase(text: string): boolean {
  const s = ` ${simplify(text)} `;
  return SKIP_PHRASES.some((p) => p.length > 4 && s.includes(` ${p} `));
}
