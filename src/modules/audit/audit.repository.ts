import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { auditEvents } from './audit.tables.ts';
import type { AuditEvent } from './domain/hash-chain.ts';

/** Serialises appends across processes: the chain needs each row's predecessor. */
const AUDIT_APPEND_LOCK_KEY = 7_426_110_002;

export async function lockAuditChain(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_APPEND_LOCK_KEY})`);
}

export async function findAuditHead(tx: DbOrTx): Promise<{ seq: number; hash: string } | null> {
  const rows = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertAuditEvent(tx: DbOrTx, event: AuditEvent): Promise<void> {
  await tx.insert(auditEvents).values(event);
}

/** Events in seq order after `afterSeq`, a page at a time (verification streams the whole table). */
export async function listAuditEventsAfter(
  db: DbOrTx,
  afterSeq: number,
  limit: number,
): Promise<AuditEvent[]> {
  return db
    .select()
    .from(auditEvents)
    .where(gt(auditEvents.seq, afterSeq))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);
}

export async function listOrganizationAuditEvents(
  db: DbOrTx,
  organizationId: string,
  beforeSeq: number | null,
  limit: number,
): Promise<AuditEvent[]> {
  const conditions = [eq(auditEvents.organizationId, organizationId)];
  if (beforeSeq !== null) conditions.push(lt(auditEvents.seq, beforeSeq));
  return db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}
