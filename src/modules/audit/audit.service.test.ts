import { createHash } from 'node:crypto';
import { asc, count, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestOrganization } from '../../../test/factories/accounts.ts';
import { createTestDeps, type TestDeps } from '../../../test/support/test-deps.ts';
import { withTransaction } from '../../platform/db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { systemActor } from '../../shared/actor.ts';
import { digestOf } from '../../shared/canonical-json.ts';
import { DomainError } from '../../shared/errors.ts';
import { devicesProducts } from '../devices/devices.tables.ts';
import { createProduct } from '../devices/index.ts';
import { type AuditEntry, recordAuditEvent, verifyAuditChain } from './audit.service.ts';
import { auditEvents } from './audit.tables.ts';
import { GENESIS_HASH } from './domain/hash-chain.ts';

let deps: TestDeps;

beforeEach(async () => {
  deps = await createTestDeps();
});

afterEach(async () => {
  await deps.close();
});

const actor = systemActor('audit-test');

function entry(n: number, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    action: `thing.changed`,
    organizationId: null,
    entityType: 'thing',
    entityId: `thing-${n}`,
    ...extra,
  };
}

async function record(e: AuditEntry, who: Actor = actor): Promise<void> {
  await withTransaction(deps.db, (tx) => recordAuditEvent(tx, deps.clock, who, e));
}

async function recordMany(n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await record(entry(i));
}

function allEvents() {
  return deps.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
}

async function auditCount(): Promise<number> {
  const [row] = await deps.db.select({ n: count() }).from(auditEvents);
  return row!.n;
}

/** Edits the table past the append-only trigger, as a superuser could (one transaction: one connection). */
async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(statement);
  });
}

/** The database's own message, wherever the driver or Drizzle put it. */
function messagesOf(error: unknown): string {
  const messages: string[] = [];
  for (let e = error; e instanceof Error; e = e.cause) messages.push(e.message);
  return messages.join(' / ');
}

async function expectRefused(statement: ReturnType<typeof sql>): Promise<void> {
  const error = await deps.db.execute(statement).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the statement should have been refused').not.toBeNull();
  expect(messagesOf(error)).toMatch(/audit_events is append-only/);
}

describe('recordAuditEvent', () => {
  it('appends events with consecutive seqs, each linked to the previous hash', async () => {
    await recordMany(3);
    const events = await allEvents();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
    expect(events.map((e) => e.entityId)).toEqual(['thing-1', 'thing-2', 'thing-3']);
    expect(events[0]).toMatchObject({ actorType: 'system', actorId: 'audit-test', requestId: null });
    expect(await verifyAuditChain(deps)).toEqual({
      ok: true,
      checked: 3,
      headSeq: 3,
      headHash: events[2]!.hash,
      problems: [],
    });
  });

  it('stores SHA-256 digests of the canonical JSON of before and after, and null when absent', async () => {
    const before = { b: 1, a: { d: [1, 2], c: 'x' } };
    const after = { a: { c: 'y', d: [2] }, b: 2 };
    await record(entry(1, { before, after }));
    await record(entry(2, { after }));
    await record(entry(3, { before: null }));
    const [withBoth, afterOnly, none] = await allEvents();
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(withBoth!.beforeDigest).toBe(sha('{"a":{"c":"x","d":[1,2]},"b":1}'));
    expect(withBoth!.afterDigest).toBe(sha('{"a":{"c":"y","d":[2]},"b":2}'));
    expect(withBoth!.beforeDigest).toBe(digestOf({ a: { d: [1, 2], c: 'x' }, b: 1 }));
    expect(afterOnly).toMatchObject({ beforeDigest: null, afterDigest: digestOf(after) });
    expect(none).toMatchObject({ beforeDigest: null, afterDigest: null });
  });

  it('leaves no row and no gap when the transaction rolls back', async () => {
    await record(entry(1));
    await expect(
      withTransaction(deps.db, async (tx) => {
        await recordAuditEvent(tx, deps.clock, actor, entry(2));
        throw new Error('the change failed after its audit row');
      }),
    ).rejects.toThrow('the change failed');
    expect(await auditCount()).toBe(1);
    await record(entry(3));
    const events = await allEvents();
    expect(events.map((e) => [e.seq, e.entityId])).toEqual([
      [1, 'thing-1'],
      [2, 'thing-3'],
    ]);
    expect((await verifyAuditChain(deps)).ok).toBe(true);
  });

  it('serialises concurrent appends into one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => record(entry(i + 1))));
    const events = await allEvents();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(events.map((e) => e.entityId)).size).toBe(10);
    const result = await verifyAuditChain(deps);
    expect(result).toMatchObject({ ok: true, checked: 10, headSeq: 10, problems: [] });
  });
});

