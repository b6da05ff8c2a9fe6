import { ask, defineFlow } from './build';

export const claresLaw = defineFlow('clares-law', {
  intro: true,
  contact: 'required',
  steps: [
    ask('applicant', 'choice', {
      options: ['self', 'family-friend', 'professional'],
      maps: 'reporter.role',
    }),
    ask('subjectName', 'text', { constraints: { maxLength: 200 }, maps: 'people.suspect' }),
    ask('subject', 'person', { hint: true, optional: true, maps: 'people.suspect' }),
    ask('atRiskPerson', 'text', {
      when: { step: 'applicant', in: ['family-friend', 'professional'] },
      constraints: { maxLength: 500 },
      maps: 'people.victim',
    }),
    ask('concern', 'text', { constraints: { minLength: 10 }, maps: 'event.description' }),
    ask('children', 'yesno', { maps: 'safeguarding', safeguarding: true }),
    ask('safeContact', 'text', {
      hint: true,
      constraints: { maxLength: 500 },
      maps: 'reporter.accessibility',
    }),
  ],
});
