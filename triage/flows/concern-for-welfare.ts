import { ask, defineFlow } from './build';

export const concernForWelfare = defineFlow('concern-for-welfare', {
  intro: true,
  contact: 'required',
  steps: [
    ask('who', 'person', { hint: true, maps: 'people.other' }),
    ask('where', 'location', { hint: true, maps: 'event.where' }),
    ask('why', 'text', { constraints: { minLength: 10 }, maps: 'event.description' }),
    ask('lastContact', 'datetime', {
      optional: true,
      constraints: { tense: 'past' },
      maps: 'event.when',
    }),
    ask('relationship', 'choice', {
      options: ['family', 'partner', 'friend', 'neighbour', 'professional', 'other'],
      maps: 'reporter.role',
    }),
    ask('child', 'yesno', { maps: 'safeguarding', safeguarding: true }),
    ask('harmRisk', 'yesno', { maps: 'safeguarding', safeguarding: true }),
    ask('health', 'yesno', { maps: 'safeguarding', safeguarding: true }),
    ask('healthDetails', 'text', { when: { step: 'health', equals: true }, maps: 'safeguarding' }),
    ask('theirPhone', 'contact', {
      optional: true,
      constraints: { require: ['phone'] },
      maps: 'people.other',
    }),
    ask('triedContact', 'yesno', { maps: 'event.description' }),
  ],
});
