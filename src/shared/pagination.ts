import { DomainError } from './errors.ts';

/** Keyset cursors over (timestamp, id), newest first: stable under inserts, cheap at any depth. */
export interface KeysetPosition {
  at: Date;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`).toString('base64url');
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string | undefined): KeysetPosition | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = at ? new Date(at) : null;
  // Only what the database can hold: a UUID, and a year PostgreSQL's timestamptz takes.
  const year = date?.getUTCFullYear() ?? Number.NaN;
  if (!date || !(year >= 1 && year <= 9999) || !id || !uuidPattern.test(id)) {
    throw new DomainError('invalid', 'The cursor is not valid.');
  }
  return { at: date, id };
}

export function pageFrom<Row, Item>(
  rows: Row[],
  limit: number,
  position: (row: Row) => KeysetPosition,
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last ? encodeCursor(position(last)) : null,
  };
}
