import type { Message } from '../types';

/**
 * Answers are JSON: they live in persisted machine snapshots and in reports. The exact shape of each
 * answer type is defined (and validated with zod) in triage/answers/.
 */
export type AnswerValue =
  | string
  | boolean
  | readonly string[]
  | { readonly [key: string]: unknown }
  | readonly { readonly [key: string]: unknown }[];

export type Answers = Readonly<Record<string, AnswerValue>>;

/** What arrives for a step: typed text, or a structured value (a choice, a form field, a location). */
export type AnswerInput =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly value: unknown };

export type ParseResult =
  | { readonly ok: true; readonly value: AnswerValue }
  | { readonly ok: false; readonly error: Message };
