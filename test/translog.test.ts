import { createHash, generateKeyPairSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { publishDisclosure } from '../src/modules/disclosures/index.ts';
import { parseCheckpoint } from '../src/modules/translog/domain/checkpoint.ts';
import {
  hashLeaf,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from '../src/modules/translog/domain/merkle.ts';
import { openNote, parseVerifierKey } from '../src/modules/translog/domain/signed-note.ts';
import { parseStatement, publicRecordDigest } from '../src/modules/translog/domain/statement.ts';
import { decodeEntryBundle, splitHashTile } from '../src/modules/translog/domain/tiles.ts';
import { appendStatements } from '../src/modules/translog/service/append.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { preloadCsafValidator } from '../src/shared/csaf-validation.ts';
import { createTestApp } from './support/test-deps.ts';
import { createPublisher, storedStatements, tamper, userActor } from './support/translog.ts';

let harness: Awaited<ReturnType<typeof createTestApp>>;

// Publishing validates CSAF; the validator takes seconds to load: once, outside the hooks' time limits.
beforeAll(() => preloadCsafValidator('mandatory'), 300_000);

beforeEach(async () => {
  harness = await createTestApp({ env: { PUBLIC_URL: 'https://candor.example' } });
});
afterEach(async () => harness.close());

const get = (url: string) => harness.app.inject({ method: 'GET', url });
const count = async (table: string) =>
  Number((await harness.deps.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))).rows[0]?.n);

describe('publishing appends to the log', () => {
  it('appends exactly one entry, in the publishing transaction, that matches the public record', async () => {
    const publisher = await createPublisher(harness.deps);
    const published = await publisher.publish('Pump advisory');
    expect(await count('translog_entries')).toBe(1);
    const [statement] = await storedStatements(harness.deps);
    const record = (await get(`/api/v1/public/disclosures/${published.id}`)).json();
    expect(statement).toMatchObject({
      type: 'candor.dev/publication/v2',
      action: 'published',
      recordType: 'disclosure',
      recordId: published.id,
      organizationId: publisher.organization.id,
      publisher: publisher.organization.slug,
      revision: 1,
      publishedAt: record.publishedAt,
      contentSha256: publicRecordDigest(record),
    });
    // The entry vouches for the CSAF document exactly as the provider serves it.
    const csaf = await get(new URL(record.csaf.json).pathname);
    expect(statement?.csafSha256).toBe(createHash('sha256').update(csaf.rawPayload).digest('hex'));

    const entry = (await get(`/api/v1/public/disclosures/${published.id}/log-entry`)).json();
    expect(entry.index).toBe(0);
    expect(entry.checkpoint.size).toBe(1);
    const key = parseVerifierKey((await get('/log/key')).body.trim());
    const checkpoint = parseCheckpoint(openNote(entry.checkpoint.note, [key]).text);
    expect(
      verifyInclusion(
        entry.index,
        checkpoint.size,
        Buffer.from(entry.leafHash, 'base64'),
        entry.inclusionProof.map((h: string) => Buffer.from(h, 'base64')),
        checkpoint.rootHash,
      ),
    ).toBe(true);
  });

  it('appends nothing when publishing fails, and refuses to publish when the log is broken', async () => {
    const publisher = await createPublisher(harness.deps);
    const admin = userActor(publisher.users.admin.id);
    const draft = await publisher.draftAndApprove();
    await publishDisclosure(harness.deps, admin, publisher.organization.id, draft.id);
    await publisher.publish();
    // Publishing again fails, and the log is left as it was.
    await expect(publishDisclosure(harness.deps, admin, publisher.organization.id, draft.id)).rejects.toThrow(
      /published already/,
    );
    expect(await count('translog_entries')).toBe(2);

    // A log whose newest entry vanished: the append refuses, and the publication rolls back with it.
    await tamper(harness.deps, sql`DELETE FROM translog_entries WHERE index = 1`);
    const next = await publisher.draftAndApprove();
    await expect(publishDisclosure(harness.deps, admin, publisher.organization.id, next.id)).rejects.toThrow(
      /transparency log is inconsistent/,
    );
    expect(await count('translog_entries')).toBe(1);
    expect((await get(`/api/v1/public/disclosures/${next.id}`)).statusCode).toBe(404);
  });

  it('refuses UPDATE and DELETE on the log tables', async () => {
    await (await createPublisher(harness.deps)).publish();
    for (const statement of [
      sql`UPDATE translog_entries SET record_type = 'x'`,
      sql`DELETE FROM translog_entries`,
      sql`DELETE FROM translog_checkpoints`,
    ])
      await expect(harness.deps.db.execute(statement)).rejects.toThrow();
  });
});

