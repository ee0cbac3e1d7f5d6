import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/shared/ids.ts';
import {
  apiTokenHeaders,
  createTestOrganization,
  type SessionHeaders,
  signInHeaders,
} from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/**
 * Every kind of bad input gets a 4xx RFC 9457 problem (never a 500), and a refused write leaves no rows
 * behind. Uses the real routes on a real (migrated) database.
 */

type Harness = Awaited<ReturnType<typeof createTestApp>>;

let harness: Harness;
let manufacturer: Awaited<ReturnType<typeof createTestOrganization>>;
let otherManufacturer: Awaited<ReturnType<typeof createTestOrganization>>;
let editor: SessionHeaders;
let token: { authorization: string };
let otherEditor: SessionHeaders;

/** Every response this file received, to check at the end that none was a server error. */
const seen: { what: string; status: number }[] = [];

async function send(app: Harness['app'], options: InjectOptions): Promise<LightMyRequestResponse> {
  const response = await app.inject(options);
  seen.push({ what: `${options.method ?? 'GET'} ${String(options.url)}`, status: response.statusCode });
  return response;
}

function request(options: InjectOptions) {
  return send(harness.app, options);
}

/** An RFC 9457 problem with this status (and code, when given). */
function expectProblem(response: LightMyRequestResponse, status: number, code?: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body).toMatchObject({
    type: expect.stringMatching(/^https?:\/\//),
    title: expect.any(String),
    status,
    code: expect.any(String),
  });
  expect(body.title.length).toBeGreaterThan(0);
  if (code) expect(body.code).toBe(code);
  return body as {
    type: string;
    title: string;
    status: number;
    code: string;
    detail?: string;
    errors?: { path: string; message: string }[];
  };
}

function orgUrl(path = '', orgId = manufacturer.organization.id) {
  return `/api/v1/orgs/${orgId}${path}`;
}

function postJson(url: string, headers: Record<string, string>, payload: string) {
  return request({
    method: 'POST',
    url,
    headers: { ...headers, 'content-type': 'application/json' },
    payload,
  });
}

async function listItems(
  kind: 'products' | 'incidents' | 'disclosures',
  orgId = manufacturer.organization.id,
) {
  const response = await request({
    method: 'GET',
    url: `${orgUrl(`/${kind}`, orgId)}?limit=100`,
    headers: token,
  });
  expect(response.statusCode).toBe(200);
  return response.json().items as { id: string; name?: string; title?: string }[];
}

async function auditActions(): Promise<string[]> {
  const response = await request({
    method: 'GET',
    url: `${orgUrl('/audit-events')}?limit=100`,
    headers: token,
  });
  expect(response.statusCode).toBe(200);
  return (response.json().items as { action: string }[]).map((e) => e.action);
}

function validProduct(name = `Pump ${newId().slice(0, 8)}`) {
  return { name, description: 'An infusion pump', modelNumbers: ['IP-1'] };
}

function validIncident() {
  return { title: 'Suspicious traffic', detectedAt: new Date(Date.now() - 3_600_000).toISOString() };
}

beforeAll(async () => {
  harness = await createTestApp();
  const { app, deps } = harness;
  manufacturer = await createTestOrganization(deps, 'manufacturer');
  otherManufacturer = await createTestOrganization(deps, 'manufacturer');
  editor = await signInHeaders(app, manufacturer.users.editor.email);
  otherEditor = await signInHeaders(app, otherManufacturer.users.editor.email);
  // An admin's token: it can write and read the audit trail.
  token = await apiTokenHeaders(deps, manufacturer.organization.id, manufacturer.users.admin.id);
});

afterAll(async () => harness?.close());

