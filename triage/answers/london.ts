/**
 * Wall-clock time in Europe/London. Reports are about what happened in a UK force's area, so "3pm"
 * means 3pm on the clocks there whatever the server's time zone, and a day that crosses a clock
 * change keeps its wall-clock meaning. Wall times are carried as "pretend UTC" milliseconds
 * (Date.UTC of the London clock reading) so day arithmetic never meets a clock change.
 */

export const ZONE = 'Europe/London';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The London clock reading at an instant, as pretend-UTC milliseconds. */
export function toWall(instant: number): number {
  const p: Record<string, number> = {};
  for (const part of parts.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const ms = instant % 1000;
  return (
    Date.UTC(
      p.year ?? 1970,
      (p.month ?? 1) - 1,
      p.day ?? 1,
      p.hour ?? 0,
      p.minute ?? 0,
      p.second ?? 0,
    ) + (ms < 0 ? ms + 1000 : ms)
  );
}

/** Minutes London is ahead of UTC at an instant: 0 in winter (GMT), 60 in summer (BST). */
export function offsetMinutes(instant: number): number {
  return Math.round((toWall(instant) - instant) / MINUTE);
}

/**
 * The instant a London clock reading happens. In the missing spring hour the reading is taken as
 * GMT (01:30 → 02:30 BST); in the repeated autumn hour, the first (BST) occurrence.
 */
export function fromWall(wall: number): number {
  // London is never behind UTC nor more than an hour ahead, so the instant is one of these two.
  for (const t of [wall - HOUR, wall]) if (toWall(t) === wall) return t;
  return wall;
}

/** Midnight at the start of the London day containing a wall time. */
export function startOfDay(wall: number): number {
  return Math.floor(wall / DAY) * DAY;
}

/** 0 = Sunday … 6 = Saturday, for a wall time. */
export function weekday(wall: number): number {
  return new Date(wall).getUTCDay();
}

export function wallOf(y: number, m: number, d: number, h = 0, min = 0): number {
  return Date.UTC(y, m - 1, d, h, min);
}
