import { randomUUID } from 'node:crypto';
import type { AnswerInput, AnswerValue } from '../triage/answers/types';
import { activeSteps, getFlow, parseAnswer, type ParseContext } from '../triage/flows';
import type { StepDef } from '../triage/flows/schema';
import type { Translator } from '../triage/i18n';
import type { UiLocale } from '../triage/languages';
import type { SubmissionInput } from '../triage/machine';
import { POLICE_ROUTES, type FlowRouteId } from '../triage/routes';
import type { SubmitOrigin } from './build';

/**
 * Completed submissions for tests, the benchmark and the fault-injection worker: each walks a real
 * flow the way the machine does (the next step that applies, given the answers so far) and parses
 * what a person might type with the real answer parsers, so the answers are exactly what the triage
 * machine would hand over. `variant` changes the choices taken, so branches differ between samples.
 */

const TYPED: Record<UiLocale, { yes: string; no: string; past: string; future: string }> = {
  en: { yes: 'yes', no: 'no', past: 'yesterday about 3pm', future: 'saturday at 2pm' },
  cy: { yes: 'ie', no: 'na', past: 'ddoe tua 3', future: 'dydd Sadwrn nesaf am 2pm' },
  pl: { yes: 'tak', no: 'nie', past: 'wczoraj około 15', future: 'w przyszłą sobotę o 14' },
};

const CONTACT = {
  name: 'Jane Smith',
  phone: '07911 123456',
  email: 'jane.smith@example.com',
  dateOfBirth: '01/02/1980',
  address: '10 High Street, Chelmsford CM1 1AA',
} as const;

function hash(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + (c.codePointAt(0) ?? 0)) % 9973;
  return h;
}

function reply(step: StepDef, k: number, locale: UiLocale): AnswerInput | 'skip' {
  const words = TYPED[locale];
  if (step.optional && (k + hash(step.id)) % 3 === 2) return 'skip';
  const n = step.options?.length ?? 0;
  const pick = (k + hash(step.id)) % Math.max(n, 1);
  const yes = ((k >> (hash(step.id) % 4)) & 1) === 0;
  switch (step.type) {
    case 'text': {
      const min = step.constraints?.minLength ?? 1;
      const max = step.constraints?.maxLength ?? 5000;
      return {
        kind: 'text',
        text: `Answer to ${step.id}, in my own words.`.padEnd(min, '.').slice(0, max),
      };
    }
    case 'yesno':
      return { kind: 'text', text: yes ? words.yes : words.no };
    case 'consent':
      return { kind: 'text', text: k % 2 === 0 ? words.yes : words.no };
    case 'choice':
      return { kind: 'value', value: step.options?.[pick]?.value };
    case 'multi':
      return {
        kind: 'value',
        value: [step.options?.[pick]?.value, step.options?.[(pick + 1) % n]?.value],
      };
    case 'datetime':
      return {
        kind: 'text',
        text: step.constraints?.tense === 'future' ? words.future : words.past,
      };
    case 'location':
      return k % 2 === 0
        ? { kind: 'text', text: 'outside Tesco, 10 High Street, Chelmsford CM1 1AA' }
        : {
            kind: 'value',
            value: { lat: 51.7356, lon: 0.4685, description: 'by the bus stop' },
          };
    case 'person':
      return { kind: 'text', text: 'man about 30, tall, short brown hair, black hoodie' };
    case 'vehicle':
      return { kind: 'text', text: 'silver Ford Focus ab12cde' };
    case 'contact': {
      const require = step.constraints?.require ?? ['phone'];
      const order = ['name', 'phone', 'email', 'dateOfBirth', 'address'] as const;
      return {
        kind: 'text',
        text: order
          .filter((f) => require.includes(f))
          .map((f) => CONTACT[f])
          .join(', '),
      };
    }
    case 'attachments':
      return {
        kind: 'value',
        value: [
          {
            name: 'photo.jpg',
            contentType: 'image/jpeg',
            size: 1234,
            url: 'https://files.example.net/a/photo.jpg',
          },
        ],
      };
  }
}

export interface SampleOptions {
  readonly variant?: number;
  readonly locale?: UiLocale;
  readonly now?: Date;
  readonly submissionId?: string;
  /** Per-step answers to use instead of the walk's (already in the answer type's shape). */
  readonly answers?: Readonly<Record<string, AnswerValue>>;
}

export function sampleSubmission(
  route: FlowRouteId,
  translator: Translator,
  options: SampleOptions = {},
): SubmissionInput {
  const k = options.variant ?? 0;
  const locale = options.locale ?? 'en';
  const now = options.now ?? new Date();
  const ctx: ParseContext = { locale, now, label: (key) => translator.t({ key }, locale) };
  const flow = getFlow(route);
  const answers: Record<string, AnswerValue> = {};
  const asked = new Set<string>();
  for (;;) {
    const next = activeSteps(flow, answers).find((s) => !asked.has(s.id));
    if (!next) break;
    asked.add(next.id);
    const given = options.answers?.[next.id];
    if (given !== undefined) {
      answers[next.id] = given;
      continue;
    }
    const input = reply(next, k, locale);
    if (input === 'skip') continue;
    const result = parseAnswer(next, input, ctx);
    if (!result.ok) {
      throw new Error(`sample ${route}.${next.id} refused ${JSON.stringify(input)}`);
    }
    answers[next.id] = result.value;
  }
  const team = POLICE_ROUTES[route].team;
  if (!team) throw new Error(`route ${route} has no team`);
  return {
    submissionId: options.submissionId ?? randomUUID(),
    route,
    team,
    locale,
    answers,
    description: `Someone took my bike from outside the shop (${route}, sample ${k}).`,
    consent: {
      agreed: true,
      statement: 'common:consent.statement',
      at: new Date(now.getTime() - 1000).toISOString(),
    },
    triage: {
      classifiedRoute: route,
      confidence: 0.91,
      path: ['safety', 'describe', 'confirm', 'flow', 'check', 'consent'],
    },
    startedAt: new Date(now.getTime() - 5 * 60_000).toISOString(),
  };
}

export function sampleOrigin(channel = 'webchat', lines = 4): SubmitOrigin {
  const at = new Date().toISOString();
  return {
    channel,
    conversationId: `conv-${randomUUID()}`,
    transcript: Array.from({ length: lines }, (_, i) => ({
      at,
      from: i % 2 === 0 ? ('person' as const) : ('bot' as const),
      text: i % 2 === 0 ? `person line ${i}` : `bot line ${i}`,
    })),
  };
}
