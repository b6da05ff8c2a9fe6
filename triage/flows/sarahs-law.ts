import { ask, defineFlow } from './build';

export const sarahsLaw = defineFlow('sarahs-law', {
  intro: true,
  contact: 'required',
  steps: [
    ask('role', 'choice', {
      options: ['parent', 'guardian', 'carer', 'other'],
      maps: 'reporter.role',
    }),
    ask('subjectName', 'text', { constraints: { maxLength: 200 }, maps: 'people.suspect' }),
    ask('subject', 'person', { hint: true, optional: true, maps: 'people.suspect' }),
    ask('contactWithChild', 'text', { maps: 'event.description' }),
    ask('concern', 'text', { constraints: { minLength: 10 }, maps: 'event.description' }),
    ask('children', 'text', { constraints: { maxLength: 500 }, maps: 'people.victim' }),
    ask('childAtRisk', 'yesno', { maps: 'safeguarding', safeguarding: true }),
  ],
});
