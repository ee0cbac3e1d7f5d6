import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('refuses tenants, a wrong kind of document and an unknown feed kind', async () => {
    expect((await upload(tenantAdmin, 'nvd', nvdRecord)).statusCode).toBe(403);
    const wrong = await upload(operator, 'kev', nvdRecord);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('invalid');
    expect((await upload(operator, 'rss', nvdRecord)).statusCode).toBe(400);
    expect((await upload(operator, 'nvd', Buffer.from('x'), 'image/png')).statusCode).toBe(415);
  });
});
