import type { StepDef } from '../flows/schema';
import { consent } from './consent';

const step: StepDef = {
  id: 'supportReferral',
  type: 'consent',
  prompt: 'flows:hate-crime.supportReferral.prompt',
  optional: false,
};
const ctx = { locale: 'en' as const, now: new Date(), label: (k: string) => k };
const statement = 'flows:hate-crime.supportReferral.prompt';

test.each([
  ['yes', true],
  ['I agree', true],
  ['cytuno', true],
  ['zgadzam się', true],
  ['no', false],
  ["I don't agree", false],
  ['nie zgadzam się', false],
])('%j → agreed %s, with the statement shown', (text, agreed) => {
  expect(consent.parseText(text, step, ctx)).toEqual({ ok: true, value: { agreed, statement } });
});

test('buttons and form values', () => {
  expect(consent.parseValue('yes', step, ctx)).toEqual({
    ok: true,
    value: { agreed: true, statement },
  });
  expect(consent.parseValue(false, step, ctx)).toEqual({
    ok: true,
    value: { agreed: false, statement },
  });
  expect(consent.parseValue({ agreed: true }, step, ctx)).toEqual({
    ok: true,
    value: { agreed: true, statement },
  });
  expect(consent.parseText('maybe later', step, ctx)).toEqual({
    ok: false,
    error: { key: 'answers:consent.invalid' },
  });
});
