import type { z } from 'zod';
import type { AnswerType, StepDef } from '../flows/schema';
import type { Message } from '../types';
import { attachments } from './attachments';
import { choice } from './choice';
import { consent } from './consent';
import { contact } from './contact';
import { datetime } from './datetime';
import { location } from './location';
import { multi } from './multi';
import { person } from './person';
import { text } from './text';
import type { AnswerInput, AnswerTypeDef, AnswerValue, ParseContext, ParseResult } from './types';
import { vehicle } from './vehicle';
import { fail, isSkipPhrase } from './words';
import { yesno } from './yesno';

export type {
  AnswerInput,
  AnswerTypeDef,
  AnswerValue,
  Answers,
  ParseContext,
  ParseResult,
} from './types';

/** Every answer type's definition, by the type name a step declares. */
export const ANSWER_TYPE_DEFS: Readonly<Record<AnswerType, AnswerTypeDef>> = {
  text,
  yesno,
  choice,
  multi,
  datetime,
  location,
  person,
  vehicle,
  contact,
  consent,
  attachments,
};

/**
 * Types whose own answers may look like a skip (an option labelled "Not sure"; "skip" meaning no
 * files) read the text first. Yes/no must not: "nie wiem" starts with "nie" but means "don't know".
 */
const READS_FIRST: ReadonlySet<AnswerType> = new Set(['choice', 'multi', 'attachments']);

const SKIPPED: ParseResult = { ok: false, skip: true, error: { key: 'answers:skipHint' } };

function declined(step: StepDef): ParseResult {
  if (step.optional) return SKIPPED;
  return step.type === 'datetime' ? fail('datetime.required') : fail('required');
}

/** Longer than any answer needs; parsers never see more (they run on every chat turn). */
const MAX_INPUT = 20_000;

export function parseAnswer(step: StepDef, input: AnswerInput, ctx: ParseContext): ParseResult {
  const def = ANSWER_TYPE_DEFS[step.type];
  if (input.kind === 'text') {
    const typed = input.text.length > MAX_INPUT ? input.text.slice(0, MAX_INPUT + 1) : input.text;
    if (!typed.trim()) return declined(step);
    if (READS_FIRST.has(step.type)) {
      const result = def.parseText(typed, step, ctx);
      if (result.ok || !isSkipPhrase(typed)) return result;
      return declined(step);
    }
    if (isSkipPhrase(typed)) return declined(step);
    return def.parseText(typed, step, ctx);
  }
  const value = input.value;
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim()))
    return declined(step);
  if (value === 'skip') return declined(step);
  try {
    return def.parseValue(value, step, ctx);
  } catch {
    // A structured value is whatever a channel or form posted; a surprise in it is the person's
    // wrong answer, never a crash.
    return fail('invalid');
  }
}

export function answerSchema(step: StepDef): z.ZodType<AnswerValue> {
  return ANSWER_TYPE_DEFS[step.type].schema(step);
}

export function formatAnswer(step: StepDef, value: AnswerValue, ctx: ParseContext): Message {
  const checked = answerSchema(step).safeParse(value);
  if (!checked.success) {
    return {
      key: 'answers:format.text',
      params: { value: typeof value === 'string' ? value : JSON.stringify(value) },
    };
  }
  return ANSWER_TYPE_DEFS[step.type].format(checked.data, step, ctx);
}
