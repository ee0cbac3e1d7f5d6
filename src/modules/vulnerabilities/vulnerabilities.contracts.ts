import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../../shared/contract-helpers.ts';

export const VulnerabilitySummarySchema = z.object({
  id: IdSchema,
  displayId: z.string(),
  ids: z.array(z.string()),
  summary: z.string().nullable(),
  cvssScore: z.number().nullable(),
  cvssVector: z.string().nullable(),
  kevDateAdded: z.string().nullable(),
  epss: z.number().nullable(),
  epssPercentile: z.number().nullable(),
  withdrawn: TimestampSchema.nullable(),
});
export type VulnerabilitySummary = z.infer<typeof VulnerabilitySummarySchema>;

export const vexStatusValues = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;
export const vexJustificationValues = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'vulnerable_code_not_in_execute_path',
  'inline_mitigations_already_exist',
] as const;

export const VexStatementViewSchema = z.object({
  status: z.enum(vexStatusValues),
  justification: z.enum(vexJustificationValues).nullable(),
  impactStatement: z.string().nullable(),
  actionStatement: z.string().nullable(),
  source: z.string(),
  updatedAt: TimestampSchema,
});

export const FindingSchema = z.object({
  id: IdSchema,
  productVersionId: IdSchema,
  vulnerability: VulnerabilitySummarySchema,
  component: z.object({
    name: z.string(),
    version: z.string().nullable(),
    purl: z.string().nullable(),
    cpe: z.string().nullable(),
  }),
  matchedBy: z.string(),
  confidence: z.enum(['high', 'medium', 'low']),
  reasons: z.array(
    z.object({
      advisory: z.string(),
      matchedBy: z.string(),
      confidence: z.string(),
      reasons: z.array(z.string()),
      fixedIn: z.string().nullable(),
    }),
  ),
  status: z.enum(['open', 'closed']),
  firstSeen: TimestampSchema,
  lastSeen: TimestampSchema,
  closedAt: TimestampSchema.nullable(),
  closeReason: z.string().nullable(),
  vex: VexStatementViewSchema.nullable(),
  /** True when a VEX statement says not_affected or fixed: shown, but not counted as exposure. */
  suppressedByVex: z.boolean(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const FindingFilterSchema = z.strictObject({
  status: z.enum(['open', 'closed', 'all']).default('open'),
});

export const PortfolioFindingSchema = FindingSchema.extend({
  product: z.object({ id: IdSchema, name: z.string(), slug: z.string() }),
  productVersion: z.object({ id: IdSchema, label: z.string() }),
});

export const WhereIsQuerySchema = z.strictObject({
  vulnerability: z
    .string()
    .trim()
    .min(3)
    .max(100)
    .regex(/^[A-Za-z0-9._:-]+$/, 'an id such as CVE-2022-39173 or GHSA-…'),
});

export const SetVexInputSchema = z
  .strictObject({
    status: z.enum(vexStatusValues),
    justification: z.enum(vexJustificationValues).nullable().default(null),
    impactStatement: z.string().trim().min(1).max(5000).nullable().default(null),
    actionStatement: z.string().trim().min(1).max(5000).nullable().default(null),
  })
  .refine((v) => v.status !== 'not_affected' || v.justification !== null || v.impactStatement !== null, {
    message:
      'not_affected needs a justification or an impact statement (CSAF, CycloneDX and OpenVEX require one)',
    path: ['justification'],
  })
  .refine((v) => v.status === 'not_affected' || v.justification === null, {
    message: 'a justification belongs only to not_affected',
    path: ['justification'],
  })
  .refine((v) => v.status !== 'affected' || v.actionStatement !== null, {
    message: 'affected needs an action statement: what users should do (CSAF 6.1.27.10, OpenVEX)',
    path: ['actionStatement'],
  });
export type SetVexInput = z.infer<typeof SetVexInputSchema>;

export const VexParamsSchema = z.strictObject({
  orgId: IdSchema,
  productId: IdSchema,
  versionId: IdSchema,
  vulnerability: z
    .string()
    .trim()
    .min(3)
    .max(100)
    .regex(/^[A-Za-z0-9._:-]+$/),
});

export const vexExportFormats = ['cyclonedx', 'openvex', 'csaf'] as const;
export const VexExportQuerySchema = z.strictObject({ format: z.enum(vexExportFormats).default('cyclonedx') });

export const VexImportResultSchema = z.object({
  format: z.string(),
  statements: z.number().int(),
  applied: z.number().int(),
  warnings: z.array(z.string()),
});

export const NotificationSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  title: z.string(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: TimestampSchema,
  readAt: TimestampSchema.nullable(),
});
