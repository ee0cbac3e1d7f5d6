import { describe, expect, it } from 'vitest';
import { workingCalendarFor } from './calendar.ts';
import { euPeriodEnd, secPeriodEnd, workingDaysAfter } from './deadline.ts';

/** Holidays as published (US: 5 U.S.C. 6103 and OPM's observed-day rule; the Member States' public holidays). */
describe('working calendars', () => {
  const us = workingCalendarFor('US');

  it.each([
    ['2026-01-01', true], // New Year's Day
    ['2026-01-19', true], // Martin Luther King Jr. Day
    ['2026-06-19', true], // Juneteenth
    ['2026-07-03', true], // Independence Day observed (4 July is a Saturday)
    ['2026-11-26', true], // Thanksgiving
    ['2026-11-27', false], // the day after Thanksgiving is no federal holiday
    ['2027-06-18', true], // Juneteenth observed (19 June 2027 is a Saturday)
    ['2027-07-05', true], // Independence Day observed (4 July 2027 is a Sunday)
    ['2027-12-24', true], // Christmas observed
    ['2027-12-31', true], // New Year's Day 2028 observed
    ['2028-11-10', true], // Veterans Day observed (typed `bank` in the data set)
    ['2026-04-03', false], // Good Friday is no US federal holiday
  ])('US %s is a federal holiday: %s', (date, holiday) => {
    expect(us.isHoliday(date)).toBe(holiday);
  });

  it.each([
    ['DE', '2026-04-03', true], // Karfreitag
    ['DE', '2026-10-03', true], // Tag der Deutschen Einheit
    ['DE', '2026-11-01', false], // Allerheiligen: regional only
    ['DE', '2026-12-24', false], // Heiliger Abend: a `bank` half-day
    ['FR', '2026-05-08', true], // Victoire 1945
    ['FR', '2026-07-14', true], // Fête nationale
    ['IT', '2026-12-08', true], // Immacolata Concezione
    ['IT', '2026-06-02', true], // Festa della Repubblica
    ['IE', '2026-04-03', false], // Good Friday: `bank` in Ireland, a working day here
    ['IE', '2026-03-17', true], // St Patrick's Day
    ['ES', '2026-10-12', true], // Fiesta Nacional de España
    ['PL', '2026-11-11', true], // Independence Day
  ])('%s %s is a public holiday: %s', (country, date, holiday) => {
    expect(workingCalendarFor(country).isHoliday(date)).toBe(holiday);
  });

  it('applies the deployment’s overrides', () => {
    const calendar = workingCalendarFor('IE', { IE: { add: ['2026-04-03'], remove: ['2026-03-17'] } });
    expect(calendar.isHoliday('2026-04-03')).toBe(true);
    expect(calendar.isHoliday('2026-03-17')).toBe(false);
    expect(calendar.description).toMatch(/\+ 2 override\(s\)/);
    expect(workingCalendarFor('US-CA').isHoliday('2026-07-03')).toBe(true);
  });

  it('counts working days after a date', () => {
    expect(workingDaysAfter('2026-03-06', 5, us)).toBe('2026-03-13');
    expect(workingDaysAfter('2026-12-23', 2, us)).toBe('2026-12-28');
  });

  it('ends EU periods as MDCG 2023-3 Q14 says', () => {
    const de = workingCalendarFor('DE');
    expect(euPeriodEnd('2026-03-12', 2, de)).toBe('2026-03-16'); // Thu: Fri + Mon
    expect(euPeriodEnd('2026-03-13', 2, de)).toBe('2026-03-17'); // Fri: Mon alone is one working day
    expect(euPeriodEnd('2026-03-06', 15, de)).toBe('2026-03-23'); // Sat 21 → Mon 23
    expect(euPeriodEnd('2026-03-16', 1, de)).toBe('2026-03-17'); // a 1-day period needs no second working day
  });

  it('ends SEC periods as General Instruction B.1 says', () => {
    expect(secPeriodEnd('2026-03-09', 4, us)).toBe('2026-03-13'); // Mon → Fri
    expect(secPeriodEnd('2026-03-14', 4, us)).toBe('2026-03-19'); // Sat → starts Mon 16 → Thu 19
    expect(secPeriodEnd('2026-03-15', 4, us)).toBe('2026-03-19'); // Sun → same
    expect(secPeriodEnd('2026-07-03', 4, us)).toBe('2026-07-09'); // observed holiday → starts Mon 6 → Thu 9
  });
});
