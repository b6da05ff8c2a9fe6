import * as chrono from 'chrono-node';
import { z } from 'zod';
import type { StepDef } from '../flows/schema';
import type { Message } from '../types';
import { toEnglishDateText } from './datetime-words';
import { DAY, HOUR, MINUTE, ZONE, fromWall, startOfDay, toWall, wallOf, weekday } from './london';
import type { AnswerTypeDef, ParseContext, ParseResult } from './types';
import { fail, fold, isSkipPhrase, ok } from './words';

/**
 * When something happened (or will happen), as people say it: "yesterday about 3pm", "last night",
 * "between 2 and 4am", "sometime last week", "ddoe tua 3", "wczoraj wieczorem". The value keeps
 * their words and adds what we understood: an exact instant, or a range, in ISO (UTC) form.
 * `approximate` is true when they hedged ("about", "ish") or gave no exact time.
 */
export type DateTimeAnswer = {
  readonly text: string;
  readonly exact?: string;
  readonly from?: string;
  readonly to?: string;
  readonly approximate: boolean;
};

const iso = z.iso.datetime({ offset: true });
export const DateTimeAnswerSchema = z
  .strictObject({
    text: z.string().max(500),
    exact: iso.optional(),
    from: iso.optional(),
    to: iso.optional(),
    approximate: z.boolean(),
  })
  .refine(
    (v) =>
      v.exact !== undefined
        ? v.from === undefined && v.to === undefined
        : v.from !== undefined && v.to !== undefined && v.from <= v.to,
    'an exact time, or a range from..to',
  );

/** People's clocks and ours differ a little; "just now" may be a minute "in the future". */
const GRACE = 10 * MINUTE;

const HEDGE =
  /\b(?:about|around|approx(?:imately)?|roughly|circa|ish|sometime|some time|maybe|probably|possibly|i think|i guess|or so|give or take|just after|just before|not long after|shortly after|shortly before|after|before|nearly|almost|gone|abouts)\b|-ish\b/g;

/** Parts of the day as London wall-clock hours; night runs into the next morning. */
const PARTS: Record<string, readonly [number, number]> = {
  morning: [6, 12],
  lunchtime: [12, 14],
  afternoon: [12, 18],
  teatime: [16, 19],
  evening: [18, 24],
  night: [18, 30],
};
const PART_RE = /\b(morning|lunchtime|lunch time|lunch|afternoon|teatime|tea time|evening|night)\b/;

interface Span {
  /** True instants (epoch ms). */
  readonly from: number;
  readonly to: number;
  readonly exact?: number;
  /** The person gave no exact time, so the span is only roughly right. */
  readonly vague: boolean;
}

type Tense = NonNullable<NonNullable<StepDef['constraints']>['tense']> | undefined;

const wallSpan = (from: number, to: number, vague = true): Span => ({
  from: fromWall(from),
  to: fromWall(to),
  vague,
});

/** Monday 00:00 of the week containing a wall time (UK weeks start on Monday). */
function startOfWeek(wall: number): number {
  return startOfDay(wall) - ((weekday(wall) + 6) % 7) * DAY;
}

