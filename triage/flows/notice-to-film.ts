import { ask, defineFlow } from './build';

export const noticeToFilm = defineFlow('notice-to-film', {
  intro: true,
  contact: 'required',
  steps: [
    ask('production', 'text', { constraints: { maxLength: 300 }, maps: 'people.other' }),
    ask('what', 'text', { hint: true, constraints: { minLength: 10 }, maps: 'event.description' }),
    ask('start', 'datetime', { constraints: { tense: 'future' }, maps: 'event.when' }),
    ask('end', 'datetime', {
      optional: true,
      constraints: { tense: 'future' },
      maps: 'event.when',
    }),
    ask('where', 'location', { hint: true, maps: 'event.where' }),
    ask('special', 'multi', {
      hint: true,
      options: [
        'replica-weapons',
        'police-uniforms',
        'police-vehicles',
        'stunts',
        'drones',
        'road-filming',
        'none',
      ],
      maps: 'event.what',
    }),
    ask('crewSize', 'choice', { options: ['small', 'medium', 'large'], maps: 'event.description' }),
    ask('roadsAffected', 'yesno', { maps: 'event.description' }),
    ask('permission', 'yesno', { optional: true, maps: 'event.description' }),
    ask('details', 'text', { optional: true, maps: 'event.description' }),
  ],
});
