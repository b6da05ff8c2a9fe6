import type { StepDef } from '../flows/schema';
import { DEFAULT_MAX_TEXT, text, tidy } from './text';

const step = (constraints?: StepDef['constraints']): StepDef => ({
  id: 'what',
  type: 'text',
  prompt: 'flows:crime.what.prompt',
  optional: false,
  ...(constraints ? { constraints } : {}),
});
const ctx = { locale: 'en' as const, now: new Date(), label: (k: string) => k };

test('trims and tidies, keeping paragraphs', () => {
  expect(tidy('  my   bike\r\n\r\n\r\n was   stolen  ')).toBe('my bike\n\nwas stolen');
  expect(text.parseText('  my bike was stolen ', step(), ctx)).toEqual({
    ok: true,
    value: 'my bike was stolen',
  });
});

test.each([
  ['', step(), 'text.empty', undefined],
  ['  ...  ', step(), 'text.empty', undefined],
  ['short', step({ minLength: 10 }), 'text.tooShort', { min: 10 }],
  ['x'.repeat(101), step({ maxLength: 100 }), 'text.tooLong', { max: 100, length: 101 }],
  [
    'x'.repeat(DEFAULT_MAX_TEXT + 1),
    step(),
    'text.tooLong',
    { max: DEFAULT_MAX_TEXT, length: DEFAULT_MAX_TEXT + 1 },
  ],
])('%j is refused', (input, s, key, params) => {
  expect(text.parseText(input, s, ctx)).toEqual({
    ok: false,
    error: params ? { key: `answers:${key}`, params } : { key: `answers:${key}` },
  });
});

test('the schema applies the same limits', () => {
  expect(text.schema(step({ maxLength: 5 })).safeParse('123456').success).toBe(false);
  expect(text.schema(step()).safeParse('fine').success).toBe(true);
  expect(text.parseValue(42, step(), ctx)).toEqual({ ok: true, value: '42' });
});
