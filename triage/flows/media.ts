import { ask, defineFlow } from './build';

export const media = defineFlow('media', {
  intro: true,
  contact: 'required',
  steps: [
    ask('outlet', 'text', { constraints: { maxLength: 200 }, maps: 'reporter.role' }),
    ask('enquiry', 'text', { constraints: { minLength: 10 }, maps: 'event.description' }),
    ask('incident', 'text', {
      hint: true,
      optional: true,
      constraints: { maxLength: 500 },
      maps: 'event.description',
    }),
    ask('deadline', 'datetime', {
      optional: true,
      constraints: { tense: 'future' },
      maps: 'event.when',
    }),
  ],
});
