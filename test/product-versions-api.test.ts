import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, type SessionHeaders, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/** A product version's lifecycle data and units in the field change through PATCH, audited. */
let harness: Awaited<ReturnType<typeof createTestApp>>;
let editor: SessionHeaders;
let viewer: SessionHeaders;
let base: string;

beforeAll(async () => {
  harness = await createTestApp();
  const org = await createTestOrganization(harness.deps, 'manufacturer');
  editor = await signInHeaders(harness.app, org.users.editor.email);
  viewer = await signInHeaders(harness.app, org.users.viewer.email);
  const post = (url: string, payload: object) =>
    harness.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${org.organization.id}${url}`,
      headers: { ...editor },
      payload,
    });
  const product = (await post('/products', { name: 'VitalWave Monitor' })).json();
  const version = (
    await post(`/products/${product.id}/versions`, {
      label: '2.1.0',
      releasedOn: '2025-06-01',
      unitsInField: 4_000,
    })
  ).json();
  expect(version.unitsInField).toBe(4_000);
  base = `/api/v1/orgs/${org.organization.id}/products/${product.id}/versions/${version.id}`;
});
afterAll(async () => harness?.close());

const patch = (who: SessionHeaders, payload: object) =>
  harness.app.inject({ method: 'PATCH', url: base, headers: { ...who }, payload });

describe('PATCH a product version', () => {
  it('changes only the fields sent, and audits the change', async () => {
    const response = await patch(editor, { unitsInField: 12_500, supportPhase: 'security-updates-only' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      label: '2.1.0',
      releasedOn: '2025-06-01',
      unitsInField: 12_500,
      supportPhase: 'security-updates-only',
    });
    const audited = await harness.deps.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'product_version.updated' AND after_digest IS NOT NULL`,
    );
    expect(audited.rows[0]?.n).toBe(1);
    expect((await patch(editor, { unitsInField: null })).json().unitsInField).toBeNull();
  });

  it('refuses an end of support before the release, negative units, and viewers', async () => {
    const early = await patch(editor, { endOfSupportOn: '2025-01-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors).toEqual([{ path: 'endOfSupportOn', message: 'lies before releasedOn' }]);
    expect((await patch(editor, { unitsInField: -1 })).statusCode).toBe(400);
    expect((await patch(viewer, { unitsInField: 1 })).statusCode).toBe(403);
  });
});
