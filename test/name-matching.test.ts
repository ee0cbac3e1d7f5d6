import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allJobs, createDeps } from '../src/main/deps.ts';
import { importFeed, matchProductVersions } from '../src/modules/vulnerabilities/index.ts';
import { scanSbom } from '../src/modules/vulnerabilities/service/scan-sbom.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import type { Deps } from '../src/platform/deps.ts';
import { createTestOrganization, type SessionHeaders, signInHeaders } from './factories/accounts.ts';
import { candor } from './support/run-cli.ts';
import { createTestApp } from './support/test-deps.ts';
import { testDatabaseEnv } from './support/test-env.ts';

/**
 * The organisation setting `allowNameMatching`: components with neither purl nor CPE are matched by
 * their bare name (low confidence, said so in the reasons) only in organisations that turned it on,
 * and `candor scan --allow-name-matching` does the same for a one-shot scan.
 */
const fixture = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));
// The curl CNA's record lists every affected release by vendor/product only ("curl"/"curl").
const curlAdvisory = fixture('vulns/cve5/CVE-2024-7264.json');
const nameNote = "matched by component name 'curl' only (allowNameMatching)";

/** A CycloneDX SBOM whose curl has only a name and a version; zlib has a purl (never name-matched). */
const bareSbom = Buffer.from(
  JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: { component: { type: 'device', name: 'Infusion pump', version: '2.0' } },
    components: [
      { type: 'library', 'bom-ref': 'curl', name: 'curl', version: '7.64.0' },
      {
        type: 'library',
        'bom-ref': 'zlib',
        name: 'zlib',
        version: '1.2.11',
        purl: 'pkg:generic/zlib@1.2.11',
      },
    ],
  }),
);

/** Sets the organisation's setting in its table (the settings API is another use case's). */
async function setNameMatching(deps: Pick<Deps, 'db'>, organizationId: string, on: boolean) {
  await deps.db.execute(sql`
    INSERT INTO vulnerabilities_settings (organization_id, allow_name_matching, updated_at)
    VALUES (${organizationId}, ${on}, now())
    ON CONFLICT (organization_id) DO UPDATE SET allow_name_matching = ${on}, updated_at = now()`);
}

let harness: Awaited<ReturnType<typeof createTestApp>>;

interface Tenant {
  orgId: string;
  headers: SessionHeaders;
  productId: string;
  versionId: string;
}

async function tenant(nameMatching: boolean): Promise<Tenant> {
  const org = await createTestOrganization(harness.deps, 'manufacturer');
  const orgId = org.organization.id;
  if (nameMatching) await setNameMatching(harness.deps, orgId, true);
  const headers = await signInHeaders(harness.app, org.users.editor.email);
  const call = (url: string, payload: object) =>
    harness.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${orgId}${url}`,
      headers: { ...headers },
      payload,
    });
  const productId = (await call('/products', { name: 'Infusion pump' })).json().id;
  const versionId = (await call(`/products/${productId}/versions`, { label: '2.0' })).json().id;
  return { orgId, headers, productId, versionId };
}

async function uploadSbom(t: Tenant) {
  const response = await harness.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${t.orgId}/products/${t.productId}/versions/${t.versionId}/sboms`,
    headers: { ...t.headers, 'content-type': 'application/json' },
    payload: bareSbom,
  });
  expect(response.statusCode, response.body).toBe(201);
}

