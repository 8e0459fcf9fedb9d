/**
 * Date-times in the newsroom's time zone. The API speaks ISO 8601 UTC; people
 * schedule in the newsroom's wall-clock time, so the Desk converts at the
 * edge, for a named IANA zone (not the machine's offset of today: the
 * conversion is right across daylight-saving changes).
 */

/**
 * The newsroom's time zone. The admin API exposes no site setting for it
 * (yet), so it is the browser's zone, from Intl: a newsroom's desks are set
 * to the newsroom's time.
 */
export function newsroomTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A wall-clock time as an `<input type="datetime-local">` holds it: `2026-12-07T21:40`. */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The zone's offset from UTC at an instant, in milliseconds (Belgrade in winter: +3 600 000). */
export function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((each) => each.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - (instant - (instant % 1000));
}

/**
 * The instant a wall-clock time in `timeZone` stands for, as ISO UTC, or
 * null when the text is no date-time. As Temporal's "compatible": a time
 * repeated by an autumn change is its first occurrence, a time skipped by a
 * spring change is moved forward by the gap (02:30 → 03:30).
 */
export function zonedToUtc(local: string, timeZone: string): string | null {
  const match = LOCAL.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((each) => Number(each ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  // The offsets half a day either side: equal almost always; around a change, one of them fits.
  const before = wall - zoneOffset(wall - HALF_DAY, timeZone);
  const after = wall - zoneOffset(wall + HALF_DAY, timeZone);
  const fits = [before, after].filter((instant) => zoneOffset(instant, timeZone) === wall - instant).sort((a, b) => a - b);
  return new Date(fits[0] ?? before).toISOString();
}

const HALF_DAY = 12 * 3_600_000;

/** An instant as the zone's wall-clock time, for a datetime-local input: `2026-12-07T21:40`. */
export function utcToZoned(instant: Date | string, timeZone: string): string {
  const at = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(at + zoneOffset(at, timeZone)).toISOString().slice(0, 16);
}

/** An instant for people, in the zone and naming it: "7 Dec 2026, 21:40 CET". */
export function formatInZone(instant: Date | string, timeZone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' })
    .format(new Date(instant))
    .concat(' ', zoneAbbreviation(instant, timeZone, locale));
}

/** The zone's short name at an instant: "CET", "GMT+1". */
export function zoneAbbreviation(instant: Date | string, timeZone: string, locale?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(new Date(instant));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}
