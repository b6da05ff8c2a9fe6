import { getFlow, hasFlow } from '../../triage/flows';
import type { StepDef } from '../../triage/flows/schema';
import type { TriageContext } from '../../triage/machine';
import type { TriageEvent } from '../../triage/types';

/** The step the machine is asking now, if it is in a flow. */
export function currentStep(context: TriageContext): StepDef | undefined {
  if (!context.route || !hasFlow(context.route)) return undefined;
  return getFlow(context.route).steps.find((s) => s.id === context.stepId);
}

const CONTACT: Record<string, string> = {
  name: 'Jo Bloggs',
  phone: '07911 123456',
  email: 'jo.bloggs@example.com',
  address: '1 High Street, Chelmsford CM1 1AA',
  dateOfBirth: '01/02/1980',
};

/**
 * A valid answer for a step, as a person would give it. `branch` picks which option of a choice
 * or yes/no (0 = first), so walks can take conditions both ways.
 */
export function validAnswer(step: StepDef, branch = 0): TriageEvent {
  const pick = (values: readonly string[]) => values[branch % values.length] ?? values[0] ?? '';
  switch (step.type) {
    case 'choice':
      return { type: 'CHOOSE', value: pick((step.options ?? []).map((o) => o.value)) };
    case 'multi':
      return { type: 'ANSWER', value: [pick((step.options ?? []).map((o) => o.value))] };
    case 'yesno':
    case 'consent':
      return { type: 'CHOOSE', value: pick(['yes', 'no']) };
    case 'datetime':
      return {
        type: 'TEXT',
        text: step.constraints?.tense === 'future' ? '14/03/2027 at 2pm' : 'yesterday at 3pm',
      };
    case 'location':
      return { type: 'TEXT', text: 'outside Tesco on the High Street, CM1 1AA' };
    case 'person':
      return { type: 'TEXT', text: 'a white man about 30, tall, thin, black hoodie and jeans' };
    case 'vehicle':
      return { type: 'TEXT', text: 'AB12 CDE, a red Ford Focus' };
    case 'contact': {
      const need = step.constraints?.require ?? ['name'];
      return { type: 'TEXT', text: need.map((n) => CONTACT[n] ?? '').join(', ') };
    }
    case 'attachments':
      return {
        type: 'ANSWER',
        value: [
          { name: 'photo.jpg', contentType: 'image/jpeg', url: 'https://files.example.org/p.jpg' },
        ],
      };
    case 'text':
      return { type: 'TEXT', text: 'It happened on my way home and I want to report it please.' };
  }
}
