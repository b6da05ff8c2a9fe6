import type { ForceProfile } from './profile';

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Whether the Quality of Service desk is open at `at`, in the force's own time zone. */
export function deskOpen(profile: ForceProfile, at: Date): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: profile.openingHours.timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = get('weekday').toLowerCase().slice(0, 3);
  const minutes = Number(get('hour')) * 60 + Number(get('minute'));
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return profile.openingHours.desk.some(
    (slot) =>
      (slot.days as readonly string[]).includes(day) &&
      minutes >= toMinutes(slot.open) &&
      minutes < toMinutes(slot.close),
  );
}

/** "Mon–Fri 08:00–20:00; Sat–Sun 09:00–17:00", with day names from `dayName` (localised). */
export function describeHours(profile: ForceProfile, dayName: (day: string) => string): string {
  const order = (d: string) => DAY_KEYS.indexOf(d as (typeof DAY_KEYS)[number]);
  return profile.openingHours.desk
    .map((slot) => {
      const days = [...slot.days].sort((a, b) => ((order(a) + 6) % 7) - ((order(b) + 6) % 7));
      const first = dayName(days[0] ?? 'mon');
      const span = days.length > 1 ? `${first}–${dayName(days[days.length - 1] ?? 'sun')}` : first;
      return `${span} ${slot.open}–${slot.close}`;
    })
    .join('; ');
}
