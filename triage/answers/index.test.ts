import cyAnswers from '../../locales/cy/answers.json';
import enAnswers from '../../locales/en/answers.json';
import plAnswers from '../../locales/pl/answers.json';
import cyFlows from '../../locales/cy/flows.json';
import enFlows from '../../locales/en/flows.json';
import type { AnswerType, StepDef } from '../flows/schema';
import { ANSWER_TYPES } from '../flows/schema';
import { createTranslator } from '../i18n';
import { UI_LOCALES } from '../languages';
import type { Message } from '../types';
import { ANSWER_TYPE_DEFS, answerSchema, formatAnswer, parseAnswer } from '.';
import type { AnswerInput, ParseContext } from './types';

const translator = createTranslator({
  en: { answers: enAnswers, flows: enFlows },
  cy: { answers: cyAnswers, flows: cyFlows },
  pl: { answers: plAnswers },
});
const ctx = (locale: ParseContext['locale'] = 'en'): ParseContext => ({
  locale,
  now: new Date('2026-11-24T10:00:00Z'),
  label: (key) => translator.t({ key }, locale),
});

const OPTIONS = ['race', 'religion', 'other'].map((value) => ({
  value,
  label: `flows:hate-crime.hostility.options.${value}`,
}));
const stepOf = (type: AnswerType, extra: Partial<StepDef> = {}): StepDef => ({
  id: 'step',
  type,
  prompt: 'flows:crime.what.prompt',
  optional: false,
  ...(type === 'choice' || type === 'multi' ? { options: OPTIONS } : {}),
  ...(type === 'datetime' ? { constraints: { tense: 'past' as const } } : {}),
  ...(type === 'contact' ? { constraints: { require: ['phone' as const] } } : {}),
  ...(type === 'text' ? { constraints: { minLength: 5, maxLength: 50 } } : {}),
  ...extra,
});

const text = (t: string): AnswerInput => ({ kind: 'text', text: t });
const value = (v: unknown): AnswerInput => ({ kind: 'value', value: v });

/** Wrong answers for each type, typed and structured: each must say what to do, in every language. */
const INVALID: Record<AnswerType, AnswerInput[]> = {
  text: [text('hi'), text('x'.repeat(60)), text('...'), value({})],
  yesno: [text('purple'), value('maybe')],
  choice: [text('banana'), text('9'), value({ a: 1 })],
  multi: [text('banana'), value([]), value(['nope'])],
  datetime: [
    text('banana'),
    text('tomorrow'),
    text("don't know"),
    value('2026-02-30'),
    value({ exact: 'x' }),
  ],
  location: [text('CM1 1A'), text('?'), value({ lat: 200, lon: 0 }), value({ lat: 1 }), value(42)],
  person: [text('.'), value(42)],
  vehicle: [text('silver van'), text('123'), value({ registration: '!!' })],
  contact: [
    text('ring me'),
    text('07911 12345 6789'),
    value({ phone: 'nope' }),
    value('me@'),
    value(42),
  ],
  consent: [text('perhaps'), value(42)],
  attachments: [
    text('here you go'),
    value([{ name: 'a.exe', contentType: 'application/x-msdownload' }]),
    value(Array.from({ length: 11 }, (_, i) => ({ name: `${i}.jpg`, contentType: 'image/jpeg' }))),
    value([{ name: 'big.mp4', contentType: 'video/mp4', size: 2 ** 40 }]),
    value('nonsense'),
  ],
};

