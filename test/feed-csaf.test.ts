import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeed } from '../src/modules/vulnerabilities/index.ts';
import { preloadCsafValidator } from '../src/shared/csaf-validation.ts';
import { createTestOrganization, type SessionHeaders, signInHeaders } from './factories/accounts.ts';
import { candor, type Env } from './support/run-cli.ts';
import { createTestApp } from './support/test-deps.ts';
import { testDatabaseEnv } from './support/test-env.ts';

/**
 * CSAF advisories as a feed: a vendor advisory whose products carry purl/CPE helpers finds the
 * components of an SBOM, merges with the same CVE from NVD and OSV, and re-imports as unchanged.
 */
const fixtures = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));
const medical = readFileSync(fixtures('sbom/medical-device-narrow.cdx-1.4.json'));
const exmed = 'https://psirt.example.com/EXMED-SA-2024-001';

let harness: Awaited<ReturnType<typeof createTestApp>>;
let editor: SessionHeaders;
let orgId: string;
let versionPath: string;

// Validating CSAF loads the validator's tests: seconds, once, outside the tests' time limits.
beforeAll(() => preloadCsafValidator('mandatory'), 300_000);

beforeAll(async () => {
  harness = await createTestApp();
  const org = await createTestOrganization(harness.deps, 'manufacturer');
  orgId = org.organization.id;
  editor = await signInHeaders(harness.app, org.users.editor.email);
  const productId = (await api('POST', '/products', { name: 'CardioLink' })).json().id;
  const versionId = (await api('POST', `/products/${productId}/versions`, { label: '4.0.0' })).json().id;
  versionPath = `/products/${productId}/versions/${versionId}`;
  const upload = await api('POST', `${versionPath}/sboms`, medical, 'application/json');
  expect(upload.statusCode, upload.body).toBe(201);
});
afterAll(async () => harness?.close());

function api(method: 'GET' | 'POST', path: string, payload?: object | Buffer, contentType?: string) {
  return harness.app.inject({
    method,
    url: `/api/v1/orgs/${orgId}${path}`,
    headers: { ...editor, ...(contentType ? { 'content-type': contentType } : {}) },
    ...(payload ? { payload } : {}),
  });
}

async function count(
  table: 'vulnerabilities_advisories' | 'vulnerabilities_vulnerabilities',
): Promise<number> {
  const rows = await harness.deps.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  return Number(rows.rows[0]?.n);
}

type FindingView = {
  component: { name: string; version: string | null };
  vulnerability: { displayId: string; ids: string[] };
  matchedBy: string;
  reasons: { advisory: string; reasons: string[]; fixedIn: string | null }[];
};
const findingsOf = async (): Promise<FindingView[]> =>
  (await api('GET', `${versionPath}/findings`)).json().items;