/** Phrases chrono does not read as ranges: weeks, weekends, months, "the other day", "earlier". */
function namedRange(s: string, nowWall: number, now: number): Span | undefined {
  const today = startOfDay(nowWall);
  const week = startOfWeek(nowWall);
  const d = new Date(nowWall);
  const month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (/\b(?:last|previous|past) week\b|\bthe week before\b/.test(s))
    return wallSpan(week - 7 * DAY, week);
  if (/\bthis week\b|\bearlier this week\b/.test(s)) return wallSpan(week, nowWall);
  if (/\bnext week\b/.test(s)) return wallSpan(week + 7 * DAY, week + 14 * DAY);
  if (/\b(?:last|past|previous) weekend\b|\b(?:at|over) the weekend\b|\bthis weekend\b/.test(s)) {
    // On a Saturday or Sunday "the weekend" is this one so far; otherwise the one just gone.
    const sat = week + 5 * DAY;
    const thisOne = nowWall >= sat && !/\blast|past|previous\b/.test(s);
    const start = thisOne ? sat : sat - 7 * DAY;
    return wallSpan(start, Math.min(start + 2 * DAY, nowWall));
  }
  if (/\b(?:last|previous|past) month\b/.test(s)) {
    const prev = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
    return wallSpan(prev, month);
  }
  if (/\bthis month\b|\bearlier this month\b/.test(s)) return wallSpan(month, nowWall);
  if (/\bthe other day\b|\b(?:a )?(?:few|couple of|couple) days ago\b/.test(s))
    return wallSpan(today - 5 * DAY, today - DAY);
  if (/\b(?:recently|lately|in the last few days)\b/.test(s))
    return wallSpan(today - 14 * DAY, nowWall);
  if (/^(?:earlier|earlier on|earlier today|today earlier|sometime today)$/.test(s))
    return { ...wallSpan(today, nowWall), to: now };
  return undefined;
}

/** "just now", "a few minutes ago": the instant itself, roughly. */
function nowish(s: string, now: number): Span | undefined {
  if (
    /^(?:just now|right now|now|just|moments? ago|a moment ago|a minute ago|seconds ago)$/.test(s)
  )
    return { from: now, to: now, exact: now, vague: true };
  if (/^(?:a )?(?:few|couple of|couple) minutes ago$|^minutes ago$/.test(s)) {
    const t = now - 5 * MINUTE;
    return { from: t, to: t, exact: t, vague: true };
  }
  return undefined;
}

/** Rewrites "between 2 and 4am" as "from 2am to 4am", which chrono reads as a range. */
function betweenToFrom(s: string): string {
  return s.replace(
    /\bbetween (\d{1,2}(?:[:.]\d{2})?)\s*(am|pm)? (?:and|to|-) (\d{1,2}(?:[:.]\d{2})?)\s*(am|pm)?/g,
    (_m, a: string, am: string | undefined, b: string, bm: string | undefined) => {
      const first = am ?? (bm && Number(a) <= Number(b) ? bm : '');
      return `from ${a}${first} to ${b}${bm ?? ''}`;
    },
  );
}

interface Found {
  date?: { y: number; m: number; d: number; yearCertain: boolean; weekdayOnly: boolean };
  dateEnd?: { y: number; m: number; d: number };
  time?: { h: number; min: number; meridiem: boolean };
  timeEnd?: { h: number; min: number };
  relative?: number;
}

function collect(results: chrono.ParsedResult[], now: number, nowWall: number): Found {
  const found: Found = {};
  for (const r of results) {
    const s = r.start;
    const tags = r.tags();
    const get = (c: chrono.Component) => s.get(c) ?? 0;
    if (tags.has('result/relativeDateAndTime') || tags.has('casualReference/now')) {
      const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
      found.relative ??= now + (wall - Math.floor(nowWall / MINUTE) * MINUTE);
      continue;
    }
    const hasDate = s.isCertain('day') || s.isCertain('weekday') || s.isCertain('month');
    if (hasDate && !found.date) {
      found.date = {
        y: get('year'),
        m: get('month'),
        d: get('day'),
        // "yesterday" and "3 days ago" fix the year; a bare "25/11" does not.
        yearCertain: s.isCertain('year'),
        weekdayOnly: s.isCertain('weekday') && !s.isCertain('day'),
      };
      const e = r.end;
      if (e && (e.isCertain('day') || e.isCertain('weekday'))) {
        found.dateEnd = { y: e.get('year') ?? 0, m: e.get('month') ?? 0, d: e.get('day') ?? 0 };
      }
    }
    if (s.isCertain('hour') && !found.time) {
      found.time = { h: get('hour'), min: get('minute'), meridiem: s.isCertain('meridiem') };
      const e = r.end;
      if (e?.isCertain('hour'))
        found.timeEnd = { h: e.get('hour') ?? 0, min: e.get('minute') ?? 0 };
    }
  }
  return found;
}

