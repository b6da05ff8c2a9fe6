import cyFlows from '../../locales/cy/flows.json';
import enFlows from '../../locales/en/flows.json';
import plFlows from '../../locales/pl/flows.json';
import type { StepDef } from '../flows/schema';
import { createTranslator } from '../i18n';
import { multi } from './multi';
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
const values = ['race', 'religion', 'sexual-orientation', 'disability', 'transgender', 'other'];
const step: StepDef = {
  id: 'hostility',
  type: 'multi',
  prompt: 'flows:hate-crime.hostility.prompt',
  optional: false,
  options: values.map((value) => ({ value, label: `flows:hate-crime.hostility.options.${value}` })),
};

test.each([
  ['1, 3', 'en', ['race', 'sexual-orientation']],
  ['1 and 3', 'en', ['race', 'sexual-orientation']],
  ['3 1', 'en', ['race', 'sexual-orientation']],
  ['13', 'en', ['race', 'sexual-orientation']],
  ['4', 'en', ['disability']],
  ['religion', 'en', ['religion']],
  ['Race, ethnicity or nationality', 'en', ['race']],
  ['race and religion', 'en', ['race', 'religion']],
  ['because of my religion and my disability', 'en', ['religion', 'disability']],
  ['Disability & transgender identity', 'en', ['disability', 'transgender']],
  ['Religion, religion', 'en', ['religion']],
  ['crefydd neu gred a anabledd', 'cy', ['religion', 'disability']],
  ['1 a 2', 'cy', ['race', 'religion']],
  ['Religii lub przekonań i niepełnosprawności', 'pl', ['religion', 'disability']],
  ['1 i 4', 'pl', ['race', 'disability']],
])('%j (%s) → %j', (text, locale, expected) => {
  expect(multi.parseText(text, step, ctx(locale as ParseContext['locale']))).toEqual({
    ok: true,
    value: expected,
  });
});

test.each(['7', 'banana and race', '', '1, 9'])('%j is refused', (text) => {
  expect(multi.parseText(text, step, ctx())).toEqual({
    ok: false,
    error: { key: 'answers:multi.invalid' },
  });
});

test('structured values: one button, or a form array', () => {
  expect(multi.parseValue('race', step, ctx())).toEqual({ ok: true, value: ['race'] });
  expect(multi.parseValue(['other', 'race'], step, ctx())).toEqual({
    ok: true,
    value: ['race', 'other'],
  });
  expect(multi.parseValue([], step, ctx())).toEqual({
    ok: false,
    error: { key: 'answers:multi.empty' },
  });
  expect(multi.parseValue(['nope'], step, ctx()).ok).toBe(false);
  expect(multi.schema(step).safeParse(['race', 'race']).success).toBe(false);
});

test('"none" with other options means the others', () => {
  const evidence: StepDef = {
    ...step,
    options: ['cctv', 'photos', 'none'].map((value) => ({
      value,
      label: `flows:common.evidence.options.${value}`,
    })),
  };
  expect(multi.parseText('1 and 3', evidence, ctx())).toEqual({ ok: true, value: ['cctv'] });
  expect(multi.parseText('3', evidence, ctx())).toEqual({ ok: true, value: ['none'] });
  expect(multi.parseText('no', evidence, ctx())).toEqual({ ok: true, value: ['none'] });
  expect(multi.parseText('nic', evidence, ctx('pl'))).toEqual({ ok: true, value: ['none'] });
  expect(multi.schema(evidence).safeParse(['cctv', 'none']).success).toBe(false);
});

test('format lists the labels in the person’s language', () => {
  expect(multi.format(['race', 'religion'], step, ctx())).toEqual({
    key: 'answers:format.text',
    params: { value: 'Race, ethnicity or nationality and Religion or belief' },
  });
});