describe('CSAF advisories as a vulnerability feed', () => {
  it('imports a CSAF directory: non-CSAF JSON is a per-file warning, products with helpers are matched', async () => {
    const report = await importFeed(harness.deps, 'csaf', fixtures('csaf'));
    // bsi (1), exmed (3), icsma-20-049-01 (1), rhsa-2021_5186 (2), rhsa-2022_0011 (1); provider
    // metadata and the folder's biome.json are refused.
    expect(report).toMatchObject({ kind: 'csaf', files: 7, records: 8, inserted: 8, unchanged: 0 });
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/biome\.json: Not a CSAF document.*skipped$/),
        expect.stringMatching(
          /example-01-provider-metadata\.json: Not a CSAF document.*provider-metadata.*skipped$/,
        ),
        expect.stringMatching(
          /icsma-20-049-01\.json: ICSMA-20-049-01 10 affected product\(s\) have no purl or CPE/,
        ),
      ]),
    );
    expect(report.rematch).toMatchObject({ versions: 1, opened: 2 });

    const findings = await findingsOf();
    expect(
      findings.map((f) => `${f.vulnerability.displayId} ${f.component.name}@${f.component.version}`).sort(),
    ).toEqual(['CVE-2022-39173 WolfSSL@4.8.1', 'CVE-2024-21907 Newtonsoft.Json@9.0.1']);
    const json = findings.find((f) => f.vulnerability.displayId === 'CVE-2024-21907');
    expect(json).toMatchObject({
      matchedBy: 'purl',
      vulnerability: { ids: expect.arrayContaining([`${exmed}/CVE-2024-21907`]) },
    });
    expect(json?.reasons).toEqual([
      expect.objectContaining({ advisory: `csaf:${exmed}/CVE-2024-21907`, fixedIn: null }),
    ]);
    expect(json?.reasons[0]?.reasons[0]).toContain(
      `CSAF ${exmed}/CVE-2024-21907 affected[0] NuGet Newtonsoft.Json`,
    );
    const wolf = findings.find((f) => f.vulnerability.displayId === 'CVE-2022-39173');
    expect(wolf?.reasons).toEqual([
      expect.objectContaining({ advisory: `csaf:${exmed}/CVE-2022-39173`, fixedIn: '5.5.1' }),
    ]);
  });

  it('merges the CSAF vulnerability with the same CVE from NVD and from OSV', async () => {
    const vulnerabilities = await count('vulnerabilities_vulnerabilities');
    const nvd = await importFeed(harness.deps, 'nvd', fixtures('nvd/CVE-2022-39173.json'));
    expect(nvd).toMatchObject({ records: 1, inserted: 1 });
    const dir = mkdtempSync(join(tmpdir(), 'candor-csaf-osv-'));
    writeFileSync(
      join(dir, 'GHSA-5crp-9r3c-p9vr.json'),
      JSON.stringify({
        schema_version: '1.6.0',
        id: 'GHSA-5crp-9r3c-p9vr',
        aliases: ['CVE-2024-21907'],
        modified: '2024-05-01T00:00:00Z',
        summary: 'Improper Handling of Exceptional Conditions in Newtonsoft.Json',
        affected: [
          {
            package: { ecosystem: 'NuGet', name: 'Newtonsoft.Json' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '13.0.1' }] }],
          },
        ],
      }),
    );
    expect(await importFeed(harness.deps, 'osv', dir)).toMatchObject({ records: 1, inserted: 1 });
    // Both joined the vulnerabilities the CSAF import created: no new vulnerability.
    expect(await count('vulnerabilities_vulnerabilities')).toBe(vulnerabilities);

    const where = (await api('GET', '/findings?vulnerability=CVE-2022-39173')).json();
    expect(where.vulnerability.ids).toEqual(
      expect.arrayContaining(['CVE-2022-39173', `${exmed}/CVE-2022-39173`]),
    );
    expect(where.items).toHaveLength(1);
    const findings = await findingsOf();
    expect(findings).toHaveLength(2);
    const advisoriesOf = (id: string) =>
      findings
        .find((f) => f.vulnerability.displayId === id)
        ?.reasons.map((r) => r.advisory)
        .sort();
    expect(advisoriesOf('CVE-2022-39173')).toEqual([`csaf:${exmed}/CVE-2022-39173`, 'nvd:CVE-2022-39173']);
    expect(advisoriesOf('CVE-2024-21907')).toEqual([
      `csaf:${exmed}/CVE-2024-21907`,
      'osv:GHSA-5crp-9r3c-p9vr',
    ]);
  });

  it('re-imports the same documents as unchanged', async () => {
    const advisories = await count('vulnerabilities_advisories');
    const again = await importFeed(harness.deps, 'csaf', fixtures('csaf'));
    expect(again).toMatchObject({ records: 8, inserted: 0, updated: 0, unchanged: 8, rematch: null });
    expect(await count('vulnerabilities_advisories')).toBe(advisories);
    expect(await findingsOf()).toHaveLength(2);
  });
});

describe('candor import csaf', () => {
  let env: Env;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ env, cleanup } = await testDatabaseEnv());
  });
  afterAll(async () => cleanup?.());

  it('imports one CSAF file and refuses provider metadata given alone', async () => {
    const imported = await candor(env, [
      'import',
      'csaf',
      fixtures('csaf/handmade-exmed-sa-2024-001.json'),
      '--json',
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ kind: 'csaf', files: 1, records: 3, inserted: 3 });
    const refused = await candor(env, ['import', 'csaf', fixtures('csaf/example-01-provider-metadata.json')]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Not a CSAF document.*provider-metadata/);
  });
});