describe('malformed and mistyped bodies', () => {
  it('answers malformed JSON with 400 malformed_json and writes nothing', async () => {
    for (const payload of ['{"name":', '{name: "x"}', '[1, 2', 'not json at all']) {
      const response = await postJson(orgUrl('/products'), { ...editor }, payload);
      expectProblem(response, 400, 'malformed_json');
    }
    expect(await listItems('products')).toEqual([]);
  });

  it('answers an empty JSON body with 400', async () => {
    const response = await postJson(orgUrl('/products'), { ...editor }, '');
    expectProblem(response, 400);
  });

  it('answers wrong types with 400 invalid naming the field path', async () => {
    const response = await postJson(orgUrl('/products'), { ...editor }, JSON.stringify({ name: 123 }));
    const body = expectProblem(response, 400, 'invalid');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.name' })]));
    expect(body.errors?.every((e) => typeof e.message === 'string' && e.message.length > 0)).toBe(true);

    const nested = await postJson(
      orgUrl('/incidents'),
      token,
      JSON.stringify({ ...validIncident(), productIds: ['not-a-uuid'] }),
    );
    const nestedBody = expectProblem(nested, 400, 'invalid');
    expect(nestedBody.errors?.map((e) => e.path)).toContain('body.productIds.0');

    const missing = await postJson(orgUrl('/incidents'), token, JSON.stringify({ title: 'No date' }));
    expect(expectProblem(missing, 400, 'invalid').errors?.map((e) => e.path)).toContain('body.detectedAt');

    const badDate = await postJson(
      orgUrl('/incidents'),
      token,
      JSON.stringify({ title: 'Bad date', detectedAt: 'yesterday' }),
    );
    expect(expectProblem(badDate, 400, 'invalid').errors?.map((e) => e.path)).toContain('body.detectedAt');

    const notAnObject = await postJson(orgUrl('/products'), { ...editor }, '"just a string"');
    expectProblem(notAnObject, 400, 'invalid');

    expect(await listItems('products')).toEqual([]);
    expect(await listItems('incidents')).toEqual([]);
  });

  it('refuses unknown fields in a body with 400', async () => {
    const response = await postJson(
      orgUrl('/products'),
      { ...editor },
      JSON.stringify({ ...validProduct(), organizationId: otherManufacturer.organization.id }),
    );
    expectProblem(response, 400, 'invalid');
    const incident = await postJson(
      orgUrl('/incidents'),
      token,
      JSON.stringify({ ...validIncident(), status: 'closed' }),
    );
    expectProblem(incident, 400, 'invalid');
    expect(await listItems('products')).toEqual([]);
    expect(await listItems('incidents')).toEqual([]);
  });

  it('refuses JSON with __proto__ or constructor.prototype keys with 400, never a 500', async () => {
    const payloads = [
      '{"name":"Proto pump","__proto__":{"isAdmin":true}}',
      '{"name":"Proto pump","description":{"__proto__":{"x":1}}}',
      '{"name":"Ctor pump","constructor":{"prototype":{"isAdmin":true}}}',
    ];
    for (const payload of payloads) {
      const response = await postJson(orgUrl('/products'), { ...editor }, payload);
      expectProblem(response, 400);
    }
    const signIn = await send(harness.app, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: `{"email":"${manufacturer.users.editor.email}","password":"x","__proto__":{"a":1}}`,
    });
    expectProblem(signIn, 400);
    expect(await listItems('products')).toEqual([]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('answers a body that is not JSON with 415 unsupported_media_type', async () => {
    for (const [contentType, payload] of [
      ['text/plain', JSON.stringify(validProduct())],
      ['application/x-www-form-urlencoded', 'name=Form+pump'],
      ['application/xml', '<product><name>XML pump</name></product>'],
    ] as const) {
      const response = await request({
        method: 'POST',
        url: orgUrl('/products'),
        headers: { ...editor, 'content-type': contentType },
        payload,
      });
      expectProblem(response, 415, 'unsupported_media_type');
    }
    expect(await listItems('products')).toEqual([]);
  });
});

describe('bad query strings', () => {
  it('refuses unknown query parameters on list routes', async () => {
    for (const url of [
      `${orgUrl('/products')}?sort=name`,
      `${orgUrl('/incidents')}?status=open`,
      `${orgUrl('/disclosures')}?limit=10&foo=bar`,
      '/api/v1/public/disclosures?organization=acme',
    ]) {
      const response = await request({ method: 'GET', url, headers: token });
      expectProblem(response, 400, 'invalid');
    }
  });

  it('refuses a limit that is not a whole number between 1 and 100', async () => {
    for (const limit of ['0', '-1', '101', '1000', 'abc', '2.5', '']) {
      for (const url of [orgUrl('/products'), '/api/v1/public/disclosures']) {
        const response = await request({ method: 'GET', url: `${url}?limit=${limit}`, headers: token });
        const body = expectProblem(response, 400, 'invalid');
        expect(
          body.errors?.map((e) => e.path),
          `limit=${limit}`,
        ).toContain('querystring.limit');
      }
    }
    // The bounds themselves are fine.
    for (const limit of ['1', '100']) {
      const response = await request({
        method: 'GET',
        url: `${orgUrl('/products')}?limit=${limit}`,
        headers: token,
      });
      expect(response.statusCode).toBe(200);
    }
  });

  it('refuses a garbage cursor with 400', async () => {
    const tooLong = 'A'.repeat(500);
    for (const cursor of ['garbage', '%00%01', Buffer.from('yesterday|x').toString('base64url'), tooLong]) {
      for (const url of [orgUrl('/products'), orgUrl('/incidents'), '/api/v1/public/disclosures']) {
        const response = await request({ method: 'GET', url: `${url}?cursor=${cursor}`, headers: token });
        expectProblem(response, 400, 'invalid');
      }
    }
  });
});

describe('bad and unknown ids', () => {
  it('refuses a non-UUID organisation id with 403 for a signed-in user (authorization runs first), 401 anonymously', async () => {
    // The access check runs before validation: the caller is no member of an organisation "not-a-uuid".
    for (const headers of [{ ...editor }, token]) {
      const response = await request({ method: 'GET', url: '/api/v1/orgs/not-a-uuid/products', headers });
      expectProblem(response, 403, 'forbidden');
    }
    const write = await postJson(
      '/api/v1/orgs/not-a-uuid/products',
      { ...editor },
      JSON.stringify(validProduct()),
    );
    expectProblem(write, 403, 'forbidden');
    const anonymous = await request({ method: 'GET', url: '/api/v1/orgs/not-a-uuid/products' });
    expectProblem(anonymous, 401, 'unauthenticated');
  });

  it('refuses a non-UUID id inside a valid organisation with 400 naming the parameter', async () => {
    for (const [path, param] of [
      ['/products/123', 'productId'],
      ['/incidents/abc', 'incidentId'],
      ['/disclosures/00000000-0000-0000-0000', 'disclosureId'],
    ] as const) {
      const response = await request({ method: 'GET', url: orgUrl(path), headers: { ...editor } });
      const body = expectProblem(response, 400, 'invalid');
      expect(body.errors?.map((e) => e.path)).toContain(`params.${param}`);
    }
    const publicOne = await request({ method: 'GET', url: '/api/v1/public/disclosures/123' });
    expectProblem(publicOne, 400, 'invalid');
    const revoke = await request({
      method: 'DELETE',
      url: orgUrl('/api-tokens/xyz'),
      headers: token,
    });
    expectProblem(revoke, 400, 'invalid');
  });

  it('answers unknown ids with 404', async () => {
    for (const path of [`/products/${newId()}`, `/incidents/${newId()}`, `/disclosures/${newId()}`]) {
      const response = await request({ method: 'GET', url: orgUrl(path), headers: token });
      expectProblem(response, 404, 'not_found');
    }
    const publicOne = await request({ method: 'GET', url: `/api/v1/public/disclosures/${newId()}` });
    expectProblem(publicOne, 404, 'not_found');
    const approve = await postJson(orgUrl(`/disclosures/${newId()}/approve`), token, '{}');
    expectProblem(approve, 404, 'not_found');
  });

  it('answers an unknown URL under /api with a 404 problem', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing-here'],
      ['GET', '/api/v2/orgs'],
      ['POST', '/api/v1/public/disclosures'],
      ['DELETE', orgUrl('/products')],
    ] as const) {
      const response = await request({ method, url, headers: token });
      const body = expectProblem(response, 404, 'not_found');
      expect(body).not.toHaveProperty('stack');
    }
  });
});

