import type { StepDef } from '../flows/schema';
import { DateTimeAnswerSchema, datetime, formatDateTime, type DateTimeAnswer } from './datetime';
import type { ParseContext, ParseResult } from './types';

const step = (tense?: 'past' | 'future'): StepDef => ({
  id: 'when',
  type: 'datetime',
  prompt: 'flows:crime.when.prompt',
  optional: false,
  ...(tense ? { constraints: { tense } } : {}),
});
const ctx = (now: string, locale: ParseContext['locale'] = 'en'): ParseContext => ({
  locale,
  now: new Date(now),
  label: (key) => key,
});
const parse = (text: string, now: string, tense: 'past' | 'future' | 'none' = 'past') =>
  datetime.parseText(text, step(tense === 'none' ? undefined : tense), ctx(now));

type Expect = { exact: string; approximate?: boolean } | { from: string; to: string } | string;

function check(result: ParseResult, expected: Expect) {
  if (typeof expected === 'string') {
    expect(result).toEqual({ ok: false, error: { key: `answers:${expected}` } });
    return;
  }
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  const value = result.value as DateTimeAnswer;
  expect(DateTimeAnswerSchema.safeParse(value).success).toBe(true);
  if ('exact' in expected) {
    expect(value.exact).toBe(new Date(expected.exact).toISOString());
    if (expected.approximate !== undefined) expect(value.approximate).toBe(expected.approximate);
  } else {
    expect({ from: value.from, to: value.to }).toEqual({
      from: new Date(expected.from).toISOString(),
      to: new Date(expected.to).toISOString(),
    });
    expect(value.approximate).toBe(true);
  }
}

// Tuesday 24 November 2026, 10:00 in London (GMT, so also 10:00 UTC).
const WINTER = '2026-11-24T10:00:00Z';

const PAST_WINTER: [string, Expect][] = [
  ['yesterday about 3pm', { exact: '2026-11-23T15:00Z', approximate: true }],
  ['yesterday at 3pm', { exact: '2026-11-23T15:00Z', approximate: false }],
  ['Yesterday, 3pm-ish', { exact: '2026-11-23T15:00Z', approximate: true }],
  ['yesterdy at 3pm', { exact: '2026-11-23T15:00Z' }],
  ['yday 3pm', { exact: '2026-11-23T15:00Z' }],
  ['last night', { from: '2026-11-23T18:00Z', to: '2026-11-24T06:00Z' }],
  ['last night about 2', { exact: '2026-11-24T02:00Z', approximate: true }],
  ['last night at 11pm', { exact: '2026-11-23T23:00Z' }],
  ['this morning', { from: '2026-11-24T06:00Z', to: '2026-11-24T10:00Z' }],
  ['2 hours ago', { exact: '2026-11-24T08:00Z', approximate: true }],
  ['about 10 mins ago', { exact: '2026-11-24T09:50Z', approximate: true }],
  ['just now', { exact: '2026-11-24T10:00Z', approximate: true }],
  ['on monday', { from: '2026-11-23T00:00Z', to: '2026-11-24T00:00Z' }],
  ['friday night', { from: '2026-11-20T18:00Z', to: '2026-11-21T06:00Z' }],
  ['last friday at 11pm', { exact: '2026-11-20T23:00Z' }],
  ['25/11', { from: '2025-11-25T00:00Z', to: '2025-11-26T00:00Z' }],
  ['20/11', { from: '2026-11-20T00:00Z', to: '2026-11-21T00:00Z' }],
  ['the 20th', { from: '2026-11-20T00:00Z', to: '2026-11-21T00:00Z' }],
  ['23/11/2026 14:30', { exact: '2026-11-23T14:30Z', approximate: false }],
  ['between 2 and 4am', { from: '2026-11-24T02:00Z', to: '2026-11-24T04:00Z' }],
  ['yesterday between 2 and 4pm', { from: '2026-11-23T14:00Z', to: '2026-11-23T16:00Z' }],
  ['sometime last week', { from: '2026-11-16T00:00Z', to: '2026-11-23T00:00Z' }],
  ['the other day', { from: '2026-11-19T00:00Z', to: '2026-11-23T00:00Z' }],
  ['at the weekend', { from: '2026-11-21T00:00Z', to: '2026-11-23T00:00Z' }],
  ['at midnight', { exact: '2026-11-24T00:00Z' }],
  // A time alone is the most recent one: 3 (am) today, 11 (pm) yesterday.
  ['at 3', { exact: '2026-11-24T03:00Z' }],
  ['about 11', { exact: '2026-11-23T23:00Z', approximate: true }],
  ['tomorrow', 'datetime.future'],
  ['25/11/2026 14:30', 'datetime.future'],
  ['in 2 hours', 'datetime.future'],
  ['tonight', 'datetime.future'],
  ['banana', 'datetime.invalid'],
  ['the 31st of February 1850', 'datetime.invalid'],
  // Welsh.
  ['ddoe tua 3', { exact: '2026-11-23T15:00Z', approximate: true }],
  ['ddoe am 3 y.h.', { exact: '2026-11-23T15:00Z', approximate: false }],
  ['neithiwr', { from: '2026-11-23T18:00Z', to: '2026-11-24T06:00Z' }],
  ["bore 'ma", { from: '2026-11-24T06:00Z', to: '2026-11-24T10:00Z' }],
  ['nos Wener', { from: '2026-11-20T18:00Z', to: '2026-11-21T06:00Z' }],
  ['dydd Llun', { from: '2026-11-23T00:00Z', to: '2026-11-24T00:00Z' }],
  ['2 awr yn ôl', { exact: '2026-11-24T08:00Z' }],
  ['wythnos diwethaf', { from: '2026-11-16T00:00Z', to: '2026-11-23T00:00Z' }],
  ['20 Tachwedd', { from: '2026-11-20T00:00Z', to: '2026-11-21T00:00Z' }],
  // Polish.
  ['wczoraj wieczorem', { from: '2026-11-23T18:00Z', to: '2026-11-24T00:00Z' }],
  ['wczoraj około 15', { exact: '2026-11-23T15:00Z', approximate: true }],
  ['dzisiaj rano', { from: '2026-11-24T06:00Z', to: '2026-11-24T10:00Z' }],
  ['2 godziny temu', { exact: '2026-11-24T08:00Z' }],
  ['godzinę temu', { exact: '2026-11-24T09:00Z' }],
  ['w poniedziałek o 15', { exact: '2026-11-23T15:00Z' }],
  ['zeszłej nocy', { from: '2026-11-23T18:00Z', to: '2026-11-24T06:00Z' }],
  ['w zeszłym tygodniu', { from: '2026-11-16T00:00Z', to: '2026-11-23T00:00Z' }],
  ['20 listopada', { from: '2026-11-20T00:00Z', to: '2026-11-21T00:00Z' }],
];

