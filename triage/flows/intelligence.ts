import { ask, defineFlow } from './build';
import { files } from './common';

export const intelligence = defineFlow('intelligence', {
  intro: true,
  contact: 'anonymous-allowed',
  steps: [
    ask('about', 'multi', {
      options: ['drugs', 'weapons', 'exploitation', 'stolen-goods', 'violence', 'other'],
      maps: 'event.what',
    }),
    ask('what', 'text', { hint: true, constraints: { minLength: 10 }, maps: 'event.description' }),
    ask('where', 'location', { hint: true, optional: true, maps: 'event.where' }),
    ask('when', 'datetime', { optional: true, constraints: { tense: 'past' }, maps: 'event.when' }),
    ask('ongoing', 'yesno', { optional: true, maps: 'event.when' }),
    ask('who', 'person', { hint: true, optional: true, maps: 'people.suspect' }),
    ask('vehicle', 'vehicle', { optional: true, maps: 'vehicles' }),
    ask('howKnown', 'choice', {
      options: ['saw', 'heard', 'told', 'online', 'other'],
      maps: 'evidence',
    }),
    ask('childAtRisk', 'yesno', { maps: 'safeguarding', safeguarding: true }),
    files('files', 'intelligence.files', 10),
  ],
});
