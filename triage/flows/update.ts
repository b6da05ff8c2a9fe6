import { ask, defineFlow } from './build';
import { files } from './common';

export const update = defineFlow('update', {
  intro: true,
  contact: 'optional',
  steps: [
    ask('reference', 'text', {
      hint: true,
      constraints: { minLength: 3, maxLength: 60 },
      maps: 'event.what',
    }),
    ask('kind', 'choice', {
      options: ['new-information', 'evidence', 'progress', 'withdraw', 'other'],
      maps: 'event.what',
    }),
    ask('details', 'text', { maps: 'event.description' }),
    files('files', 'update.files', 10, {
      when: { step: 'kind', in: ['new-information', 'evidence'] },
    }),
    ask('unsafe', 'yesno', { maps: 'safeguarding', safeguarding: true }),
  ],
});
