import { describe, expect, it } from 'vitest';
import {
  type AuditEvent,
  type AuditEventBody,
  GENESIS_HASH,
  hashAuditEvent,
  verifyChain,
} from './hash-chain.ts';

/** A well-formed chain of `count` events starting after (`start.seq`, `start.hash`). */
function buildChain(count: number, start = { seq: 0, hash: GENESIS_HASH }): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prevHash = start.hash;
  for (let i = 1; i <= count; i++) {
    const seq = start.seq + i;
    const body: AuditEventBody = {
      seq,
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      occurredAt: new Date(Date.UTC(2025, 0, 1, 12, 0, seq)),
      actorType: i % 2 === 0 ? 'user' : 'system',
      actorId: i % 2 === 0 ? `user-${seq}` : 'test',
      organizationId: i % 3 === 0 ? null : '11111111-1111-4111-8111-111111111111',
      action: `thing.changed-${seq}`,
      entityType: 'thing',
      entityId: `thing-${seq}`,
      beforeDigest: i % 2 === 0 ? 'b'.repeat(64) : null,
      afterDigest: 'a'.repeat(64),
      requestId: i % 2 === 0 ? `req-${seq}` : null,
      prevHash,
    };
    const event = { ...body, hash: hashAuditEvent(body) };
    events.push(event);
    prevHash = event.hash;
  }
  return events;
}

/** Another value of the same type, for every field the hash covers. */
function tamperedValue(field: keyof AuditEventBody, value: AuditEventBody[keyof AuditEventBody]) {
  if (value instanceof Date) return new Date(value.getTime() + 1);
  if (value === null) return 'now-set';
  if (typeof value === 'number') return value + 100;
  return field === 'prevHash' ? 'f'.repeat(64) : `${value}x`;
}

const bodyFields: (keyof AuditEventBody)[] = [
  'id',
  'occurredAt',
  'actorType',
  'actorId',
  'organizationId',
  'action',
  'entityType',
  'entityId',
  'beforeDigest',
  'afterDigest',
  'requestId',
  'prevHash',
];

describe('audit hash chain', () => {
  it('verifies a chain built with hashAuditEvent', () => {
    const chain = buildChain(6);
    const result = verifyChain(chain);
    expect(result).toEqual({
      ok: true,
      checked: 6,
      headSeq: 6,
      headHash: chain[5]!.hash,
      problems: [],
    });
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(new Set(chain.map((e) => e.hash)).size).toBe(6);
    expect(chain.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
  });

  it('verifies an empty chain and reports the genesis head', () => {
    expect(verifyChain([])).toEqual({
      ok: true,
      checked: 0,
      headSeq: 0,
      headHash: GENESIS_HASH,
      problems: [],
    });
  });

  it('hashes independently of the key order of the body', () => {
    const [event] = buildChain(1);
    const { hash, ...body } = event!;
    const reversed = Object.fromEntries(Object.entries(body).reverse()) as unknown as AuditEventBody;
    expect(hashAuditEvent(reversed)).toBe(hash);
  });

  it.each(bodyFields)('reports a hash mismatch at the seq of a middle event whose %s changed', (field) => {
    const chain = buildChain(5);
    const middle = chain[2]!;
    const edited = { ...middle, [field]: tamperedValue(field, middle[field]) } as AuditEvent;
    chain[2] = edited;
    const result = verifyChain(chain);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({ kind: 'hash-mismatch', seq: 3 });
    // Only the edited event fails its own hash; the next one still links to the stored hash.
    expect(result.problems.filter((p) => p.kind === 'hash-mismatch')).toEqual([
      { kind: 'hash-mismatch', seq: 3 },
    ]);
    if (field === 'prevHash') expect(result.problems).toContainEqual({ kind: 'broken-link', seq: 3 });
    else expect(result.problems).toEqual([{ kind: 'hash-mismatch', seq: 3 }]);
  });

  it('reports a changed seq as gaps and a hash mismatch', () => {
    const chain = buildChain(5);
    chain[2] = { ...chain[2]!, seq: 30 };
    expect(verifyChain(chain).problems).toEqual([
      { kind: 'gap', expectedSeq: 3, foundSeq: 30 },
      { kind: 'hash-mismatch', seq: 30 },
      { kind: 'gap', expectedSeq: 31, foundSeq: 4 },
    ]);
  });

  it('reports a re-hashed edit as a broken link of the next event', () => {
    const chain = buildChain(5);
    const { hash: _hash, ...body } = chain[2]!;
    const forged = { ...body, action: 'forged' };
    chain[2] = { ...forged, hash: hashAuditEvent(forged) };
    expect(verifyChain(chain).problems).toEqual([{ kind: 'broken-link', seq: 4 }]);
  });

  it('reports a removed middle event as a gap and a broken link', () => {
    const chain = buildChain(5);
    chain.splice(2, 1);
    const result = verifyChain(chain);
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(4);
    expect(result.problems).toEqual([
      { kind: 'gap', expectedSeq: 3, foundSeq: 4 },
      { kind: 'broken-link', seq: 4 },
    ]);
  });

  it('reports a removed last event not at all, but its head tells where the chain ends', () => {
    // Truncating the tail is only detectable against a head recorded elsewhere.
    const chain = buildChain(5);
    const result = verifyChain(chain.slice(0, 4));
    expect(result.ok).toBe(true);
    expect(result.headSeq).toBe(4);
    expect(result.headHash).not.toBe(chain[4]!.hash);
  });

  it('reports reordered events', () => {
    const chain = buildChain(5);
    [chain[2], chain[3]] = [chain[3]!, chain[2]!];
    const result = verifyChain(chain);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      { kind: 'gap', expectedSeq: 3, foundSeq: 4 },
      { kind: 'broken-link', seq: 4 },
      { kind: 'gap', expectedSeq: 5, foundSeq: 3 },
      { kind: 'broken-link', seq: 3 },
      { kind: 'gap', expectedSeq: 4, foundSeq: 5 },
      { kind: 'broken-link', seq: 5 },
    ]);
  });

  it('verifies a page starting from the head of the previous page', () => {
    const chain = buildChain(10);
    const first = verifyChain(chain.slice(0, 4));
    expect(first).toMatchObject({ ok: true, checked: 4, headSeq: 4, headHash: chain[3]!.hash });
    const second = verifyChain(chain.slice(4), { seq: first.headSeq, hash: first.headHash });
    expect(second).toEqual({ ok: true, checked: 6, headSeq: 10, headHash: chain[9]!.hash, problems: [] });
  });

  it('refuses a page that does not continue from the given start', () => {
    const chain = buildChain(10);
    expect(verifyChain(chain.slice(4), { seq: 4, hash: chain[2]!.hash }).problems).toEqual([
      { kind: 'broken-link', seq: 5 },
    ]);
    expect(verifyChain(chain.slice(4), { seq: 3, hash: chain[3]!.hash }).problems).toEqual([
      { kind: 'gap', expectedSeq: 4, foundSeq: 5 },
    ]);
    // From genesis, the page is not the start of the chain.
    expect(verifyChain(chain.slice(4)).ok).toBe(false);
  });

  it('reports a broken link when the first event does not link to the genesis hash', () => {
    const chain = buildChain(3, { seq: 0, hash: 'f'.repeat(64) });
    const result = verifyChain(chain);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ kind: 'broken-link', seq: 1 }]);
    expect(verifyChain(chain, { seq: 0, hash: 'f'.repeat(64) }).ok).toBe(true);
  });
});
