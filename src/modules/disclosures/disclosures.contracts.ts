import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../../shared/contract-helpers.ts';

export const severities = ['none', 'low', 'medium', 'high', 'critical'] as const;
export const disclosureStatuses = ['draft', 'approved', 'published', 'withdrawn'] as const;
export const disclosureKinds = ['advisory', 'incident_notice'] as const;
/** TLP 2.0 labels a record may carry. TLP:RED is never published through a provider (docs/decisions). */
export const tlpLabels = ['CLEAR', 'GREEN', 'AMBER'] as const;
export const customerTlpLabels = ['GREEN', 'AMBER'] as const;
export const productStatuses = [
  'known_affected',
  'fixed',
  'known_not_affected',
  'under_investigation',
] as const;
/** CSAF 2.0 VEX justification flags (§3.2.3.5). */
export const vexJustifications = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'vulnerable_code_not_in_execute_path',
  'inline_mitigations_already_exist',
] as const;
export const remediationCategories = [
  'vendor_fix',
  'workaround',
  'mitigation',
  'none_available',
  'no_fix_planned',
] as const;

export const SeveritySchema = z.enum(severities);
export const TlpSchema = z.enum(tlpLabels);
export const DisclosureKindSchema = z.enum(disclosureKinds);

const text = (max: number) => z.string().trim().max(max);
const HttpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2_000);
export const CveIdSchema = z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'must look like CVE-2024-12345');

/** One product version's status for a vulnerability; not-affected needs a justification (VEX). */
export const ProductStatusEntrySchema = z
  .strictObject({
    productVersionId: IdSchema,
    status: z.enum(productStatuses),
    justification: z.enum(vexJustifications).nullable().default(null),
    /** Why not affected, in words (CSAF threat of category impact). */
    impact: text(2_000).default(''),
  })
  .refine((s) => s.status !== 'known_not_affected' || s.justification !== null || s.impact !== '', {
    message: 'A not-affected product needs a justification or an impact statement.',
    path: ['justification'],
  });
export type ProductStatusEntry = z.infer<typeof ProductStatusEntrySchema>;

export const DisclosureVulnerabilitySchema = z.strictObject({
  cve: CveIdSchema.nullable().default(null),
  /** Other identifiers (vendor ids, ICSMA numbers) when there is no CVE. */
  ids: z
    .array(z.strictObject({ systemName: text(100).min(1), text: text(100).min(1) }))
    .max(10)
    .default([]),
  title: text(300).default(''),
  description: text(10_000).min(1),
  cwe: z
    .strictObject({ id: z.string().regex(/^CWE-[1-9]\d{0,5}$/), name: text(300).min(1) })
    .nullable()
    .default(null),
  /** CVSS 3.0/3.1 vector (CSAF 2.0 carries these as scores). */
  cvssV3: z.string().max(200).nullable().default(null),
  /** CVSS 4.0 vector: shown on the page and in a note; CSAF 2.0 has no v4 score object. */
  cvssV4: z.string().max(300).nullable().default(null),
  productStatus: z.array(ProductStatusEntrySchema).max(500).default([]),
});
export type DisclosureVulnerability = z.infer<typeof DisclosureVulnerabilitySchema>;

export const RemediationSchema = z.strictObject({
  category: z.enum(remediationCategories),
  details: text(5_000).min(1),
  /** The product versions it applies to (at least one: CSAF 6.1.29). */
  productVersionIds: z.array(IdSchema).min(1).max(500),
  /** CVEs it applies to; empty: every vulnerability of the record. */
  cves: z.array(CveIdSchema).max(100).default([]),
  /** vendor_fix: the registry version that fixes it (listed as fixed in the CSAF document). */
  fixedVersionId: IdSchema.nullable().default(null),
  url: HttpUrlSchema.nullable().default(null),
});
export type Remediation = z.infer<typeof RemediationSchema>;

export const AcknowledgementSchema = z.strictObject({
  names: z.array(text(200).min(1)).max(20).default([]),
  organization: text(200).nullable().default(null),
  summary: text(1_000).nullable().default(null),
});
export const ReferenceSchema = z.strictObject({
  url: HttpUrlSchema,
  summary: text(500).min(1),
});

