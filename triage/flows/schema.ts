import { z } from 'zod';
import { FLOW_ROUTE_IDS, type FlowRouteId } from '../routes';

/**
 * Flows are data: the questions a report-taking route asks, declared here and rendered by every
 * channel and by the web forms. Nothing in a flow is code, so a flow can be serialised, shipped to a
 * browser, reviewed by a force, and checked by this schema.
 */
export const ANSWER_TYPES = [
  'text',
  'yesno',
  'choice',
  'multi',
  'datetime',
  'location',
  'person',
  'vehicle',
  'contact',
  'consent',
  'attachments',
] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

const stepId = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'camelCase step id');
/** i18next key, namespaced: "flows:crime.what". */
const key = z.string().regex(/^[a-z]+:[a-zA-Z0-9_.-]+$/, 'namespaced i18n key');

/** When a step is asked, decided from earlier answers only. */
export type Condition =
  | { readonly step: string; readonly equals: string | boolean }
  | { readonly step: string; readonly in: readonly string[] }
  | { readonly step: string; readonly answered: boolean }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ step: stepId, equals: z.union([z.string(), z.boolean()]) }),
    z.strictObject({ step: stepId, in: z.array(z.string()).min(1) }),
    z.strictObject({ step: stepId, answered: z.boolean() }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
  ]),
);

export const OptionSchema = z.strictObject({
  value: z.string().regex(/^[a-z0-9-]+$/),
  label: key,
});

/**
 * Where an answer goes in the POLE-shaped report (records/): the flow says what each answer means,
 * so the records hand-off needs no per-route code.
 */
export const REPORT_TARGETS = [
  'event.what',
  'event.when',
  'event.where',
  'event.description',
  'people.victim',
  'people.witness',
  'people.suspect',
  'people.other',
  'vehicles',
  'property',
  'attachments',
  'reporter.contact',
  'reporter.accessibility',
  'reporter.interpreter',
  'safeguarding',
  /** Whether the person reporting is the victim, a witness, or reporting for someone else. */
  'reporter.role',
  /** What evidence exists and where (CCTV, footage, messages); the files themselves are attachments. */
  'evidence',
] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];

export const StepSchema = z
  .strictObject({
    id: stepId,
    type: z.enum(ANSWER_TYPES),
    prompt: key,
    hint: key.optional(),
    options: z.array(OptionSchema).min(2).optional(),
    optional: z.boolean().default(false),
    when: ConditionSchema.optional(),
    /** Per-step limits on top of the type's own validation. */
    constraints: z
      .strictObject({
        minLength: z.number().int().positive().optional(),
        maxLength: z.number().int().positive().optional(),
        /** datetime: must not be in the future (what happened) / must be in the future (events). */
        tense: z.enum(['past', 'future']).optional(),
        maxFiles: z.number().int().positive().optional(),
        /** contact: which methods are required. */
        require: z.array(z.enum(['name', 'email', 'phone', 'address', 'dateOfBirth'])).optional(),
      })
      .optional(),
    maps: z.enum(REPORT_TARGETS).optional(),
    /** A yes here raises a safeguarding flag on the report (e.g. "is the victim under 18?"). */
    safeguarding: z.boolean().optional(),
  })
  .superRefine((step, ctx) => {
    const needsOptions = step.type === 'choice' || step.type === 'multi';
    if (needsOptions !== Boolean(step.options)) {
      ctx.addIssue({
        code: 'custom',
        message: needsOptions
          ? `${step.type} step needs options`
          : 'only choice/multi take options',
        path: ['options'],
      });
    }
  });

export const FlowSchema = z
  .strictObject({
    id: z.enum(FLOW_ROUTE_IDS as unknown as [FlowRouteId, ...FlowRouteId[]]),
    title: key,
    /** Said once before the first question (what the form is for, what to have ready). */
    intro: key.optional(),
    /** Whether the person may stay anonymous (intelligence may; a firearms application may not). */
    contact: z.enum(['required', 'optional', 'anonymous-allowed']),
    steps: z.array(StepSchema).min(1),
  })
  .superRefine((flow, ctx) => {
    const seen = new Set<string>();
    flow.steps.forEach((step, i) => {
      if (seen.has(step.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate step id ${step.id}`,
          path: ['steps', i],
        });
      }
      for (const ref of conditionSteps(step.when)) {
        if (!seen.has(ref)) {
          ctx.addIssue({
            code: 'custom',
            message: `condition refers to ${ref}, which is not an earlier step`,
            path: ['steps', i, 'when'],
          });
        }
      }
      seen.add(step.id);
    });
  });

export type StepDef = z.output<typeof StepSchema>;
export type FlowDef = z.output<typeof FlowSchema>;
export type FlowInput = z.input<typeof FlowSchema>;

export function conditionSteps(c: Condition | undefined): string[] {
  if (!c) return [];
  if ('all' in c) return c.all.flatMap(conditionSteps);
  if ('any' in c) return c.any.flatMap(conditionSteps);
  return [c.step];
}
