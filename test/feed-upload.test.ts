import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { gzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preloadCsafValidator } from '../src/shared/csaf-validation.ts';
import {
  createTestOrganization,
  type SessionHeaders,
  signInHeaders,
  signInOperator,
} from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/** Operators feed the shared vulnerability store through the API; tenants cannot. */
const nvdRecord = readFileSync(new URL('./fixtures/vulns/nvd/CVE-2022-39173.cve.json', import.meta.url));

let harness: Awaited<ReturnType<typeof createTestApp>>;
let operator: SessionHeaders;
let tenantAdmin: SessionHeaders;

// CSAF imports are validated; the validator takes seconds to load: once, outside the hooks' time limits.
beforeAll(() => preloadCsafValidator('mandatory'), 300_000);

beforeAll(async () => {
  harness = await createTestApp({ env: { CANDOR_OPERATOR_ORGS: 'candor-ops' } });
  operator = await signInOperator(harness.deps, harness.app);
  const tenant = await createTestOrganization(harness.deps, 'manufacturer');
  tenantAdmin = await signInHeaders(harness.app, tenant.users.admin.email);
});
afterAll(async () => harness?.close());

function upload(who: SessionHeaders, kind: string, body: Buffer, type = 'application/json') {
  return harness.app.inject({
    method: 'POST',
    url: `/api/v1/operator/feeds/${kind}`,
    headers: { ...who, 'content-type': type },
    payload: body,
  });
}

describe('feed upload API', () => {
  it('imports a feed file for an operator, audited', async () => {
    const response = await upload(operator, 'nvd', nvdRecord);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ kind: 'nvd', files: 1, records: 1, inserted: 1 });
    const audit = await harness.deps.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'feed.imported'`,
    );
    expect(audit.rows[0]?.n).toBe(1);
  });

  it('reads a gzip-compressed feed file (application/gzip)', async () => {
    const response = await upload(
      operator,
      'nvd',
      Buffer.from(gzipSync(new Uint8Array(nvdRecord))),
      'application/gzip',
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ kind: 'nvd', files: 1, records: 1 });
  });

  it('lists the CSAF documents of an archive it rejected, with the mandatory tests they fail', async () => {
    const valid = readFileSync(new URL('./fixtures/csaf/bsi-2022-0001.json', import.meta.url));
    const broken = JSON.parse(valid.toString('utf8'));
    // §6.1.1: a product id referenced in a product status must be defined in the product tree.
    broken.document.tracking.id = 'BSI-2022-0001-BROKEN';
    broken.vulnerabilities[0].product_status.known_affected = ['CSAFPID-UNDEFINED'];
    const archive = Buffer.from(
      zipSync({
        'bsi-2022-0001.json': new Uint8Array(valid),
        'broken.json': new TextEncoder().encode(JSON.stringify(broken)),
      }),
    );
    const response = await upload(operator, 'csaf', archive, 'application/zip');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ kind: 'csaf', files: 2 });
    expect(report.records).toBeGreaterThan(0);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ document: expect.stringContaining('broken.json') });
    expect(report.rejected[0].failingTests).toContain('mandatoryTest_6_1_1');
  });

  it('refuses tenants, a wrong kind of document and an unknown feed kind', async () => {
    expect((await upload(tenantAdmin, 'nvd', nvdRecord)).statusCode).toBe(403);
    const wrong = await upload(operator, 'kev', nvdRecord);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('invalid');
    expect((await upload(operator, 'rss', nvdRecord)).statusCode).toBe(400);
    expect((await upload(operator, 'nvd', Buffer.from('x'), 'image/png')).statusCode).toBe(415);
  });
});
