import type { WorkingCalendar } from './calendar.ts';
import {
  addDays,
  addMonthsClamped,
  instantAt,
  type LocalDate,
  type LocalTime,
  localDateAt,
  yearOf,
} from './zoned-time.ts';

/**
 * How a rule's deadline is counted, as data (regulations.md §2). Every day-based clock is read in the
 * jurisdiction's time zone and ends at 23:59:59 local time on its last day unless it says otherwise.
 */
export type ClockDefinition =
  /** Calendar days counted after the day the clock starts; no weekend or holiday extension (FDA 803, HIPAA). */
  | { kind: 'calendar-days'; days: number }
  /** Mon–Fri except the jurisdiction's holidays, counted after the day the clock starts (FDA 803.53, 806). */
  | { kind: 'working-days'; days: number }
  /**
   * EU days (MDCG 2023-3 Q14 on Reg. 1182/71): day 0 is the awareness date, the period ends on day 0+N;
   * a last day on a weekend or public holiday of the Member State moves to the next working day, and a
   * period of two days or more contains at least two working days (Art. 3(4), 3(5)).
   */
  | { kind: 'eu-days'; days: number }
  /** Elapsed wall-clock hours from the instant (the conservative reading of GDPR/NIS2/CRA hour clocks). */
  | { kind: 'hours'; hours: number }
  /**
   * SEC Form 8-K: N business days after the event; when the event falls on a weekend or holiday, the period
   * starts on and includes the next business day (General Instruction B.1). Due at the EDGAR cut-off: a
   * submission begun after 17:30 ET gets the next business day's filing date (17 CFR 232.13).
   */
  | { kind: 'sec-business-days'; days: number; cutoff: LocalTime }
  /** Months: the same-numbered day of the month, or that month's last day when it has none. */
  | { kind: 'months'; months: number }
  /** N days after 31 December of the year the clock starts (HIPAA 164.408(c) annual log). */
  | { kind: 'year-end-days'; days: number }
  /** No figure in the text: "without undue delay", "before the action is undertaken". */
  | { kind: 'no-fixed-period'; wording: string };

export interface Deadline {
  dueAt: Date;
  /** The last day, in the jurisdiction's zone. */
  dueDate: LocalDate;
}

const endOfDay: LocalTime = '23:59:59';

function deadlineOnDay(date: LocalDate, calendar: WorkingCalendar, time: LocalTime = endOfDay): Deadline {
  return { dueAt: instantAt(date, time, calendar.zone), dueDate: date };
}

/** The `n`th working day after `date` (not counting `date` itself). */
export function workingDaysAfter(date: LocalDate, n: number, calendar: WorkingCalendar): LocalDate {
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (calendar.isWorkingDay(day)) counted++;
  }
  return day;
}

function workingDaysBetween(afterDate: LocalDate, throughDate: LocalDate, calendar: WorkingCalendar): number {
  let count = 0;
  for (let day = addDays(afterDate, 1); day <= throughDate; day = addDays(day, 1))
    if (calendar.isWorkingDay(day)) count++;
  return count;
}

/** The last day of an EU day period of `days` starting the day after `dayZero` (see `eu-days`). */
export function euPeriodEnd(dayZero: LocalDate, days: number, calendar: WorkingCalendar): LocalDate {
  let end = addDays(dayZero, days);
  while (!calendar.isWorkingDay(end) || (days >= 2 && workingDaysBetween(dayZero, end, calendar) < 2))
    end = addDays(end, 1);
  return end;
}

/** The last day of the SEC period (see `sec-business-days`). */
export function secPeriodEnd(eventDate: LocalDate, days: number, calendar: WorkingCalendar): LocalDate {
  if (calendar.isWorkingDay(eventDate)) return workingDaysAfter(eventDate, days, calendar);
  const first = workingDaysAfter(eventDate, 1, calendar);
  return days <= 1 ? first : workingDaysAfter(first, days - 1, calendar);
}

/**
 * The deadline of `clock` started at `start`, or null for a clock without a fixed period.
 * Day zero is the date of `start` in the calendar's zone; with `dayZeroZones`, the earliest of the dates
 * of `start` in that zone and those zones (the safe reading where no text fixes the zone: see evaluate.ts).
 */
export function computeDeadline(
  clock: ClockDefinition,
  start: Date,
  calendar: WorkingCalendar,
  dayZeroZones: readonly string[] = [],
): Deadline | null {
  // ISO dates sort as strings: the first is the earliest.
  const dayZero = [calendar.zone, ...dayZeroZones].map((zone) => localDateAt(start, zone)).sort()[0]!;
  switch (clock.kind) {
    case 'calendar-days':
      return deadlineOnDay(addDays(dayZero, clock.days), calendar);
    case 'working-days':
      return deadlineOnDay(workingDaysAfter(dayZero, clock.days, calendar), calendar);
    case 'eu-days':
      return deadlineOnDay(euPeriodEnd(dayZero, clock.days, calendar), calendar);
    case 'hours': {
      const dueAt = new Date(start.getTime() + clock.hours * 3_600_000);
      return { dueAt, dueDate: localDateAt(dueAt, calendar.zone) };
    }
    case 'sec-business-days':
      return deadlineOnDay(secPeriodEnd(dayZero, clock.days, calendar), calendar, clock.cutoff);
    case 'months':
      return deadlineOnDay(addMonthsClamped(dayZero, clock.months), calendar);
    case 'year-end-days':
      return deadlineOnDay(addDays(`${yearOf(dayZero)}-12-31`, clock.days), calendar);
    case 'no-fixed-period':
      return null;
  }
}

/** The clock in words, for `dueRule`; `start` names the event that starts it ("awareness"). */
export function describeClock(clock: ClockDefinition, start: string): string {
  switch (clock.kind) {
    case 'calendar-days':
      return `${clock.days} calendar days after the day of ${start}, ending 23:59:59 local time (no weekend or holiday extension)`;
    case 'working-days':
      return `${clock.days} working days (Mon–Fri except holidays) after the day of ${start}, ending 23:59:59 local time`;
    case 'eu-days':
      return (
        `${clock.days} days after the day of ${start} (MDCG 2023-3 Q14, Reg. 1182/71), ending 23:59:59 Member-State time; ` +
        'a last day on a weekend or public holiday moves to the next working day' +
        (clock.days >= 2 ? ', and the period contains at least two working days' : '')
      );
    case 'hours':
      return `${clock.hours} elapsed hours from ${start} (no weekend or holiday extension)`;
    case 'sec-business-days':
      return (
        `${clock.days} business days after ${start} (starting on and including the next business day when it falls ` +
        `on a weekend or federal holiday); EDGAR dates a submission begun after ${clock.cutoff.slice(0, 5)} ET on the next business day`
      );
    case 'months':
      return `${clock.months === 1 ? 'one month' : `${clock.months} months`} after ${start}: the same-numbered day (or the month's last day), 23:59:59 local time`;
    case 'year-end-days':
      return `${clock.days} days after the end of the calendar year of ${start} (1 March; 29 February in a leap year)`;
    case 'no-fixed-period':
      return clock.wording;
  }
}
