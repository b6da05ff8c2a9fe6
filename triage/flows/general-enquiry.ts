import { ask, defineFlow } from './build';

export const generalEnquiry = defineFlow('general-enquiry', {
  contact: 'optional',
  steps: [
    ask('topic', 'choice', {
      options: ['station', 'property', 'documents', 'advice', 'other'],
      maps: 'event.what',
    }),
    ask('enquiry', 'text', { constraints: { minLength: 5 }, maps: 'event.description' }),
    ask('area', 'location', { optional: true, maps: 'event.where' }),
    ask('reference', 'text', {
      optional: true,
      constraints: { maxLength: 60 },
      maps: 'event.description',
    }),
  ],
});
