import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOrganization } from '../src/modules/accounts/index.ts';
import {
  approveDisclosure,
  getPublicCsafDocument,
  getPublicDisclosure,
  listPublicDisclosures,
  publishDisclosure,
  updateDisclosure,
  withdrawDisclosure,
} from '../src/modules/disclosures/index.ts';
import type { PublishedRecords } from '../src/modules/translog/index.ts';
import { runLogMonitor } from '../src/modules/translog/service/monitor.ts';
import { systemActor } from '../src/shared/actor.ts';
import { preloadCsafValidator } from '../src/shared/csaf-validation.ts';
import { candor } from './support/run-cli.ts';
import { createTestApp } from './support/test-deps.ts';
import { createPublisher, forkLog, storedStatements, tamper, userActor } from './support/translog.ts';

/**
 * Tampering with the log or a published record in the database, each way detected twice: by the
 * in-server monitor (the scheduled job's service) and by `candor log verify` run as a separate process
 * against the real server over HTTP.
 */
let harness: Awaited<ReturnType<typeof createTestApp>>;
let baseUrl: string;
let dir: string;
let operatorId: string;
let publisher: Awaited<ReturnType<typeof createPublisher>>;
let published: { id: string }[];

const records = (): PublishedRecords => ({
  get: (id) => getPublicDisclosure(harness.deps, id),
  list: (page) => listPublicDisclosures(harness.deps, page),
  csafDocument: (path) => getPublicCsafDocument(harness.deps, path),
});

// Publishing validates CSAF; the validator takes seconds to load: once, outside the hooks' time limits.
beforeAll(() => preloadCsafValidator('mandatory'), 300_000);

beforeEach(async () => {
  harness = await createTestApp({ env: { CANDOR_OPERATOR_ORGS: 'log-operators' } });
  operatorId = (
    await createOrganization(harness.deps, systemActor('test'), {
      slug: 'log-operators',
      name: 'Log operators',
      kind: 'isao',
    })
  ).id;
  publisher = await createPublisher(harness.deps);
  published = [];
  for (let i = 0; i < 3; i++) published.push(await publisher.publish());
  baseUrl = await harness.app.listen({ host: '127.0.0.1', port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'candor-log-verify-'));
});

afterEach(async () => {
  await harness.close();
  await rm(dir, { recursive: true, force: true });
});

const verify = (...args: string[]) => candor({}, ['log', 'verify', baseUrl, ...args]);

async function notices(): Promise<number> {
  const result = await harness.deps.db.execute(
    sql`SELECT count(*)::int AS n FROM vulnerabilities_notifications WHERE organization_id = ${operatorId} AND kind = 'translog.check-failed'`,
  );
  return Number(result.rows[0]?.n);
}

async function expectDetected(monitorProblem: RegExp, cliProblem: RegExp): Promise<void> {
  const result = await runLogMonitor(harness.deps, records());
  expect(result.ok).toBe(false);
  expect(result.problems.join('\n')).toMatch(monitorProblem);
  expect(await notices()).toBe(1);
  const cli = await verify();
  expect(cli.code, cli.stderr).toBe(1);
  expect(cli.stderr).toMatch(cliProblem);
}

describe('an untouched log', () => {
  it('verifies in the monitor and over HTTP, and the state file carries consistency forward', async () => {
    const monitor = await runLogMonitor(harness.deps, records());
    expect(monitor).toMatchObject({ ok: true, size: 3, checkpoints: 3, records: 3, problems: [] });
    expect(await notices()).toBe(0);

    const state = join(dir, 'state.json');
    const first = await verify('--state', state);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^log OK: 127\.0\.0\.1:\d+\/log, 3 entries, root \S+, 3 records checked/);
    expect(JSON.parse(await readFile(state, 'utf8'))).toMatchObject({ size: 3 });

    await publisher.publish();
    const second = await verify('--state', state);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/4 entries.*consistent with the checkpoint of size 3 seen before/);
    expect(JSON.parse(await readFile(state, 'utf8'))).toMatchObject({ size: 4 });
  });

  it('verifies revised and withdrawn records, each with the CSAF document of its latest entry', async () => {
    const { organization, users } = publisher;
    const [revised, withdrawn] = [published[0]!.id, published[1]!.id];
    await updateDisclosure(harness.deps, userActor(users.editor.id), organization.id, revised, {
      body: 'Now with the fixed version.',
      revisionSummary: 'Fixed version added',
    });
    await approveDisclosure(harness.deps, userActor(users.admin.id), organization.id, revised);
    await publishDisclosure(harness.deps, userActor(users.admin.id), organization.id, revised);
    await withdrawDisclosure(
      harness.deps,
      userActor(users.admin.id),
      organization.id,
      withdrawn,
      'Published for the wrong product',
    );
    const actions = (await storedStatements(harness.deps)).map((s) => `${s.action} ${s.revision}`);
    expect(actions.slice(3)).toEqual(['revised 2', 'withdrawn 2']);
    expect((await storedStatements(harness.deps)).every((s) => s.csafSha256 !== null)).toBe(true);

    const monitor = await runLogMonitor(harness.deps, records());
    expect(monitor).toMatchObject({ ok: true, size: 5, records: 3, problems: [] });
    const cli = await verify();
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/5 entries.*3 records checked/);
  });

  it('alerts once for a standing problem, not on every run', async () => {
    await tamper(
      harness.deps,
      sql`UPDATE disclosures_revisions SET record = jsonb_set(record, '{body}', '"quietly edited"')`,
    );
    await runLogMonitor(harness.deps, records());
    await runLogMonitor(harness.deps, records());
    expect(await notices()).toBe(1);
  });
});

