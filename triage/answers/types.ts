import type { z } from 'zod';
import type { UiLocale } from '../languages';
import type { StepDef } from '../flows/schema';
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

/**
 * `skip: true` means the person declined to answer an optional step ("don't know", "prefer not to
 * say", a blank form field): the host should treat it exactly like a SKIP event. `error` is what to
 * say to a host that does not, so the result is never silently wrong.
 */
export type ParseResult =
  | { readonly ok: true; readonly value: AnswerValue }
  | { readonly ok: false; readonly error: Message; readonly skip?: boolean };

export interface ParseContext {
  readonly locale: UiLocale;
  /** Relative dates ("yesterday", "2 hours ago") are relative to this instant. */
  readonly now: Date;
  /** Translates an i18n key in the current locale (option labels typed back to us). */
  readonly label: (key: string) => string;
}

/**
 * One answer type, GOV.UK forms-engine style: the type owns its JSON shape, how it reads typed text
 * and structured values, and how it is shown back. Errors are `answers:` messages.
 */
export interface AnswerTypeDef<T extends AnswerValue = AnswerValue> {
  /** The finished value for this step (submission check; no time-dependent rules here). */
  schema(step: StepDef): z.ZodType<T>;
  parseText(text: string, step: StepDef, ctx: ParseContext): ParseResult;
  parseValue(value: unknown, step: StepDef, ctx: ParseContext): ParseResult;
  format(value: T, step: StepDef, ctx: ParseContext): Message;
}
