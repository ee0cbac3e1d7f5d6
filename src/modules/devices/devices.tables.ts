import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const devicesProducts = pgTable(
  'devices_products',
  {
    id: uuid().primaryKey(),
    organizationId: uuid().notNull(),
    name: text().notNull(),
    /** URL- and CLI-friendly name, unique in the organisation. */
    slug: text().notNull(),
    description: text().notNull().default(''),
    modelNumbers: text().array().notNull().default(sql`'{}'::text[]`),
    /** Regulatory class as the manufacturer states it (FDA I/II/III, EU MDR I/IIa/IIb/III). */
    deviceClass: text(),
    /** GS1/HIBCC/ICCBBA device identifier (UDI-DI), where known. */
    udiDi: text(),
    intendedUse: text().notNull().default(''),
    /** Markets as ISO 3166 alpha-2 codes, or 'EU'. */
    markets: text().array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('devices_products_organization_name_unique').on(t.organizationId, t.name),
    unique('devices_products_organization_slug_unique').on(t.organizationId, t.slug),
    index('devices_products_organization_idx').on(t.organizationId),
  ],
);

export const devicesProductVersions = pgTable(
  'devices_product_versions',
  {
    id: uuid().primaryKey(),
    organizationId: uuid().notNull(),
    productId: uuid()
      .notNull()
      .references(() => devicesProducts.id),
    label: text().notNull(),
    releasedOn: date({ mode: 'string' }),
    supportPhase: text().notNull(),
    endOfSupportOn: date({ mode: 'string' }),
    /** Units of this version in the field, as the manufacturer estimates them (fleet exposure); null: unknown. */
    unitsInField: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('devices_product_versions_product_label_unique').on(t.productId, t.label),
    index('devices_product_versions_organization_idx').on(t.organizationId),
    check(
      'devices_product_versions_support_phase_check',
      sql`${t.supportPhase} in ('development','supported','security-updates-only','end-of-support')`,
    ),
  ],
);

/** Every SBOM document as uploaded: original bytes, hash, what the import understood. */
export const devicesSboms = pgTable(
  'devices_sboms',
  {
    id: uuid().primaryKey(),
    organizationId: uuid().notNull(),
    productVersionId: uuid()
      .notNull()
      .references(() => devicesProductVersions.id),
    format: text().notNull(),
    specVersion: text().notNull(),
    author: text(),
    documentCreatedAt: timestamp({ withTimezone: true }),
    sha256: text().notNull(),
    byteSize: bigint({ mode: 'number' }).notNull(),
    original: bytea().notNull(),
    componentCount: integer().notNull(),
    warnings: jsonb().notNull(),
    skipped: jsonb().notNull(),
    uploadedByUserId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('devices_sboms_version_sha256_unique').on(t.productVersionId, t.sha256),
    index('devices_sboms_organization_idx').on(t.organizationId),
  ],
);

/** The current components of a product version: those of its newest SBOM. */
export const devicesComponents = pgTable(
  'devices_components',
  {
    id: uuid().primaryKey(),
    organizationId: uuid().notNull(),
    productVersionId: uuid()
      .notNull()
      .references(() => devicesProductVersions.id),
    sbomId: uuid()
      .notNull()
      .references(() => devicesSboms.id),
    ref: text().notNull(),
    name: text().notNull(),
    version: text(),
    supplier: text(),
    type: text(),
    purl: text(),
    /** purl type and name, lower-cased, for portfolio search and (later) matching. */
    purlType: text(),
    purlName: text(),
    cpe: text(),
    /** CPE vendor and product, unescaped and lower-cased, for matching lookups. */
    cpeVendor: text(),
    cpeProduct: text(),
    swidTagId: text(),
    hashes: jsonb().notNull(),
    licenseExpression: text(),
    sourcePath: text().notNull(),
    identityHint: jsonb(),
  },
  (t) => [
    index('devices_components_version_idx').on(t.productVersionId),
    index('devices_components_organization_name_idx').on(t.organizationId, sql`lower(${t.name})`),
    index('devices_components_purl_idx').on(t.organizationId, t.purlType, t.purlName),
    index('devices_components_cpe_idx').on(t.cpeVendor, t.cpeProduct),
    index('devices_components_purl_lookup_idx').on(t.purlType, t.purlName),
  ],
);

export const devicesComponentDependencies = pgTable(
  'devices_component_dependencies',
  {
    productVersionId: uuid()
      .notNull()
      .references(() => devicesProductVersions.id),
    sbomId: uuid()
      .notNull()
      .references(() => devicesSboms.id),
    fromRef: text().notNull(),
    toRef: text().notNull(),
  },
  (t) => [index('devices_component_dependencies_version_idx').on(t.productVersionId)],
);