describe('tampering', () => {
  it('detects an edited entry', async () => {
    await tamper(
      harness.deps,
      sql`UPDATE translog_entries SET statement = jsonb_set(statement, '{revision}', '7') WHERE index = 1`,
    );
    await expectDetected(
      /entry 1: its bytes hash to another leaf/,
      /do not produce the signed root|another leaf/,
    );
  });

  it('detects a deleted entry', async () => {
    await tamper(harness.deps, sql`DELETE FROM translog_entries WHERE index = 1`);
    await expectDetected(/entries 1…1 are missing/, /holds 2 entries and 2 hashes, not 3/);
  });

  it('detects reordered entries', async () => {
    await tamper(
      harness.deps,
      sql`UPDATE translog_entries SET index = 100 WHERE index = 0`,
      sql`UPDATE translog_entries SET index = 0 WHERE index = 1`,
      sql`UPDATE translog_entries SET index = 1 WHERE index = 100`,
    );
    await expectDetected(/signed root differs from the tree recomputed/, /do not produce the signed root/);
  });

  it('detects a published record edited in place, and one made public without a log entry', async () => {
    const target = published[1]!.id;
    await tamper(
      harness.deps,
      sql`UPDATE disclosures_revisions SET record = jsonb_set(record, '{body}', '"quietly edited"') WHERE disclosure_id = ${target}`,
    );
    // Made public behind the log's back: a revision written straight into the table.
    const unlogged = await publisher.draftAndApprove();
    await harness.deps.db.execute(
      sql`UPDATE disclosures_disclosures SET status = 'published', published_revision = 1, published_at = now() WHERE id = ${unlogged.id}`,
    );
    await harness.deps.db.execute(sql`
      INSERT INTO disclosures_revisions (id, disclosure_id, organization_id, number, action, summary, kind, tlp,
        severity, title, cves, product_ids, record, content_sha256, initial_release_at, published_at)
      SELECT id, id, organization_id, 1, 'published', 'Initial version', kind, tlp, severity, title, '{}',
        product_ids, jsonb_build_object('title', title, 'summary', summary, 'body', body), '', now(), now()
      FROM disclosures_disclosures WHERE id = ${unlogged.id}`);
    await expectDetected(/content no longer matches/, /content no longer matches/);
    const cli = await verify();
    expect(cli.stderr).toContain(`record ${unlogged.id} is public but has no log entry`);
    const monitor = await runLogMonitor(harness.deps, records());
    expect(monitor.problems).toContain(`record ${unlogged.id} is public but has no log entry`);
  });

  it("detects an edit of a record's structured content (a remediation, a product status)", async () => {
    await tamper(
      harness.deps,
      sql`UPDATE disclosures_revisions SET record = jsonb_set(record, '{content,patientHarm}', '"No risk at all."') WHERE disclosure_id = ${published[2]!.id}`,
    );
    await expectDetected(
      /entry 2\): the public record's content no longer matches/,
      /content no longer matches/,
    );
  });

  it('detects a published CSAF document changed or removed in the database', async () => {
    const [changed, removed] = [published[1]!.id, published[2]!.id];
    await tamper(
      harness.deps,
      sql`UPDATE disclosures_csaf_documents SET document = replace(document, 'Body of', 'Quietly edited body of') WHERE disclosure_id = ${changed}`,
      sql`DELETE FROM disclosures_csaf_documents WHERE disclosure_id = ${removed}`,
    );
    const changedProblem = new RegExp(
      `${changed} \\(entry 1\\): the CSAF document served at /\\.well-known/csaf/white/\\S+ no longer matches the SHA-256 the log holds`,
    );
    await expectDetected(changedProblem, changedProblem);
    const monitor = await runLogMonitor(harness.deps, records());
    expect(monitor.problems.join('\n')).toMatch(
      new RegExp(`${removed} \\(entry 2\\): the CSAF document the log vouches for is no longer served`),
    );
    const cli = await verify();
    expect(cli.stderr).toMatch(
      new RegExp(`${removed} \\(entry 2\\): the CSAF document the log vouches for is no longer served`),
    );
  });

  it('detects a withdrawal shown publicly that the log does not have', async () => {
    await tamper(
      harness.deps,
      sql`UPDATE disclosures_revisions SET record = jsonb_set(record, '{status}', '"withdrawn"') WHERE disclosure_id = ${published[0]!.id}`,
    );
    await expectDetected(
      /shown as withdrawn, but the log has no withdrawal/,
      /shown as withdrawn, but the log has no withdrawal/,
    );
  });

  it('detects a record deleted from the public pages', async () => {
    await tamper(
      harness.deps,
      sql`DELETE FROM disclosures_revisions WHERE disclosure_id = ${published[0]!.id}`,
    );
    await expectDetected(/no longer public/, /no longer public/);
  });

  it('detects a forked tree: the monitor by the earlier checkpoints, a verifier by its state', async () => {
    const state = join(dir, 'state.json');
    expect((await verify('--state', state)).code).toBe(0);

    // Someone with the database and the key rewrites history: record 1 says something else, its
    // entry is forged to match, every stored hash is recomputed, and a new head is signed.
    const target = published[1]!.id;
    await tamper(
      harness.deps,
      sql`UPDATE disclosures_revisions SET record = jsonb_set(record, '{body}', '"rewritten"') WHERE disclosure_id = ${target}`,
    );
    const rewritten = (
      await harness.app.inject({ method: 'GET', url: `/api/v1/public/disclosures/${target}` })
    ).json();
    const { publicRecordDigest } = await import('../src/modules/translog/domain/statement.ts');
    const statements = (await storedStatements(harness.deps)).map((s) =>
      s.recordId === target ? { ...s, contentSha256: publicRecordDigest(rewritten) } : s,
    );

    // The checkpoints of sizes 1 and 2 stay: they no longer match the forged tree.
    await forkLog(harness.deps, statements, 3);
    const monitor = await runLogMonitor(harness.deps, records());
    expect(monitor.problems.join('\n')).toMatch(/checkpoint of size 2: the signed root differs/);

    // Every earlier checkpoint removed and the forged log grown by one: only an outside verifier that
    // kept an earlier checkpoint can tell. It does.
    await forkLog(harness.deps, [...statements, { ...statements[0]!, recordId: published[0]!.id }], 0);
    const cli = await verify('--state', state);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(
      /not consistent with the one of size 3 seen before: the log was rewritten \(a fork\)/,
    );
    expect(JSON.parse(await readFile(state, 'utf8'))).toMatchObject({ size: 3 });
  });

  it('rejects a checkpoint signed by another key, and a key swapped under a pinned state', async () => {
    const state = join(dir, 'state.json');
    expect((await verify('--state', state)).code).toBe(0);
    const { generateKeyPairSync } = await import('node:crypto');
    const { ed25519PublicKeyBytes, formatVerifierKey } = await import(
      '../src/modules/translog/domain/signed-note.ts'
    );
    const origin = (await harness.app.inject({ method: 'GET', url: '/log/key' })).body.split(
      '+',
    )[0] as string;
    const other = formatVerifierKey(origin, ed25519PublicKeyBytes(generateKeyPairSync('ed25519').privateKey));
    const pinned = await verify('--key', other);
    expect(pinned.code).toBe(1);
    expect(pinned.stderr).toMatch(/key changed/);
    await tamper(harness.deps, sql`DELETE FROM translog_keys`);
    const swapped = await verify('--state', state);
    expect(swapped.code).toBe(1);
    expect(swapped.stderr).toMatch(/key changed/);
  });
});
