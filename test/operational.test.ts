import http from 'node:http';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCandor, startCandor } from '../src/main/start.ts';
import { newId } from '../src/shared/ids.ts';
import { createTestOrganization, testPassword } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';
import { testDatabaseEnv } from './support/test-env.ts';

/** Health, readiness, metrics, the API description, security headers, rate limits and shutdown. */

type Harness = Awaited<ReturnType<typeof createTestApp>>;

let harness: Harness;

beforeAll(async () => {
  harness = await createTestApp();
});
afterAll(async () => harness?.close());

function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    code,
  });
}

describe('health and readiness', () => {
  it('answers /healthz with 200 {status: ok}', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 when the database is reachable and migrated', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ready',
      checks: { database: 'reachable', migrations: 'current' },
    });
  });

  it('answers /readyz with 503 not_ready once the database is gone, while /healthz stays up', async () => {
    const broken = await createTestApp();
    try {
      const before = await broken.app.inject({ method: 'GET', url: '/readyz' });
      expect(before.statusCode).toBe(200);

      await broken.deps.database.close();
      const response = await broken.app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        status: 'not_ready',
        checks: { database: 'unreachable' },
      });
      // Liveness does not depend on the database: the process itself is fine.
      const live = await broken.app.inject({ method: 'GET', url: '/healthz' });
      expect(live.statusCode).toBe(200);
    } finally {
      await broken.app.close().catch(() => {});
      // The database is closed already; closing it again may throw, which is fine here.
      await broken.deps.close().catch(() => {});
    }
  });
});

