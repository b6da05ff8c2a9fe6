import { z } from 'zod';
import type { StepDef } from '../flows/schema';
import type { AnswerTypeDef } from './types';
import { fail, ok } from './words';

/** Long enough for a full account typed into a web form; chat messages are far shorter. */
export const DEFAULT_MAX_TEXT = 5000;

function limits(step: StepDef): { min: number; max: number } {
  return {
    min: step.constraints?.minLength ?? 1,
    max: step.constraints?.maxLength ?? DEFAULT_MAX_TEXT,
  };
}

/** Collapses runs of spaces but keeps line breaks: people structure long accounts with them. */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\t ]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function check(text: string, step: StepDef) {
  const value = tidy(text);
  const { min, max } = limits(step);
  if (!value) return fail('text.empty');
  if (!/[\p{L}\p{N}]/u.test(value)) return fail('text.empty');
  if (value.length < min) return fail('text.tooShort', { min });
  if (value.length > max) return fail('text.tooLong', { max, length: value.length });
  return ok(value);
}

export const text: AnswerTypeDef<string> = {
  schema: (step) => {
    const { min, max } = limits(step);
    return z.string().min(min).max(max);
  },
  parseText: (value, step) => check(value, step),
  parseValue: (value, step) =>
    typeof value === 'string' || typeof value === 'number'
      ? check(String(value), step)
      : fail('text.empty'),
  format: (value) => ({ key: 'answers:format.text', params: { value } }),
};
