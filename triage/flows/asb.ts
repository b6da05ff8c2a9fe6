import { ask, defineFlow } from './build';
import { files, vehicle } from './common';

export const asb = defineFlow('asb', {
  intro: true,
  contact: 'anonymous-allowed',
  steps: [
    ask('asbType', 'multi', {
      options: [
        'rowdy',
        'threatening',
        'drugs',
        'vehicles',
        'vandalism',
        'neighbour',
        'begging',
        'other',
      ],
      maps: 'event.what',
    }),
    ask('what', 'text', { hint: true, constraints: { minLength: 10 }, maps: 'event.description' }),
    ask('where', 'location', { hint: true, maps: 'event.where' }),
    ask('when', 'datetime', { hint: true, constraints: { tense: 'past' }, maps: 'event.when' }),
    ask('howOften', 'choice', { options: ['once', 'few-times', 'regularly'], maps: 'event.when' }),
    ask('people', 'person', { hint: true, optional: true, maps: 'people.suspect' }),
    ...vehicle,
    ask('impact', 'text', { optional: true, maps: 'event.description' }),
    ask('vulnerable', 'yesno', { hint: true, maps: 'safeguarding', safeguarding: true }),
    ask('reportedBefore', 'yesno', { maps: 'event.description' }),
    ask('previousReference', 'text', {
      optional: true,
      when: { step: 'reportedBefore', equals: true },
      constraints: { maxLength: 100 },
      maps: 'event.description',
    }),
    files('evidenceFiles', 'common.evidenceFiles', 10, { hint: true }),
  ],
});