const FUTURE_WINTER: [string, Expect][] = [
  // chrono reads "next Saturday" as the one in next week; "Saturday" alone is the coming one.
  ['next saturday at 2pm', { exact: '2026-12-05T14:00Z' }],
  ['saturday at 2pm', { exact: '2026-11-28T14:00Z' }],
  ['12/12', { from: '2026-12-12T00:00Z', to: '2026-12-13T00:00Z' }],
  ['20/11', { from: '2027-11-20T00:00Z', to: '2027-11-21T00:00Z' }],
  ['14/03/2027 10:00', { exact: '2027-03-14T10:00Z' }],
  ['at 3', { exact: '2026-11-24T15:00Z' }],
  ['yesterday', 'datetime.past'],
  ['banana', 'datetime.invalidFuture'],
];

/** Clock changes: the answer must mean the London wall clock on the day it names. */
const BOUNDARIES: [string, string, Expect][] = [
  // Summer: 10:00 BST is 09:00 UTC.
  ['2026-07-15T09:00:00Z', 'yesterday at 3pm', { exact: '2026-07-14T14:00Z' }],
  ['2026-07-15T09:00:00Z', 'last night', { from: '2026-07-14T17:00Z', to: '2026-07-15T05:00Z' }],
  ['2026-07-15T09:00:00Z', '2 hours ago', { exact: '2026-07-15T07:00Z' }],
  // 00:30 BST on 16 July is still 15 July in UTC: "yesterday" is the 15th in London.
  ['2026-07-15T23:30:00Z', 'yesterday at 3pm', { exact: '2026-07-15T14:00Z' }],
  ['2026-07-15T23:30:00Z', 'yesterday', { from: '2026-07-14T23:00Z', to: '2026-07-15T23:00Z' }],
  // Clocks went back at 02:00 BST on Sunday 25 October 2026; now is Monday 10:00 GMT.
  ['2026-10-26T10:00:00Z', 'yesterday at 3pm', { exact: '2026-10-25T15:00Z' }],
  ['2026-10-26T10:00:00Z', 'saturday at 3pm', { exact: '2026-10-24T14:00Z' }],
  ['2026-10-26T10:00:00Z', 'yesterday', { from: '2026-10-24T23:00Z', to: '2026-10-26T00:00Z' }],
  ['2026-10-26T10:00:00Z', '25/10/2026 01:30', { exact: '2026-10-25T00:30Z' }],
  // Clocks went forward at 01:00 GMT on Sunday 29 March 2026.
  ['2026-03-30T11:00:00Z', 'yesterday at 3pm', { exact: '2026-03-29T14:00Z' }],
  ['2026-03-30T11:00:00Z', 'saturday at 3pm', { exact: '2026-03-28T15:00Z' }],
  ['2026-03-30T11:00:00Z', '29/03/2026 01:30', { exact: '2026-03-29T01:30Z' }],
  // "2 hours ago" at 03:30 BST is 00:30 GMT: two real hours, across the change.
  ['2026-03-29T02:30:00Z', '2 hours ago', { exact: '2026-03-29T00:30Z' }],
];

