import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../../shared/contract-helpers.ts';

/** Incident records and their obligation tasks. Browser-safe (zod only): the web app imports them. */
export const incidentStatuses = ['triage', 'assessing', 'reporting', 'monitoring', 'closed'] as const;
export const incidentKinds = [
  'unauthorized_access',
  'data_breach',
  'ransomware',
  'malware',
  'denial_of_service',
  'exploited_vulnerability',
  'device_tampering',
  'supply_chain',
] as const;
export const obligationStatuses = ['due', 'drafted', 'submitted', 'waived', 'not_applicable'] as const;

const VulnerabilityRefSchema = z
  .string()
  .trim()
  .min(3)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'an id such as CVE-2022-39173 or GHSA-…');

export const IncidentSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  title: z.string(),
  description: z.string(),
  kind: z.enum(incidentKinds),
  status: z.enum(incidentStatuses),
  owner: z.object({ id: IdSchema, name: z.string() }).nullable(),
  productIds: z.array(IdSchema),
  productVersionIds: z.array(IdSchema),
  /** Linked vulnerabilities by the id they are shown with (CVE when there is one). */
  vulnerabilities: z.array(z.object({ id: IdSchema, displayId: z.string() })),
  detectedAt: TimestampSchema,
  factsRevision: z.number().int(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Incident = z.infer<typeof IncidentSchema>;

export const CreateIncidentInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  description: z.string().max(50_000).default(''),
  kind: z.enum(incidentKinds).default('unauthorized_access'),
  productIds: z.array(IdSchema).max(100).default([]),
  productVersionIds: z.array(IdSchema).max(500).default([]),
  vulnerabilities: z.array(VulnerabilityRefSchema).max(200).default([]),
  ownerUserId: IdSchema.nullable().default(null),
  detectedAt: TimestampSchema,
});
export type CreateIncidentInput = z.infer<typeof CreateIncidentInputSchema>;

/** Only the fields sent change. */
export const UpdateIncidentInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(300).optional(),
  description: z.string().max(50_000).optional(),
  kind: z.enum(incidentKinds).optional(),
  status: z.enum(incidentStatuses).optional(),
  ownerUserId: IdSchema.nullable().optional(),
  productIds: z.array(IdSchema).max(100).optional(),
  productVersionIds: z.array(IdSchema).max(500).optional(),
  vulnerabilities: z.array(VulnerabilityRefSchema).max(200).optional(),
});
export type UpdateIncidentInput = z.infer<typeof UpdateIncidentInputSchema>;

export const IncidentParamsSchema = z.strictObject({ orgId: IdSchema, incidentId: IdSchema });

export const TimelineEntrySchema = z.object({
  id: IdSchema,
  at: TimestampSchema,
  kind: z.string(),
  text: z.string(),
  createdBy: z.string().nullable(),
  createdAt: TimestampSchema,
});
export const AddTimelineEntryInputSchema = z.strictObject({
  at: TimestampSchema,
  text: z.string().trim().min(1).max(10_000),
});

export const SetFactsInputSchema = z.strictObject({
  /** The facts in the obligations engine's shape (docs/obligations-facts.schema.json). */
  facts: z.record(z.string(), z.unknown()),
  /** What changed and why ("a patient died on 12 March"). */
  note: z.string().trim().max(5_000).default(''),
});

export const FactsRevisionSchema = z.object({
  revision: z.number().int(),
  facts: z.record(z.string(), z.unknown()),
  note: z.string(),
  changedBy: z.string().nullable(),
  changedAt: TimestampSchema,
});
export const FactsAtQuerySchema = z.strictObject({ at: TimestampSchema.optional() });

export const ObligationTaskSchema = z.object({
  id: IdSchema,
  incidentId: IdSchema,
  key: z.string(),
  ruleId: z.string(),
  title: z.string(),
  regime: z.string(),
  jurisdiction: z.string(),
  recipient: z.string(),
  dueAt: TimestampSchema.nullable(),
  dueDate: z.string().nullable(),
  dueRule: z.string(),
  timeZone: z.string(),
  clockStart: z.string().nullable(),
  provisional: z.boolean(),
  basis: z.string(),
  source: z.string(),
  confirmed: z.boolean(),
  public: z.boolean(),
  applicable: z.boolean(),
  status: z.enum(obligationStatuses),
  statusReason: z.string().nullable(),
  owner: z.object({ id: IdSchema, name: z.string() }).nullable(),
  /** The latest submission, when one was made. */
  submission: z
    .object({ version: z.number().int(), submittedAt: TimestampSchema, reference: z.string() })
    .nullable(),
  /** Every deadline it has had, oldest first: later facts move deadlines, the earlier ones stay on record. */
  deadlines: z.array(
    z.object({
      factsRevision: z.number().int(),
      dueAt: TimestampSchema.nullable(),
      dueDate: z.string().nullable(),
      applicable: z.boolean(),
      computedAt: TimestampSchema,
    }),
  ),
});
export type ObligationTask = z.infer<typeof ObligationTaskSchema>;

export const ObligationParamsSchema = z.strictObject({
  orgId: IdSchema,
  incidentId: IdSchema,
  obligationId: IdSchema,
});

export const UpdateObligationInputSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('drafted') }),
  z.strictObject({ status: z.literal('due') }),
  z.strictObject({ status: z.literal('waived'), reason: z.string().trim().min(1).max(5_000) }),
  z.strictObject({ status: z.literal('not_applicable'), reason: z.string().trim().min(1).max(5_000) }),
]);
export type UpdateObligationInput = z.infer<typeof UpdateObligationInputSchema>;

export const SubmitObligationInputSchema = z.strictObject({
  submittedAt: TimestampSchema,
  reference: z.string().trim().min(1).max(500),
  note: z.string().trim().max(5_000).default(''),
});
export type SubmitObligationInput = z.infer<typeof SubmitObligationInputSchema>;

export const SubmissionSchema = z.object({
  version: z.number().int(),
  submittedAt: TimestampSchema,
  reference: z.string(),
  note: z.string(),
  submittedBy: z.string().nullable(),
  createdAt: TimestampSchema,
  content: z.object({ markdown: z.string(), json: z.record(z.string(), z.unknown()) }),
});

export const ObligationDraftSchema = z.object({
  obligationId: IdSchema,
  ruleId: z.string(),
  title: z.string(),
  recipient: z.string(),
  markdown: z.string(),
  json: z.record(z.string(), z.unknown()),
  /** Required fields the facts do not give yet: the draft marks them TO FILL IN. */
  missing: z.array(z.string()),
});
export type ObligationDraft = z.infer<typeof ObligationDraftSchema>;

export const DeadlineCalendarQuerySchema = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const DeadlineCalendarEntrySchema = z.object({
  obligationId: IdSchema,
  incident: z.object({ id: IdSchema, title: z.string() }),
  title: z.string(),
  regime: z.string(),
  jurisdiction: z.string(),
  recipient: z.string(),
  dueAt: TimestampSchema.nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(obligationStatuses),
  provisional: z.boolean(),
});

/** What Candor suggests towards the facts from the products' markets and the linked pairs' risk decisions. */
export const FactSuggestionsSchema = z.object({
  product: z.object({ markets: z.array(z.string()) }),
  fda: z.object({ riskControlled: z.boolean().nullable(), seriousAdverseEventKnown: z.boolean().nullable() }),
  risk: z.object({
    riskControlled: z.boolean().nullable(),
    enforcementDiscretionAvailable: z.boolean(),
    assessed: z.number().int(),
    unassessed: z.number().int(),
  }),
  basis: z.array(z.string()),
});