describe.each(ANSWER_TYPES)('%s', (type) => {
  test.each(INVALID[type].map((input) => [JSON.stringify(input).slice(0, 60), input] as const))(
    'invalid %s → an answers: error in en, cy and pl',
    (_label, input) => {
      const r = parseAnswer(stepOf(type), input, ctx());
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.key).toMatch(/^answers:/);
      for (const locale of UI_LOCALES) expect(translator.has(r.error.key, locale)).toBe(true);
      const said = translator.t(r.error, 'en');
      expect(said).not.toMatch(/\{\{|answers:/);
    },
  );
});

describe('optional steps: "don\'t know" and friends are no answer', () => {
  test.each(ANSWER_TYPES)('%s', (type) => {
    const step = stepOf(type, { optional: true });
    for (const t of ["don't know", 'prefer not to say', 'dim syniad', 'nie wiem', '  ']) {
      const r = parseAnswer(step, text(t), ctx());
      if (type === 'attachments' && t.trim() === '') continue;
      expect(r).toEqual({ ok: false, skip: true, error: { key: 'answers:skipHint' } });
    }
    expect(parseAnswer(step, value(null), ctx())).toMatchObject({ ok: false, skip: true });
    expect(parseAnswer(step, value(''), ctx())).toMatchObject({ ok: false, skip: true });
    expect(parseAnswer(step, value('skip'), ctx())).toMatchObject({ ok: false, skip: true });
  });

  test('on a required step they ask for an answer', () => {
    expect(parseAnswer(stepOf('text'), text("don't know"), ctx())).toEqual({
      ok: false,
      error: { key: 'answers:required' },
    });
    expect(parseAnswer(stepOf('datetime'), text('not sure'), ctx())).toEqual({
      ok: false,
      error: { key: 'answers:datetime.required' },
    });
  });

  test('an option that itself says "not sure" still wins', () => {
    const step = stepOf('choice', {
      options: [
        { value: 'yes', label: 'flows:common.suspectKnown.options.known' },
        { value: 'unsure', label: 'flows:common.suspectKnown.options.no' },
      ],
    });
    const notSure = { ...ctx(), label: (k: string) => (k.endsWith('.no') ? 'Not sure' : 'Yes') };
    expect(parseAnswer(step, text('not sure'), notSure)).toEqual({ ok: true, value: 'unsure' });
  });

  test('"no" is an answer to a yes/no question, not a skip', () => {
    expect(parseAnswer(stepOf('yesno', { optional: true }), text('no'), ctx())).toEqual({
      ok: true,
      value: false,
    });
  });
});

/** One good answer per type: it parses, passes the type's schema, and formats in every language. */
const VALID: Record<AnswerType, AnswerInput> = {
  text: text('My bike was stolen'),
  yesno: text('yes'),
  choice: text('2'),
  multi: text('1 and 2'),
  datetime: text('yesterday about 3pm'),
  location: text('10 High Street, Chelmsford CM1 1AA'),
  person: text('man about 30, tall, black hoodie'),
  vehicle: text('silver Ford Focus AB12 CDE'),
  contact: text('07911 123456'),
  consent: text('yes'),
  attachments: value([{ name: 'a.jpg', contentType: 'image/jpeg' }]),
};

function keysOf(message: Message): string[] {
  return [
    message.key,
    ...Object.values(message.params ?? {}).flatMap((p) => (typeof p === 'object' ? keysOf(p) : [])),
  ];
}

test.each(ANSWER_TYPES)('%s: a good answer parses, validates and formats', (type) => {
  const step = stepOf(type);
  const r = parseAnswer(step, VALID[type], ctx());
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(answerSchema(step).safeParse(r.value).success).toBe(true);
  expect(ANSWER_TYPE_DEFS[type].schema(step).safeParse(r.value).success).toBe(true);
  for (const locale of UI_LOCALES) {
    const shown = formatAnswer(step, r.value, ctx(locale));
    for (const key of keysOf(shown)) expect(translator.has(key, 'en')).toBe(true);
    expect(translator.t(shown, locale)).not.toMatch(/\{\{|answers:|flows:/);
  }
});

test('a value that no longer fits its step is still shown, never thrown', () => {
  expect(formatAnswer(stepOf('yesno'), 'odd', ctx())).toEqual({
    key: 'answers:format.text',
    params: { value: 'odd' },
  });
});

test('every answers key exists in Welsh and Polish', () => {
  const walk = (o: object, pre = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'object' && v !== null ? walk(v as object, `${pre}${k}.`) : [`${pre}${k}`],
    );
  const en = walk(enAnswers).sort();
  expect(walk(cyAnswers).sort()).toEqual(en);
  expect(walk(plAnswers).sort()).toEqual(en);
});

test('parsing is fast enough for every chat turn', () => {
  const step = stepOf('datetime');
  const inputs = [
    'yesterday about 3pm',
    'last night',
    'ddoe tua 3',
    'wczoraj wieczorem',
    '25/11/2025 14:30',
  ];
  const start = performance.now();
  const n = 500;
  for (let i = 0; i < n; i++) parseAnswer(step, text(inputs[i % inputs.length] ?? ''), ctx());
  const perParse = (performance.now() - start) / n;
  expect(perParse).toBeLessThan(5);
});