/**
 * A clock time said without am/pm ("at 3"). With a part of the day, that part decides; on a given
 * day, 1–7 is taken as afternoon or evening (nobody reports "3 in the morning" without saying so);
 * with no day at all, the nearest such time in the right direction.
 */
function hourFor(
  h: number,
  part: string | undefined,
  day: number | undefined,
  nowWall: number,
  tense: Tense,
): { hour: number; day: number | undefined } {
  const today = startOfDay(nowWall);
  if (part) {
    const [from, to] = PARTS[part] ?? [0, 24];
    let hour = h;
    if (hour < 12 && hour + 12 >= from && hour + 12 < to && !(hour >= from && hour < to))
      hour += 12;
    // Night times after midnight ("last night about 2") belong to the next calendar day.
    if (part === 'night' && hour < 12 && day !== undefined) return { hour, day: day + DAY };
    return { hour, day };
  }
  if (day !== undefined) return { hour: h >= 1 && h <= 7 ? h + 12 : h, day };
  const candidates = [h, h + 12]
    .filter((x) => x < 24)
    .flatMap((x) => [today - DAY, today, today + DAY].map((d) => ({ hour: x, day: d })));
  const sign = tense === 'future' ? 1 : -1;
  const ranked = candidates
    .map((c) => ({ ...c, delta: (c.day + c.hour * HOUR - nowWall) * sign }))
    .filter((c) => c.delta >= -GRACE)
    .sort((a, b) => a.delta - b.delta);
  const best = ranked[0];
  return best ? { hour: best.hour, day: best.day } : { hour: h, day: today };
}

