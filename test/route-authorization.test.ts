import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildHttpApp } from '../src/platform/http/build-http-app.ts';
import { type AccessRule, roles } from '../src/shared/access.ts';
import { newId } from '../src/shared/ids.ts';
import { apiTokenHeaders, createTestOrganization, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/**
 * Every registered route, whatever module adds it: anonymous callers get 401, members of another
 * organisation 403, too-low roles 403, the wrong kind of organisation 403. Each route's rule must match
 * this reviewed table, so adding a route, making one public or weakening a rule is a visible decision:
 * 'public', 'signed-in', or '<min role>[ <organisation kinds>]' for members of the path's organisation.
 */
const reviewedRules: Record<string, string> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/v1/auth/sign-in': 'public',
  'POST /api/v1/auth/sign-out': 'signed-in',
  'GET /api/v1/auth/session': 'signed-in',
  'GET /api/v1/orgs/:orgId': 'viewer',
  'GET /api/v1/orgs/:orgId/members': 'viewer',
  'PUT /api/v1/orgs/:orgId/members': 'admin',
  'GET /api/v1/orgs/:orgId/api-tokens': 'admin',
  'POST /api/v1/orgs/:orgId/api-tokens': 'admin',
  'DELETE /api/v1/orgs/:orgId/api-tokens/:tokenId': 'admin',
  'GET /api/v1/orgs/:orgId/audit-events': 'admin',
  'GET /api/v1/orgs/:orgId/products': 'viewer',
  'POST /api/v1/orgs/:orgId/products': 'editor manufacturer',
  'GET /api/v1/orgs/:orgId/products/:productId': 'viewer',
  'PATCH /api/v1/orgs/:orgId/products/:productId': 'editor manufacturer',
  'GET /api/v1/orgs/:orgId/products/:productId/versions': 'viewer',
  'POST /api/v1/orgs/:orgId/products/:productId/versions': 'editor manufacturer',
  'PATCH /api/v1/orgs/:orgId/products/:productId/versions/:versionId': 'editor manufacturer',
  'GET /api/v1/orgs/:orgId/products/:productId/versions/:versionId': 'viewer',
  'POST /api/v1/orgs/:orgId/products/:productId/versions/:versionId/sboms': 'editor manufacturer',
  'GET /api/v1/orgs/:orgId/products/:productId/versions/:versionId/sboms': 'viewer',
  'GET /api/v1/orgs/:orgId/sboms/:sbomId/original': 'viewer',
  'GET /api/v1/customer-channel/:publisherId/sboms/:sbomId': 'signed-in',
  'GET /api/v1/orgs/:orgId/products/:productId/versions/:versionId/components': 'viewer',
  'GET /api/v1/orgs/:orgId/components': 'viewer',
  'GET /api/v1/orgs/:orgId/products/:productId/diff': 'viewer',
  'GET /api/v1/orgs/:orgId/products/:productId/versions/:versionId/export': 'viewer',
  'GET /api/v1/orgs/:orgId/products/:productId/versions/:versionId/findings': 'viewer',
  'GET /api/v1/orgs/:orgId/findings': 'viewer',
  'GET /api/v1/orgs/:orgId/products/:productId/versions/:versionId/vex': 'viewer',
  'PUT /api/v1/orgs/:orgId/products/:productId/versions/:versionId/vex/:vulnerability': 'editor manufacturer',
  'GET /api/v1/orgs/:orgId/products/:productId/versions/:versionId/vex/export': 'viewer',
  'POST /api/v1/orgs/:orgId/products/:productId/versions/:versionId/vex/import': 'editor manufacturer',
  'GET /api/v1/orgs/:orgId/notifications': 'viewer',
  'POST /api/v1/orgs/:orgId/notifications/:notificationId/read': 'viewer',
  'GET /api/v1/orgs/:orgId/webhook': 'admin',
  'PUT /api/v1/orgs/:orgId/webhook': 'admin',
  'DELETE /api/v1/orgs/:orgId/webhook': 'admin',
  'GET /api/v1/orgs/:orgId/vulnerability-settings': 'viewer',
  'PUT /api/v1/orgs/:orgId/vulnerability-settings': 'admin',
  'POST /api/v1/operator/feeds/:kind': 'operator',
  'GET /api/v1/operator/feed-sources': 'operator',
  'GET /api/v1/orgs/:orgId/worklist': 'viewer',
  'GET /api/v1/orgs/:orgId/risk/rubric': 'viewer',
  'GET /api/v1/orgs/:orgId/products/:productId/versions/:versionId/risk-profile': 'viewer',
  'PUT /api/v1/orgs/:orgId/products/:productId/versions/:versionId/risk-profile': 'editor manufacturer',
  'GET /api/v1/orgs/:orgId/risk/settings': 'viewer',
  'PUT /api/v1/orgs/:orgId/risk/settings': 'admin manufacturer',
  'GET /api/v1/orgs/:orgId/products/:productId/versions/:versionId/risk/:vulnerability': 'viewer',
  'POST /api/v1/orgs/:orgId/products/:productId/versions/:versionId/risk/:vulnerability/preview': 'viewer',
  'PUT /api/v1/orgs/:orgId/products/:productId/versions/:versionId/risk/:vulnerability/assessment':
    'editor manufacturer',
  'GET /api/v1/orgs/:orgId/products/:productId/versions/:versionId/risk/:vulnerability/history': 'viewer',
  'PUT /api/v1/orgs/:orgId/products/:productId/versions/:versionId/risk/:vulnerability/triage':
    'editor manufacturer',
  'PUT /api/v1/orgs/:orgId/products/:productId/versions/:versionId/risk/:vulnerability/acceptance':
    'admin manufacturer',
  'DELETE /api/v1/orgs/:orgId/products/:productId/versions/:versionId/risk/:vulnerability/acceptance':
    'admin manufacturer',
  'GET /api/v1/orgs/:orgId/incidents': 'viewer',
  'POST /api/v1/orgs/:orgId/incidents': 'editor manufacturer',
  'GET /api/v1/orgs/:orgId/incidents/:incidentId': 'viewer',
  'PATCH /api/v1/orgs/:orgId/incidents/:incidentId': 'editor manufacturer',
  'GET /api/v1/orgs/:orgId/incidents/:incidentId/facts': 'viewer',
  'PUT /api/v1/orgs/:orgId/incidents/:incidentId/facts': 'editor manufacturer',
  'GET /api/v1/orgs/:orgId/incidents/:incidentId/facts/revisions': 'viewer',
  'GET /api/v1/orgs/:orgId/incidents/:incidentId/facts/suggestions': 'viewer',
  'GET /api/v1/orgs/:orgId/incidents/:incidentId/timeline': 'viewer',
  'POST /api/v1/orgs/:orgId/incidents/:incidentId/timeline': 'editor manufacturer',
  'GET /api/v1/orgs/:orgId/incidents/:incidentId/obligations': 'viewer',
  'PATCH /api/v1/orgs/:orgId/incidents/:incidentId/obligations/:obligationId': 'editor manufacturer',
  'GET /api/v1/orgs/:orgId/incidents/:incidentId/obligations/:obligationId/draft': 'viewer',
  'POST /api/v1/orgs/:orgId/incidents/:incidentId/obligations/:obligationId/submissions':
    'editor manufacturer',
  'GET /api/v1/orgs/:orgId/incidents/:incidentId/obligations/:obligationId/submissions': 'viewer',
  'GET /api/v1/orgs/:orgId/deadlines': 'viewer',
  'POST /api/v1/orgs/:orgId/incidents/:incidentId/disclosures': 'editor manufacturer',
  'POST /api/v1/obligations/evaluate': 'signed-in',
  'GET /api/v1/public/disclosures': 'public',
  'GET /api/v1/public/disclosures/:disclosureId': 'public',
  'GET /api/v1/orgs/:orgId/disclosures': 'viewer',
  'POST /api/v1/orgs/:orgId/disclosures': 'editor manufacturer',
  'GET /api/v1/orgs/:orgId/disclosures/:disclosureId': 'viewer',
  'PATCH /api/v1/orgs/:orgId/disclosures/:disclosureId': 'editor manufacturer',
  'POST /api/v1/orgs/:orgId/disclosures/:disclosureId/approve': 'editor manufacturer',
  'POST /api/v1/orgs/:orgId/disclosures/:disclosureId/publish': 'editor manufacturer',
  'POST /api/v1/orgs/:orgId/disclosures/:disclosureId/preview': 'viewer',
  'GET /api/v1/orgs/:orgId/disclosures/:disclosureId/revisions': 'viewer',
  'POST /api/v1/orgs/:orgId/disclosures/:disclosureId/withdraw': 'admin manufacturer',
  'GET /disclosures/feed.atom': 'public',
  'GET /api/v1/public/external-advisories': 'public',
  'GET /api/v1/public/external-advisories/:id': 'public',
  'GET /api/v1/public/external-advisories/:id/csaf': 'public',
  'GET /.well-known/security.txt': 'public',
  'GET /.well-known/csaf/provider-metadata.json': 'public',
  'GET /.well-known/csaf/service.json': 'public',
  'GET /.well-known/csaf/': 'public',
  'GET /.well-known/csaf/openpgp/:file': 'public',
  'GET /.well-known/csaf/white/csaf-feed-tlp-white.json': 'public',
  'GET /.well-known/csaf/white/index.txt': 'public',
  'GET /.well-known/csaf/white/changes.csv': 'public',
  'GET /.well-known/csaf/white/': 'public',
  'GET /.well-known/csaf/white/:year/': 'public',
  'GET /.well-known/csaf/white/:year/:file': 'public',
  'GET /.well-known/csaf/green/csaf-feed-tlp-green.json': 'signed-in',
  'GET /.well-known/csaf/green/index.txt': 'signed-in',
  'GET /.well-known/csaf/green/changes.csv': 'signed-in',
  'GET /.well-known/csaf/green/': 'signed-in',
  'GET /.well-known/csaf/green/:year/': 'signed-in',
  'GET /.well-known/csaf/green/:year/:file': 'signed-in',
  'GET /.well-known/csaf/amber/csaf-feed-tlp-amber.json': 'signed-in',
  'GET /.well-known/csaf/amber/index.txt': 'signed-in',
  'GET /.well-known/csaf/amber/changes.csv': 'signed-in',
  'GET /.well-known/csaf/amber/': 'signed-in',
  'GET /.well-known/csaf/amber/:year/': 'signed-in',
  'GET /.well-known/csaf/amber/:year/:file': 'signed-in',
  'GET /api/v1/orgs/:orgId/customer-grants': 'admin manufacturer',
  'POST /api/v1/orgs/:orgId/customer-grants': 'admin manufacturer',
  'DELETE /api/v1/orgs/:orgId/customer-grants/:recipientOrgId': 'admin manufacturer',
  'GET /log/checkpoint': 'public',
  'GET /log/key': 'public',
  'GET /log/tile/entries/*': 'public',
  'GET /log/tile/:level/*': 'public',
  'GET /log/proof/inclusion': 'public',
  'GET /log/proof/consistency': 'public',
  'GET /api/v1/public/disclosures/:disclosureId/log-entry': 'public',
};

