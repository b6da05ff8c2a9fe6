import { z } from 'zod';
import type { StepDef } from '../flows/schema';
import type { AnswerTypeDef, ParseContext } from './types';
import { readYesNo } from './yesno';
import { allowedSlips, distance, fail, ok, simplify } from './words';

type Option = NonNullable<StepDef['options']>[number];

const NOTHING = new Set([
  'no',
  'none',
  'nope',
  'nothing',
  'no none',
  'none of them',
  'none of these',
  'dim',
  'dim byd',
  'dim un',
  'nie',
  'nic',
  'brak',
  'zadne',
]);

const COMMON = new Set(
  'about after again because being could other their there these thing things where which while would something someone another their with from that this have been were what your mine they them person people'.split(
    ' ',
  ),
);

/** Per label, its words of four letters or more that no other label uses. */
function distinctiveWords(labels: readonly string[]): string[][] {
  const words = labels.map((l) => l.split(' ').filter((w) => w.length >= 4 && !COMMON.has(w)));
  const count = new Map<string, number>();
  for (const ws of words) for (const w of new Set(ws)) count.set(w, (count.get(w) ?? 0) + 1);
  return words.map((ws) => ws.filter((w) => count.get(w) === 1));
}

/**
 * Which option a piece of typed text means. In order of confidence: its number as listed, its value,
 * its label in the person's language (accents and case ignored), a reply that contains exactly one
 * label ("it was a burglary"), then, unless `loose` is off, a reply naming one label's distinctive
 * word, a unique label prefix, and a label typed with a slip or two.
 */
export function matchOne(
  text: string,
  options: readonly Option[],
  ctx: ParseContext,
  loose = true,
): Option | undefined {
  const n = simplify(text).replace(/^(option|number|no|rhif|opsiwn|numer|opcja)\s+(?=\d)/, '');
  if (!n) return undefined;
  if (/^\d{1,2}$/.test(n)) return options[Number(n) - 1];
  const labels = options.map((o) => simplify(ctx.label(o.label)));
  const byValue = options.find((o) => o.value === n.replace(/ /g, '-'));
  if (byValue) return byValue;
  const exact = labels.indexOf(n);
  if (exact >= 0) return options[exact];
  if (!loose) return undefined;
  // "no" or "nothing" to a list with a "none" option ("None that I know of") means that option.
  if (NOTHING.has(n)) {
    const none = options.find((o) => o.value === 'none');
    if (none) return none;
  }
  if (options.some((o) => o.value === 'yes') && options.some((o) => o.value === 'no')) {
    const yn = readYesNo(text);
    if (yn !== undefined) return options.find((o) => o.value === (yn ? 'yes' : 'no'));
  }
  const padded = ` ${n} `;
  const contained = labels.flatMap((l, i) => (l && padded.includes(` ${l} `) ? [i] : []));
  // A distinctive word of a label ("religion" in "because of my religion") also names it; two
  // labels named in one reply is ambiguous, so neither wins.
  const named = distinctiveWords(labels).flatMap((words, i) =>
    words.some((w) => padded.includes(` ${w} `)) ? [i] : [],
  );
  const mentioned = [...new Set([...contained, ...named])];
  if (mentioned.length === 1) return options[mentioned[0] ?? -1];
  if (n.length >= 3) {
    const prefixed = labels.flatMap((l, i) => (l.startsWith(n) ? [i] : []));
    if (prefixed.length === 1) return options[prefixed[0] ?? -1];
    // A word the person typed that starts only one label ("burglary" for "Burglary from a home").
    const words = labels.map((l) => l.split(' '));
    const byWord = words.flatMap((ws, i) => (ws.some((w) => w.length >= 4 && w === n) ? [i] : []));
    if (byWord.length === 1) return options[byWord[0] ?? -1];
  }
  const slips = allowedSlips(n.length);
  if (slips > 0) {
    let best = -1;
    let bestD = slips + 1;
    let tie = false;
    for (const [i, l] of labels.entries()) {
      const d = distance(n, l, slips);
      if (d < bestD) {
        best = i;
        bestD = d;
        tie = false;
      } else if (d === bestD) tie = true;
    }
    if (best >= 0 && !tie) return options[best];
  }
  return undefined;
}

function values(step: StepDef): [string, ...string[]] {
  const vs = (step.options ?? []).map((o) => o.value);
  return vs.length ? (vs as [string, ...string[]]) : [''];
}

export const choice: AnswerTypeDef<string> = {
  schema: (step) => z.enum(values(step)),
  parseText(text, step, ctx) {
    const option = matchOne(text, step.options ?? [], ctx);
    return option
      ? ok(option.value)
      : fail('choice.invalid', { count: (step.options ?? []).length });
  },
  parseValue(value, step, ctx) {
    if (typeof value === 'string') {
      const option = (step.options ?? []).find((o) => o.value === value);
      if (option) return ok(option.value);
      return this.parseText(value, step, ctx);
    }
    if (typeof value === 'number') return this.parseText(String(value), step, ctx);
    return fail('choice.invalid', { count: (step.options ?? []).length });
  },
  format(value, step) {
    const option = (step.options ?? []).find((o) => o.value === value);
    return option ? { key: option.label } : { key: 'answers:format.text', params: { value } };
  },
};