function resolve(original: string, tense: Tense, nowDate: Date): Span | undefined {
  const now = nowDate.getTime();
  const nowWall = toWall(now);
  let s = toEnglishDateText(fold(original));
  const hedged = new RegExp(HEDGE.source).test(s);
  s = s
    .replace(/(\d)\s*-?ish\b/g, '$1')
    .replace(new RegExp(`(?:${HEDGE.source})\\s*(?=\\d)`, 'g'), 'at ')
    .replace(HEDGE, ' ')
    .replace(/\bat at\b/g, 'at')
    .replace(/\s+/g, ' ')
    .trim();
  s = betweenToFrom(s);
  s = s.replace(/\b(?:on )?the (\d{1,2})(?:st|nd|rd|th)\b(?! of\b| [a-z]{3})/g, (_m, d: string) => {
    const n = new Date(nowWall);
    return `${d}/${n.getUTCMonth() + 1}`;
  });
  const mark = (span: Span | undefined) => (span && hedged ? { ...span, vague: true } : span);

  const quick = nowish(s, now) ?? namedRange(s, nowWall, now);
  if (quick) return mark(quick);

  const partMatch = PART_RE.exec(s);
  let part = partMatch?.[1]
    ?.replace(/^lunch(?: time)?$/, 'lunchtime')
    .replace('tea time', 'teatime');
  if (/\btonight\b/.test(s)) part = 'night';
  const lastNight = /\blast night\b/.test(s);
  const forChrono = s.replace(/\blast night\b/g, 'yesterday').replace(/\btonight\b/g, 'today');
  const results = chrono.en.GB.parse(
    forChrono,
    { instant: new Date(nowWall), timezone: 0 },
    { forwardDate: tense === 'future' },
  );
  const found = collect(results, now, nowWall);
  if (lastNight) part = 'night';

  if (found.relative !== undefined && !found.time) {
    return { from: found.relative, to: found.relative, exact: found.relative, vague: true };
  }

  let day: number | undefined;
  if (found.date) {
    const { y, m, d } = found.date;
    day = wallOf(y, m, d);
    const today = startOfDay(nowWall);
    if (found.date.weekdayOnly) {
      if (tense === 'past' && day > today) day -= 7 * DAY;
      if (tense === 'future' && day < today) day += 7 * DAY;
    } else if (!found.date.yearCertain) {
      if (tense === 'past' && day > today) day = wallOf(y - 1, m, d);
      if (tense === 'future' && day < today) day = wallOf(y + 1, m, d);
    }
  }
  // "this afternoon", "tonight": today's, even when chrono saw no day in them.
  if (day === undefined && /\b(?:this|today|tonight)\b/.test(s)) day = startOfDay(nowWall);
  if (day === undefined && !found.time && !part) return undefined;

  if (found.time) {
    const t = found.time;
    let hour = t.h;
    let when = day;
    // "01:30" written with a leading zero is a 24-hour clock reading, not "half one".
    const twentyFour = /\b0\d[:.][0-5]\d\b/.test(s);
    if (!t.meridiem && !twentyFour && t.h >= 1 && t.h <= 12) {
      ({ hour, day: when } = hourFor(t.h, part, day, nowWall, tense));
    } else if (part === 'night' && hour < 12 && when !== undefined) {
      when += DAY;
    }
    if (when === undefined) {
      // A time alone is today's, or the nearest day that fits the tense.
      when = startOfDay(nowWall);
      const at = when + hour * HOUR + t.min * MINUTE;
      if (tense === 'past' && at > nowWall + GRACE) when -= DAY;
      if (tense === 'future' && at < nowWall - GRACE) when += DAY;
    }
    const start = when + hour * HOUR + t.min * MINUTE;
    if (found.timeEnd) {
      let end = when + found.timeEnd.h * HOUR + found.timeEnd.min * MINUTE;
      if (end <= start) end += DAY;
      return mark(wallSpan(start, end));
    }
    const at = fromWall(start);
    return mark({ from: at, to: at, exact: at, vague: false });
  }

  const base = day ?? startOfDay(nowWall);
  if (found.dateEnd) {
    const { y, m, d } = found.dateEnd;
    return mark(wallSpan(base, wallOf(y, m, d) + DAY));
  }
  if (part) {
    const [from, to] = PARTS[part] ?? [0, 24];
    return mark(wallSpan(base + from * HOUR, base + to * HOUR));
  }
  return mark(wallSpan(base, base + DAY));
}

const MIN_YEAR = 1900;

function finish(text: string, span: Span, tense: Tense, nowDate: Date): ParseResult {
  const now = nowDate.getTime();
  let { from, to } = span;
  if (new Date(from).getUTCFullYear() < MIN_YEAR) return fail('datetime.invalid');
  if (tense === 'past') {
    if (from > now + GRACE) return fail('datetime.future');
    to = Math.min(to, now);
    from = Math.min(from, to);
  }
  if (tense === 'future') {
    if (to < now - GRACE) return fail('datetime.past');
    from = Math.max(from, Math.min(now, to));
  }
  const value: DateTimeAnswer =
    span.exact !== undefined
      ? { text, exact: new Date(span.exact).toISOString(), approximate: span.vague }
      : {
          text,
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          approximate: true,
        };
  return ok(value);
}

export function parseDateTimeText(text: string, step: StepDef, ctx: ParseContext): ParseResult {
  const trimmed = text.trim().slice(0, 500);
  if (!trimmed) return fail('datetime.invalid');
  if (isSkipPhrase(trimmed)) return fail('datetime.required');
  const tense = step.constraints?.tense;
  const span = resolve(trimmed, tense, ctx.now);
  if (!span) return fail(tense === 'future' ? 'datetime.invalidFuture' : 'datetime.invalid');
  return finish(trimmed, span, tense, ctx.now);
}

