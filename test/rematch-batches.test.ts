import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOsv } from '../src/modules/vulnerabilities/domain/feeds/osv.ts';
import {
  closeFindings,
  insertFindings,
  listFindingStatesOfVersions,
  refreshFindings,
} from '../src/modules/vulnerabilities/findings.repository.ts';
import { importAdvisoryBatch, matchProductVersions } from '../src/modules/vulnerabilities/index.ts';
import {
  type FindingRow,
  listFindingsOfVersion,
} from '../src/modules/vulnerabilities/vulnerabilities.repository.ts';
import { newId } from '../src/shared/ids.ts';
import { createTestOrganization, type SessionHeaders, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/**
 * The set-based re-match and advisory import: many versions reconciled in one transaction (open,
 * close, reopen, notices per version), the batch statements' edge cases, and alias merging planned
 * for a whole batch of advisories at once.
 */
let harness: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  harness = await createTestApp();
});
afterAll(async () => harness?.close());

function osv(
  id: string,
  fields: { aliases?: string[]; summary?: string; name?: string; score?: string; published?: string },
) {
  return parseOsv({
    schema_version: '1.6.0',
    id,
    modified: '2026-01-01T00:00:00Z',
    published: fields.published ?? '2026-01-01T00:00:00Z',
    aliases: fields.aliases ?? [],
    summary: fields.summary ?? `${id} summary`,
    ...(fields.score ? { severity: [{ type: 'CVSS_V3', score: fields.score }] } : {}),
    affected: [
      {
        package: { ecosystem: 'npm', name: fields.name ?? 'left-pad' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }],
      },
    ],
  });
}

const cycloneDx = (components: object[]) =>
  Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components }));
