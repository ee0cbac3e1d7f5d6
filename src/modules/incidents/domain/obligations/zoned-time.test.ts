import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  dayOfWeek,
  formatInstant,
  instantAt,
  localDateAt,
  localTimeAt,
  offsetMinutesAt,
} from './zoned-time.ts';

/** Expected values from the zones' published rules (US: 2nd Sunday of March / 1st of November at 02:00;
 * EU: last Sunday of March / October at 01:00 UTC), independent of the server's own zone. */
describe('zoned time', () => {
  it.each([
    ['2026-01-15T12:00:00Z', 'America/New_York', -300],
    ['2026-07-15T12:00:00Z', 'America/New_York', -240],
    ['2026-01-15T12:00:00Z', 'Europe/Berlin', 60],
    ['2026-07-15T12:00:00Z', 'Europe/Berlin', 120],
    ['2026-01-15T12:00:00Z', 'Australia/Sydney', 660],
    ['2026-07-15T12:00:00Z', 'Australia/Sydney', 600],
    ['2026-07-15T12:00:00Z', 'Asia/Kolkata', 330],
  ])('offset at %s in %s is %i minutes', (instant, zone, offset) => {
    expect(offsetMinutesAt(new Date(instant), zone)).toBe(offset);
  });

  it('reads local dates and times in the zone, not the server’s', () => {
    const instant = new Date('2026-03-07T03:00:00Z');
    expect(localDateAt(instant, 'America/New_York')).toBe('2026-03-06');
    expect(localTimeAt(instant, 'America/New_York')).toBe('22:00:00');
    expect(localDateAt(instant, 'Pacific/Auckland')).toBe('2026-03-07');
    expect(localDateAt(instant, 'UTC')).toBe('2026-03-07');
  });

  it('converts a local date and time to the instant, both ways', () => {
    expect(instantAt('2026-03-13', '23:59:59', 'America/New_York').toISOString()).toBe(
      '2026-03-14T03:59:59.000Z',
    );
    expect(instantAt('2026-03-06', '23:59:59', 'America/New_York').toISOString()).toBe(
      '2026-03-07T04:59:59.000Z',
    );
    expect(instantAt('2026-12-28', '23:59:59', 'Europe/Berlin').toISOString()).toBe(
      '2026-12-28T22:59:59.000Z',
    );
    const instant = instantAt('2026-06-19', '17:30:00', 'America/New_York');
    expect(localDateAt(instant, 'America/New_York')).toBe('2026-06-19');
    expect(localTimeAt(instant, 'America/New_York')).toBe('17:30:00');
  });

  it('resolves a wall time in a DST gap forward (US spring-forward, 8 Mar 2026 02:00 → 03:00)', () => {
    // 02:30 does not exist; read with the offset before the jump (−05:00) it is 07:30 UTC = 03:30 EDT.
    expect(instantAt('2026-03-08', '02:30:00', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    // EU spring-forward, 29 Mar 2026 02:00 → 03:00 in Berlin: 02:15 CET (+01:00) = 01:15 UTC = 03:15 CEST.
    expect(instantAt('2026-03-29', '02:15:00', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:15:00.000Z',
    );
  });

  it('picks the earlier or later occurrence of a wall time in a DST overlap', () => {
    // US fall-back 1 Nov 2026: 01:30 happens at 05:30 UTC (EDT) and 06:30 UTC (EST).
    expect(instantAt('2026-11-01', '01:30:00', 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(instantAt('2026-11-01', '01:30:00', 'America/New_York', 'later').toISOString()).toBe(
      '2026-11-01T06:30:00.000Z',
    );
    // EU fall-back 25 Oct 2026 in Paris: 02:30 at 00:30 UTC (CEST) and 01:30 UTC (CET).
    expect(instantAt('2026-10-25', '02:30:00', 'Europe/Paris').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(instantAt('2026-10-25', '02:30:00', 'Europe/Paris', 'later').toISOString()).toBe(
      '2026-10-25T01:30:00.000Z',
    );
  });

  it('formats instants with the zone’s offset at that instant', () => {
    expect(formatInstant(new Date('2026-03-14T03:59:59Z'), 'America/New_York')).toBe(
      '2026-03-13T23:59:59-04:00',
    );
    expect(formatInstant(new Date('2026-01-10T12:00:00Z'), 'Europe/London')).toBe(
      '2026-01-10T12:00:00+00:00',
    );
    expect(formatInstant(new Date('2026-01-10T12:00:00.250Z'), 'Asia/Kolkata')).toBe(
      '2026-01-10T17:30:00.250+05:30',
    );
  });

  it('does calendar arithmetic on dates', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-12-15', 1)).toBe('2027-01-15');
    expect(dayOfWeek('2026-03-06')).toBe(5);
    expect(dayOfWeek('2026-03-08')).toBe(0);
  });
});
