import type { FlowDef } from './schema';
import { ask, type StepSpec } from './build';

/**
 * The contact questions every flow ends with, by the flow's `contact` setting. A request that needs
 * a reply on record (a firearms application, an FOI request) cannot be answered "in this chat";
 * only a flow that allows anonymity offers "don't contact me", and then asks for no name.
 */
const METHODS: Record<FlowDef['contact'], readonly string[]> = {
  required: ['phone', 'email', 'sms'],
  optional: ['chat', 'phone', 'email', 'sms'],
  'anonymous-allowed': ['chat', 'phone', 'email', 'sms', 'none'],
};

const tail = (mode: FlowDef['contact']): readonly StepSpec[] => {
  const anonymous = mode === 'anonymous-allowed';
  return [
    ask('contactMethod', 'choice', {
      keys: anonymous ? 'contact.methodAnonymous' : 'contact.method',
      options: METHODS[mode],
      maps: 'reporter.contact',
    }),
    ask('contactName', 'contact', {
      keys: anonymous ? 'contact.nameOptional' : 'contact.name',
      optional: anonymous,
      constraints: { require: ['name'] },
      ...(anonymous
        ? { when: { step: 'contactMethod', in: ['chat', 'phone', 'email', 'sms'] } }
        : {}),
      maps: 'reporter.contact',
    }),
    ask('contactPhone', 'contact', {
      keys: 'contact.phone',
      hint: true,
      constraints: { require: ['phone'] },
      when: { step: 'contactMethod', in: ['phone', 'sms'] },
      maps: 'reporter.contact',
    }),
    ask('contactEmail', 'contact', {
      keys: 'contact.email',
      constraints: { require: ['email'] },
      when: { step: 'contactMethod', equals: 'email' },
      maps: 'reporter.contact',
    }),
    ask('contactSafe', 'text', {
      keys: 'contact.safe',
      hint: true,
      optional: true,
      constraints: { maxLength: 500 },
      // Where every method is one we call or write to, there is no condition to check.
      ...(mode === 'required'
        ? {}
        : { when: { step: 'contactMethod', in: ['phone', 'email', 'sms'] } }),
      maps: 'reporter.accessibility',
    }),
  ];
};

export const CONTACT_TAIL: Readonly<Record<FlowDef['contact'], readonly StepSpec[]>> = {
  required: tail('required'),
  optional: tail('optional'),
  'anonymous-allowed': tail('anonymous-allowed'),
};

/** Step ids the tail uses; flows must not use them. */
export const CONTACT_STEP_IDS = [
  'contactMethod',
  'contactName',
  'contactPhone',
  'contactEmail',
  'contactSafe',
] as const;
