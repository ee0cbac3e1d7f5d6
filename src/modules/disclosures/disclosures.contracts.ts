import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../../shared/contract-helpers.ts';

export const severities = ['none', 'low', 'medium', 'high', 'critical'] as const;
export const disclosureStatuses = ['draft', 'approved', 'published'] as const;
export const SeveritySchema = z.enum(severities);

/** The organisation's own view, drafts included. */
export const DisclosureSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  incidentId: IdSchema.nullable(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  severity: SeveritySchema,
  productIds: z.array(IdSchema),
  status: z.enum(disclosureStatuses),
  revision: z.number().int(),
  authorUserId: IdSchema.nullable(),
  approvedByUserId: IdSchema.nullable(),
  approvedAt: TimestampSchema.nullable(),
  publishedAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Disclosure = z.infer<typeof DisclosureSchema>;

const disclosureFields = {
  title: z.string().trim().min(1).max(300),
  summary: z.string().trim().min(1).max(2_000),
  body: z.string().max(100_000),
  severity: SeveritySchema,
  productIds: z.array(IdSchema).max(100),
};

export const DraftDisclosureInputSchema = z.strictObject({
  incidentId: IdSchema.nullable().default(null),
  ...disclosureFields,
  body: disclosureFields.body.default(''),
  productIds: disclosureFields.productIds.default([]),
});
export type DraftDisclosureInput = z.infer<typeof DraftDisclosureInputSchema>;

/** Only the fields sent change (no defaults here: an absent field keeps its value). */
export const UpdateDisclosureInputSchema = z
  .strictObject(disclosureFields)
  .partial()
  .refine((input) => Object.keys(input).length > 0, 'Send at least one field to change.');
export type UpdateDisclosureInput = z.infer<typeof UpdateDisclosureInputSchema>;

export const DisclosureParamsSchema = z.strictObject({ orgId: IdSchema, disclosureId: IdSchema });

/** What the public sees: only published disclosures, with the publisher and product names. */
export const PublicDisclosureSchema = z.object({
  id: IdSchema,
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  severity: SeveritySchema,
  publisher: z.object({ name: z.string(), slug: z.string() }),
  products: z.array(z.object({ id: IdSchema, name: z.string() })),
  revision: z.number().int(),
  publishedAt: TimestampSchema,
  url: z.string(),
});
export type PublicDisclosure = z.infer<typeof PublicDisclosureSchema>;
export const PublicDisclosureParamsSchema = z.strictObject({ disclosureId: IdSchema });
