import type { Condition, FlowDef, StepDef } from './schema';
import type { Answers } from '../answers/types';

export function conditionHolds(c: Condition | undefined, answers: Answers): boolean {
  if (!c) return true;
  if ('all' in c) return c.all.every((x) => conditionHolds(x, answers));
  if ('any' in c) return c.any.some((x) => conditionHolds(x, answers));
  const value = answers[c.step];
  if ('answered' in c) return (value !== undefined) === c.answered;
  if ('equals' in c) return value === c.equals;
  if (Array.isArray(value)) return value.some((v) => typeof v === 'string' && c.in.includes(v));
  return typeof value === 'string' && c.in.includes(value);
}

/** The steps this person will be asked, given what they have answered so far. */
export function activeSteps(flow: FlowDef, answers: Answers): StepDef[] {
  return flow.steps.filter((s) => conditionHolds(s.when, answers));
}
