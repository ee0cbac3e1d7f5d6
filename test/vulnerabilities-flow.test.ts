import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeed } from '../src/modules/vulnerabilities/index.ts';
import { createTestOrganization, type SessionHeaders, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/**
 * Issue #4 end to end on one database: feeds imported, SBOMs matched on upload and re-matched when
 * advisories arrive, findings with reasons, KEV/EPSS, where-is-CVE, VEX set/exported/imported, closing.
 */
const fixtures = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));
const medical = readFileSync(fixtures('sbom/medical-device-narrow.cdx-1.4.json'));

function withWolfSsl(version: string): Buffer {
  const bom = JSON.parse(medical.toString('utf8'));
  const wolf = bom.components.find((c: { name: string }) => c.name === 'WolfSSL');
  wolf.version = version;
  wolf.cpe = `cpe:2.3:a:wolfssl:wolfssl:${version}:*:*:*:*:*:*:*`;
  return Buffer.from(JSON.stringify(bom));
}

let harness: Awaited<ReturnType<typeof createTestApp>>;
let editor: SessionHeaders;
let orgId: string;
let productId: string;
let versionId: string;

beforeAll(async () => {
  harness = await createTestApp();
  const org = await createTestOrganization(harness.deps, 'manufacturer');
  orgId = org.organization.id;
  editor = await signInHeaders(harness.app, org.users.editor.email);
  productId = (await api('POST', '/products', { name: 'CardioLink' })).json().id;
  versionId = (await api('POST', `/products/${productId}/versions`, { label: '4.0.0' })).json().id;
});
afterAll(async () => harness?.close());

function api(method: 'GET' | 'POST' | 'PUT', path: string, payload?: object | Buffer, contentType?: string) {
  return harness.app.inject({
    method,
    url: `/api/v1/orgs/${orgId}${path}`,
    headers: { ...editor, ...(contentType ? { 'content-type': contentType } : {}) },
    ...(payload ? { payload } : {}),
  });
}

const versionPath = () => `/products/${productId}/versions/${versionId}`;