// The server's own time zone must not matter.
describe.each(['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata'])(
  'server TZ %s',
  (tz) => {
    const saved = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = tz;
    });
    afterAll(() => {
      process.env.TZ = saved;
    });

    test.each(PAST_WINTER)('past: %s', (text, expected) => {
      check(parse(text, WINTER), expected);
    });
    test.each(FUTURE_WINTER)('future: %s', (text, expected) => {
      check(parse(text, WINTER, 'future'), expected);
    });
    test.each(BOUNDARIES)('at %s: %s', (now, text, expected) => {
      check(parse(text, now), expected);
    });
  },
);

describe('structured values', () => {
  const s = step('past');
  test('a form date-time is London wall clock', () => {
    check(datetime.parseValue('2026-07-14T15:00', s, ctx(WINTER)), { exact: '2026-07-14T14:00Z' });
  });
  test('a form date is the whole day', () => {
    check(datetime.parseValue('2026-11-20', s, ctx(WINTER)), {
      from: '2026-11-20T00:00Z',
      to: '2026-11-21T00:00Z',
    });
  });
  test('impossible dates and future dates are refused', () => {
    check(datetime.parseValue('2026-02-30', s, ctx(WINTER)), 'datetime.invalid');
    check(datetime.parseValue('2026-12-01T10:00', s, ctx(WINTER)), 'datetime.future');
  });
  test('a finished answer round-trips', () => {
    const r = parse('yesterday at 3pm', WINTER);
    expect(r.ok).toBe(true);
    if (r.ok) expect(datetime.parseValue(r.value, s, ctx(WINTER))).toEqual(r);
  });
  test('no tense: both directions are fine', () => {
    check(parse('tomorrow at 9am', WINTER, 'none'), { exact: '2026-11-25T09:00Z' });
  });
});

describe('format', () => {
  const value = (text: string) => {
    const r = parse(text, WINTER);
    if (!r.ok) throw new Error(text);
    return r.value as DateTimeAnswer;
  };
  test('exact, approximate and ranges say what we understood and what they said', () => {
    expect(formatDateTime(value('yesterday at 3pm'), ctx(WINTER))).toEqual({
      key: 'answers:format.understood',
      params: {
        value: {
          key: 'answers:format.text',
          params: { value: 'Monday, 23 November 2026 at 15:00' },
        },
        text: 'yesterday at 3pm',
      },
    });
    expect(formatDateTime(value('yesterday about 3pm'), ctx(WINTER)).params?.value).toEqual({
      key: 'answers:format.approximately',
      params: { value: 'Monday, 23 November 2026 at 15:00' },
    });
    expect(formatDateTime(value('on monday'), ctx(WINTER)).params?.value).toEqual({
      key: 'answers:format.text',
      params: { value: 'Monday, 23 November 2026' },
    });
    expect(formatDateTime(value('between 2 and 4am'), ctx(WINTER)).params?.value).toEqual({
      key: 'answers:format.between',
      params: { from: 'Tuesday, 24 November 2026 at 02:00', to: '04:00' },
    });
  });
  test('in Welsh and Polish', () => {
    const v = value('yesterday at 3pm');
    const cy = JSON.stringify(formatDateTime(v, ctx(WINTER, 'cy')));
    const pl = JSON.stringify(formatDateTime(v, ctx(WINTER, 'pl')));
    expect(cy).toMatch(/Llun.*23 Tachwedd 2026.*15:00/);
    expect(pl).toMatch(/poniedziałek.*23 listopada 2026.*15:00/);
  });
});
