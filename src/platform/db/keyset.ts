import { and, type Column, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { KeysetPosition } from '../../shared/pagination.ts';

/** WHERE part for "after this position" in (at desc, id desc) order. */
export function afterPosition(
  atColumn: Column,
  idColumn: Column,
  position: KeysetPosition | null,
): SQL | undefined {
  if (!position) return undefined;
  return or(lt(atColumn, position.at), and(eq(atColumn, position.at), lt(idColumn, position.id)));
}

export function newestFirst(atColumn: Column, idColumn: Column): SQL[] {
  return [desc(atColumn), desc(idColumn)];
}