describe('vulnerability matching, end to end', () => {
  it('matches nothing while the store is empty', async () => {
    const upload = await api('POST', `${versionPath()}/sboms`, medical, 'application/json');
    expect(upload.statusCode, upload.body).toBe(201);
    expect((await api('GET', `${versionPath()}/findings`)).json().items).toEqual([]);
  });

  it('imports NVD records, re-matches the portfolio through the index, and explains the finding', async () => {
    const report = await importFeed(harness.deps, 'nvd', fixtures('nvd'));
    // The fixture folder also holds its README's biome.json: one file that is no NVD record, skipped.
    expect(report).toMatchObject({ files: 7, records: 6, inserted: 6, unchanged: 0 });
    expect(report.warnings).toEqual([expect.stringContaining('biome.json')]);
    expect(report.rematch).toMatchObject({ versions: 1, opened: 1 });

    const findings = (await api('GET', `${versionPath()}/findings`)).json().items;
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      component: { name: 'WolfSSL', version: '4.8.1' },
      vulnerability: { displayId: 'CVE-2022-39173' },
      matchedBy: 'cpe',
      confidence: 'high',
      status: 'open',
      suppressedByVex: false,
    });
    expect(finding.vulnerability.cvssScore).toBeGreaterThanOrEqual(7);
    expect(finding.reasons[0]).toMatchObject({ advisory: 'nvd:CVE-2022-39173', fixedIn: '5.5.1' });
    expect(JSON.stringify(finding.reasons)).toContain('5.5.1');

    const again = await importFeed(harness.deps, 'nvd', fixtures('nvd'));
    expect(again).toMatchObject({ records: 6, inserted: 0, updated: 0, unchanged: 6, rematch: null });
    const rows = await harness.deps.db.execute(
      sql`SELECT count(*)::int AS n FROM vulnerabilities_advisories`,
    );
    expect(rows.rows[0]?.n).toBe(6);
  });

  it('merges an OSV advisory into the same vulnerability through its CVE alias', async () => {
    const before = await harness.deps.db.execute(
      sql`SELECT count(*)::int AS n FROM vulnerabilities_vulnerabilities`,
    );
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/candor-osv-');
    writeFileSync(
      `${dir}/OSV-TEST-WOLF.json`,
      JSON.stringify({
        schema_version: '1.6.0',
        id: 'OSV-TEST-WOLF',
        aliases: ['CVE-2022-39173'],
        modified: '2024-01-01T00:00:00Z',
        summary: 'wolfSSL buffer overflow',
        affected: [],
      }),
    );
    const report = await importFeed(harness.deps, 'osv', dir);
    expect(report.inserted).toBe(1);
    const after = await harness.deps.db.execute(
      sql`SELECT count(*)::int AS n FROM vulnerabilities_vulnerabilities`,
    );
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    const where = (await api('GET', '/findings?vulnerability=OSV-TEST-WOLF')).json();
    expect(where.vulnerability.ids).toEqual(expect.arrayContaining(['CVE-2022-39173', 'OSV-TEST-WOLF']));
    expect(where.items).toHaveLength(1);
  });

  it('answers where-is-CVE across the portfolio, with EPSS once scores arrive', async () => {
    const epss = await importFeed(harness.deps, 'epss', fixtures('vulns/epss'));
    expect(epss.records).toBeGreaterThan(0);
    const response = await api('GET', '/findings?vulnerability=cve-2022-39173');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(
      body.items.map(
        (f: { product: { name: string }; productVersion: { label: string } }) =>
          `${f.product.name} ${f.productVersion.label}`,
      ),
    ).toEqual(['CardioLink 4.0.0']);
    expect((await api('GET', '/findings?vulnerability=CVE-1999-0001')).statusCode).toBe(404);
  });

  it('records VEX statements with their rules, suppresses findings, and exports all three formats', async () => {
    const path = `${versionPath()}/vex/CVE-2022-39173`;
    const missing = await api('PUT', path, { status: 'not_affected' });
    expect(missing.statusCode).toBe(400);
    const affectedWithoutAction = await api('PUT', path, { status: 'affected' });
    expect(affectedWithoutAction.statusCode).toBe(400);
    const set = await api('PUT', path, {
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      impactStatement: 'The TLS 1.3 session resumption path is disabled in this firmware.',
    });
    expect(set.statusCode, set.body).toBe(200);
    const [finding] = (await api('GET', `${versionPath()}/findings`)).json().items;
    expect(finding).toMatchObject({ suppressedByVex: true, vex: { status: 'not_affected' } });

    for (const format of ['cyclonedx', 'openvex', 'csaf'] as const) {
      const exported = await api('GET', `${versionPath()}/vex/export?format=${format}`);
      expect(exported.statusCode, `${format}: ${exported.body}`).toBe(200);
      expect(exported.body).toContain('CVE-2022-39173');
    }
    const audit = await harness.deps.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'vex_statement.set' AND organization_id = ${orgId}`,
    );
    expect(audit.rows[0]?.n).toBe(1);
  });

  it('imports an OpenVEX document for the version', async () => {
    const document = {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://example.test/vex/1',
      author: 'Acme PSIRT',
      timestamp: '2026-11-01T00:00:00Z',
      version: 1,
      statements: [
        {
          vulnerability: { name: 'CVE-2023-0286' },
          products: [{ '@id': 'urn:candor:product:CardioLink@4.0.0' }],
          status: 'under_investigation',
        },
      ],
    };
    const response = await api('POST', `${versionPath()}/vex/import`, document);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ format: 'openvex', statements: 1, applied: 1 });
    const listed = (await api('GET', `${versionPath()}/vex`)).json().items;
    expect(
      listed.map((v: { vulnerability: string; status: string }) => `${v.vulnerability}:${v.status}`).sort(),
    ).toEqual(['CVE-2022-39173:not_affected', 'CVE-2023-0286:under_investigation']);
    expect((await api('POST', `${versionPath()}/vex/import`, { hello: 'world' })).statusCode).toBe(400);
  });

  it('closes the finding when a fixed release replaces the SBOM, and notifies', async () => {
    const upload = await api('POST', `${versionPath()}/sboms`, withWolfSsl('5.5.1'), 'application/json');
    expect(upload.statusCode, upload.body).toBe(201);
    expect((await api('GET', `${versionPath()}/findings`)).json().items).toEqual([]);
    const closed = (await api('GET', `${versionPath()}/findings?status=closed`)).json().items;
    expect(closed).toEqual([
      expect.objectContaining({
        status: 'closed',
        closeReason: expect.stringContaining('no longer matches'),
      }),
    ]);

    const notifications = (await api('GET', '/notifications')).json().items;
    expect(notifications.map((n: { title: string }) => n.title)).toEqual(
      expect.arrayContaining(['1 new vulnerability finding', '1 vulnerability finding closed']),
    );
    const read = await api('POST', `/notifications/${notifications[0].id}/read`);
    expect(read.statusCode).toBe(204);
    expect((await api('GET', '/notifications?unread=true')).json().items).toHaveLength(
      notifications.length - 1,
    );
  });
});
