import { createHash, timingSafeEqual } from 'node:crypto';
import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Principal } from '../../../shared/access.ts';
import type { Actor } from '../../../shared/actor.ts';
import { sha256Hex } from '../../../shared/canonical-json.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newSecret } from '../../../shared/ids.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import type { SessionView, SignInInput } from '../accounts.contracts.ts';
import {
  findLiveApiToken,
  findLiveSession,
  findUserByEmail,
  findUserById,
  insertSession,
  listMembershipsOfUser,
  revokeSession,
  toOrganizationKind,
  touchApiToken,
} from '../accounts.repository.ts';
import { dummyPasswordHash, verifyPassword } from '../password-hashing.ts';
import { toOrganization } from './organizations-and-users.ts';

/**
 * The CSRF token is derived from the session secret, so it needs no storage and only a holder of the
 * HttpOnly cookie's value (the server) can compute it; pages read it from the sign-in response.
 */
export function csrfTokenFor(sessionSecret: string): string {
  return createHash('sha256').update(`csrf:${sessionSecret}`).digest('base64url');
}

export function isSameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks the password and opens a session. Throws `unauthenticated` with one message for an unknown
 * email, a wrong password or a disabled user, so the answer does not tell which.
 */
export async function signIn(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  input: SignInInput,
  requestId?: string,
): Promise<{ sessionSecret: string; view: SessionView }> {
  const user = await findUserByEmail(deps.db, input.email.trim().toLowerCase());
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !passwordOk || user.disabledAt) {
    throw new DomainError('unauthenticated', 'The email or password is not correct.');
  }
  const sessionSecret = newSecret('cs_');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.sessionTtlMs);
  await withTransaction(deps.db, async (tx) => {
    await insertSession(tx, {
      tokenHash: sha256Hex(sessionSecret),
      userId: user.id,
      createdAt: now,
      expiresAt,
    });
    const actor: Actor = {
      kind: 'user',
      userId: user.id,
      via: 'session',
      ...(requestId ? { requestId } : {}),
    };
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'session.created',
      organizationId: null,
      entityType: 'user',
      entityId: user.id,
    });
  });
  return { sessionSecret, view: await buildSessionView(deps, user.id, sessionSecret, expiresAt) };
}

export async function signOut(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  sessionSecret: string,
): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    await revokeSession(tx, sha256Hex(sessionSecret), deps.clock.now());
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'session.revoked',
      organizationId: null,
      entityType: 'user',
      entityId: actor.kind === 'user' ? actor.userId : 'system',
    });
  });
}

export async function buildSessionView(
  deps: Pick<Deps, 'db'>,
  userId: string,
  sessionSecret: string,
  expiresAt: Date,
): Promise<SessionView> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw new DomainError('unauthenticated', 'The session has ended.');
  const memberships = await listMembershipsOfUser(deps.db, userId);
  return {
    user: { id: user.id, email: user.email, name: user.name },
    memberships: memberships.map((m) => ({ organization: toOrganization(m.organization), role: m.role })),
    csrfToken: csrfTokenFor(sessionSecret),
    expiresAt: expiresAt.toISOString(),
  };
}

async function principalFor(
  deps: Pick<Deps, 'db'>,
  userId: string,
): Promise<Pick<Principal, 'userId' | 'memberships'> | null> {
  const user = await findUserById(deps.db, userId);
  if (!user || user.disabledAt) return null;
  const memberships = await listMembershipsOfUser(deps.db, userId);
  return {
    userId,
    memberships: memberships.map((m) => ({
      organizationId: m.organization.id,
      organizationSlug: m.organization.slug,
      organizationKind: toOrganizationKind(m.organization.kind),
      role: m.role,
    })),
  };
}

/** The caller behind a session cookie, or null when it is unknown, revoked or expired. */
export async function resolveSession(
  deps: Pick<Deps, 'db' | 'clock'>,
  sessionSecret: string,
): Promise<Principal | null> {
  const session = await findLiveSession(deps.db, sha256Hex(sessionSecret), deps.clock.now());
  if (!session) return null;
  const base = await principalFor(deps, session.userId);
  if (!base) return null;
  return {
    ...base,
    via: 'session',
    csrfToken: csrfTokenFor(sessionSecret),
    sessionExpiresAt: session.expiresAt,
  };
}

/** The caller behind an API token, or null when it is unknown, revoked or expired. */
export async function resolveApiToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  token: string,
): Promise<Principal | null> {
  const now = deps.clock.now();
  const row = await findLiveApiToken(deps.db, sha256Hex(token), now);
  if (!row) return null;
  const base = await principalFor(deps, row.userId);
  if (!base) return null;
  // Last use to the minute is enough, and spares a write on every request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    await touchApiToken(deps.db, row.id, now);
  return {
    ...base,
    via: 'token',
    token: { id: row.id, organizationId: row.organizationId, scopes: row.scopes },
  };
}
