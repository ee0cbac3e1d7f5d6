/**
 * Calendar dates and wall-clock times in IANA time zones, and the instants they name.
 *
 * Hand-written on Intl.DateTimeFormat because Node 20 has no Temporal, and the small libraries that
 * exist (date-fns-tz, @date-fns/tz) declare no Node engine support and leave the choice made inside a
 * DST gap or overlap undocumented, while a deadline needs that choice stated. Only UTC methods of Date
 * are used, so the result never depends on the server's own zone (tests run under TZ=Pacific/Auckland).
 *
 * A LocalDate is an ISO calendar date 'YYYY-MM-DD'; a LocalTime is 'HH:MM:SS'.
 */
export type LocalDate = string;
export type LocalTime = string;

const dayMs = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(instant: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instant)))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at `instant`, in minutes (east positive: Berlin in winter is +60). */
export function offsetMinutesAt(instant: Date | number, zone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const whole = Math.floor(ms / 1000) * 1000;
  const wall = wallClockAt(whole, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - whole) / 60_000);
}

/** The calendar date in `zone` at `instant`. */
export function localDateAt(instant: Date, zone: string): LocalDate {
  const wall = wallClockAt(instant.getTime(), zone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** The wall-clock time in `zone` at `instant`, to the second. */
export function localTimeAt(instant: Date, zone: string): LocalTime {
  const wall = wallClockAt(instant.getTime(), zone);
  return `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

function parseLocal(date: LocalDate, time: LocalTime): number {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!d || !t) throw new Error(`not a local date and time: ${date} ${time}`);
  return Date.UTC(
    Number(d[1]),
    Number(d[2]) - 1,
    Number(d[3]),
    Number(t[1]),
    Number(t[2]),
    Number(t[3] ?? 0),
  );
}

/**
 * The instant at which the wall clock in `zone` shows `date` `time`.
 * - Overlap (clocks go back, the time happens twice): `earlier` (default) or `later` occurrence.
 * - Gap (clocks go forward, the time never happens): the instant as far after the gap as the time lies
 *   after its start, read with the offset in force before the jump (Temporal's "compatible"), so 02:30
 *   on a US spring-forward day is 03:30 daylight time.
 */
export function instantAt(
  date: LocalDate,
  time: LocalTime,
  zone: string,
  disambiguation: 'earlier' | 'later' = 'earlier',
): Date {
  const wall = parseLocal(date, time);
  const offsets = new Set([offsetMinutesAt(wall - dayMs, zone), offsetMinutesAt(wall + dayMs, zone)]);
  const candidates = [...offsets]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => {
      const w = wallClockAt(instant, zone);
      return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) === wall;
    })
    .sort((a, b) => a - b);
  if (candidates.length > 0)
    return new Date((disambiguation === 'earlier' ? candidates[0] : candidates.at(-1)) as number);
  return new Date(wall - offsetMinutesAt(wall - dayMs, zone) * 60_000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2026-03-13T23:59:59-04:00 (ms only when set). */
export function formatInstant(instant: Date, zone: string): string {
  const ms = instant.getTime() % 1000;
  const fraction = ms === 0 ? '' : `.${pad((ms + 1000) % 1000, 3)}`;
  return `${localDateAt(instant, zone)}T${localTimeAt(instant, zone)}${fraction}${formatOffset(offsetMinutesAt(instant, zone))}`;
}

function dateParts(date: LocalDate): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a local date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function fromUtcMs(ms: number): LocalDate {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `date` plus `days` calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = dateParts(date);
  return fromUtcMs(Date.UTC(y, m - 1, d + days));
}

/**
 * The same-numbered day `months` later, or the last day of that month when it has no such day
 * (31 Jan + 1 month = 28 or 29 Feb).
 */
export function addMonthsClamped(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = dateParts(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return fromUtcMs(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWeekend(date: LocalDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

export function yearOf(date: LocalDate): number {
  return dateParts(date)[0];
}
