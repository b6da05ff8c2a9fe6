import { ask, defineFlow } from './build';

export const drivingComplaint = defineFlow('driving-complaint', {
  intro: true,
  contact: 'required',
  steps: [
    ask('offence', 'multi', {
      hint: true,
      options: [
        'dangerous',
        'careless',
        'speeding',
        'phone',
        'red-light',
        'close-pass',
        'no-seatbelt',
        'other',
      ],
      maps: 'event.what',
    }),
    ask('what', 'text', { hint: true, constraints: { minLength: 10 }, maps: 'event.description' }),
    ask('when', 'datetime', { hint: true, constraints: { tense: 'past' }, maps: 'event.when' }),
    ask('where', 'location', { hint: true, maps: 'event.where' }),
    ask('vehicle', 'vehicle', { hint: true, maps: 'vehicles' }),
    ask('driver', 'person', { optional: true, maps: 'people.suspect' }),
    ask('reporterRole', 'choice', {
      options: ['driver', 'passenger', 'rider', 'cyclist', 'pedestrian', 'other'],
      maps: 'reporter.role',
    }),
    ask('hasFootage', 'yesno', { maps: 'evidence' }),
    ask('footage', 'attachments', {
      hint: true,
      optional: true,
      when: { step: 'hasFootage', equals: true },
      constraints: { maxFiles: 5 },
      maps: 'attachments',
    }),
    ask('footageUnedited', 'yesno', {
      when: { step: 'hasFootage', equals: true },
      maps: 'evidence',
    }),
    ask('statement', 'yesno', { hint: true, maps: 'reporter.role' }),
  ],
});
