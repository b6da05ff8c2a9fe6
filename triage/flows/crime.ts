import { ask, defineFlow } from './build';
import {
  access,
  atRisk,
  evidence,
  injuries,
  property,
  reporterRole,
  suspect,
  vehicle,
  victim,
  victimUnder18,
  witnesses,
} from './common';

const PROPERTY_CRIMES = ['theft', 'burglary', 'robbery', 'vehicle-crime', 'criminal-damage'];

export const crime = defineFlow('crime', {
  intro: true,
  contact: 'optional',
  steps: [
    ask('what', 'text', { hint: true, constraints: { minLength: 10 }, maps: 'event.description' }),
    ask('crimeType', 'choice', {
      options: [
        'theft',
        'burglary',
        'robbery',
        'vehicle-crime',
        'criminal-damage',
        'assault',
        'harassment',
        'online',
        'other',
      ],
      maps: 'event.what',
    }),
    ask('when', 'datetime', { hint: true, constraints: { tense: 'past' }, maps: 'event.when' }),
    ask('where', 'location', { hint: true, maps: 'event.where' }),
    reporterRole(['victim', 'witness', 'behalf', 'business']),
    victim,
    victimUnder18,
    ...injuries,
    ...suspect,
    ...vehicle,
    ask('propertyAffected', 'yesno', {
      when: { step: 'crimeType', in: PROPERTY_CRIMES },
      maps: 'property',
    }),
    ...property,
    ...witnesses,
    ...evidence,
    ...atRisk,
    ...access,
  ],
});
