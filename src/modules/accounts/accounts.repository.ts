import { and, asc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { OrganizationKind, Role } from '../../shared/access.ts';
import {
  accountsApiTokens,
  accountsMemberships,
  accountsOrganizations,
  accountsSessions,
  accountsUsers,
} from './accounts.tables.ts';

export type OrganizationRow = typeof accountsOrganizations.$inferSelect;
export type UserRow = typeof accountsUsers.$inferSelect;
export type ApiTokenRow = typeof accountsApiTokens.$inferSelect;

export async function insertOrganization(db: DbOrTx, row: OrganizationRow): Promise<void> {
  await db.insert(accountsOrganizations).values(row);
}

export async function findOrganizationById(db: DbOrTx, id: string): Promise<OrganizationRow | null> {
  const rows = await db.select().from(accountsOrganizations).where(eq(accountsOrganizations.id, id));
  return rows[0] ?? null;
}

export async function findOrganizationBySlug(db: DbOrTx, slug: string): Promise<OrganizationRow | null> {
  const rows = await db.select().from(accountsOrganizations).where(eq(accountsOrganizations.slug, slug));
  return rows[0] ?? null;
}

export async function listOrganizationsByIds(db: DbOrTx, ids: string[]): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(accountsOrganizations).where(inArray(accountsOrganizations.id, ids));
}

export async function countOrganizations(db: DbOrTx): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(accountsOrganizations);
  return Number(rows[0]?.n ?? 0);
}

export async function insertUser(db: DbOrTx, row: UserRow): Promise<void> {
  await db.insert(accountsUsers).values(row);
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | null> {
  const rows = await db.select().from(accountsUsers).where(eq(accountsUsers.email, email.toLowerCase()));
  return rows[0] ?? null;
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | null> {
  const rows = await db.select().from(accountsUsers).where(eq(accountsUsers.id, id));
  return rows[0] ?? null;
}

export async function upsertMembership(
  db: DbOrTx,
  row: { userId: string; organizationId: string; role: Role; createdAt: Date },
): Promise<void> {
  await db
    .insert(accountsMemberships)
    .values(row)
    .onConflictDoUpdate({
      target: [accountsMemberships.userId, accountsMemberships.organizationId],
      set: { role: row.role },
    });
}

export interface MembershipWithOrganization {
  organization: OrganizationRow;
  role: Role;
}

export async function listMembershipsOfUser(
  db: DbOrTx,
  userId: string,
): Promise<MembershipWithOrganization[]> {
  const rows = await db
    .select({ organization: accountsOrganizations, role: accountsMemberships.role })
    .from(accountsMemberships)
    .innerJoin(accountsOrganizations, eq(accountsOrganizations.id, accountsMemberships.organizationId))
    .where(eq(accountsMemberships.userId, userId))
    .orderBy(asc(accountsOrganizations.name));
  return rows.map((r) => ({ organization: r.organization, role: r.role as Role }));
}

export async function listMembersOfOrganization(db: DbOrTx, organizationId: string) {
  return db
    .select({ user: accountsUsers, role: accountsMemberships.role, createdAt: accountsMemberships.createdAt })
    .from(accountsMemberships)
    .innerJoin(accountsUsers, eq(accountsUsers.id, accountsMemberships.userId))
    .where(eq(accountsMemberships.organizationId, organizationId))
    .orderBy(asc(accountsUsers.email));
}

export async function insertSession(
  db: DbOrTx,
  row: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.insert(accountsSessions).values(row);
}

export async function findLiveSession(db: DbOrTx, tokenHash: string, now: Date) {
  const rows = await db
    .select()
    .from(accountsSessions)
    .where(
      and(
        eq(accountsSessions.tokenHash, tokenHash),
        isNull(accountsSessions.revokedAt),
        gt(accountsSessions.expiresAt, now),
      ),
    );
  return rows[0] ?? null;
}

export async function revokeSession(db: DbOrTx, tokenHash: string, now: Date): Promise<void> {
  await db.update(accountsSessions).set({ revokedAt: now }).where(eq(accountsSessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: DbOrTx, before: Date): Promise<number> {
  const rows = await db
    .delete(accountsSessions)
    .where(lt(accountsSessions.expiresAt, before))
    .returning({ tokenHash: accountsSessions.tokenHash });
  return rows.length;
}

export async function insertApiToken(db: DbOrTx, row: ApiTokenRow): Promise<void> {
  await db.insert(accountsApiTokens).values(row);
}

export async function findLiveApiToken(
  db: DbOrTx,
  tokenHash: string,
  now: Date,
): Promise<ApiTokenRow | null> {
  const rows = await db
    .select()
    .from(accountsApiTokens)
    .where(
      and(
        eq(accountsApiTokens.tokenHash, tokenHash),
        isNull(accountsApiTokens.revokedAt),
        gt(accountsApiTokens.expiresAt, now),
      ),
    );
  return rows[0] ?? null;
}

export async function findApiToken(
  db: DbOrTx,
  organizationId: string,
  id: string,
): Promise<ApiTokenRow | null> {
  const rows = await db
    .select()
    .from(accountsApiTokens)
    .where(and(eq(accountsApiTokens.id, id), eq(accountsApiTokens.organizationId, organizationId)));
  return rows[0] ?? null;
}

export async function listApiTokensOfOrganization(
  db: DbOrTx,
  organizationId: string,
): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(accountsApiTokens)
    .where(eq(accountsApiTokens.organizationId, organizationId))
    .orderBy(asc(accountsApiTokens.createdAt));
}

export async function revokeApiToken(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db.update(accountsApiTokens).set({ revokedAt: now }).where(eq(accountsApiTokens.id, id));
}

export async function touchApiToken(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db.update(accountsApiTokens).set({ lastUsedAt: now }).where(eq(accountsApiTokens.id, id));
}

export function toOrganizationKind(kind: string): OrganizationKind {
  return kind as OrganizationKind;
}

export async function listOrganizationsOfKind(
  db: DbOrTx,
  kind: string,
  limit: number,
): Promise<OrganizationRow[]> {
  return db
    .select()
    .from(accountsOrganizations)
    .where(eq(accountsOrganizations.kind, kind))
    .orderBy(asc(accountsOrganizations.slug))
    .limit(limit);
}