async function findings(t: Tenant, status: 'open' | 'closed' | 'all' = 'open') {
  const response = await harness.app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${t.orgId}/products/${t.productId}/versions/${t.versionId}/findings?status=${status}`,
    headers: { ...t.headers },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

describe('name matching, per organisation', () => {
  let on: Tenant;
  let off: Tenant;

  beforeAll(async () => {
    harness = await createTestApp();
    expect(await importFeed(harness.deps, 'cve5', curlAdvisory)).toMatchObject({ inserted: 1 });
    on = await tenant(true);
    off = await tenant(false);
    await uploadSbom(on);
    await uploadSbom(off);
  });
  afterAll(async () => harness?.close());

  it('gives an organisation with the setting on a low-confidence finding, flagged as a name match', async () => {
    const items = await findings(on);
    expect(items).toHaveLength(1);
    const [finding] = items;
    expect(finding).toMatchObject({
      component: { name: 'curl', version: '7.64.0', purl: null, cpe: null },
      vulnerability: { displayId: 'CVE-2024-7264' },
      matchedBy: 'cve5',
      confidence: 'low',
      status: 'open',
    });
    expect(finding.reasons).toHaveLength(1);
    expect(finding.reasons[0]).toMatchObject({ advisory: 'cve5:CVE-2024-7264', confidence: 'low' });
    expect(finding.reasons[0].reasons).toContain(nameNote);
  });

  it('gives the same SBOM in an organisation with the setting off nothing', async () => {
    expect(await findings(off, 'all')).toEqual([]);
    expect(await matchProductVersions(harness.deps, [off.versionId])).toMatchObject({
      versions: 1,
      components: 2,
      opened: 0,
      open: 0,
    });
  });

  it('closes the finding with a reason when the setting is turned off and the version re-matched', async () => {
    await setNameMatching(harness.deps, on.orgId, false);
    expect(await matchProductVersions(harness.deps, [on.versionId])).toMatchObject({
      versions: 1,
      opened: 0,
      closed: 1,
      open: 0,
    });
    expect(await findings(on)).toEqual([]);
    const [closed] = await findings(on, 'closed');
    expect(closed).toMatchObject({
      component: { name: 'curl' },
      status: 'closed',
      closeReason: expect.stringContaining('no longer matches'),
    });
    expect(closed.closedAt).not.toBeNull();
    const notices = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${on.orgId}/notifications`,
      headers: { ...on.headers },
    });
    expect(notices.json().items.map((n: { title: string }) => n.title)).toEqual([
      '1 vulnerability finding closed',
      '1 new vulnerability finding',
    ]);
  });

  it('reopens the same finding when the setting is turned on again', async () => {
    const [before] = await findings(on, 'closed');
    await setNameMatching(harness.deps, on.orgId, true);
    expect(await matchProductVersions(harness.deps, [on.versionId])).toMatchObject({ opened: 1, closed: 0 });
    const [reopened] = await findings(on);
    expect(reopened).toMatchObject({ id: before.id, status: 'open', closedAt: null, closeReason: null });
  });

  it('re-matches the whole portfolio in the background when an admin changes the setting', async () => {
    await harness.deps.jobs.start(allJobs(harness.deps), { work: true });
    const org = await createTestOrganization(harness.deps, 'manufacturer');
    const admin = await signInHeaders(harness.app, org.users.admin.email);
    const t = await tenantIn(org.organization.id, admin);
    await uploadSbom(t);
    expect(await findings(t, 'all')).toEqual([]);
    const put = await harness.app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${t.orgId}/vulnerability-settings`,
      headers: { ...admin },
      payload: { allowNameMatching: true },
    });
    expect(put.statusCode, put.body).toBe(200);
    await waitFor(async () => (await findings(t)).length === 1);
    expect((await findings(t))[0]).toMatchObject({ component: { name: 'curl' }, confidence: 'low' });
  });

  it('re-matches bare-named components of name-matching organisations when a new advisory arrives', async () => {
    const org = await createTestOrganization(harness.deps, 'manufacturer');
    await setNameMatching(harness.deps, org.organization.id, true);
    const t = await tenantIn(org.organization.id, await signInHeaders(harness.app, org.users.editor.email));
    await uploadSbom(t);
    expect(
      (await findings(t)).map((f: { vulnerability: { displayId: string } }) => f.vulnerability.displayId),
    ).toEqual(['CVE-2024-7264']);
    // A new curl advisory: no version holds a curl purl or CPE, so only the name-matching organisations'
    // bare-named curl components bring versions into the re-match (without them it would re-match none).
    const report = await importFeed(harness.deps, 'cve5', fixture('vulns/cve5/CVE-2018-14618.json'));
    expect(report.inserted).toBe(1);
    expect(report.rematch?.versions).toBe(3);
  });
});

async function tenantIn(orgId: string, headers: SessionHeaders): Promise<Tenant> {
  const call = (url: string, payload: object) =>
    harness.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${orgId}${url}`,
      headers: { ...headers },
      payload,
    });
  const productId = (await call('/products', { name: 'Infusion pump' })).json().id;
  const versionId = (await call(`/products/${productId}/versions`, { label: '2.0' })).json().id;
  return { orgId, headers, productId, versionId };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

describe('scanSbom and `candor scan` with name matching', () => {
  let env: Record<string, string | undefined>;
  let cleanup: () => Promise<void>;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    const database = await testDatabaseEnv();
    env = database.env;
    cleanup = database.cleanup;
    const deps = await createDeps(
      loadConfig({ ...env, CANDOR_WEB_DIST: '/nonexistent-web-dist' }),
      pino({ level: 'silent' }),
      { migrate: false },
    );
    try {
      await importFeed(deps, 'cve5', curlAdvisory);
      const off = await scanSbom(deps, new Uint8Array(bareSbom));
      expect(off.findings).toEqual([]);
      const on = await scanSbom(deps, new Uint8Array(bareSbom), { allowNameMatching: true });
      expect(on.findings).toHaveLength(1);
      expect(on.findings[0]).toMatchObject({
        component: { name: 'curl', version: '7.64.0' },
        vulnerability: { id: 'CVE-2024-7264' },
        confidence: 'low',
        matchedBy: 'cve5',
      });
      expect(on.findings[0]?.reasons).toContain(`cve5:CVE-2024-7264: ${nameNote}`);
    } finally {
      await deps.close();
    }
    dir = await mkdtemp(join(tmpdir(), 'candor-name-'));
    file = join(dir, 'bare.cdx.json');
    await writeFile(file, bareSbom);
  });
  afterAll(async () => {
    await cleanup?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports the name match only with --allow-name-matching', async () => {
    const without = await candor(env, ['scan', file, '--format', 'json', '--fail-on', 'never']);
    expect(without.code, without.stderr).toBe(0);
    expect(JSON.parse(without.stdout).findings).toEqual([]);
    const withFlag = await candor(env, [
      'scan',
      file,
      '--allow-name-matching',
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    expect(withFlag.code, withFlag.stderr).toBe(0);
    const [finding] = JSON.parse(withFlag.stdout).findings;
    expect(finding).toMatchObject({ component: { name: 'curl' }, confidence: 'low' });
    expect(finding.reasons).toContain(`cve5:CVE-2024-7264: ${nameNote}`);
  }, 120_000);
});
