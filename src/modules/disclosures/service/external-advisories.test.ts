import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../../../test/support/test-deps.ts';
import { DomainError } from '../../../shared/errors.ts';
import { getExternalAdvisory, recordExternalCsafAdvisory } from './external-advisories.ts';

/** CSAF advisories of other publishers kept for the portal: identity, newest release, what is never kept. */
type Csaf = {
  document: Record<string, unknown> & {
    tracking: Record<string, unknown>;
    distribution?: { tlp?: { label: string } };
    publisher: Record<string, unknown>;
  };
} & Record<string, unknown>;
const fixture = (name: string): Csaf =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/csaf/${name}`, import.meta.url)), 'utf8'),
  );

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps({ env: { PUBLIC_URL: 'https://candor.example/portal' } });
});
afterAll(async () => deps?.close());

const auditActions = async () =>
  (
    await deps.db.execute(
      sql`SELECT action FROM audit_events WHERE entity_type = 'external_advisory' ORDER BY seq`,
    )
  ).rows.map((r) => r.action);

describe('recordExternalCsafAdvisory', () => {
  let cisaId: string;

  it('keeps a CISA advisory with what the portal shows of it, audited', async () => {
    const result = await recordExternalCsafAdvisory(
      deps,
      fixture('icsma-20-049-01.json'),
      'https://example.net/icsma-20-049-01.json',
    );
    expect(result).toMatchObject({ status: 'inserted', note: null });
    cisaId = result.id as string;
    const advisory = await getExternalAdvisory(deps, cisaId);
    expect(advisory).toEqual({
      id: cisaId,
      publisherName: 'CISA',
      trackingId: 'ICSMA-20-049-01',
      version: '1',
      title: 'Spacelabs Xhibit Telemetry Receiver (XTR)',
      // No aggregate_severity: the highest CVSS base score (BlueKeep, 9.8).
      severity: 'critical',
      cves: ['CVE-2019-0708'],
      productNames: expect.arrayContaining([
        'Windows XP: all Service Pack versions',
        'Xhibit Telemetry Receiver (XTR) Model number 96280: v1.0.2',
      ]),
      summary: expect.stringMatching(/^A remote code execution vulnerability called BlueKeep/),
      initialReleaseAt: '2020-02-18T00:00:00.000Z',
      currentReleaseAt: '2020-02-18T00:00:00.000Z',
      sourceUrl: 'https://example.net/icsma-20-049-01.json',
    });
    const [row] = (
      await deps.db.execute(sql`SELECT publisher_namespace FROM disclosures_external_advisories`)
    ).rows;
    // `https://www.cisa.gov/` and `https://www.cisa.gov` are one publisher.
    expect(row?.publisher_namespace).toBe('https://www.cisa.gov');
    expect(await auditActions()).toEqual(['external_advisory.imported']);
  });

  it('keeps one row per publisher and tracking id, with the newest release', async () => {
    const original = fixture('icsma-20-049-01.json');
    expect(await recordExternalCsafAdvisory(deps, original, null)).toMatchObject({
      status: 'unchanged',
      id: cisaId,
    });
    const update = fixture('icsma-20-049-01.json');
    update.document.publisher.namespace = 'https://www.cisa.gov';
    update.document.tracking.version = '2';
    update.document.tracking.current_release_date = '2020-03-01T00:00:00.000Z';
    update.document.aggregate_severity = { text: 'Moderate' };
    expect(await recordExternalCsafAdvisory(deps, update, null)).toMatchObject({
      status: 'updated',
      id: cisaId,
    });
    const older = await recordExternalCsafAdvisory(deps, original, null);
    expect(older).toMatchObject({ status: 'older', id: cisaId });
    expect(older.note).toMatch(/a newer release \(2020-03-01T00:00:00\.000Z\) is kept/);
    expect(await getExternalAdvisory(deps, cisaId)).toMatchObject({
      version: '2',
      severity: 'medium',
      currentReleaseAt: '2020-03-01T00:00:00.000Z',
      sourceUrl: null,
    });
    const count = await deps.db.execute(sql`SELECT count(*)::int AS n FROM disclosures_external_advisories`);
    expect(count.rows[0]?.n).toBe(1);
    expect(await auditActions()).toEqual(['external_advisory.imported', 'external_advisory.updated']);
  });

  it('never keeps this installation’s own documents or TLP:GREEN/AMBER/RED ones', async () => {
    const own = fixture('handmade-exmed-sa-2024-001.json');
    own.document.publisher.namespace = 'https://candor.example/portal/orgs/acme-medical';
    expect(await recordExternalCsafAdvisory(deps, own, null)).toEqual({
      status: 'own',
      id: null,
      note: null,
    });
    const amber = fixture('handmade-exmed-sa-2024-001.json');
    if (amber.document.distribution?.tlp) amber.document.distribution.tlp.label = 'AMBER';
    expect(await recordExternalCsafAdvisory(deps, amber, null)).toEqual({
      status: 'restricted',
      id: null,
      note: 'not republished: TLP:AMBER is not public',
    });
    // A look-alike host is not this installation.
    const other = fixture('handmade-exmed-sa-2024-001.json');
    other.document.publisher.namespace = 'https://candor.example/portal-evil';
    expect((await recordExternalCsafAdvisory(deps, other, null)).status).toBe('inserted');
  });

  it('refuses a document without its identifying fields', async () => {
    const broken = fixture('bsi-2022-0001.json');
    delete broken.document.tracking.id;
    await expect(recordExternalCsafAdvisory(deps, broken, null)).rejects.toThrow(DomainError);
    await expect(recordExternalCsafAdvisory(deps, broken, null)).rejects.toThrow(/document\.tracking\.id/);
    await expect(recordExternalCsafAdvisory(deps, [], null)).rejects.toMatchObject({ code: 'invalid' });
  });
});