/** An incident notice's account of the incident, in words for the public. */
export const IncidentAccountSchema = z.strictObject({
  whatHappened: text(10_000).default(''),
  impactOnSafety: text(5_000).default(''),
  impactOnPrivacy: text(5_000).default(''),
  impactOnPerformance: text(5_000).default(''),
  userActions: text(5_000).default(''),
});

/** Customer-only content: a TLP:GREEN/AMBER companion document to the public record. */
export const CustomerContentSchema = z.strictObject({
  tlp: z.enum(customerTlpLabels),
  details: text(20_000).min(1),
});

/** The structured part of a disclosure record. */
export const DisclosureContentSchema = z.strictObject({
  vulnerabilities: z.array(DisclosureVulnerabilitySchema).max(100).default([]),
  remediations: z.array(RemediationSchema).max(200).default([]),
  /** The patient-harm decision in words (from the risk assessment). */
  patientHarm: text(5_000).default(''),
  compensatingControls: z.array(text(1_000).min(1)).max(50).default([]),
  acknowledgements: z.array(AcknowledgementSchema).max(50).default([]),
  references: z.array(ReferenceSchema).max(50).default([]),
  incident: IncidentAccountSchema.nullable().default(null),
  customer: CustomerContentSchema.nullable().default(null),
});
export type DisclosureContent = z.infer<typeof DisclosureContentSchema>;
export type DisclosureContentInput = z.input<typeof DisclosureContentSchema>;
export const emptyDisclosureContent: DisclosureContent = DisclosureContentSchema.parse({});

/** The organisation's own view, drafts included. */
export const DisclosureSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  incidentId: IdSchema.nullable(),
  kind: DisclosureKindSchema,
  trackingId: z.string(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  severity: SeveritySchema,
  tlp: TlpSchema,
  productIds: z.array(IdSchema),
  productVersionIds: z.array(IdSchema),
  content: DisclosureContentSchema,
  embargoUntil: TimestampSchema.nullable(),
  status: z.enum(disclosureStatuses),
  revision: z.number().int(),
  publishedRevision: z.number().int(),
  revisionSummary: z.string(),
  authorUserId: IdSchema.nullable(),
  approvedByUserId: IdSchema.nullable(),
  approvedAt: TimestampSchema.nullable(),
  publishedAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Disclosure = z.infer<typeof DisclosureSchema>;

const disclosureFields = {
  kind: DisclosureKindSchema,
  title: z.string().trim().min(1).max(300),
  summary: z.string().trim().min(1).max(2_000),
  body: z.string().max(100_000),
  severity: SeveritySchema,
  tlp: TlpSchema,
  productIds: z.array(IdSchema).max(100),
  productVersionIds: z.array(IdSchema).max(500),
  content: DisclosureContentSchema,
  embargoUntil: TimestampSchema.nullable(),
  revisionSummary: z.string().trim().max(500),
};

export const DraftDisclosureInputSchema = z.strictObject({
  incidentId: IdSchema.nullable().default(null),
  ...disclosureFields,
  kind: disclosureFields.kind.default('advisory'),
  body: disclosureFields.body.default(''),
  tlp: disclosureFields.tlp.default('CLEAR'),
  productIds: disclosureFields.productIds.default([]),
  productVersionIds: disclosureFields.productVersionIds.default([]),
  content: disclosureFields.content.default(emptyDisclosureContent),
  embargoUntil: disclosureFields.embargoUntil.default(null),
  revisionSummary: disclosureFields.revisionSummary.default(''),
});
export type DraftDisclosureInput = z.infer<typeof DraftDisclosureInputSchema>;
export type DraftDisclosureInputRaw = z.input<typeof DraftDisclosureInputSchema>;

/** Only the fields sent change (no defaults here: an absent field keeps its value). */
export const UpdateDisclosureInputSchema = z
  .strictObject(disclosureFields)
  .partial()
  .refine((input) => Object.keys(input).length > 0, 'Send at least one field to change.');
export type UpdateDisclosureInput = z.infer<typeof UpdateDisclosureInputSchema>;

export const WithdrawDisclosureInputSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
});

export const DisclosureParamsSchema = z.strictObject({ orgId: IdSchema, disclosureId: IdSchema });

