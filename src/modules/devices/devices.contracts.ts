import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../../shared/contract-helpers.ts';

const DateSchema = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, 'lowercase letters, digits and inner hyphens, at most 80');
const MarketSchema = z.string().regex(/^(?:[A-Z]{2}|EU)$/, 'an ISO 3166 alpha-2 code or EU');

export const ProductSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  modelNumbers: z.array(z.string()),
  deviceClass: z.string().nullable(),
  udiDi: z.string().nullable(),
  intendedUse: z.string(),
  markets: z.array(z.string()),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Product = z.infer<typeof ProductSchema>;

const productFields = {
  name: z.string().trim().min(1).max(200),
  slug: SlugSchema,
  description: z.string().max(10_000),
  modelNumbers: z.array(z.string().trim().min(1).max(100)).max(50),
  deviceClass: z.string().trim().min(1).max(50).nullable(),
  udiDi: z.string().trim().min(1).max(100).nullable(),
  intendedUse: z.string().max(10_000),
  markets: z.array(MarketSchema).max(100),
};

export const CreateProductInputSchema = z.strictObject({
  name: productFields.name,
  slug: productFields.slug.optional(),
  description: productFields.description.default(''),
  modelNumbers: productFields.modelNumbers.default([]),
  deviceClass: productFields.deviceClass.default(null),
  udiDi: productFields.udiDi.default(null),
  intendedUse: productFields.intendedUse.default(''),
  markets: productFields.markets.default([]),
});
export type CreateProductInput = z.infer<typeof CreateProductInputSchema>;

export const UpdateProductInputSchema = z
  .strictObject(productFields)
  .partial()
  .refine((input) => Object.keys(input).length > 0, 'Send at least one field to change.');
export type UpdateProductInput = z.infer<typeof UpdateProductInputSchema>;

export const ProductParamsSchema = z.strictObject({ orgId: IdSchema, productId: IdSchema });

export const supportPhases = ['development', 'supported', 'security-updates-only', 'end-of-support'] as const;

export const ProductVersionSchema = z.object({
  id: IdSchema,
  productId: IdSchema,
  label: z.string(),
  releasedOn: z.string().nullable(),
  supportPhase: z.enum(supportPhases),
  endOfSupportOn: z.string().nullable(),
  /** Units of this version in the field (the manufacturer's estimate); null when unknown. */
  unitsInField: z.number().int().nullable(),
  componentCount: z.number().int(),
  latestSbom: z.object({ id: IdSchema, format: z.string(), createdAt: TimestampSchema }).nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type ProductVersion = z.infer<typeof ProductVersionSchema>;

export const CreateProductVersionInputSchema = z.strictObject({
  label: z.string().trim().min(1).max(100),
  releasedOn: DateSchema.nullable().default(null),
  supportPhase: z.enum(supportPhases).default('supported'),
  endOfSupportOn: DateSchema.nullable().default(null),
  unitsInField: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
});
/** What the service takes: as the schema yields it, with `unitsInField` optional for internal callers. */
export type CreateProductVersionInput = Omit<
  z.infer<typeof CreateProductVersionInputSchema>,
  'unitsInField'
> & {
  unitsInField?: number | null;
};

/** Only the fields sent change; null clears a date or the units in field. */
export const UpdateProductVersionInputSchema = z.strictObject({
  releasedOn: DateSchema.nullable().optional(),
  supportPhase: z.enum(supportPhases).optional(),
  endOfSupportOn: DateSchema.nullable().optional(),
  unitsInField: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
});
export type UpdateProductVersionInput = z.infer<typeof UpdateProductVersionInputSchema>;

export const ProductVersionParamsSchema = z.strictObject({
  orgId: IdSchema,
  productId: IdSchema,
  versionId: IdSchema,
});

export const SbomIssueSchema = z.object({ path: z.string(), message: z.string() });

export const SbomDocumentSchema = z.object({
  id: IdSchema,
  productVersionId: IdSchema,
  format: z.string(),
  specVersion: z.string(),
  author: z.string().nullable(),
  documentCreatedAt: TimestampSchema.nullable(),
  sha256: z.string(),
  byteSize: z.number().int(),
  componentCount: z.number().int(),
  warnings: z.array(SbomIssueSchema),
  skipped: z.array(SbomIssueSchema),
  createdAt: TimestampSchema,
});
export type SbomDocument = z.infer<typeof SbomDocumentSchema>;

/** What an import understood: the CLI's `--json` prints `components`, `skipped` and `warnings`. */
export const SbomImportResultSchema = z.object({
  sbom: SbomDocumentSchema,
  alreadyImported: z.boolean(),
  components: z.number().int(),
  skipped: z.number().int(),
  warnings: z.array(SbomIssueSchema),
});
export type SbomImportResult = z.infer<typeof SbomImportResultSchema>;

export const ComponentSchema = z.object({
  id: IdSchema,
  ref: z.string(),
  name: z.string(),
  version: z.string().nullable(),
  supplier: z.string().nullable(),
  type: z.string().nullable(),
  purl: z.string().nullable(),
  cpe: z.string().nullable(),
  swidTagId: z.string().nullable(),
  hashes: z.array(z.object({ algorithm: z.string(), value: z.string() })),
  licenseExpression: z.string().nullable(),
  sourcePath: z.string(),
  identityHint: z
    .object({ vendor: z.string().nullable(), product: z.string(), confidence: z.literal('low') })
    .nullable(),
});
export type Component = z.infer<typeof ComponentSchema>;

export const PortfolioComponentSchema = ComponentSchema.extend({
  product: z.object({ id: IdSchema, name: z.string(), slug: z.string() }),
  productVersion: z.object({ id: IdSchema, label: z.string() }),
});
export type PortfolioComponent = z.infer<typeof PortfolioComponentSchema>;

export const ComponentFilterSchema = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  /** A version constraint such as `<3.0.14`, `>=1.2 <2`, `=1.0.0`. */
  version: z.string().trim().min(1).max(100).optional(),
  purlType: z
    .string()
    .regex(/^[a-z0-9.+-]{1,32}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
export type ComponentFilter = z.infer<typeof ComponentFilterSchema>;

export const PortfolioComponentFilterSchema = ComponentFilterSchema.extend({
  productId: IdSchema.optional(),
});
export type PortfolioComponentFilter = z.infer<typeof PortfolioComponentFilterSchema>;

export const VersionDiffQuerySchema = z.strictObject({ from: IdSchema, to: IdSchema });
export const VersionDiffSchema = z.object({
  from: z.object({ id: IdSchema, label: z.string() }),
  to: z.object({ id: IdSchema, label: z.string() }),
  added: z.array(ComponentSchema),
  removed: z.array(ComponentSchema),
  changed: z.array(
    z.object({
      from: ComponentSchema,
      to: ComponentSchema,
      direction: z.enum(['upgrade', 'downgrade', 'changed']),
    }),
  ),
  unchanged: z.number().int(),
});
export type VersionDiff = z.infer<typeof VersionDiffSchema>;

export const sbomExportFormats = ['cyclonedx-json', 'cyclonedx-xml', 'spdx-json'] as const;
export const SbomExportQuerySchema = z.strictObject({
  format: z.enum(sbomExportFormats).default('cyclonedx-json'),
});
