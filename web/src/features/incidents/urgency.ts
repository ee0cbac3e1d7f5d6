import type { ObligationTask } from '@contracts/incidents/incidents.contracts.ts';

/**
 * How pressing a report is, from its deadline and the time now: what the countdowns, the colours and
 * the order of the incident page and the deadline calendar are made of. Pure: `now` is passed in.
 */
export type Urgency = 'overdue' | 'day' | 'days' | 'later' | 'undated' | 'done';

const hour = 3_600_000;
const day = 24 * hour;

export const doneStatuses: readonly ObligationTask['status'][] = ['submitted', 'waived', 'not_applicable'];

export function isDone(task: { status: ObligationTask['status']; applicable?: boolean }): boolean {
  return task.applicable === false || doneStatuses.includes(task.status);
}

export function urgencyOf(
  task: { dueAt: string | null; status: ObligationTask['status']; applicable?: boolean },
  now: number,
): Urgency {
  if (isDone(task)) return 'done';
  if (!task.dueAt) return 'undated';
  const left = Date.parse(task.dueAt) - now;
  if (left < 0) return 'overdue';
  if (left < day) return 'day';
  if (left < 3 * day) return 'days';
  return 'later';
}

/** The badge tone of each urgency: red, orange, yellow, neutral; grey once nothing is left to do. */
export const urgencyTone = {
  overdue: 'danger',
  day: 'caution',
  days: 'warning',
  later: 'neutral',
  undated: 'info',
  done: 'neutral',
} as const;

export const urgencyText: Record<Urgency, string> = {
  overdue: 'Overdue',
  day: 'Less than 24 h left',
  days: 'Less than 72 h left',
  later: 'More than 72 h left',
  undated: 'No fixed deadline',
  done: 'Nothing left to do',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** "in 1 d 04:12:09", "in 00:42:10", or "overdue by 3 h 5 min". */
export function countdownText(dueAt: string, now: number): string {
  const left = Date.parse(dueAt) - now;
  if (Number.isNaN(left)) return '';
  if (left >= 0) {
    const seconds = Math.floor(left / 1000);
    const days = Math.floor(seconds / 86_400);
    const clock = `${pad(Math.floor((seconds % 86_400) / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
    return days > 0 ? `in ${days} d ${clock}` : `in ${clock}`;
  }
  const late = -left;
  const days = Math.floor(late / day);
  const hours = Math.floor((late % day) / hour);
  const minutes = Math.floor((late % hour) / 60_000);
  if (days > 0) return `overdue by ${days} d${hours > 0 ? ` ${hours} h` : ''}`;
  if (hours > 0) return `overdue by ${hours} h${minutes > 0 ? ` ${minutes} min` : ''}`;
  if (minutes > 0) return `overdue by ${minutes} min`;
  return `overdue by ${Math.max(1, Math.floor(late / 1000))} s`;
}

/** Soonest first; reports without a date after those with one; by title within the same instant. */
export function byDeadline<T extends { dueAt: string | null; title: string }>(a: T, b: T): number {
  const at = a.dueAt ? Date.parse(a.dueAt) : Number.POSITIVE_INFINITY;
  const bt = b.dueAt ? Date.parse(b.dueAt) : Number.POSITIVE_INFINITY;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.title.localeCompare(b.title);
}

/** The user's own IANA time zone, as the browser knows it. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as wall-clock time in a zone: "Mon, Mar 23, 2026, 11:59 PM GMT+1". */
export function formatInZone(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = zonedFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(undefined, {
        weekday: 'short',
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
        timeZone,
      });
    } catch {
      // A zone this browser does not know: say the instant in UTC rather than nothing.
      return `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
    }
    zonedFormats.set(timeZone, format);
  }
  return format.format(date);
}

/** A local calendar date ("2026-03-23") as people read it, without shifting it through a zone. */
export function formatCalendarDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}