describe('the append-only trigger', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on audit_events', async () => {
    await recordMany(2);
    const [original] = await allEvents();
    await expectRefused(sql`UPDATE audit_events SET action = 'tampered' WHERE seq = 1`);
    await expectRefused(sql`DELETE FROM audit_events WHERE seq = 1`);
    await expectRefused(sql`TRUNCATE audit_events`);
    const events = await allEvents();
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual(original);
    expect((await verifyAuditChain(deps)).ok).toBe(true);
  });
});

describe('verifyAuditChain detects tampering', () => {
  it('reports an edited action as a hash mismatch at that seq', async () => {
    await recordMany(5);
    await tamper(sql`UPDATE audit_events SET action = 'thing.deleted' WHERE seq = 3`);
    expect((await allEvents())[2]!.action).toBe('thing.deleted');
    const result = await verifyAuditChain(deps);
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(5);
    expect(result.problems).toEqual([{ kind: 'hash-mismatch', seq: 3 }]);
  });

  it('reports a deleted middle row as a gap and a broken link', async () => {
    await recordMany(5);
    await tamper(sql`DELETE FROM audit_events WHERE seq = 3`);
    expect(await auditCount()).toBe(4);
    const result = await verifyAuditChain(deps);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      { kind: 'gap', expectedSeq: 3, foundSeq: 4 },
      { kind: 'broken-link', seq: 4 },
    ]);
  });

  it('verifies page by page and finds tampering on a later page', async () => {
    await recordMany(10);
    const events = await allEvents();
    expect(await verifyAuditChain(deps, 3)).toEqual({
      ok: true,
      checked: 10,
      headSeq: 10,
      headHash: events[9]!.hash,
      problems: [],
    });
    // A page size that divides the count exactly ends on an empty page.
    expect(await verifyAuditChain(deps, 5)).toMatchObject({ ok: true, checked: 10, headSeq: 10 });

    await tamper(sql`UPDATE audit_events SET entity_id = 'other' WHERE seq = 8`);
    expect((await verifyAuditChain(deps, 3)).problems).toEqual([{ kind: 'hash-mismatch', seq: 8 }]);
  });

  it('finds a row deleted at a page boundary', async () => {
    await recordMany(10);
    await tamper(sql`DELETE FROM audit_events WHERE seq = 4`);
    const result = await verifyAuditChain(deps, 3);
    expect(result).toMatchObject({ ok: false, checked: 9, headSeq: 10 });
    expect(result.problems).toEqual([
      { kind: 'gap', expectedSeq: 4, foundSeq: 5 },
      { kind: 'broken-link', seq: 5 },
    ]);
  });
});

describe('services write audit rows in their transaction', () => {
  it('records product.created for createProduct, and nothing when it fails', async () => {
    const { organization, users } = await createTestOrganization(deps);
    const userActor: Actor = { kind: 'user', userId: users.editor.id, via: 'session', requestId: 'req-42' };
    const countBefore = await auditCount();

    const product = await createProduct(deps, userActor, organization.id, {
      name: 'Infusion pump',
      description: 'A pump',
      modelNumbers: ['IP-1'],
    });
    const created = await deps.db.select().from(auditEvents).where(eq(auditEvents.action, 'product.created'));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      seq: countBefore + 1,
      organizationId: organization.id,
      actorType: 'user',
      actorId: users.editor.id,
      entityType: 'product',
      entityId: product.id,
      beforeDigest: null,
      afterDigest: digestOf(product),
      requestId: 'req-42',
    });

    const failed = await createProduct(deps, userActor, organization.id, {
      name: 'Infusion pump',
      description: '',
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(DomainError);
    expect((failed as DomainError).code).toBe('conflict');
    expect(await auditCount()).toBe(countBefore + 1);
    const [productCount] = await deps.db.select({ n: count() }).from(devicesProducts);
    expect(productCount!.n).toBe(1);
    expect((await verifyAuditChain(deps)).ok).toBe(true);
  });
});
