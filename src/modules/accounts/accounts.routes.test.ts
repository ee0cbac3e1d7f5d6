import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, signInHeaders, testPassword } from '../../../test/factories/accounts.ts';
import { createTestApp } from '../../../test/support/test-deps.ts';
import { fixedClock } from '../../shared/clock.ts';

const clock = fixedClock(new Date('2026-11-29T12:00:00Z'));
let harness: Awaited<ReturnType<typeof createTestApp>>;
let acme: Awaited<ReturnType<typeof createTestOrganization>>;

beforeAll(async () => {
  harness = await createTestApp({ clock, env: { CANDOR_SESSION_TTL_HOURS: '2' } });
  acme = await createTestOrganization(harness.deps, 'manufacturer');
});
afterAll(async () => harness?.close());

function inject(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  headers: Record<string, string> = {},
  payload?: object,
) {
  return harness.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

describe('sign-in and sessions', () => {
  it('stores passwords as argon2id hashes', async () => {
    const rows = await harness.deps.db.execute(sql`SELECT password_hash FROM accounts_users`);
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const row of rows.rows)
      expect(String(row.password_hash)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('sets an HttpOnly, SameSite session cookie and returns memberships and a CSRF token', async () => {
    const response = await inject(
      'POST',
      '/api/v1/auth/sign-in',
      {},
      { email: acme.users.editor.email, password: testPassword },
    );
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'candor_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(new Date(String(cookie?.expires)).getTime()).toBe(clock.now().getTime() + 2 * 3_600_000);
    const body = response.json();
    expect(body.memberships).toEqual([{ organization: acme.organization, role: 'editor' }]);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only a hash of the session secret is stored.
    const stored = await harness.deps.db.execute(sql`SELECT token_hash FROM accounts_sessions`);
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(cookie?.value);
  });

  it('answers an unknown email and a wrong password alike', async () => {
    const wrongPassword = await inject(
      'POST',
      '/api/v1/auth/sign-in',
      {},
      { email: acme.users.admin.email, password: 'nope-nope-nope' },
    );
    const unknown = await inject(
      'POST',
      '/api/v1/auth/sign-in',
      {},
      { email: 'nobody@example.test', password: 'nope-nope-nope' },
    );
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrongPassword.json().detail).toBe(unknown.json().detail);
    expect(wrongPassword.cookies).toEqual([]);
  });

  it('describes the session, and ends it on sign-out', async () => {
    const session = await signInHeaders(harness.app, acme.users.viewer.email);
    const view = await inject('GET', '/api/v1/auth/session', { cookie: session.cookie });
    expect(view.statusCode).toBe(200);
    expect(view.json().user.email).toBe(acme.users.viewer.email);
    expect(view.json().csrfToken).toBe(session['x-csrf-token']);

    expect((await inject('POST', '/api/v1/auth/sign-out', { cookie: session.cookie })).statusCode).toBe(403);
    const signOut = await inject('POST', '/api/v1/auth/sign-out', { ...session });
    expect(signOut.statusCode).toBe(204);
    expect((await inject('GET', '/api/v1/auth/session', { cookie: session.cookie })).statusCode).toBe(401);
  });

  it('expires sessions after their lifetime', async () => {
    const session = await signInHeaders(harness.app, acme.users.viewer.email);
    const url = `/api/v1/orgs/${acme.organization.id}/products`;
    expect((await inject('GET', url, { cookie: session.cookie })).statusCode).toBe(200);
    clock.advance(2 * 3_600_000 + 1000);
    expect((await inject('GET', url, { cookie: session.cookie })).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, scoped to one organisation, revocable and expiring', async () => {
    const admin = await signInHeaders(harness.app, acme.users.admin.email);
    const base = `/api/v1/orgs/${acme.organization.id}`;
    const created = await inject(
      'POST',
      `${base}/api-tokens`,
      { ...admin },
      { name: 'CI', scopes: ['read'], expiresInDays: 1 },
    );
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^cdr_/);

    const listed = await inject('GET', `${base}/api-tokens`, { ...admin });
    expect(listed.json().items).toEqual([
      expect.objectContaining({ id, name: 'CI', scopes: ['read'], revokedAt: null }),
    ]);
    expect(listed.body).not.toContain(token);
    const stored = await harness.deps.db.execute(sql`SELECT token_hash FROM accounts_api_tokens`);
    expect(JSON.stringify(stored.rows)).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await inject('GET', `${base}/products`, bearer)).statusCode).toBe(200);
    expect((await inject('POST', `${base}/products`, bearer, { name: 'x' })).statusCode).toBe(403);
    expect(
      (await inject('GET', '/api/v1/public/disclosures', { authorization: 'Bearer cdr_bogus' })).statusCode,
    ).toBe(401);

    clock.advance(86_400_000 + 1000);
    expect((await inject('GET', `${base}/products`, bearer)).statusCode).toBe(401);

    const admin2 = await signInHeaders(harness.app, acme.users.admin.email);
    const second = (
      await inject('POST', `${base}/api-tokens`, { ...admin2 }, { name: 'Ops', scopes: ['read', 'write'] })
    ).json();
    const bearer2 = { authorization: `Bearer ${second.token}` };
    expect((await inject('POST', `${base}/products`, bearer2, { name: 'Made by token' })).statusCode).toBe(
      201,
    );
    expect((await inject('DELETE', `${base}/api-tokens/${second.id}`, { ...admin2 })).statusCode).toBe(204);
    expect((await inject('GET', `${base}/products`, bearer2)).statusCode).toBe(401);
  });

  it('records sign-ins and token changes in the audit log', async () => {
    const rows = await harness.deps.db.execute(sql`SELECT action FROM audit_events ORDER BY seq`);
    const actions = rows.rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'session.created',
        'session.revoked',
        'api_token.created',
        'api_token.revoked',
      ]),
    );
  });
});

describe('members', () => {
  it('lets an admin give an existing user a role', async () => {
    const other = await createTestOrganization(harness.deps, 'hdo');
    const admin = await signInHeaders(harness.app, acme.users.admin.email);
    const base = `/api/v1/orgs/${acme.organization.id}`;
    const put = await inject(
      'PUT',
      `${base}/members`,
      { ...admin },
      { email: other.users.viewer.email, role: 'viewer' },
    );
    expect(put.statusCode).toBe(204);
    const members = (await inject('GET', `${base}/members`, { ...admin })).json().items;
    expect(members.map((m: { user: { email: string } }) => m.user.email)).toContain(other.users.viewer.email);
    const unknown = await inject(
      'PUT',
      `${base}/members`,
      { ...admin },
      { email: 'ghost@example.test', role: 'viewer' },
    );
    expect(unknown.statusCode).toBe(404);
  });
});
