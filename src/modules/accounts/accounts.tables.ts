import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const accountsOrganizations = pgTable(
  'accounts_organizations',
  {
    id: uuid().primaryKey(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    kind: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      'accounts_organizations_kind_check',
      sql`${t.kind} in ('manufacturer','hdo','regulator','researcher','isao')`,
    ),
  ],
);

export const accountsUsers = pgTable('accounts_users', {
  id: uuid().primaryKey(),
  email: text().notNull().unique(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  disabledAt: timestamp({ withTimezone: true }),
});

export const accountsMemberships = pgTable(
  'accounts_memberships',
  {
    userId: uuid()
      .notNull()
      .references(() => accountsUsers.id),
    organizationId: uuid()
      .notNull()
      .references(() => accountsOrganizations.id),
    role: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.organizationId] }),
    index('accounts_memberships_organization_idx').on(t.organizationId),
    check('accounts_memberships_role_check', sql`${t.role} in ('viewer','editor','admin')`),
  ],
);

/** Web sessions. Only the SHA-256 of the cookie value is stored, so a database leak yields no sessions. */
export const accountsSessions = pgTable(
  'accounts_sessions',
  {
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => accountsUsers.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('accounts_sessions_user_idx').on(t.userId)],
);

/** API tokens act for one user inside one organisation, with scopes; shown once, stored hashed. */
export const accountsApiTokens = pgTable(
  'accounts_api_tokens',
  {
    id: uuid().primaryKey(),
    organizationId: uuid()
      .notNull()
      .references(() => accountsOrganizations.id),
    userId: uuid()
      .notNull()
      .references(() => accountsUsers.id),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    displayPrefix: text().notNull(),
    scopes: text().array().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('accounts_api_tokens_organization_idx').on(t.organizationId)],
);
