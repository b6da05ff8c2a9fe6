import { ask, defineFlow } from './build';

export const foreignNationals = defineFlow('foreign-nationals', {
  intro: true,
  contact: 'required',
  steps: [
    ask('enquiry', 'choice', {
      options: ['registration-record', 'certificate', 'other'],
      maps: 'event.what',
    }),
    ask('nationality', 'text', { constraints: { maxLength: 100 }, maps: 'event.description' }),
    ask('reference', 'text', {
      hint: true,
      optional: true,
      constraints: { maxLength: 60 },
      maps: 'event.description',
    }),
    ask('details', 'text', { constraints: { minLength: 5 }, maps: 'event.description' }),
    ask('applicant', 'contact', {
      hint: true,
      constraints: { require: ['dateOfBirth', 'address'] },
      maps: 'reporter.contact',
    }),
  ],
});