function describeRule(rule: AccessRule | undefined): string {
  if (!rule) return 'none';
  if (rule.kind !== 'organization') return rule.kind;
  return [rule.minRole, rule.organizationKinds?.join('|')].filter(Boolean).join(' ');
}
/** Routes registered by plugins for static files (API reference assets). */
const publicPluginPrefixes = ['/api/docs'];

let harness: Awaited<ReturnType<typeof createTestApp>>;
let manufacturer: Awaited<ReturnType<typeof createTestOrganization>>;
let otherManufacturer: Awaited<ReturnType<typeof createTestOrganization>>;
let hospital: Awaited<ReturnType<typeof createTestOrganization>>;
const headers: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  harness = await createTestApp();
  const { deps, app } = harness;
  manufacturer = await createTestOrganization(deps, 'manufacturer');
  otherManufacturer = await createTestOrganization(deps, 'manufacturer');
  hospital = await createTestOrganization(deps, 'hdo');
  for (const role of roles)
    headers[`session:${role}`] = { ...(await signInHeaders(app, manufacturer.users[role].email)) };
  headers['session:outsider'] = { ...(await signInHeaders(app, otherManufacturer.users.admin.email)) };
  headers['token:outsider'] = await apiTokenHeaders(
    deps,
    otherManufacturer.organization.id,
    otherManufacturer.users.admin.id,
  );
  headers['session:hospital-admin'] = { ...(await signInHeaders(app, hospital.users.admin.email)) };
  headers['token:read-only'] = await apiTokenHeaders(
    deps,
    manufacturer.organization.id,
    manufacturer.users.admin.id,
    ['read'],
  );
});

