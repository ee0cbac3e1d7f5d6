import { canonicalJson, sha256Hex } from '../../../shared/canonical-json.ts';

/** The fields of an audit event that its hash covers (everything but the hash itself). */
export interface AuditEventBody {
  seq: number;
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string;
  organizationId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  requestId: string | null;
  prevHash: string;
}

export interface AuditEvent extends AuditEventBody {
  hash: string;
}

/** The chain starts from 64 zeros, like a Merkle-less ledger's genesis. */
export const GENESIS_HASH = '0'.repeat(64);

export function hashAuditEvent(body: AuditEventBody): string {
  // Canonical JSON sorts keys, so the hash does not depend on the order the row's fields come in.
  return sha256Hex(canonicalJson({ ...body, occurredAt: body.occurredAt.toISOString() }));
}

export type ChainProblem =
  | { kind: 'gap'; expectedSeq: number; foundSeq: number }
  | { kind: 'broken-link'; seq: number }
  | { kind: 'hash-mismatch'; seq: number };

export interface ChainVerification {
  ok: boolean;
  checked: number;
  headSeq: number;
  headHash: string;
  problems: ChainProblem[];
}

/**
 * Verifies a run of events in seq order, starting after (`fromSeq`, `fromHash`). Every event must
 * follow the previous one by exactly one, link to its hash, and hash to its own `hash`.
 */
export function verifyChain(
  events: Iterable<AuditEvent>,
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainVerification {
  const problems: ChainProblem[] = [];
  let expectedSeq = start.seq + 1;
  let prevHash = start.hash;
  let checked = 0;
  for (const event of events) {
    checked++;
    if (event.seq !== expectedSeq) problems.push({ kind: 'gap', expectedSeq, foundSeq: event.seq });
    if (event.prevHash !== prevHash) problems.push({ kind: 'broken-link', seq: event.seq });
    const { hash, ...body } = event;
    if (hashAuditEvent(body) !== hash) problems.push({ kind: 'hash-mismatch', seq: event.seq });
    expectedSeq = event.seq + 1;
    prevHash = event.hash;
  }
  return { ok: problems.length === 0, checked, headSeq: expectedSeq - 1, headHash: prevHash, problems };
}
