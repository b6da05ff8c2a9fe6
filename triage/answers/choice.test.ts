import cyFlows from '../../locales/cy/flows.json';
import enFlows from '../../locales/en/flows.json';
import plFlows from '../../locales/pl/flows.json';
import type { StepDef } from '../flows/schema';
import { createTranslator } from '../i18n';
import { choice } from './choice';
import type { ParseContext } from './types';

const translator = createTranslator({
  en: { flows: enFlows },
  cy: { flows: cyFlows },
  pl: { flows: plFlows },
});
const ctx = (locale: ParseContext['locale'] = 'en'): ParseContext => ({
  locale,
  now: new Date(),
  label: (key) => translator.t({ key }, locale),
});
const values = [
  'theft',
  'burglary',
  'robbery',
  'vehicle-crime',
  'criminal-damage',
  'assault',
  'harassment',
  'online',
  'other',
];
const step: StepDef = {
  id: 'crimeType',
  type: 'choice',
  prompt: 'flows:crime.crimeType.prompt',
  optional: false,
  options: values.map((value) => ({ value, label: `flows:crime.crimeType.options.${value}` })),
};

test.each([
  ['2', 'en', 'burglary'],
  ['option 3', 'en', 'robbery'],
  ['burglary', 'en', 'burglary'],
  ['Something was stolen', 'en', 'theft'],
  ['something was stolen.', 'en', 'theft'],
  ['Somethng was stolen', 'en', 'theft'],
  ['Harassment, threats or stalking', 'en', 'harassment'],
  ['harassment', 'en', 'harassment'],
  ['something else', 'en', 'other'],
  ['criminal damage', 'en', 'criminal-damage'],
  ['Cafodd rhywbeth ei ddwyn', 'cy', 'theft'],
  ['rhywbeth arall', 'cy', 'other'],
  ['byrgleriaeth', 'cy', 'burglary'],
  ['Coś zostało skradzione', 'pl', 'theft'],
  ['wlamanie', 'pl', 'burglary'],
  ['cos innego', 'pl', 'other'],
])('%j (%s) → %s', (text, locale, expected) => {
  expect(choice.parseText(text, step, ctx(locale as ParseContext['locale']))).toEqual({
    ok: true,
    value: expected,
  });
});

test.each(['12', 'banana', 'it was', ''])('%j is not an option', (text) => {
  expect(choice.parseText(text, step, ctx())).toEqual({
    ok: false,
    error: { key: 'answers:choice.invalid', params: { count: 9 } },
  });
});

test('button values, and the label shown back', () => {
  expect(choice.parseValue('online', step, ctx())).toEqual({ ok: true, value: 'online' });
  expect(choice.parseValue(4, step, ctx())).toEqual({ ok: true, value: 'vehicle-crime' });
  expect(choice.parseValue({}, step, ctx()).ok).toBe(false);
  expect(choice.format('online', step, ctx())).toEqual({
    key: 'flows:crime.crimeType.options.online',
  });
  expect(choice.schema(step).safeParse('nope').success).toBe(false);
});

test('yes/no options read yes and no words', () => {
  const yn: StepDef = {
    ...step,
    options: [
      { value: 'yes', label: 'flows:crime.crimeType.options.theft' },
      { value: 'no', label: 'flows:crime.crimeType.options.other' },
    ],
  };
  expect(choice.parseText('yep', yn, ctx())).toEqual({ ok: true, value: 'yes' });
  expect(choice.parseText('nie', yn, ctx())).toEqual({ ok: true, value: 'no' });
});
