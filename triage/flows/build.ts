import type { z } from 'zod';
import type { FlowRouteId } from '../routes';
import type { AnswerType, FlowInput, StepSchema } from './schema';

export type StepInput = z.input<typeof StepSchema>;

/**
 * How a flow file declares a step: the i18n keys follow from the flow and step ids
 * (`flows:<route>.<step>.prompt`, `.hint`, `.options.<value>`), so a flow file holds only what the
 * step means. `keys` points a shared step at shared text (`flows:common.interpreter.*`).
 */
export interface StepSpec extends Omit<StepInput, 'prompt' | 'hint' | 'options'> {
  readonly hint?: boolean;
  readonly options?: readonly string[];
  /** Key path under `flows:` for this step's text, when it is not `<route>.<id>`. */
  readonly keys?: string;
}

export interface FlowSpec extends Omit<FlowInput, 'id' | 'title' | 'intro' | 'steps'> {
  readonly intro?: boolean;
  readonly steps: readonly StepSpec[];
}

export function toStep(base: string, spec: StepSpec): StepInput {
  const { hint, options, keys, ...rest } = spec;
  const path = `flows:${keys ?? `${base}.${spec.id}`}`;
  return {
    ...rest,
    prompt: `${path}.prompt`,
    ...(hint ? { hint: `${path}.hint` } : {}),
    ...(options
      ? { options: options.map((value) => ({ value, label: `${path}.options.${value}` })) }
      : {}),
  };
}

export function defineFlow(id: FlowRouteId, spec: FlowSpec): FlowInput {
  const { intro, steps, ...rest } = spec;
  return {
    ...rest,
    id,
    title: `flows:${id}.title`,
    ...(intro ? { intro: `flows:${id}.intro` } : {}),
    steps: steps.map((s) => toStep(id, s)),
  };
}

/** A step spec, typed; `type` first because it is what a reader looks for. */
export function ask(
  id: string,
  type: AnswerType,
  rest: Omit<StepSpec, 'id' | 'type'> = {},
): StepSpec {
  return { id, type, ...rest };
}
