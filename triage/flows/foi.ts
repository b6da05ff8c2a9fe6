import { ask, defineFlow } from './build';

export const foi = defineFlow('foi', {
  intro: true,
  contact: 'required',
  steps: [
    ask('request', 'text', {
      hint: true,
      constraints: { minLength: 10 },
      maps: 'event.description',
    }),
    ask('period', 'text', {
      hint: true,
      optional: true,
      constraints: { maxLength: 200 },
      maps: 'event.when',
    }),
    ask('format', 'choice', { options: ['email', 'paper'], maps: 'event.description' }),
    ask('onBehalf', 'yesno', { maps: 'reporter.role' }),
    ask('organisation', 'text', {
      when: { step: 'onBehalf', equals: true },
      constraints: { maxLength: 200 },
      maps: 'reporter.role',
    }),
  ],
});