describe('metrics', () => {
  it('counts requests by route pattern, never by raw URL', async () => {
    const productId = newId();
    const orgId = newId();
    const unknownPath = `/api/v1/${newId()}`;
    await harness.app.inject({ method: 'GET', url: '/healthz' });
    // Anonymous: refused with 401, still counted under its route pattern.
    const refused = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${orgId}/products/${productId}`,
    });
    expect(refused.statusCode).toBe(401);
    expect((await harness.app.inject({ method: 'GET', url: unknownPath })).statusCode).toBe(404);

    const response = await harness.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    expect(text).toContain('# TYPE candor_http_requests_total counter');
    expect(text).toMatch(/candor_http_requests_total\{[^}]*route="\/healthz"[^}]*status="200"[^}]*\} [1-9]/);
    expect(text).toMatch(
      /candor_http_requests_total\{[^}]*route="\/api\/v1\/orgs\/:orgId\/products\/:productId"[^}]*status="401"[^}]*\} [1-9]/,
    );
    expect(text).toContain('candor_http_request_duration_seconds_bucket');
    for (const raw of [productId, orgId, unknownPath]) expect(text).not.toContain(raw);
  });
});

describe('API description', () => {
  type Operation = {
    responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
    requestBody?: { content?: Record<string, { schema?: unknown }> };
  };
  let document: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes: Record<string, { type: string }> };
  };

  beforeAll(async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    document = response.json();
  });

  it('is OpenAPI 3.0.3 with the public and organisation paths', () => {
    expect(document.openapi).toBe('3.0.3');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/public/disclosures',
        '/api/v1/public/disclosures/{disclosureId}',
        '/api/v1/orgs/{orgId}/products',
        '/api/v1/orgs/{orgId}/products/{productId}',
      ]),
    );
    const products = document.paths['/api/v1/orgs/{orgId}/products'];
    expect(Object.keys(products ?? {})).toEqual(expect.arrayContaining(['get', 'post']));
    const bodySchema = products?.post?.requestBody?.content?.['application/json']?.schema as {
      type?: string;
      properties?: Record<string, unknown>;
      required?: string[];
    };
    expect(bodySchema).toBeDefined();
    expect(bodySchema.type).toBe('object');
    expect(Object.keys(bodySchema.properties ?? {})).toEqual(
      expect.arrayContaining(['name', 'description', 'modelNumbers']),
    );
    expect(bodySchema.required).toContain('name');
  });

  it('describes the responses of every operation under /api/v1', () => {
    const methods = ['get', 'put', 'post', 'patch', 'delete'];
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([method]) => methods.includes(method))
          .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
      );
    expect(operations.length).toBeGreaterThan(20);
    for (const { name, operation } of operations) {
      const responses = operation.responses ?? {};
      expect(Object.keys(responses).length, name).toBeGreaterThan(0);
      const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
      expect(success.length, `${name} has a 2xx response`).toBeGreaterThan(0);
      for (const [status, response] of success) {
        if (status === '204') continue;
        // JSON for most; downloads (SBOM exports, originals) describe their document types instead.
        const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
        expect(schemas.length > 0 && schemas.every(Boolean), `${name} ${status} schema`).toBe(true);
      }
      // Errors are described as problems too.
      expect(Object.keys(responses), name).toContain('400');
    }
  });

  it('declares the session cookie and bearer token security schemes', () => {
    expect(document.components.securitySchemes).toMatchObject({
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'candor_session' },
      bearerToken: { type: 'http', scheme: 'bearer' },
    });
    const listProducts = document.paths['/api/v1/orgs/{orgId}/products']?.get as { security?: unknown };
    expect(listProducts.security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
  });

  it('serves the API reference as HTML under /api/docs', async () => {
    let response = await harness.app.inject({ method: 'GET', url: '/api/docs' });
    for (let hops = 0; hops < 3 && response.statusCode >= 300 && response.statusCode < 400; hops++) {
      const location = String(response.headers.location);
      response = await harness.app.inject({
        method: 'GET',
        url: new URL(location, 'http://x/api/docs/').pathname,
      });
    }
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/<html/i);
    expect(response.body).toMatch(/swagger/i);
  });
});

describe('security headers', () => {
  function expectSecurityHeaders(response: LightMyRequestResponse) {
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toMatch(/^(DENY|SAMEORIGIN)$/);
    expect(response.headers['referrer-policy']).toBeTruthy();
  }

  it('are sent on public responses', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/v1/public/disclosures' });
    expect(response.statusCode).toBe(200);
    expectSecurityHeaders(response);
  });

  it('are sent on 401 refusals and 404s', async () => {
    const refused = await harness.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expectProblem(refused, 401, 'unauthenticated');
    expectSecurityHeaders(refused);
    const badToken = await harness.app.inject({
      method: 'GET',
      url: '/api/v1/public/disclosures',
      headers: { authorization: 'Bearer nope' },
    });
    expectProblem(badToken, 401, 'unauthenticated');
    expectSecurityHeaders(badToken);
    const missing = await harness.app.inject({ method: 'GET', url: '/api/v1/nowhere' });
    expectProblem(missing, 404, 'not_found');
    expectSecurityHeaders(missing);
  });
});

describe('request ids', () => {
  it('keeps a well-formed x-request-id for correlation and replaces anything else', async () => {
    const { users } = await createTestOrganization(harness.deps, 'manufacturer');
    const signIn = (requestId: string) =>
      harness.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { 'x-request-id': requestId },
        payload: { email: users.viewer.email, password: testPassword },
      });
    expect((await signIn('proxy-req-0001')).statusCode).toBe(200);
    expect((await signIn('bad id <script>alert(1)</script>')).statusCode).toBe(200);
    const rows = await harness.deps.db.execute(
      sql`SELECT request_id FROM audit_events WHERE action = 'session.created' ORDER BY seq DESC LIMIT 2`,
    );
    const [forged, kept] = rows.rows.map((r) => String(r.request_id));
    expect(kept).toBe('proxy-req-0001');
    expect(forged).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('sign-in rate limit', () => {
  let limited: Harness;

  beforeAll(async () => {
    limited = await createTestApp({ env: { CANDOR_AUTH_RATE_LIMIT: '3' } });
  });
  afterAll(async () => limited?.close());

  it('refuses the 4th attempt in the window with 429, even with the right password, counting in the database', async () => {
    const { users } = await createTestOrganization(limited.deps, 'manufacturer');
    const signIn = (password: string) =>
      limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: users.editor.email, password },
      });

    for (let attempt = 1; attempt <= 3; attempt++) {
      const response = await signIn('wrong password');
      expectProblem(response, 401, 'unauthenticated');
    }
    const fourth = await signIn('wrong password');
    expectProblem(fourth, 429, 'rate_limited');
    const retryAfter = Number(fourth.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const right = await signIn(testPassword);
    expectProblem(right, 429, 'rate_limited');
    expect(right.cookies.find((c) => c.name === 'candor_session')).toBeUndefined();

    const counted = await limited.deps.db.execute(sql`select count(*)::int as n from platform_rate_limits`);
    expect(Number(counted.rows[0]?.n)).toBeGreaterThanOrEqual(1);
    const top = await limited.deps.db.execute(sql`select max(count)::int as n from platform_rate_limits`);
    expect(Number(top.rows[0]?.n)).toBeGreaterThanOrEqual(5);

    // Other routes are not limited by the sign-in counter.
    expect((await limited.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('graceful shutdown', () => {
  let running: RunningCandor | undefined;
  let database: Awaited<ReturnType<typeof testDatabaseEnv>>;

  beforeAll(async () => {
    database = await testDatabaseEnv();
    running = await startCandor({
      env: { ...database.env, HOST: '127.0.0.1', LOG_LEVEL: 'silent', CANDOR_WEB_DIST: '/nonexistent' },
      port: 0,
    });
  });
  afterAll(async () => {
    await running?.close().catch(() => {});
    await database?.cleanup();
  });

  it('finishes a request in flight, resolves close(), then refuses new connections', async () => {
    const server = running!;
    const url = new URL(server.url);
    const body = JSON.stringify({ email: 'nobody@example.test', password: 'not the password' });
    const half = Math.floor(body.length / 2);

    // The server has parsed the request's headers (the request is in flight) when it emits 'request'.
    const received = new Promise<void>((resolve) => server.app.server.once('request', () => resolve()));
    const request = http.request({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: '/api/v1/auth/sign-in',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.on('error', reject);
      request.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      });
    });
    // Settled below; this only keeps a failure before that point from being reported twice.
    response.catch(() => {});
    try {
      request.write(body.slice(0, half));
      await received;

      let closeResolved = false;
      const closed = server.close().then(() => {
        closeResolved = true;
      });
      closed.catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 200));
      // close() waits for the request in flight, whose body is still incomplete.
      expect(closeResolved).toBe(false);
      request.end(body.slice(half));

      const answer = await response;
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 401, code: 'unauthenticated' });

      await closed;
      expect(closeResolved).toBe(true);

      const refused = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        const request = http.get(
          { host: url.hostname, port: url.port, path: '/healthz', agent: false },
          (res) => {
            res.resume();
            resolve(null);
          },
        );
        request.on('error', (error: NodeJS.ErrnoException) => resolve(error));
      });
      expect(refused?.code).toBe('ECONNREFUSED');
      running = undefined;
    } finally {
      // Never leave a half-sent request behind to hold the server open.
      request.destroy();
    }
  });
});
