import Holidays from 'date-holidays';
import { countryOf, zoneOf } from './jurisdictions.ts';
import { isWeekend, type LocalDate } from './zoned-time.ts';

/**
 * Working-day calendars per jurisdiction (regulations.md §2 "Holiday data"): Saturdays, Sundays and the
 * national `public` holidays of the npm package date-holidays, plus a per-deployment override list.
 *
 * - US: the federal holidays with their observed days (5 U.S.C. 6103). date-holidays types some observed
 *   days `bank` (Veterans Day 2028, observed Friday 10 Nov), so for the US every substitute day counts.
 * - Elsewhere only `public` days count: a `bank` day such as Ireland's Good Friday is a working day, and
 *   regional holidays (German Länder, GB nations) are ignored. Both choices give the earlier, safer
 *   deadline; a deployment that wants them adds the dates through its overrides.
 * - Ad hoc closures (a US federal closure by executive order, an SEC closure) are not in any data set:
 *   they come through the overrides too.
 */
export interface HolidayOverride {
  /** Extra non-working dates (YYYY-MM-DD). */
  add?: readonly LocalDate[];
  /** Dates that date-holidays lists but this deployment treats as working days. */
  remove?: readonly LocalDate[];
}
/** Keyed by jurisdiction: 'US', 'DE', 'FR', … */
export type HolidayOverrides = Readonly<Record<string, HolidayOverride>>;

export interface WorkingCalendar {
  jurisdiction: string;
  zone: string;
  /** What the calendar is made of, stored with each clock (regulations.md §2 requirement (a)). */
  description: string;
  isHoliday(date: LocalDate): boolean;
  isWorkingDay(date: LocalDate): boolean;
}

export const holidayDataVersion = 'date-holidays 3.37.0';

const holidaysByCountry = new Map<string, Holidays | null>();
const datesByCountryYear = new Map<string, ReadonlySet<LocalDate>>();
let supportedCountries: Record<string, string> | null = null;

function holidaysOf(country: string): Holidays | null {
  if (!holidaysByCountry.has(country)) {
    supportedCountries ??= new Holidays().getCountries();
    holidaysByCountry.set(country, country in supportedCountries ? new Holidays(country) : null);
  }
  return holidaysByCountry.get(country) ?? null;
}

/** The data set's non-working dates of one country and year, as the rules above read them. */
export function dataHolidays(country: string, year: number): ReadonlySet<LocalDate> {
  const cacheKey = `${country}:${year}`;
  let dates = datesByCountryYear.get(cacheKey);
  if (!dates) {
    const holidays = holidaysOf(country);
    // `date` is the local date in the country's own zone ("2026-07-03 00:00:00"), whatever the server's zone.
    dates = new Set(
      (holidays?.getHolidays(year) ?? [])
        .filter((h) => h.type === 'public' || (country === 'US' && h.substitute === true))
        .map((h) => h.date.slice(0, 10)),
    );
    datesByCountryYear.set(cacheKey, dates);
  }
  return dates;
}

/** The working-day calendar of a jurisdiction ('US', 'US-CA', 'DE', 'EU', …) with the overrides applied. */
export function workingCalendarFor(jurisdiction: string, overrides: HolidayOverrides = {}): WorkingCalendar {
  const country = countryOf(jurisdiction);
  const override = overrides[country] ?? {};
  const added = new Set(override.add ?? []);
  const removed = new Set(override.remove ?? []);
  const hasData = country !== 'EU' && holidaysOf(country) !== null;
  const isHoliday = (date: LocalDate) =>
    added.has(date) ||
    (!removed.has(date) && hasData && dataHolidays(country, Number(date.slice(0, 4))).has(date));
  const changes = added.size + removed.size > 0 ? ` + ${added.size + removed.size} override(s)` : '';
  const data = !hasData
    ? 'no holiday data'
    : country === 'US'
      ? `${holidayDataVersion} US public holidays and observed days`
      : `${holidayDataVersion} ${country} public holidays`;
  return {
    jurisdiction,
    zone: zoneOf(jurisdiction),
    description: `Mon–Fri; ${data}${changes}`,
    isHoliday,
    isWorkingDay: (date) => !isWeekend(date) && !isHoliday(date),
  };
}
