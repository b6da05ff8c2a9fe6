import { ask, defineFlow } from './build';
import { files } from './common';

export const subjectAccess = defineFlow('subject-access', {
  intro: true,
  contact: 'required',
  steps: [
    ask('what', 'text', { hint: true, constraints: { minLength: 5 }, maps: 'event.description' }),
    ask('period', 'text', { optional: true, constraints: { maxLength: 200 }, maps: 'event.when' }),
    ask('reference', 'text', {
      optional: true,
      constraints: { maxLength: 60 },
      maps: 'event.description',
    }),
    ask('applicant', 'contact', {
      hint: true,
      constraints: { require: ['dateOfBirth', 'address'] },
      maps: 'reporter.contact',
    }),
    files('identity', 'subject-access.identity', 3, { hint: true }),
    ask('format', 'choice', { options: ['email', 'paper'], maps: 'event.description' }),
  ],
});