describe('refused writes leave nothing behind', () => {
  it('refuses an incident about another organisation’s product with 400 and writes no incident', async () => {
    const foreign = await postJson(
      orgUrl('/products', otherManufacturer.organization.id),
      { ...otherEditor },
      JSON.stringify(validProduct('Foreign pump')),
    );
    expect(foreign.statusCode).toBe(201);
    const foreignId = foreign.json().id as string;
    const actionsBefore = await auditActions();

    for (const productIds of [[foreignId], [newId()]]) {
      const response = await postJson(
        orgUrl('/incidents'),
        { ...editor },
        JSON.stringify({ ...validIncident(), productIds }),
      );
      const body = expectProblem(response, 400, 'invalid');
      expect(body.detail).toContain(productIds[0]);
    }
    expect(await listItems('incidents')).toEqual([]);
    expect(await auditActions()).toEqual(actionsBefore);
    // The other organisation's product is untouched and still only theirs.
    expect((await listItems('products')).map((p) => p.id)).not.toContain(foreignId);
  });

  it('refuses a disclosure draft for an unknown incident with 404 and writes nothing', async () => {
    const actionsBefore = await auditActions();
    const response = await postJson(
      orgUrl('/disclosures'),
      { ...editor },
      JSON.stringify({ incidentId: newId(), title: 'Advisory', summary: 'A summary', severity: 'high' }),
    );
    expectProblem(response, 404, 'not_found');
    expect(await listItems('disclosures')).toEqual([]);
    expect(await auditActions()).toEqual(actionsBefore);
  });

  it('refuses an incident detected in the future with 400 and writes nothing', async () => {
    const response = await postJson(
      orgUrl('/incidents'),
      token,
      JSON.stringify({
        title: 'From the future',
        detectedAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    );
    const body = expectProblem(response, 400, 'invalid');
    expect(body.detail).toMatch(/future/);
    expect(await listItems('incidents')).toEqual([]);
  });

  it('refuses a duplicate product name with 409 and keeps exactly one product', async () => {
    const product = validProduct('Dialysis controller');
    const first = await postJson(orgUrl('/products'), { ...editor }, JSON.stringify(product));
    expect(first.statusCode).toBe(201);
    const actionsBefore = await auditActions();

    const again = await postJson(orgUrl('/products'), token, JSON.stringify(product));
    expectProblem(again, 409, 'conflict');
    // Surrounding whitespace is trimmed, so this is the same name.
    const padded = await postJson(
      orgUrl('/products'),
      { ...editor },
      JSON.stringify({ name: `  ${product.name} ` }),
    );
    expectProblem(padded, 409, 'conflict');

    const products = await listItems('products');
    expect(products.map((p) => p.name)).toEqual([product.name]);
    expect(await auditActions()).toEqual(actionsBefore);
    // The same name in another organisation is no conflict.
    const elsewhere = await postJson(
      orgUrl('/products', otherManufacturer.organization.id),
      { ...otherEditor },
      JSON.stringify(product),
    );
    expect(elsewhere.statusCode).toBe(201);
  });
  // The name check and the insert can race on PostgreSQL; the unique constraint then decides, and the
  // loser must still get a 409, never a 500.
  it('refuses concurrent duplicate product names with 409 too, never a 500', async () => {
    const product = JSON.stringify(validProduct('Concurrent ventilator'));
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => postJson(orgUrl('/products'), token, product)),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of responses.filter((x) => x.statusCode === 409)) expectProblem(r, 409, 'conflict');
    expect((await listItems('products')).filter((p) => p.name === 'Concurrent ventilator')).toHaveLength(1);
  });
});

