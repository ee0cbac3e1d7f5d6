import { inArray } from 'drizzle-orm';
import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { OrganizationKind, Role } from '../../../shared/access.ts';
import type { Actor } from '../../../shared/actor.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import type { CreateOrganizationInput, CreateUserInput, Organization } from '../accounts.contracts.ts';
import {
  countOrganizations,
  findOrganizationById,
  findOrganizationBySlug,
  findUserByEmail,
  insertOrganization,
  insertUser,
  listMembersOfOrganization,
  listOrganizationsOfKind,
  type OrganizationRow,
  toOrganizationKind,
  upsertMembership,
} from '../accounts.repository.ts';
import { accountsUsers } from '../accounts.tables.ts';
import { hashPassword } from '../password-hashing.ts';

export function toOrganization(row: OrganizationRow): Organization {
  return { id: row.id, slug: row.slug, name: row.name, kind: toOrganizationKind(row.kind) };
}

/** Creates an organisation; throws `conflict` when the slug is taken. */
export async function createOrganization(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  input: CreateOrganizationInput,
): Promise<Organization> {
  return withTransaction(deps.db, async (tx) => {
    if (await findOrganizationBySlug(tx, input.slug)) {
      throw new DomainError('conflict', `An organisation with the slug "${input.slug}" exists already.`);
    }
    const row = {
      id: newId(),
      slug: input.slug,
      name: input.name,
      kind: input.kind,
      createdAt: deps.clock.now(),
    };
    await insertOrganization(tx, row);
    const organization = toOrganization(row);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'organization.created',
      organizationId: row.id,
      entityType: 'organization',
      entityId: row.id,
      after: organization,
    });
    return organization;
  });
}

export async function getOrganization(deps: Pick<Deps, 'db'>, idOrSlug: string): Promise<Organization> {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  const row = isId
    ? await findOrganizationById(deps.db, idOrSlug)
    : await findOrganizationBySlug(deps.db, idOrSlug);
  if (!row) throw new DomainError('not_found', `No organisation "${idOrSlug}".`);
  return toOrganization(row);
}

/** Creates a user with an argon2id password hash; throws `conflict` when the email is taken. */
export async function createUser(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  input: CreateUserInput,
): Promise<{ id: string; email: string; name: string }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return withTransaction(deps.db, async (tx) => {
    if (await findUserByEmail(tx, email))
      throw new DomainError('conflict', `A user with the email ${email} exists already.`);
    const row = {
      id: newId(),
      email,
      name: input.name,
      passwordHash,
      createdAt: deps.clock.now(),
      disabledAt: null,
    };
    await insertUser(tx, row);
    const user = { id: row.id, email, name: row.name };
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'user.created',
      organizationId: null,
      entityType: 'user',
      entityId: row.id,
      after: user,
    });
    return user;
  });
}

/** Gives a user a role in an organisation (or changes it). */
export async function setMembership(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  input: { organizationId: string; email: string; role: Role },
): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const organization = await findOrganizationById(tx, input.organizationId);
    if (!organization) throw new DomainError('not_found', 'No such organisation.');
    const user = await findUserByEmail(tx, input.email);
    if (!user) throw new DomainError('not_found', `No user with the email ${input.email}.`);
    const before = (await listMembersOfOrganization(tx, organization.id)).find((m) => m.user.id === user.id);
    await upsertMembership(tx, {
      userId: user.id,
      organizationId: organization.id,
      role: input.role,
      createdAt: deps.clock.now(),
    });
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'membership.set',
      organizationId: organization.id,
      entityType: 'membership',
      entityId: `${organization.id}:${user.id}`,
      before: before ? { role: before.role } : null,
      after: { role: input.role },
    });
  });
}

export async function listMembers(deps: Pick<Deps, 'db'>, organizationId: string) {
  const rows = await listMembersOfOrganization(deps.db, organizationId);
  return rows.map((r) => ({
    user: { id: r.user.id, email: r.user.email, name: r.user.name },
    role: r.role as Role,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Whether any organisation exists (an empty installation gets demo data or a first admin). */
export async function hasAnyOrganization(deps: Pick<Deps, 'db'>): Promise<boolean> {
  return (await countOrganizations(deps.db)) > 0;
}

/**
 * The one organisation of a kind, for commands that may leave it implicit; throws `invalid` when there
 * are none or several (then the caller must name one).
 */
export async function getOnlyOrganizationOfKind(
  deps: Pick<Deps, 'db'>,
  kind: OrganizationKind,
): Promise<Organization> {
  const rows = await listOrganizationsOfKind(deps.db, kind, 2);
  if (rows.length !== 1) {
    throw new DomainError(
      'invalid',
      `There are ${rows.length === 0 ? 'no' : 'several'} ${kind} organisations: name one with --org.`,
    );
  }
  return toOrganization(rows[0] as OrganizationRow);
}

/** Display names of users (who decided, who approved), for showing beside records of their organisation. */
export async function userNamesById(deps: Pick<Deps, 'db'>, userIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await deps.db
    .select({ id: accountsUsers.id, name: accountsUsers.name })
    .from(accountsUsers)
    .where(inArray(accountsUsers.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
