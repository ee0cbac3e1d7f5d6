import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, signInHeaders } from '../../../test/factories/accounts.ts';
import { createTestDeps, type TestDeps } from '../../../test/support/test-deps.ts';
import { buildHttpApp, type HttpApp } from '../../platform/http/build-http-app.ts';
import { accountsRoutes, createAccessControl } from '../accounts/index.ts';
import { customerGrantsRoutes } from './customer-grants.routes.ts';

let deps: TestDeps;
let app: HttpApp;
beforeAll(async () => {
  deps = await createTestDeps();
  app = await buildHttpApp({
    config: deps.config,
    db: deps.db,
    logger: pino({ level: 'silent' }),
    accessControl: createAccessControl(deps),
    checkReadiness: async () => ({ ready: true, checks: {} }),
    async registerRoutes(a) {
      await a.register(accountsRoutes, { deps });
      await a.register(customerGrantsRoutes, { deps });
    },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await deps?.close();
});

describe('customer grants', () => {
  it('grants by slug, lists, refuses duplicates, unknown slugs and itself, revokes, and audits', async () => {
    const manufacturer = await createTestOrganization(deps);
    const hospital = await createTestOrganization(deps, 'hdo');
    const headers = { ...(await signInHeaders(app, manufacturer.users.admin.email)) };
    const url = `/api/v1/orgs/${manufacturer.organization.id}/customer-grants`;
    const post = (slug: string) =>
      app.inject({ method: 'POST', url, headers, payload: { recipientOrganizationSlug: slug } });

    const created = await post(hospital.organization.slug);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      recipientOrganizationId: hospital.organization.id,
      recipientOrganizationSlug: hospital.organization.slug,
      recipientOrganizationName: hospital.organization.name,
      createdByUserId: manufacturer.users.admin.id,
    });
    const listed = await app.inject({ method: 'GET', url, headers });
    expect(
      listed.json().items.map((g: { recipientOrganizationId: string }) => g.recipientOrganizationId),
    ).toEqual([hospital.organization.id]);

    for (const [slug, status] of [
      [hospital.organization.slug, 409],
      ['no-such-organisation', 404],
      [manufacturer.organization.slug, 400],
    ] as const) {
      const refused = await post(slug);
      expect(refused.statusCode, slug).toBe(status);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    const empty = await app.inject({ method: 'POST', url, headers, payload: {} });
    expect(empty.statusCode).toBe(400);

    const remove = () => app.inject({ method: 'DELETE', url: `${url}/${hospital.organization.id}`, headers });
    expect((await remove()).statusCode).toBe(204);
    expect((await remove()).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url, headers })).json().items).toEqual([]);

    const audited = await deps.db.execute(
      sql`SELECT action, entity_id FROM audit_events WHERE organization_id = ${manufacturer.organization.id}
          AND action LIKE 'disclosures.customer-grant-%' ORDER BY seq`,
    );
    expect(audited.rows).toEqual([
      { action: 'disclosures.customer-grant-created', entity_id: hospital.organization.id },
      { action: 'disclosures.customer-grant-revoked', entity_id: hospital.organization.id },
    ]);
  });

  it('is for admins of manufacturers only', async () => {
    const manufacturer = await createTestOrganization(deps);
    const hospital = await createTestOrganization(deps, 'hdo');
    const editor = { ...(await signInHeaders(app, manufacturer.users.editor.email)) };
    const hospitalAdmin = { ...(await signInHeaders(app, hospital.users.admin.email)) };
    for (const [headers, orgId] of [
      [editor, manufacturer.organization.id],
      [hospitalAdmin, hospital.organization.id],
    ] as const) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/orgs/${orgId}/customer-grants`,
        headers,
      });
      expect(response.statusCode).toBe(403);
    }
  });
});
