import { ask, defineFlow } from './build';
import { files } from './common';

export const events = defineFlow('events', {
  intro: true,
  contact: 'required',
  steps: [
    ask('name', 'text', { constraints: { maxLength: 200 }, maps: 'event.what' }),
    ask('kind', 'choice', {
      options: ['march-protest', 'sporting', 'music', 'community', 'other'],
      maps: 'event.what',
    }),
    ask('start', 'datetime', { hint: true, constraints: { tense: 'future' }, maps: 'event.when' }),
    ask('end', 'datetime', {
      optional: true,
      constraints: { tense: 'future' },
      maps: 'event.when',
    }),
    ask('venue', 'location', { hint: true, maps: 'event.where' }),
    ask('attendance', 'choice', {
      options: ['under-500', '500-to-4999', '5000-or-more'],
      maps: 'event.description',
    }),
    ask('organiser', 'text', { constraints: { maxLength: 300 }, maps: 'people.other' }),
    ask('roadClosures', 'yesno', { maps: 'event.description' }),
    ask('alcohol', 'yesno', { maps: 'event.description' }),
    ask('stewards', 'yesno', { maps: 'event.description' }),
    files('plan', 'events.plan', 5, { hint: true }),
    ask('details', 'text', { optional: true, maps: 'event.description' }),
  ],
});
