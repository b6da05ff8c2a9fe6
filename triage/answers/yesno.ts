import { z } from 'zod';
import { matchYesNo } from '../input';
import type { AnswerTypeDef } from './types';
import { fail, ok, simplify } from './words';

/**
 * Yes/no. Stored as a boolean so flow conditions read `{ step, equals: true }`. Beyond the shared
 * vocabulary in input.ts, a reply that starts with a clear yes or no word counts ("yes, he was hurt",
 * "nope not really", "tak, był ranny"), and so do common slips ("yse", "noo", "yh").
 */
const YES_FIRST = new Set([
  'yes',
  'yeah',
  'yea',
  'yep',
  'yup',
  'yh',
  'yeh',
  'aye',
  'ie',
  'do',
  'oes',
  'ydw',
  'ydy',
  'ydi',
  'oedd',
  'roedd',
  'tak',
  'owszem',
  'definitely',
  'absolutely',
  'certainly',
]);
const NO_FIRST = new Set([
  'no',
  'nope',
  'nah',
  'na',
  'naddo',
  'nage',
  'nac',
  'nag',
  'nie',
  'never',
  'negative',
]);
const YES_WHOLE = new Set([
  'i think so',
  'think so',
  'yes i think so',
  'of course',
  'they were',
  'he was',
  'she was',
  'i was',
  'there was',
  'there were',
  'i did',
  'we did',
  'i have',
  'i do',
  'no tak',
  'na pewno',
  'pewnie',
  'tak jest',
  'mhm',
  'uh huh',
]);
const NO_WHOLE = new Set([
  'not really',
  'i dont think so',
  'dont think so',
  'no one',
  'nobody',
  'not at all',
  'i didnt',
  'we didnt',
  'i havent',
  'i dont',
  'there wasnt',
  'there werent',
  'he wasnt',
  'she wasnt',
  'they werent',
  'i wasnt',
  'nac oedd',
  'nac oes',
  'nag oes',
  'nac ydw',
  'nac ydy',
  'dim',
  'dim o gwbl',
  'nikt',
  'w ogole',
  'raczej nie',
  'chyba nie',
]);

export function readYesNo(text: string): boolean | undefined {
  const n = simplify(text);
  if (!n) return undefined;
  const shared = matchYesNo(text);
  if (shared) return shared === 'yes';
  if (YES_WHOLE.has(n)) return true;
  if (NO_WHOLE.has(n)) return false;
  const first = n.split(' ')[0] ?? '';
  // Stretched or slipped single words: "yesss", "yse", "noooo", "nopee".
  if (/^y+e*s+$|^yse$|^ys$|^yess+$|^yas+$/.test(first)) return true;
  if (/^no+$|^no+pe*$|^nah+$/.test(first)) return false;
  if (/^(chyba|raczej) tak$/.test(n)) return true;
  if (YES_FIRST.has(first)) return true;
  if (NO_FIRST.has(first)) return false;
  return undefined;
}

function fromValue(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'yes' || value === 'true') return true;
  if (value === 'no' || value === 'false') return false;
  return undefined;
}

export const yesno: AnswerTypeDef<boolean> = {
  schema: () => z.boolean(),
  parseText(text) {
    const v = readYesNo(text);
    return v === undefined ? fail('yesno.invalid') : ok(v);
  },
  parseValue(value) {
    const v = fromValue(value);
    return v === undefined ? fail('yesno.invalid') : ok(v);
  },
  format: (value) => ({ key: value ? 'answers:format.yes' : 'answers:format.no' }),
};
