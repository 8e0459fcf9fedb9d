import { formatInZone, utcToZoned, zonedToUtc, zoneOffset } from './zoned-time.js';

describe('date-times in the newsroom time zone', () => {
  it('turns a wall-clock time in a named zone into ISO UTC, whatever the machine’s zone', () => {
    expect(zonedToUtc('2026-12-07T21:40', 'Europe/Belgrade')).toBe('2026-12-07T20:40:00.000Z');
    expect(zonedToUtc('2026-07-07T21:40', 'Europe/Belgrade')).toBe('2026-07-07T19:40:00.000Z');
    expect(zonedToUtc('2026-12-07T09:05', 'America/New_York')).toBe('2026-12-07T14:05:00.000Z');
    expect(zonedToUtc('2026-12-07T09:05', 'Asia/Kolkata')).toBe('2026-12-07T03:35:00.000Z');
    expect(zonedToUtc('2026-12-07T09:05:30', 'UTC')).toBe('2026-12-07T09:05:30.000Z');
  });

  it('handles the daylight-saving changes as Temporal’s “compatible” does', () => {
    // Spring forward in Belgrade: 02:00–03:00 on 29 March 2026 does not exist; 02:30 is taken as 03:30 CEST.
    expect(zonedToUtc('2026-03-29T02:30', 'Europe/Belgrade')).toBe('2026-03-29T01:30:00.000Z');
    // Autumn: 02:30 on 25 October 2026 happens twice; the first (CEST) is meant.
    expect(zonedToUtc('2026-10-25T02:30', 'Europe/Belgrade')).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedToUtc('2026-10-25T03:30', 'Europe/Belgrade')).toBe('2026-10-25T02:30:00.000Z');
  });

  it('refuses what is not a date-time', () => {
    for (const text of ['', '2026-12-07', '2026-02-30T10:00', '2026-12-07T24:10', 'tomorrow']) expect(zonedToUtc(text, 'Europe/Belgrade')).toBeNull();
  });

  it('goes back from UTC to the zone’s wall clock (the round trip holds)', () => {
    expect(utcToZoned('2026-12-07T20:40:00.000Z', 'Europe/Belgrade')).toBe('2026-12-07T21:40');
    expect(utcToZoned(new Date('2026-07-01T00:15:00Z'), 'America/Los_Angeles')).toBe('2026-06-30T17:15');
    for (const zone of ['Europe/Belgrade', 'Asia/Kathmandu', 'America/Sao_Paulo', 'Australia/Lord_Howe']) {
      for (let hour = 0; hour < 24 * 365; hour += 37) {
        const instant = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000);
        expect(zonedToUtc(utcToZoned(instant, zone), zone)).toBe(instant.toISOString());
      }
    }
  });

  it('knows the offset and names the zone when showing a time', () => {
    expect(zoneOffset(Date.parse('2026-12-07T20:40:00Z'), 'Europe/Belgrade')).toBe(3_600_000);
    expect(formatInZone('2026-12-07T20:40:00.000Z', 'Europe/Belgrade', 'en-GB')).toBe('7 Dec 2026, 21:40 CET');
  });
});