const leftPad = { type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' };
const rightPad = { type: 'library', name: 'right-pad', version: '1.0.0', purl: 'pkg:npm/right-pad@1.0.0' };

async function portfolio(labels: string[]) {
  const org = await createTestOrganization(harness.deps, 'manufacturer');
  const orgId = org.organization.id;
  const headers: SessionHeaders = await signInHeaders(harness.app, org.users.editor.email);
  const post = (url: string, payload: object | Buffer, json = false) =>
    harness.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${orgId}${url}`,
      headers: { ...headers, ...(json ? { 'content-type': 'application/json' } : {}) },
      payload,
    });
  const productId = (await post('/products', { name: `Monitor ${orgId.slice(0, 6)}` })).json().id as string;
  const versions: string[] = [];
  for (const label of labels)
    versions.push((await post(`/products/${productId}/versions`, { label })).json().id);
  const upload = async (versionId: string, components: object[]) => {
    const response = await post(
      `/products/${productId}/versions/${versionId}/sboms`,
      cycloneDx(components),
      true,
    );
    expect(response.statusCode, response.body).toBe(201);
  };
  return { orgId, productId, versions, upload };
}

async function noticesOf(organizationId: string) {
  const rows = await harness.deps.db.execute(sql`
    SELECT title, payload, email_status, emailed_at FROM vulnerabilities_notifications
    WHERE organization_id = ${organizationId} ORDER BY created_at, title`);
  return rows.rows;
}

describe('the batch statements of findings', () => {
  it('do nothing for an empty batch', async () => {
    await insertFindings(harness.deps.db, []);
    await refreshFindings(harness.deps.db, []);
    await closeFindings(harness.deps.db, [], new Date(), 'unused');
    expect(await listFindingStatesOfVersions(harness.deps.db, [])).toEqual([]);
    expect(await matchProductVersions(harness.deps, [])).toEqual({
      versions: 0,
      components: 0,
      opened: 0,
      closed: 0,
      open: 0,
    });
  });

  it('keep every character and null of what they write', async () => {
    const [vulnerability] = (
      await importAdvisoryBatch(harness.deps, [osv('OSV-TEST-CHARS', { name: 'chars-only' })])
    ).changedVulnerabilityIds;
    const versionId = newId();
    const now = new Date('2026-02-03T04:05:06.789Z');
    const awkward = 'a "quoted", {braced} back\\slash\tname — ünï ✓ NULL';
    const row: FindingRow = {
      id: newId(),
      organizationId: newId(),
      productVersionId: versionId,
      vulnerabilityId: vulnerability as string,
      componentKey: `${awkward}@1`,
      componentName: awkward,
      componentVersion: null,
      componentPurl: null,
      componentCpe: 'cpe:2.3:a:ve\\:ndor:pro\\,duct:*:*:*:*:*:*:*:*',
      matchedBy: 'cpe',
      confidence: 'low',
      reasons: [{ advisory: 'x', reasons: [awkward, '"{}"'], fixedIn: null }],
      status: 'open',
      firstSeen: now,
      lastSeen: now,
      closedAt: null,
      closeReason: null,
    };
    await insertFindings(harness.deps.db, [row]);
    expect(await listFindingsOfVersion(harness.deps.db, versionId)).toEqual([row]);

    const later = new Date('2026-03-01T00:00:00.000Z');
    await closeFindings(harness.deps.db, [row.id], later, `closed, "${awkward}"`);
    expect((await listFindingsOfVersion(harness.deps.db, versionId))[0]).toMatchObject({
      status: 'closed',
      closedAt: later,
      closeReason: `closed, "${awkward}"`,
    });
    const refreshed = {
      id: row.id,
      componentName: 'plain',
      componentVersion: '1.0',
      componentPurl: 'pkg:generic/plain@1.0',
      componentCpe: null,
      matchedBy: 'purl',
      confidence: 'high',
      reasons: [{ advisory: 'y', reasons: [] }],
      lastSeen: later,
    };
    await refreshFindings(harness.deps.db, [refreshed]);
    expect(await listFindingsOfVersion(harness.deps.db, versionId)).toEqual([
      { ...row, ...refreshed, status: 'open', closedAt: null, closeReason: null },
    ]);
    expect(await listFindingStatesOfVersions(harness.deps.db, [versionId, newId()])).toEqual([
      {
        id: row.id,
        organizationId: row.organizationId,
        productVersionId: versionId,
        vulnerabilityId: vulnerability,
        componentKey: row.componentKey,
        status: 'open',
      },
    ]);
  });
});

describe('matchProductVersions over several versions at once', () => {
  it('opens, closes and reopens per version, with one notice per changed version', async () => {
    await importAdvisoryBatch(harness.deps, [
      osv('OSV-TEST-LEFTPAD', { score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }),
    ]);
    const a = await portfolio(['1.0', '1.1', 'empty']);
    const b = await portfolio(['2.0']);
    const [v10, v11, empty] = a.versions as [string, string, string];
    const [v20] = b.versions as [string];
    // Uploads match through the import hook; start again from no findings to see one batch do it all.
    await harness.deps.db.execute(sql`DELETE FROM vulnerabilities_findings
      WHERE product_version_id IN (${v10}, ${v11}, ${empty}, ${v20})`);
    await harness.deps.db.execute(sql`DELETE FROM vulnerabilities_notifications
      WHERE organization_id IN (${a.orgId}, ${b.orgId})`);
    const hook = harness.deps.hooks.afterSbomImported;
    harness.deps.hooks.afterSbomImported = undefined;
    try {
      await a.upload(v10, [leftPad, rightPad]);
      await a.upload(v11, [rightPad]);
      await b.upload(v20, [leftPad]);
    } finally {
      harness.deps.hooks.afterSbomImported = hook;
    }

    const outcome = await matchProductVersions(harness.deps, [v10, v11, empty, v20, v10]);
    expect(outcome).toEqual({ versions: 4, components: 4, opened: 2, closed: 0, open: 2 });
    const notices = await noticesOf(a.orgId);
    expect(notices).toEqual([
      {
        title: '1 new vulnerability finding',
        payload: {
          productVersionId: v10,
          productId: a.productId,
          productName: expect.any(String),
          versionLabel: '1.0',
          opened: 1,
          closed: 0,
        },
        email_status: null,
        emailed_at: null,
      },
    ]);
    expect(await noticesOf(b.orgId)).toHaveLength(1);

    // Nothing changed: findings are refreshed, nobody notified.
    expect(await matchProductVersions(harness.deps, [v10, v11, empty, v20])).toMatchObject({
      opened: 0,
      closed: 0,
      open: 2,
    });
    expect(await noticesOf(a.orgId)).toHaveLength(1);

    // 1.0 loses left-pad (the upload's own re-match closes it), then gets it back: the same row reopens.
    const [opened] = await listFindingsOfVersion(harness.deps.db, v10);
    await a.upload(v10, [rightPad]);
    const [closed] = await listFindingsOfVersion(harness.deps.db, v10);
    expect(closed).toMatchObject({
      id: opened?.id,
      status: 'closed',
      closeReason: expect.stringContaining('no longer matches'),
    });
    await a.upload(v10, [
      leftPad,
      rightPad,
      { ...rightPad, version: '1.0.1', purl: 'pkg:npm/right-pad@1.0.1' },
    ]);
    const [reopened] = await listFindingsOfVersion(harness.deps.db, v10);
    expect(reopened).toMatchObject({ id: opened?.id, status: 'open', closedAt: null, closeReason: null });
    expect((await noticesOf(a.orgId)).map((n) => n.title)).toEqual([
      '1 new vulnerability finding',
      '1 vulnerability finding closed',
      '1 new vulnerability finding',
    ]);
  });

  it('closes the findings of a version whose components are all gone, notifying its organisation', async () => {
    await importAdvisoryBatch(harness.deps, [osv('OSV-TEST-GONE', { name: 'gone-pkg' })]);
    const p = await portfolio(['1']);
    const [version] = p.versions as [string];
    const gone = { type: 'library', name: 'gone-pkg', version: '1.0.0', purl: 'pkg:npm/gone-pkg@1.0.0' };
    await p.upload(version, [gone]);
    expect(await listFindingsOfVersion(harness.deps.db, version)).toHaveLength(1);
    await p.upload(version, []);
    const [finding] = await listFindingsOfVersion(harness.deps.db, version);
    expect(finding).toMatchObject({ status: 'closed' });
    const notices = await noticesOf(p.orgId);
    // No component is left to name the product: the notice still goes to the findings' organisation.
    expect(notices.at(-1)).toMatchObject({
      title: '1 vulnerability finding closed',
      payload: { productVersionId: version, opened: 0, closed: 1 },
    });
  });
});

describe('importAdvisoryBatch, planned for a whole batch', () => {
  const vulnerabilityOf = async (source: string, id: string) =>
    (
      await harness.deps.db.execute(sql`
        SELECT v.id, v.display_id, v.ids, v.cvss_vector, v.summary, v.published FROM vulnerabilities_advisories a
        JOIN vulnerabilities_vulnerabilities v ON v.id = a.vulnerability_id
        WHERE a.source = ${source} AND a.source_id = ${id}`)
    ).rows[0] as {
      id: string;
      display_id: string;
      ids: string[];
      cvss_vector: string | null;
      published: unknown;
      summary: string;
    };

  it('merges the vulnerabilities a record links, within one batch and with stored ones', async () => {
    const first = await importAdvisoryBatch(harness.deps, [
      osv('OSV-M-1', { aliases: ['CVE-2099-0001'] }),
      osv('OSV-M-2', { aliases: ['CVE-2099-0002'] }),
      osv('OSV-M-3', { aliases: ['CVE-2099-0002', 'CVE-2099-0003'] }),
    ]);
    expect(first).toMatchObject({ records: 3, inserted: 3, updated: 0 });
    const one = await vulnerabilityOf('osv', 'OSV-M-1');
    const two = await vulnerabilityOf('osv', 'OSV-M-2');
    expect((await vulnerabilityOf('osv', 'OSV-M-3')).id).toBe(two.id);
    expect(one.id).not.toBe(two.id);

    const second = await importAdvisoryBatch(harness.deps, [
      osv('OSV-M-4', { aliases: ['CVE-2099-0001', 'CVE-2099-0003'] }),
    ]);
    expect(second).toMatchObject({ inserted: 1 });
    const merged = await vulnerabilityOf('osv', 'OSV-M-4');
    for (const id of ['OSV-M-1', 'OSV-M-2', 'OSV-M-3'])
      expect((await vulnerabilityOf('osv', id)).id).toBe(merged.id);
    expect(second.changedVulnerabilityIds).toEqual(expect.arrayContaining([one.id, two.id]));
    expect(merged.display_id).toBe('CVE-2099-0001');
    expect([...merged.ids].sort()).toEqual([
      'CVE-2099-0001',
      'CVE-2099-0002',
      'CVE-2099-0003',
      'OSV-M-1',
      'OSV-M-2',
      'OSV-M-3',
      'OSV-M-4',
    ]);
    const left = await harness.deps.db.execute(sql`
      SELECT count(*)::int AS n FROM vulnerabilities_vulnerabilities WHERE 'CVE-2099-0002' = ANY(ids)`);
    expect(left.rows[0]?.n).toBe(1);
  });

  it('stores the last of a record given twice, and re-summarises from every advisory', async () => {
    const result = await importAdvisoryBatch(harness.deps, [
      osv('OSV-D-1', { aliases: ['CVE-2099-0100'], summary: 'first' }),
      osv('OSV-D-1', { aliases: ['CVE-2099-0100'], summary: 'second' }),
    ]);
    expect(result).toMatchObject({ inserted: 1, updated: 1 });
    const rows = await harness.deps.db.execute(sql`
      SELECT record->>'summary' AS summary FROM vulnerabilities_advisories WHERE source_id = 'OSV-D-1'`);
    expect(rows.rows).toEqual([{ summary: 'second' }]);
    expect((await vulnerabilityOf('osv', 'OSV-D-1')).summary).toBe('second');

    const scored = await importAdvisoryBatch(harness.deps, [
      osv('OSV-D-2', {
        aliases: ['CVE-2099-0100'],
        name: 'other-pkg',
        score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        published: '2025-01-01T00:00:00Z',
      }),
    ]);
    expect(scored).toMatchObject({ inserted: 1 });
    const vulnerability = await vulnerabilityOf('osv', 'OSV-D-1');
    expect(vulnerability.id).toBe((await vulnerabilityOf('osv', 'OSV-D-2')).id);
    expect(vulnerability.cvss_vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(new Date(vulnerability.published as string).toISOString()).toBe('2025-01-01T00:00:00.000Z');

    // A changed record: its old lookup keys go, the new ones come, and both are reported for re-matching.
    const moved = await importAdvisoryBatch(harness.deps, [
      osv('OSV-D-2', { aliases: ['CVE-2099-0100'], name: 'renamed-pkg' }),
    ]);
    expect(moved).toMatchObject({ updated: 1, inserted: 0 });
    expect(moved.changedKeys).toEqual(
      expect.arrayContaining([
        { kind: 'purl', namespace: 'npm', name: 'other-pkg' },
        { kind: 'purl', namespace: 'npm', name: 'renamed-pkg' },
      ]),
    );
    const keys = await harness.deps.db.execute(sql`
      SELECT k.name FROM vulnerabilities_advisory_keys k JOIN vulnerabilities_advisories a ON a.id = k.advisory_id
      WHERE a.source_id = 'OSV-D-2'`);
    expect(keys.rows).toEqual([{ name: 'renamed-pkg' }]);
    // Its severity is gone from the record: the vulnerability, summarised from both, no longer shows it.
    const after = await vulnerabilityOf('osv', 'OSV-D-2');
    expect(after.cvss_vector).toBeNull();
    expect(new Date(after.published as string).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(
      await importAdvisoryBatch(harness.deps, [
        osv('OSV-D-2', { aliases: ['CVE-2099-0100'], name: 'renamed-pkg' }),
      ]),
    ).toMatchObject({ unchanged: 1 });
  });
});
