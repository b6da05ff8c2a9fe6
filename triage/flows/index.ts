import { z } from 'zod';
import { answerSchema, formatAnswer, parseAnswer } from '../answers';
import type { AnswerValue, Answers } from '../answers/types';
import type { FlowRouteId, RouteId } from '../routes';
import { asb } from './asb';
import { toStep } from './build';
import { claresLaw } from './clares-law';
import { concernForWelfare } from './concern-for-welfare';
import { activeSteps } from './conditions';
import { CONTACT_TAIL } from './contact';
import { crime } from './crime';
import { drivingComplaint } from './driving-complaint';
import { events } from './events';
import { feedback } from './feedback';
import { fingerprints } from './fingerprints';
import { firearmsLicensing } from './firearms-licensing';
import { foi } from './foi';
import { foreignNationals } from './foreign-nationals';
import { generalEnquiry } from './general-enquiry';
import { hateCrime } from './hate-crime';
import { intelligence } from './intelligence';
import { media } from './media';
import { missingPerson } from './missing-person';
import { noticeToFilm } from './notice-to-film';
import { recruitment } from './recruitment';
import { rtc } from './rtc';
import { sarahsLaw } from './sarahs-law';
import { FlowSchema, type FlowDef, type FlowInput } from './schema';
import { subjectAccess } from './subject-access';
import { update } from './update';

export { activeSteps, conditionHolds } from './conditions';
export { parseAnswer, formatAnswer, answerSchema };
export type { ParseContext } from '../answers/types';

const DEFINITIONS: Record<FlowRouteId, FlowInput> = {
  crime,
  'hate-crime': hateCrime,
  rtc,
  'driving-complaint': drivingComplaint,
  asb,
  intelligence,
  'missing-person': missingPerson,
  'concern-for-welfare': concernForWelfare,
  'firearms-licensing': firearmsLicensing,
  'clares-law': claresLaw,
  'sarahs-law': sarahsLaw,
  foi,
  'subject-access': subjectAccess,
  recruitment,
  'foreign-nationals': foreignNationals,
  events,
  'notice-to-film': noticeToFilm,
  fingerprints,
  media,
  feedback,
  update,
  'general-enquiry': generalEnquiry,
};

const IDS = Object.keys(DEFINITIONS) as FlowRouteId[];

/** A malformed flow stops the start with its route and the problem, never a half-working flow. */
function load(input: FlowInput): FlowDef {
  const parsed = FlowSchema.safeParse(input);
  if (!parsed.success) throw new Error(`flow ${input.id}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Every flow as written in its file (without the contact questions), validated at load. */
export const FLOWS: Readonly<Record<FlowRouteId, FlowDef>> = Object.freeze(
  Object.fromEntries(IDS.map((id) => [id, load(DEFINITIONS[id])])) as Record<FlowRouteId, FlowDef>,
);

/** The flows as asked: each with the contact questions its `contact` setting calls for. */
const COMPLETE: Readonly<Record<FlowRouteId, FlowDef>> = Object.freeze(
  Object.fromEntries(
    IDS.map((id) => {
      const base = DEFINITIONS[id];
      const tail = CONTACT_TAIL[base.contact].map((s) => toStep(id, s));
      return [id, load({ ...base, steps: [...base.steps, ...tail] })];
    }),
  ) as Record<FlowRouteId, FlowDef>,
);

export function getFlow(route: FlowRouteId): FlowDef {
  return COMPLETE[route];
}

export function hasFlow(route: RouteId): route is FlowRouteId {
  return Object.hasOwn(COMPLETE, route);
}

const AnswerValueSchema: z.ZodType<AnswerValue> = z.union([
  z.string(),
  z.boolean(),
  z.array(z.string()),
  z.record(z.string(), z.unknown()),
  z.array(z.record(z.string(), z.unknown())),
]);

/**
 * The finished answers of a flow, checked at submission: each answer has its type's shape, every
 * step that applies and is not optional is answered, and nothing answers a step that does not apply
 * (or does not exist). Time-dependent rules (a date "in the past") were checked when answered.
 */
export function answersSchema(flow: FlowDef): z.ZodType<Answers> {
  const steps = new Map(flow.steps.map((s) => [s.id, s]));
  return z.record(z.string(), AnswerValueSchema).superRefine((answers, ctx) => {
    const active = new Set(activeSteps(flow, answers).map((s) => s.id));
    for (const [id, value] of Object.entries(answers)) {
      const step = steps.get(id);
      if (!step) {
        ctx.addIssue({ code: 'custom', path: [id], message: `no step ${id} in ${flow.id}` });
        continue;
      }
      if (!active.has(id)) {
        ctx.addIssue({ code: 'custom', path: [id], message: `step ${id} does not apply` });
        continue;
      }
      const checked = answerSchema(step).safeParse(value);
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          ctx.addIssue({ code: 'custom', path: [id, ...issue.path], message: issue.message });
        }
      }
    }
    for (const id of active) {
      if (!steps.get(id)?.optional && answers[id] === undefined) {
        ctx.addIssue({ code: 'custom', path: [id], message: `${id} is required` });
      }
    }
  });
}
