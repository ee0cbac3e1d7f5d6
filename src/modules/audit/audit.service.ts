import type { DbOrTx } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Actor } from '../../shared/actor.ts';
import { digestOf } from '../../shared/canonical-json.ts';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import {
  findAuditHead,
  insertAuditEvent,
  listAuditEventsAfter,
  listOrganizationAuditEvents,
  lockAuditChain,
} from './audit.repository.ts';
import { type ChainVerification, GENESIS_HASH, hashAuditEvent, verifyChain } from './domain/hash-chain.ts';

export interface AuditEntry {
  /** What happened, as `<entity>.<verb>`: `disclosure.published`. */
  action: string;
  organizationId: string | null;
  entityType: string;
  entityId: string;
  /** The entity before and after the change; only their SHA-256 digests are stored. */
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one event to the hash chain. Call it inside the transaction that makes the change, so the
 * change and its audit row commit together or not at all.
 */
export async function recordAuditEvent(
  tx: DbOrTx,
  clock: Clock,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  await lockAuditChain(tx);
  const head = await findAuditHead(tx);
  const body = {
    seq: (head?.seq ?? 0) + 1,
    id: newId(),
    occurredAt: clock.now(),
    actorType: actor.kind,
    actorId: actor.kind === 'user' ? actor.userId : actor.name,
    organizationId: entry.organizationId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    beforeDigest: digestOf(entry.before),
    afterDigest: digestOf(entry.after),
    requestId: actor.requestId ?? null,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  await insertAuditEvent(tx, { ...body, hash: hashAuditEvent(body) });
}

/** Re-computes the whole chain, a page at a time; reports gaps, broken links and edited rows. */
export async function verifyAuditChain(deps: Pick<Deps, 'db'>, pageSize = 1000): Promise<ChainVerification> {
  let start = { seq: 0, hash: GENESIS_HASH };
  const result: ChainVerification = {
    ok: true,
    checked: 0,
    headSeq: 0,
    headHash: GENESIS_HASH,
    problems: [],
  };
  for (;;) {
    const page = await listAuditEventsAfter(deps.db, start.seq, pageSize);
    if (page.length === 0) break;
    const part = verifyChain(page, start);
    result.checked += part.checked;
    result.problems.push(...part.problems);
    start = { seq: part.headSeq, hash: part.headHash };
    if (page.length < pageSize) break;
  }
  result.ok = result.problems.length === 0;
  result.headSeq = start.seq;
  result.headHash = start.hash;
  return result;
}

export async function listAuditEventsForOrganization(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const beforeSeq = page.cursor ? Number.parseInt(page.cursor, 10) : null;
  const rows = await listOrganizationAuditEvents(
    deps.db,
    organizationId,
    beforeSeq !== null && Number.isFinite(beforeSeq) ? beforeSeq : null,
    page.limit + 1,
  );
  const items = rows.slice(0, page.limit).map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() }));
  return { items, nextCursor: rows.length > page.limit ? String(items.at(-1)?.seq) : null };
}
