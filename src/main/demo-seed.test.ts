import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../test/support/test-deps.ts';
import { signIn } from '../modules/accounts/index.ts';
import { verifyAuditChain } from '../modules/audit/index.ts';
import { listExternalAdvisories, listPublicDisclosures } from '../modules/disclosures/index.ts';
import { demoCredentials, seedDemoData } from './demo-seed.ts';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => deps?.close());

describe('demo data', () => {
  it('seeds an empty database once, with exactly one public disclosure and a sign-in that works', async () => {
    expect(await seedDemoData(deps)).toEqual({ seeded: true });
    expect(await seedDemoData(deps)).toEqual({ seeded: false });

    const manufacturers = await deps.db.execute(
      sql`SELECT count(*)::int AS n FROM accounts_organizations WHERE kind = 'manufacturer'`,
    );
    expect(manufacturers.rows[0]?.n).toBeGreaterThanOrEqual(2);
    const publicList = await listPublicDisclosures(deps, { limit: 25 });
    expect(publicList.items).toHaveLength(1);
    expect(publicList.items[0]?.publisher.slug).toBe('acme-medical');
    // The embargoed draft of the second manufacturer exists but is not public.
    const drafts = await deps.db.execute(
      sql`SELECT count(*)::int AS n FROM disclosures_disclosures WHERE status = 'draft'`,
    );
    expect(drafts.rows[0]?.n).toBe(1);

    // The gateway's two releases come with SBOMs, so search and diffs have something to show.
    const components = await deps.db.execute(
      sql`SELECT count(*)::int AS n FROM devices_components WHERE lower(name) = 'openssl'`,
    );
    expect(components.rows[0]?.n).toBe(2);
    const sboms = await deps.db.execute(sql`SELECT warnings FROM devices_sboms`);
    expect(sboms.rows).toHaveLength(2);
    for (const row of sboms.rows) expect(row.warnings).toEqual([]);

    // The old release of the gateway has the wolfSSL finding; the new one has none.
    const findings = await deps.db.execute(
      sql`SELECT component_version FROM vulnerabilities_findings WHERE status = 'open'`,
    );
    expect(findings.rows).toEqual([{ component_version: '4.8.1' }]);

    // Five real CISA medical advisories: in the vulnerability store (one advisory per CVE) and republished
    // on the portal, credited to CISA with their upstream source.
    const csaf = await deps.db.execute(
      sql`SELECT count(*)::int AS n FROM vulnerabilities_advisories WHERE source = 'csaf' AND source_id LIKE 'https://www.cisa.gov/ICSMA-20-%'`,
    );
    expect(csaf.rows[0]?.n).toBe(24);
    const external = await listExternalAdvisories(deps, { limit: 25 });
    expect(external.items.map((a) => a.trackingId).sort()).toEqual([
      'ICSMA-20-023-01',
      'ICSMA-20-079-01',
      'ICSMA-20-170-02',
      'ICSMA-20-296-02',
      'ICSMA-20-345-01',
    ]);
    expect(external.items.every((a) => a.publisherName === 'CISA' && a.cves.length > 0)).toBe(true);
    expect(external.items.map((a) => a.sourceUrl)).toContain(
      'https://raw.githubusercontent.com/cisagov/CSAF/6960219fd4e67623d40d32b2869c4a1782965b80/csaf_files/OT/white/2020/icsma-20-079-01.json',
    );
    expect(external.items.find((a) => a.trackingId === 'ICSMA-20-079-01')?.title).toBe('Insulet Omnipod');

    const session = await signIn(deps, demoCredentials);
    expect(session.view.memberships.map((m) => m.organization.slug)).toContain('acme-medical');
    expect((await verifyAuditChain(deps)).ok).toBe(true);
    // The CSAF validator's first load (schemas, CWE catalogues) takes seconds, more on a busy machine.
  }, 240_000);
});