describe('the log over HTTP', () => {
  it('serves a signed size-0 checkpoint and the verifier key before anything is published', async () => {
    const key = await get('/log/key');
    expect(key.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(key.body).toMatch(/^candor\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}\n$/);
    const response = await get('/log/checkpoint');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    const checkpoint = parseCheckpoint(openNote(response.body, [parseVerifierKey(key.body)]).text);
    expect(checkpoint).toMatchObject({ origin: 'candor.example/log', size: 0 });
    expect(checkpoint.rootHash.toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    // The key is kept: the same one after another request, and audited once.
    expect((await get('/log/key')).body).toBe(key.body);
    const audited = await harness.deps.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'translog.key-generated'`,
    );
    expect(audited.rows[0]?.n).toBe(1);
  });

  it('serves tiles, entry bundles and proofs that agree with the checkpoint', async () => {
    const publisher = await createPublisher(harness.deps);
    await publisher.publish();
    const template = (await storedStatements(harness.deps))[0]!;
    const statements = Array.from({ length: 300 }, (_, i) => ({ ...template, revision: i + 2 }));
    await appendStatements(harness.deps, statements.slice(0, 200));
    await appendStatements(harness.deps, statements.slice(200, 299));
    const size = 300;
    const note = (await get('/log/checkpoint')).body;
    const checkpoint = parseCheckpoint(openNote(note, [parseVerifierKey((await get('/log/key')).body)]).text);
    expect(checkpoint.size).toBe(size);

    const full = await get('/log/tile/entries/000');
    expect(full.headers['cache-control']).toContain('immutable');
    const partial = await get('/log/tile/entries/001.p/44');
    expect(partial.headers['cache-control']).not.toContain('immutable');
    const entries = [...decodeEntryBundle(full.rawPayload), ...decodeEntryBundle(partial.rawPayload)];
    expect(entries).toHaveLength(size);
    for (const bytes of entries) expect(parseStatement(bytes).type).toBe('candor.dev/publication/v2');
    const leaves = entries.map(hashLeaf);
    expect(rootOfLeafHashes(leaves)).toEqual(checkpoint.rootHash);
    const tile0 = [
      ...splitHashTile((await get('/log/tile/0/000')).rawPayload),
      ...splitHashTile((await get('/log/tile/0/001.p/44')).rawPayload),
    ];
    expect(tile0).toEqual(leaves);
    const level1 = await get('/log/tile/1/000.p/1');
    expect(level1.headers['content-type']).toBe('application/octet-stream');
    expect(splitHashTile(level1.rawPayload)[0]).toEqual(rootOfLeafHashes(leaves.slice(0, 256)));

    for (const path of [
      '/log/tile/0/001',
      '/log/tile/0/001.p/45',
      '/log/tile/1/000',
      '/log/tile/entries/002.p/1',
      '/log/tile/0/x000/001',
      '/log/tile/9/000',
      '/log/tile/data/000',
    ])
      expect((await get(path)).statusCode, path).toBe(404);

    const inclusion = (await get('/log/proof/inclusion?index=257&size=300')).json();
    expect(
      verifyInclusion(
        257,
        300,
        leaves[257]!,
        inclusion.proof.map((h: string) => Buffer.from(h, 'base64')),
        checkpoint.rootHash,
      ),
    ).toBe(true);
    const consistency = (await get('/log/proof/consistency?from=201')).json();
    expect(consistency.to).toBe(300);
    expect(
      verifyConsistency(
        201,
        300,
        rootOfLeafHashes(leaves.slice(0, 201)),
        checkpoint.rootHash,
        consistency.proof.map((h: string) => Buffer.from(h, 'base64')),
      ),
    ).toBe(true);
  });

  it('answers bad proof queries with 400 problem+json and unknown records with 404', async () => {
    await (await createPublisher(harness.deps)).publish();
    for (const url of [
      '/log/proof/inclusion',
      '/log/proof/inclusion?index=1',
      '/log/proof/inclusion?index=0&size=2',
      '/log/proof/inclusion?index=-1',
      '/log/proof/inclusion?index=1e3',
      '/log/proof/inclusion?index=0&extra=1',
      '/log/proof/consistency?from=0',
      '/log/proof/consistency?from=2&to=1',
      '/log/proof/consistency?from=1&to=5',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get('/log/proof/consistency?from=1')).json().proof).toEqual([]);
    const unknown = await get('/api/v1/public/disclosures/00000000-0000-4000-8000-000000000000/log-entry');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });
});

describe('the origin', () => {
  it('is taken from PUBLIC_URL when the log starts and kept when PUBLIC_URL changes later', async () => {
    await (await createPublisher(harness.deps)).publish();
    const moved = { ...harness.deps, config: { ...harness.deps.config, publicUrl: 'https://moved.example' } };
    const template = (await storedStatements(harness.deps))[0]!;
    await appendStatements(moved, [{ ...template, revision: 2 }]);
    const key = parseVerifierKey((await get('/log/key')).body);
    expect(key.name).toBe('candor.example/log');
    expect(parseCheckpoint(openNote((await get('/log/checkpoint')).body, [key]).text)).toMatchObject({
      origin: 'candor.example/log',
      size: 2,
    });
  });
});

describe('a configured signing key', () => {
  it('stops the start when CANDOR_LOG_SIGNING_KEY is not an Ed25519 key, without echoing it', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const pkcs8 = rsa.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    for (const value of ['not-a-key', pkcs8]) {
      expect(() => loadConfig({ CANDOR_LOG_SIGNING_KEY: value })).toThrow(
        /not an Ed25519 PKCS#8 private key$/,
      );
    }
    expect(() => loadConfig({ CANDOR_LOG_ORIGIN: 'has space' })).toThrow(/CANDOR_LOG_ORIGIN/);
  });

  it('signs with CANDOR_LOG_SIGNING_KEY and the configured origin, and stores no key', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    const configured = await createTestApp({
      env: { CANDOR_LOG_SIGNING_KEY: pkcs8, CANDOR_LOG_ORIGIN: 'log.example/x' },
    });
    try {
      const key = (await configured.app.inject({ method: 'GET', url: '/log/key' })).body;
      expect(key.startsWith('log.example/x+')).toBe(true);
      const note = (await configured.app.inject({ method: 'GET', url: '/log/checkpoint' })).body;
      expect(parseCheckpoint(openNote(note, [parseVerifierKey(key)]).text).origin).toBe('log.example/x');
      const stored = await configured.deps.db.execute(sql`SELECT count(*)::int AS n FROM translog_keys`);
      expect(stored.rows[0]?.n).toBe(0);
    } finally {
      await configured.close();
    }
  });
});
