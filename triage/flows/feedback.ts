import { ask, defineFlow } from './build';
import { files } from './common';

export const feedback = defineFlow('feedback', {
  intro: true,
  contact: 'anonymous-allowed',
  steps: [
    ask('kind', 'choice', {
      options: ['praise', 'complaint', 'concern', 'suggestion'],
      maps: 'event.what',
    }),
    ask('about', 'choice', {
      options: ['officer', 'staff', 'service', 'online', 'other'],
      maps: 'event.what',
    }),
    ask('who', 'text', {
      hint: true,
      optional: true,
      when: { step: 'about', in: ['officer', 'staff'] },
      constraints: { maxLength: 500 },
      maps: 'people.other',
    }),
    ask('what', 'text', { constraints: { minLength: 10 }, maps: 'event.description' }),
    ask('when', 'datetime', { optional: true, constraints: { tense: 'past' }, maps: 'event.when' }),
    ask('where', 'location', { optional: true, maps: 'event.where' }),
    ask('reference', 'text', {
      hint: true,
      optional: true,
      constraints: { maxLength: 60 },
      maps: 'event.description',
    }),
    ask('outcome', 'text', {
      optional: true,
      when: { step: 'kind', in: ['complaint', 'concern'] },
      maps: 'event.description',
    }),
    files('files', 'feedback.files', 5),
  ],
});
