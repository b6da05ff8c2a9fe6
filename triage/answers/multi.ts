import { z } from 'zod';
import type { StepDef } from '../flows/schema';
import type { AnswerTypeDef, ParseContext } from './types';
import { matchOne } from './choice';
import { fail, ok, simplify } from './words';

/** The marks and "and" words people put between items; Welsh and Polish "and" only in those locales. */
const SEPARATOR: Record<ParseContext['locale'], RegExp> = {
  en: /(\s*(?:,|;|\/|\+|&|\n|\band\b|\bplus\b|\balso\b)\s*)/,
  cy: /(\s*(?:,|;|\/|\+|&|\n|\band\b|\ba\b|\bac\b|\bhefyd\b)\s*)/,
  pl: /(\s*(?:,|;|\/|\+|&|\n|\band\b|\bi\b|\boraz\b|\btakze\b)\s*)/,
};

/**
 * Covers the pieces left to right with the longest run that names one option, so labels that
 * themselves contain "and" or a comma still match as one item.
 */
function cover(pieces: readonly string[], options: StepDef['options'], ctx: ParseContext) {
  const picked: string[] = [];
  let i = 0;
  while (i < pieces.length) {
    let matched = false;
    for (let j = pieces.length; j > i; j--) {
      const run = pieces.slice(i, j).join('');
      if (!simplify(run)) continue;
      // Several pieces together must name a whole label ("Race, ethnicity or nationality");
      // guessing from a word is only for a piece on its own.
      const option = matchOne(run, options ?? [], ctx, j === i + 1);
      if (option) {
        picked.push(option.value);
        i = j;
        matched = true;
        break;
      }
    }
    if (!matched) {
      // A separator or filler on its own ("and", ", ") is not an item.
      if (!simplify(pieces[i] ?? '') || SEPARATOR[ctx.locale].test(pieces[i] ?? '')) i++;
      else return undefined;
    }
  }
  return picked;
}

function readMany(text: string, step: StepDef, ctx: ParseContext): string[] | undefined {
  const options = step.options ?? [];
  const s = simplify(text);
  // "1 3 4" or "134"-style lists of option numbers (only single digits can run together).
  if (/^\d+( \d+)*$/.test(s)) {
    const nums = s.includes(' ') ? s.split(' ') : s.length <= options.length ? s.split('') : [s];
    const picked = nums.map((d) => options[Number(d) - 1]);
    return picked.every(Boolean) ? picked.map((o) => o?.value ?? '') : undefined;
  }
  const pieces = text.split(SEPARATOR[ctx.locale]).filter((p) => p.length > 0);
  return cover(pieces, options, ctx);
}

/** An option valued "none" means nothing else applies: chosen with others, the others win. */
const NONE = 'none';

function inOrder(step: StepDef, picked: ReadonlySet<string>): string[] {
  const values = (step.options ?? []).map((o) => o.value).filter((v) => picked.has(v));
  return values.length > 1 ? values.filter((v) => v !== NONE) : values;
}

function values(step: StepDef): [string, ...string[]] {
  const vs = (step.options ?? []).map((o) => o.value);
  return vs.length ? (vs as [string, ...string[]]) : [''];
}

export const multi: AnswerTypeDef<readonly string[]> = {
  schema: (step) =>
    z
      .array(z.enum(values(step)))
      .min(1)
      .refine((a) => new Set(a).size === a.length, 'each option once')
      .refine((a) => a.length === 1 || !a.includes(NONE), '"none" alone'),
  parseText(text, step, ctx) {
    const picked = readMany(text, step, ctx);
    if (!picked?.length) return fail('multi.invalid');
    return ok(inOrder(step, new Set(picked)));
  },
  parseValue(value, step, ctx) {
    const raw = Array.isArray(value) ? (value as unknown[]) : [value];
    const picked = new Set<string>();
    for (const v of raw) {
      if (typeof v !== 'string' && typeof v !== 'number') return fail('multi.invalid');
      const known = (step.options ?? []).find((o) => o.value === v);
      const option = known ?? matchOne(String(v), step.options ?? [], ctx);
      if (!option) return fail('multi.invalid');
      picked.add(option.value);
    }
    if (picked.size === 0) return fail('multi.empty');
    return ok(inOrder(step, picked));
  },
  format(value, step, ctx) {
    const labels = value.map((v) => {
      const option = (step.options ?? []).find((o) => o.value === v);
      return option ? ctx.label(option.label) : v;
    });
    const list = new Intl.ListFormat(ctx.locale, { type: 'conjunction' }).format(labels);
    return { key: 'answers:format.text', params: { value: list } };
  },
};
