import { ask, defineFlow } from './build';

export const fingerprints = defineFlow('fingerprints', {
  intro: true,
  contact: 'required',
  steps: [
    ask('reason', 'choice', {
      options: ['visa', 'employment', 'elimination', 'other'],
      maps: 'event.what',
    }),
    ask('country', 'text', {
      when: { step: 'reason', in: ['visa', 'employment'] },
      constraints: { maxLength: 200 },
      maps: 'event.description',
    }),
    ask('crimeReference', 'text', {
      optional: true,
      when: { step: 'reason', equals: 'elimination' },
      constraints: { maxLength: 60 },
      maps: 'event.description',
    }),
    ask('deadline', 'datetime', {
      optional: true,
      constraints: { tense: 'future' },
      maps: 'event.when',
    }),
    ask('station', 'location', { hint: true, optional: true, maps: 'event.where' }),
    ask('details', 'text', { optional: true, maps: 'event.description' }),
  ],
});
