import type { StepDef } from '../flows/schema';
import { readYesNo, yesno } from './yesno';

const step: StepDef = {
  id: 'injured',
  type: 'yesno',
  prompt: 'flows:common.injured.prompt',
  optional: false,
};
const ctx = { locale: 'en' as const, now: new Date(), label: (k: string) => k };

test.each([
  ['yes', true],
  ['Y', true],
  ['yeah', true],
  ['yep', true],
  ['Yesss', true],
  ['yse', true],
  ['yes, he was badly hurt', true],
  ['I think so', true],
  ['aye', true],
  ['ie', true],
  ['do', true],
  ['oes', true],
  ['ydw', true],
  ['tak', true],
  ['Tak, był ranny', true],
  ['na pewno', true],
  ['no', false],
  ['N', false],
  ['nope', false],
  ['nah', false],
  ['noooo', false],
  ['no one was hurt', false],
  ['not really', false],
  ['na', false],
  ['naddo', false],
  ['nac oes', false],
  ['nie', false],
  ['raczej nie', false],
])('%j → %s', (text, expected) => {
  expect(readYesNo(text)).toBe(expected);
  expect(yesno.parseText(text, step, ctx)).toEqual({ ok: true, value: expected });
});

test.each(['maybe', 'the red car', '42', ''])('%j is not a yes or no', (text) => {
  expect(yesno.parseText(text, step, ctx)).toEqual({
    ok: false,
    error: { key: 'answers:yesno.invalid' },
  });
});

test('structured values: the option values and booleans', () => {
  expect(yesno.parseValue('yes', step, ctx)).toEqual({ ok: true, value: true });
  expect(yesno.parseValue('no', step, ctx)).toEqual({ ok: true, value: false });
  expect(yesno.parseValue(true, step, ctx)).toEqual({ ok: true, value: true });
  expect(yesno.parseValue('perhaps', step, ctx).ok).toBe(false);
  expect(yesno.format(true, step, ctx)).toEqual({ key: 'answers:format.yes' });
});
