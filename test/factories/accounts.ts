import {
  createApiToken,
  createOrganization,
  createUser,
  setMembership,
} from '../../src/modules/accounts/index.ts';
import type { Deps } from '../../src/platform/deps.ts';
import type { HttpApp } from '../../src/platform/http/build-http-app.ts';
import type { OrganizationKind, Role } from '../../src/shared/access.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { newId } from '../../src/shared/ids.ts';

export const testPassword = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
}

/** An organisation of `kind` with one user for each role. */
export async function createTestOrganization(deps: Deps, kind: OrganizationKind = 'manufacturer') {
  const slug = `org-${newId().slice(0, 8)}`;
  const organization = await createOrganization(deps, systemActor('test'), {
    slug,
    name: `Test ${slug}`,
    kind,
  });
  const users = {} as Record<Role, TestUser>;
  for (const role of ['admin', 'editor', 'viewer'] as const) {
    const user = await createUser(deps, systemActor('test'), {
      email: `${role}-${slug}@example.test`,
      name: `${role} of ${slug}`,
      password: testPassword,
    });
    await setMembership(deps, systemActor('test'), {
      organizationId: organization.id,
      email: user.email,
      role,
    });
    users[role] = user;
  }
  return { organization, users };
}

export async function createTestUserIn(
  deps: Deps,
  organizationId: string,
  role: Role,
  label = 'extra',
): Promise<TestUser> {
  const user = await createUser(deps, systemActor('test'), {
    email: `${label}-${newId().slice(0, 8)}@example.test`,
    name: label,
    password: testPassword,
  });
  await setMembership(deps, systemActor('test'), { organizationId, email: user.email, role });
  return user;
}

/** Headers of a signed-in browser: the session cookie and the CSRF token writes must echo. */
export interface SessionHeaders {
  cookie: string;
  'x-csrf-token': string;
}

export async function signInHeaders(
  app: HttpApp,
  email: string,
  password = testPassword,
): Promise<SessionHeaders> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'candor_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `candor_session=${cookie.value}`, 'x-csrf-token': response.json().csrfToken };
}

export async function apiTokenHeaders(
  deps: Deps,
  organizationId: string,
  userId: string,
  scopes: ('read' | 'write')[] = ['read', 'write'],
): Promise<{ authorization: string }> {
  const created = await createApiToken(deps, { kind: 'user', userId, via: 'session' }, organizationId, {
    name: 'test',
    scopes,
    expiresInDays: 30,
  });
  return { authorization: `Bearer ${created.token}` };
}

/**
 * An operator of the installation: the admin of an organisation whose slug the harness lists in
 * CANDOR_OPERATOR_ORGS (`candor-ops` by default), signed in.
 */
export async function signInOperator(deps: Deps, app: HttpApp, slug = 'candor-ops'): Promise<SessionHeaders> {
  const ops = await createOrganization(deps, systemActor('test'), {
    slug,
    name: 'Candor operations',
    kind: 'isao',
  });
  const user = await createUser(deps, systemActor('test'), {
    email: `ops-${newId().slice(0, 8)}@example.test`,
    name: 'Ops',
    password: testPassword,
  });
  await setMembership(deps, systemActor('test'), {
    organizationId: ops.id,
    email: user.email,
    role: 'admin',
  });
  return signInHeaders(app, user.email);
}
