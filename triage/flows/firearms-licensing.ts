import { ask, defineFlow } from './build';
import { files } from './common';

export const firearmsLicensing = defineFlow('firearms-licensing', {
  intro: true,
  contact: 'required',
  steps: [
    ask('request', 'choice', {
      options: ['new', 'renewal', 'variation', 'change-of-address', 'query'],
      maps: 'event.what',
    }),
    ask('certificate', 'choice', {
      options: ['firearm', 'shotgun', 'both', 'explosives'],
      maps: 'event.what',
    }),
    ask('certificateNumber', 'text', {
      optional: true,
      when: { step: 'request', in: ['renewal', 'variation', 'change-of-address', 'query'] },
      constraints: { maxLength: 60 },
      maps: 'event.description',
    }),
    ask('details', 'text', { hint: true, maps: 'event.description' }),
    ask('applicant', 'contact', {
      hint: true,
      constraints: { require: ['dateOfBirth', 'address'] },
      maps: 'reporter.contact',
    }),
    files('documents', 'firearms-licensing.documents', 5),
  ],
});