/** One CSAF validator finding: the test (e.g. `mandatoryTest_6_1_1`), where, and what. */
export const CsafFindingSchema = z.object({
  test: z.string(),
  path: z.string(),
  message: z.string(),
});
export const CsafValidationSchema = z.object({
  valid: z.boolean(),
  errors: z.array(CsafFindingSchema),
  warnings: z.array(CsafFindingSchema),
  infos: z.array(CsafFindingSchema),
});
export type CsafValidation = z.infer<typeof CsafValidationSchema>;

/** The editor's preview: the CSAF documents the record would publish, and their validation. */
export const DisclosurePreviewSchema = z.object({
  documents: z.array(
    z.object({
      tlp: z.enum(['WHITE', 'GREEN', 'AMBER']),
      fileName: z.string(),
      document: z.record(z.string(), z.unknown()),
      validation: CsafValidationSchema,
    }),
  ),
});

/** A product version as the public record names it. */
export const PublicProductVersionSchema = z.object({
  id: IdSchema,
  productId: IdSchema,
  productName: z.string(),
  version: z.string(),
});

export const PublicRevisionSchema = z.object({
  number: z.number().int(),
  action: z.enum(['published', 'revised', 'withdrawn']),
  summary: z.string(),
  publishedAt: TimestampSchema,
});

export const CsafLinksSchema = z.object({
  json: z.string(),
  sha256: z.string(),
  sha512: z.string(),
  signature: z.string(),
});

/**
 * What the public sees of the latest published revision of a TLP:CLEAR record. Customer-only content
 * and TLP:GREEN/AMBER records never appear here.
 */
export const PublicDisclosureSchema = z.object({
  id: IdSchema,
  kind: DisclosureKindSchema,
  trackingId: z.string(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  severity: SeveritySchema,
  status: z.enum(['published', 'withdrawn']),
  publisher: z.object({ name: z.string(), slug: z.string() }),
  products: z.array(z.object({ id: IdSchema, name: z.string() })),
  productVersions: z.array(PublicProductVersionSchema),
  content: DisclosureContentSchema.omit({ customer: true }),
  cves: z.array(z.string()),
  revision: z.number().int(),
  /** This revision's publication instant. */
  publishedAt: TimestampSchema,
  /** The first revision's publication instant. */
  initialReleaseAt: TimestampSchema,
  revisions: z.array(PublicRevisionSchema),
  csaf: CsafLinksSchema.nullable(),
  url: z.string(),
});
export type PublicDisclosure = z.infer<typeof PublicDisclosureSchema>;
export const PublicDisclosureParamsSchema = z.strictObject({ disclosureId: IdSchema });

/** A date or instant bounding the publication time: years 1 to 9999, what the database holds. */
const PublicationBoundSchema = z.iso
  .date()
  .or(TimestampSchema)
  .refine((value) => {
    const year = new Date(value).getUTCFullYear();
    return year >= 1 && year <= 9999;
  }, 'Give a date between the years 1 and 9999.');

export const PublicDisclosureQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
  /** Publisher slug. */
  manufacturer: z.string().trim().max(100).optional(),
  product: IdSchema.optional(),
  cve: CveIdSchema.optional(),
  severity: SeveritySchema.optional(),
  kind: DisclosureKindSchema.optional(),
  /** Published on or after / before (ISO date or timestamp). */
  from: PublicationBoundSchema.optional(),
  to: PublicationBoundSchema.optional(),
});
export type PublicDisclosureQuery = z.infer<typeof PublicDisclosureQuerySchema>;

/** A CSAF advisory of another publisher, republished on the portal with its source. */
export const ExternalAdvisorySchema = z.object({
  id: IdSchema,
  publisherName: z.string(),
  trackingId: z.string(),
  version: z.string(),
  title: z.string(),
  severity: SeveritySchema,
  cves: z.array(z.string()),
  productNames: z.array(z.string()),
  summary: z.string(),
  initialReleaseAt: TimestampSchema,
  currentReleaseAt: TimestampSchema,
  sourceUrl: z.string().nullable(),
});
export type ExternalAdvisory = z.infer<typeof ExternalAdvisorySchema>;