/** Web forms: `2026-11-24T15:30` (London wall clock), `2026-11-24` (that day), or a full answer. */
function parseDateTimeValue(value: unknown, step: StepDef, ctx: ParseContext): ParseResult {
  const tense = step.constraints?.tense;
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(value.trim());
    if (!m) return parseDateTimeText(value, step, ctx);
    const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
    const day = wallOf(y, mo, d);
    if (new Date(day).getUTCDate() !== d) return fail('datetime.invalid');
    if (m[4] === undefined) return finish(value, wallSpan(day, day + DAY), tense, ctx.now);
    if (h > 23 || mi > 59) return fail('datetime.invalid');
    const at = fromWall(day + h * HOUR + mi * MINUTE);
    return finish(value, { from: at, to: at, exact: at, vague: false }, tense, ctx.now);
  }
  const parsed = DateTimeAnswerSchema.safeParse(value);
  if (!parsed.success) return fail('datetime.invalid');
  const v = parsed.data;
  const from = Date.parse(v.exact ?? v.from ?? '');
  const to = Date.parse(v.exact ?? v.to ?? '');
  const span: Span = v.exact
    ? { from, to, exact: from, vague: v.approximate }
    : { from, to, vague: true };
  return finish(v.text, span, tense, ctx.now);
}

const LOCALE_TAG: Record<ParseContext['locale'], string> = { en: 'en-GB', cy: 'cy', pl: 'pl' };

// Building an Intl.DateTimeFormat is far dearer than using one (it dominated building a report's
// answers), so each locale's formatters are made once.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(
  locale: ParseContext['locale'],
  kind: 'date' | 'dateTime' | 'time',
): Intl.DateTimeFormat {
  const id = `${locale}/${kind}`;
  let f = formatters.get(id);
  if (!f) {
    const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
    const date = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } as const;
    f = new Intl.DateTimeFormat(LOCALE_TAG[locale], {
      timeZone: ZONE,
      ...(kind === 'time' ? time : kind === 'dateTime' ? { ...date, ...time } : date),
    });
    formatters.set(id, f);
  }
  return f;
}

function formatInstant(ms: number, locale: ParseContext['locale'], withTime: boolean): string {
  return formatter(locale, withTime ? 'dateTime' : 'date').format(new Date(ms));
}

function formatTime(ms: number, locale: ParseContext['locale']): string {
  return formatter(locale, 'time').format(new Date(ms));
}

export function formatDateTime(value: DateTimeAnswer, ctx: ParseContext): Message {
  let understood: Message;
  if (value.exact) {
    const at = formatInstant(Date.parse(value.exact), ctx.locale, true);
    understood = value.approximate
      ? { key: 'answers:format.approximately', params: { value: at } }
      : { key: 'answers:format.text', params: { value: at } };
  } else {
    const from = Date.parse(value.from ?? '');
    const to = Date.parse(value.to ?? '');
    const sameDay = startOfDay(toWall(from)) === startOfDay(toWall(to - 1));
    const wholeDay = toWall(from) % DAY === 0 && toWall(to) === startOfDay(toWall(from)) + DAY;
    if (wholeDay) {
      understood = {
        key: 'answers:format.text',
        params: { value: formatInstant(from, ctx.locale, false) },
      };
    } else {
      understood = {
        key: 'answers:format.between',
        params: {
          from: formatInstant(from, ctx.locale, true),
          to: sameDay ? formatTime(to, ctx.locale) : formatInstant(to, ctx.locale, true),
        },
      };
    }
  }
  return value.text
    ? { key: 'answers:format.understood', params: { value: understood, text: value.text } }
    : understood;
}

export const datetime: AnswerTypeDef<DateTimeAnswer> = {
  schema: () => DateTimeAnswerSchema,
  parseText: parseDateTimeText,
  parseValue: parseDateTimeValue,
  format: (value, _step, ctx) => formatDateTime(value, ctx),
};
