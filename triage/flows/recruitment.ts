import { ask, defineFlow } from './build';

export const recruitment = defineFlow('recruitment', {
  contact: 'required',
  steps: [
    ask('role', 'choice', {
      options: ['officer', 'detective', 'pcso', 'special', 'staff', 'volunteer', 'other'],
      maps: 'event.what',
    }),
    ask('question', 'text', { constraints: { minLength: 5 }, maps: 'event.description' }),
    ask('applied', 'yesno', { maps: 'event.description' }),
    ask('applicationReference', 'text', {
      optional: true,
      when: { step: 'applied', equals: true },
      constraints: { maxLength: 60 },
      maps: 'event.description',
    }),
  ],
});
