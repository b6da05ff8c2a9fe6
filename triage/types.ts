import type { RouteId } from './routes';
import type { UiLocale } from './languages';
import type { AnswerType } from './flows/schema';
import type { ResolvedAgency } from './profile';

/**
 * A localisable message: an i18next key ("ns:key") and its interpolation values. A value may itself
 * be a message (a route's title inside a question), translated in the same locale first.
 */
export interface Message {
  readonly key: string;
  readonly params?: Readonly<Record<string, MessageParam>>;
  /** Say this one in a given language (999 guidance in the language the person wrote in). */
  readonly locale?: string;
}
export type MessageParam = string | number | Message;

/* ---------------------------------------------------------------- classification */

export interface EmergencyResult {
  readonly emergency: boolean;
  /** 0..1; the detector is tuned for recall, so this is "how sure it is NOT a false alarm". */
  readonly confidence: number;
  /** The words or patterns that fired, for audit and for the evaluation table. */
  readonly evidence: readonly string[];
}

export interface RouteScore {
  readonly route: RouteId;
  /** Calibrated 0..1. */
  readonly confidence: number;
  readonly evidence: readonly string[];
}

export interface LanguageGuess {
  /** ISO 639-1 code, or 'und' when it cannot tell. */
  readonly code: string;
  readonly confidence: number;
  /** Whether the classifier can route messages in this language. */
  readonly supported: boolean;
}

export interface Classification {
  readonly language: LanguageGuess;
  /** Ranked, best first; empty when the text says nothing it can use. */
  readonly routes: readonly RouteScore[];
  readonly emergency: EmergencyResult;
}

export interface Classifier {
  classify(text: string, options?: { readonly locale?: string }): Classification;
}

/* ---------------------------------------------------------------- machine events */

export type TriageEvent =
  /** Opens the conversation (a channel's conversationUpdate, a form's first page). */
  | { readonly type: 'START' }
  /** Anything the person typed. The emergency detector sees every one of these. */
  | { readonly type: 'TEXT'; readonly text: string }
  /** A button, quick reply or form option: the option's stable value. */
  | { readonly type: 'CHOOSE'; readonly value: string }
  /** A structured answer to the current step (web forms, a shared location, attachments). */
  | { readonly type: 'ANSWER'; readonly value: unknown }
  | { readonly type: 'SKIP' }
  | { readonly type: 'BACK' }
  | { readonly type: 'HELP' }
  | { readonly type: 'RESTART' }
  | { readonly type: 'HUMAN' }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'LANGUAGE'; readonly locale: UiLocale }
  /** "Change language" without saying which: shows the language menu. */
  | { readonly type: 'LANGUAGE_MENU' }
  /** From check-your-answers: go to a step, then come back. */
  | { readonly type: 'CHANGE'; readonly stepId: string };

/* ---------------------------------------------------------------- machine output */

export interface PromptOption {
  /** Stable across languages and channels: what CHOOSE carries. */
  readonly value: string;
  readonly label: Message;
}

/** What the person is expected to give next. */
export type InputKind = AnswerType | 'free-text' | 'none';

export interface CheckAnswersRow {
  readonly stepId: string;
  readonly question: Message;
  /** Already formatted for display (locale-aware), or a message when the answer is a choice. */
  readonly answer: Message;
}

export type PromptCard =
  | { readonly kind: 'check-answers'; readonly rows: readonly CheckAnswersRow[] }
  | { readonly kind: 'agency'; readonly route: RouteId; readonly contact: ResolvedAgency }
  | { readonly kind: 'emergency' }
  | { readonly kind: 'submitted'; readonly reference: string };

/**
 * Channel-neutral output of the machine for its current state. Renderers in dialogs/ and the web
 * forms turn this into activities or HTML; the machine knows nothing of channels.
 */
export interface Prompt {
  /** Stable id of where the conversation is, e.g. 'describe', 'step:crime.when', 'check'. */
  readonly id: string;
  /** What to say, in order; the question comes last. */
  readonly messages: readonly Message[];
  readonly input: InputKind;
  readonly options: readonly PromptOption[];
  /** The current step may be skipped. */
  readonly optional?: boolean;
  readonly progress?: { readonly step: number; readonly of: number };
  readonly card?: PromptCard;
  readonly route?: RouteId;
  readonly locale: UiLocale;
}

/**
 * Side-channel events the machine emits (XState `emit`); hosts listen with `actor.on(type, ...)`.
 * Notices are said before the prompt (a validation error, "switched to Welsh").
 */
export type TriageEmitted =
  | { readonly type: 'notice'; readonly message: Message; readonly level: 'info' | 'error' }
  | { readonly type: 'emergency'; readonly evidence: readonly string[] }
  | { readonly type: 'handoff'; readonly route?: RouteId }
  | { readonly type: 'submitted'; readonly reference: string }
  | { readonly type: 'stopped' };