describe('body size limit', () => {
  let small: Harness;

  beforeAll(async () => {
    small = await createTestApp({ env: { CANDOR_BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(async () => small?.close());

  it('refuses a body over the limit with 413 payload_too_large and creates nothing', async () => {
    const { organization, users } = await createTestOrganization(small.deps, 'manufacturer');
    const session = await signInHeaders(small.app, users.editor.email);
    const url = `/api/v1/orgs/${organization.id}/products`;

    const response = await send(small.app, {
      method: 'POST',
      url,
      headers: { ...session, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Big pump', description: 'x'.repeat(10_000) }),
    });
    expectProblem(response, 413, 'payload_too_large');

    const list = await send(small.app, { method: 'GET', url, headers: { ...session } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([]);

    // Under the limit the same route works, so the 413 was about size.
    const fits = await send(small.app, {
      method: 'POST',
      url,
      headers: { ...session, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Small pump', description: 'x'.repeat(1_000) }),
    });
    expect(fits.statusCode).toBe(201);
  });
});

describe('text and paths the database or the router cannot take', () => {
  const cursor = (text: string) => Buffer.from(text).toString('base64url');

  it('refuses NUL characters in queries and bodies with 400, and writes nothing', async () => {
    expectProblem(await request({ url: '/api/v1/public/disclosures?manufacturer=%00' }), 400, 'invalid');
    expectProblem(await request({ url: '/api/v1/public/external-advisories?q=a%00b' }), 400, 'invalid');
    const before = (await request({ url: orgUrl('/products'), headers: { ...editor } })).json().items.length;
    expectProblem(
      await request({
        method: 'POST',
        url: orgUrl('/products'),
        headers: { ...editor },
        payload: { ...validProduct(), name: 'Pump\u0000' },
      }),
      400,
      'invalid',
    );
    expect((await request({ url: orgUrl('/products'), headers: { ...editor } })).json().items).toHaveLength(
      before,
    );
  });

  it('refuses cursors and dates the database cannot hold with 400', async () => {
    for (const bad of [
      cursor(`2024-01-01T00:00:00.000Z|${'-'.repeat(36)}`),
      cursor(`2024-01-01T00:00:00.000Z|${'a'.repeat(36)}`),
      cursor(`+275760-09-13T00:00:00.000Z|${newId()}`),
      cursor(`-000001-01-01T00:00:00.000Z|${newId()}`),
    ]) {
      expectProblem(await request({ url: `/api/v1/public/disclosures?cursor=${bad}` }), 400, 'invalid');
      expectProblem(await request({ url: `/api/v1/public/external-advisories?cursor=${bad}` }), 400);
    }
    for (const bound of ['from=0000-01-01', 'to=0000-01-01', 'from=0000-01-01T00:00:00Z'])
      expectProblem(await request({ url: `/api/v1/public/disclosures?${bound}` }), 400);
    // The last day the database holds, as an inclusive `to`.
    expect((await request({ url: '/api/v1/public/disclosures?to=9999-12-31' })).statusCode).toBe(200);
  });

  it('answers malformed and overlong paths in problem+json', async () => {
    expectProblem(await request({ url: '/.well-known/csaf/white/2026/%zz.json' }), 400, 'bad_url');
    expectProblem(
      await request({ url: `/api/v1/public/disclosures/${'a'.repeat(300)}` }),
      414,
      'uri_too_long',
    );
  });
});

describe('server errors', () => {
  it('gave no 5xx response anywhere in this file', () => {
    expect(seen.length).toBeGreaterThan(50);
    expect(seen.filter((s) => s.status >= 500)).toEqual([]);
  });
});
