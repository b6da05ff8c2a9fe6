import { ask, defineFlow } from './build';
import { access, injuries, witnesses } from './common';

const SEVERAL = ['two', 'three-or-more'];
const IN_A_VEHICLE = ['driver', 'passenger', 'rider'];

export const rtc = defineFlow('rtc', {
  intro: true,
  contact: 'required',
  steps: [
    ask('when', 'datetime', { hint: true, constraints: { tense: 'past' }, maps: 'event.when' }),
    ask('where', 'location', { hint: true, maps: 'event.where' }),
    ask('reporterRole', 'choice', {
      options: ['driver', 'passenger', 'rider', 'cyclist', 'pedestrian', 'witness'],
      maps: 'reporter.role',
    }),
    ask('what', 'text', { hint: true, constraints: { minLength: 10 }, maps: 'event.description' }),
    ask('vehiclesCount', 'choice', { options: ['one', 'two', 'three-or-more'], maps: 'vehicles' }),
    ask('yourVehicle', 'vehicle', {
      hint: true,
      when: { step: 'reporterRole', in: IN_A_VEHICLE },
      maps: 'vehicles',
    }),
    ask('otherVehicle', 'vehicle', {
      hint: true,
      optional: true,
      when: { step: 'vehiclesCount', in: SEVERAL },
      maps: 'vehicles',
    }),
    ask('moreVehicles', 'text', {
      optional: true,
      when: { step: 'vehiclesCount', equals: 'three-or-more' },
      maps: 'vehicles',
    }),
    ask('otherDriver', 'person', {
      hint: true,
      optional: true,
      when: { step: 'vehiclesCount', in: SEVERAL },
      maps: 'people.other',
    }),
    ...injuries,
    ask('hospital', 'yesno', { when: { step: 'injured', equals: true }, maps: 'people.victim' }),
    ask('detailsExchanged', 'yesno', {
      hint: true,
      when: { step: 'vehiclesCount', in: SEVERAL },
      maps: 'event.description',
    }),
    ask('failedToStop', 'yesno', {
      when: { step: 'detailsExchanged', equals: false },
      maps: 'event.what',
    }),
    ask('yourInsurer', 'text', {
      optional: true,
      when: { step: 'reporterRole', in: ['driver', 'rider'] },
      constraints: { maxLength: 200 },
      maps: 'vehicles',
    }),
    ask('otherInsurer', 'text', {
      optional: true,
      when: { step: 'detailsExchanged', equals: true },
      constraints: { maxLength: 500 },
      maps: 'vehicles',
    }),
    ask('damage', 'text', { optional: true, maps: 'property' }),
    ask('policeAttended', 'yesno', { maps: 'event.description' }),
    ...witnesses,
    ask('hasFootage', 'yesno', { maps: 'evidence' }),
    ask('footage', 'attachments', {
      hint: true,
      optional: true,
      when: { step: 'hasFootage', equals: true },
      constraints: { maxFiles: 10 },
      maps: 'attachments',
    }),
    ...access,
  ],
});
