/**
 * `datetime-local` inputs hold wall-clock time without a zone; the API wants instants with an offset.
 * These convert between the two in the user's own zone, keeping the offset ("+01:00") rather than
 * turning everything into UTC, so stored facts read as the person entered them.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-03-06T16:30" for an instant, in the user's zone; '' for nothing or an unreadable instant. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The local wall-clock time as an instant with the user's offset; unreadable input is returned as is. */
export function fromLocalInput(local: string): string {
  const date = new Date(local);
  if (!local || Number.isNaN(date.getTime())) return local;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${zone}`;
}

/** Now, to the minute, for a `datetime-local` input's default. */
export function localInputNow(): string {
  return toLocalInput(new Date().toISOString());
}

/** Today's date in the user's zone ("2026-03-23"), for `date` inputs. */
export function localDate(offsetDays = 0): string {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