afterAll(async () => harness?.close());

function routesUnderTest() {
  return harness.app
    .registeredRoutes()
    .filter(
      (r) => r.method !== 'HEAD' && r.url !== '/*' && !publicPluginPrefixes.some((p) => r.url.startsWith(p)),
    );
}

function urlFor(url: string, orgId: string): string {
  return url.replace(/:orgId/g, orgId).replace(/:[A-Za-z]+/g, () => newId());
}

async function call(method: string, url: string, extra: Record<string, string> = {}) {
  const hasBody = !['GET', 'DELETE'].includes(method);
  return harness.app.inject({
    method: method as 'GET',
    url,
    headers: { ...extra, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    ...(hasBody ? { payload: '{}' } : {}),
  });
}

describe('route authorization', () => {
  it('covers a meaningful set of routes', () => {
    expect(routesUnderTest().length).toBeGreaterThan(15);
  });

  it('has an access rule on every route', () => {
    const missing = harness.app.registeredRoutes().filter((r) => !r.access);
    expect(missing).toEqual([]);
  });

  it('gives every route the rule of the reviewed table, and no route is missing from it', () => {
    const actual = Object.fromEntries(
      routesUnderTest().map((r) => [`${r.method} ${r.url}`, describeRule(r.access)]),
    );
    expect(actual).toEqual(reviewedRules);
  });

  it('refuses anonymous callers on every non-public route (401)', async () => {
    for (const route of routesUnderTest().filter((r) => r.access?.kind !== 'public')) {
      const response = await call(route.method, urlFor(route.url, manufacturer.organization.id));
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('refuses members and tokens of another organisation on every organisation route (403)', async () => {
    const organizationRoutes = routesUnderTest().filter((r) => r.access?.kind === 'organization');
    expect(organizationRoutes.length).toBeGreaterThan(10);
    for (const route of organizationRoutes) {
      const url = urlFor(route.url, manufacturer.organization.id);
      for (const who of ['session:outsider', 'token:outsider']) {
        const response = await call(route.method, url, headers[who]);
        expect(response.statusCode, `${who} ${route.method} ${route.url}`).toBe(403);
      }
    }
  });

  it('refuses roles below the rule (403) and lets the rule’s own role past authorization', async () => {
    for (const route of routesUnderTest().filter((r) => r.access?.kind === 'organization')) {
      const rule = route.access as Extract<AccessRule, { kind: 'organization' }>;
      const url = urlFor(route.url, manufacturer.organization.id);
      for (const role of roles) {
        const response = await call(route.method, url, headers[`session:${role}`]);
        const allowed = roles.indexOf(role) >= roles.indexOf(rule.minRole);
        if (allowed)
          expect([401, 403], `${role} ${route.method} ${route.url}`).not.toContain(response.statusCode);
        else expect(response.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
      }
    }
  });

  it('refuses organisations of the wrong kind (403)', async () => {
    const kindRoutes = routesUnderTest().filter(
      (r) => r.access?.kind === 'organization' && r.access.organizationKinds,
    );
    expect(kindRoutes.length).toBeGreaterThan(3);
    for (const route of kindRoutes) {
      const response = await call(
        route.method,
        urlFor(route.url, hospital.organization.id),
        headers['session:hospital-admin'],
      );
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
  });

  it('refuses writes by read-only tokens and cookie writes without the CSRF token (403)', async () => {
    const writes = routesUnderTest().filter((r) => r.access?.kind === 'organization' && r.method !== 'GET');
    for (const route of writes) {
      const url = urlFor(route.url, manufacturer.organization.id);
      expect((await call(route.method, url, headers['token:read-only'])).statusCode, route.url).toBe(403);
      const { cookie } = headers['session:admin'] as { cookie: string };
      expect((await call(route.method, url, { cookie })).statusCode, route.url).toBe(403);
      expect((await call(route.method, url, { cookie, 'x-csrf-token': 'wrong' })).statusCode, route.url).toBe(
        403,
      );
    }
  });

  it('refuses operator routes to organisation admins that are not operators (403)', async () => {
    const operatorRoutes = routesUnderTest().filter((r) => r.access?.kind === 'operator');
    expect(operatorRoutes.length).toBeGreaterThan(0);
    for (const route of operatorRoutes) {
      for (const who of ['session:admin', 'token:outsider']) {
        const response = await call(
          route.method,
          urlFor(route.url, manufacturer.organization.id),
          headers[who],
        );
        expect(response.statusCode, `${who} ${route.method} ${route.url}`).toBe(403);
      }
    }
  });

  it('will not start an app with a route that declares no rule', async () => {
    const app = await buildHttpApp({
      config: harness.deps.config,
      db: harness.deps.db,
      logger: pino({ level: 'silent' }),
      accessControl: { check: async () => null },
      checkReadiness: async () => ({ ready: true, checks: {} }),
      async registerRoutes(a) {
        a.get('/api/v1/forgotten', { schema: { response: { 200: z.object({}) } } }, async () => ({}));
      },
    });
    await expect(app.ready()).rejects.toThrow(/without an access rule: GET \/api\/v1\/forgotten/);
    await app.close().catch(() => {});
  });
});
