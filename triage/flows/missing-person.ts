import { ask, defineFlow } from './build';

export const missingPerson = defineFlow('missing-person', {
  intro: true,
  contact: 'required',
  steps: [
    ask('name', 'text', { constraints: { maxLength: 200 }, maps: 'people.other' }),
    ask('description', 'person', { hint: true, maps: 'people.other' }),
    ask('under18', 'yesno', { maps: 'safeguarding', safeguarding: true }),
    ask('relationship', 'choice', {
      options: ['parent', 'partner', 'family', 'friend', 'carer', 'professional', 'other'],
      maps: 'reporter.role',
    }),
    ask('lastSeenWhen', 'datetime', {
      hint: true,
      constraints: { tense: 'past' },
      maps: 'event.when',
    }),
    ask('lastSeenWhere', 'location', { hint: true, maps: 'event.where' }),
    ask('clothing', 'text', {
      optional: true,
      constraints: { maxLength: 1000 },
      maps: 'people.other',
    }),
    ask('outOfCharacter', 'yesno', { maps: 'event.description' }),
    ask('health', 'yesno', { maps: 'safeguarding', safeguarding: true }),
    ask('healthDetails', 'text', { when: { step: 'health', equals: true }, maps: 'safeguarding' }),
    ask('harmRisk', 'yesno', { maps: 'safeguarding', safeguarding: true }),
    ask('harmDetails', 'text', { when: { step: 'harmRisk', equals: true }, maps: 'safeguarding' }),
    ask('missingBefore', 'yesno', { maps: 'event.description' }),
    ask('phone', 'contact', {
      optional: true,
      constraints: { require: ['phone'] },
      maps: 'people.other',
    }),
    ask('places', 'text', { hint: true, optional: true, maps: 'event.description' }),
    ask('hasVehicle', 'yesno', { maps: 'vehicles' }),
    ask('vehicle', 'vehicle', {
      optional: true,
      when: { step: 'hasVehicle', equals: true },
      maps: 'vehicles',
    }),
    ask('photo', 'attachments', {
      hint: true,
      optional: true,
      constraints: { maxFiles: 3 },
      maps: 'attachments',
    }),
  ],
});
