import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const devicesProducts = pgTable(
  'devices_products',
  {
    id: uuid().primaryKey(),
    organizationId: uuid().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    modelNumber: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('devices_products_organization_name_unique').on(t.organizationId, t.name),
    index('devices_products_organization_idx').on(t.organizationId),
  ],
);
