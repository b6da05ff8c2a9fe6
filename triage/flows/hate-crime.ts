import { ask, defineFlow } from './build';
import {
  access,
  atRisk,
  evidence,
  injuries,
  reporterRole,
  suspect,
  victim,
  victimUnder18,
} from './common';

export const hateCrime = defineFlow('hate-crime', {
  intro: true,
  contact: 'anonymous-allowed',
  steps: [
    ask('what', 'text', { hint: true, constraints: { minLength: 10 }, maps: 'event.description' }),
    ask('hostility', 'multi', {
      hint: true,
      options: ['race', 'religion', 'sexual-orientation', 'disability', 'transgender', 'other'],
      maps: 'event.what',
    }),
    ask('hostilityOther', 'text', {
      when: { step: 'hostility', in: ['other'] },
      constraints: { maxLength: 500 },
      maps: 'event.what',
    }),
    ask('incidentType', 'multi', {
      options: ['verbal', 'physical', 'damage', 'online', 'graffiti', 'other'],
      maps: 'event.what',
    }),
    ask('wordsUsed', 'text', { hint: true, optional: true, maps: 'event.description' }),
    ask('when', 'datetime', { hint: true, constraints: { tense: 'past' }, maps: 'event.when' }),
    ask('where', 'location', { hint: true, maps: 'event.where' }),
    reporterRole(),
    victim,
    victimUnder18,
    ...injuries,
    ...suspect,
    ask('happenedBefore', 'yesno', { maps: 'event.description' }),
    ask('happenedBeforeDetails', 'text', {
      optional: true,
      when: { step: 'happenedBefore', equals: true },
      maps: 'event.description',
    }),
    ...evidence,
    ...atRisk,
    ask('supportReferral', 'consent', { optional: true, maps: 'safeguarding' }),
    ...access,
  ],
});
