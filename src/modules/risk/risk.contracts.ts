import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../../shared/contract-helpers.ts';

/**
 * The risk module's HTTP contracts. Browser-safe (zod only): the web app imports them. The value lists
 * repeat the domain's (src/modules/risk/domain); risk.contracts.test.ts checks that they agree.
 */
export const harmSeverityValues = ['negligible', 'minor', 'serious', 'critical', 'catastrophic'] as const;
export const exploitabilityLevelValues = ['theoretical', 'low', 'medium', 'high'] as const;
export const baseVectorSourceValues = ['published', 'rubric', 'manual'] as const;
export const rubricDataClassValues = ['P', 'D', 'T', 'W', 'S', 'O'] as const;
export const triageStateValues = [
  'new',
  'in_analysis',
  'exploitable',
  'not_affected',
  'false_positive',
  'resolved',
] as const;
/** Triage states that take a pair off the worklist by default. */
export const closedTriageStates = ['not_affected', 'false_positive', 'resolved'] as const;
export const vexJustificationValues = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'vulnerable_code_not_in_execute_path',
  'inline_mitigations_already_exist',
] as const;
export const supplierPriorityValues = ['defer', 'scheduled', 'out-of-cycle', 'immediate'] as const;
export const coordinatorDecisionValues = ['track', 'track*', 'attend', 'act'] as const;
export const cvssSeverityValues = ['none', 'low', 'medium', 'high', 'critical'] as const;

const VulnerabilityRefSchema = z
  .string()
  .trim()
  .min(3)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'an id such as CVE-2022-39173 or GHSA-…');

export const RiskPairParamsSchema = z.strictObject({
  orgId: IdSchema,
  productId: IdSchema,
  versionId: IdSchema,
  vulnerability: VulnerabilityRefSchema,
});

const nullableEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).nullable().default(null);

export const AssessmentInputSchema = z.strictObject({
  baseVectorSource: z.enum(baseVectorSourceValues).default('published'),
  manualVector: z.string().trim().max(400).nullable().default(null),
  rubricAnswers: z
    .record(z.string().max(10), z.enum(['yes', 'no', 'unknown']))
    .nullable()
    .default(null)
    .refine((answers) => answers === null || Object.keys(answers).length <= 60, 'at most 60 answers'),
  environment: z
    .record(z.string().max(5), z.string().max(5))
    .nullable()
    .default(null)
    .refine((metrics) => metrics === null || Object.keys(metrics).length <= 20, 'at most 20 metrics'),
  harm: z
    .strictObject({
      severity: nullableEnum(harmSeverityValues),
      affectedDataClasses: z.array(z.enum(rubricDataClassValues)).max(6).default([]),
      knownSeriousAdverseEvent: z.boolean().default(false),
      compensatingControls: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
      controlsReduceExploitability: z.boolean().default(false),
      exploitabilityOverride: nullableEnum(exploitabilityLevelValues),
    })
    .prefault({}),
  ssvc: z
    .strictObject({
      exploitation: nullableEnum(['none', 'public-poc', 'active']),
      automatable: nullableEnum(['no', 'yes']),
      valueDensity: nullableEnum(['diffuse', 'concentrated']),
      missionPrevalence: nullableEnum(['minimal', 'support', 'essential']),
      publicWellBeing: nullableEnum(['minimal', 'material', 'irreversible']),
      technicalImpact: nullableEnum(['partial', 'total']),
    })
    .prefault({}),
  rationale: z.string().max(10_000).default(''),
});
export type AssessmentInput = z.infer<typeof AssessmentInputSchema>;

const ScoreSchema = z.object({
  version: z.string(),
  vector: z.string(),
  baseScore: z.number(),
  baseSeverity: z.enum(cvssSeverityValues),
  overallScore: z.number(),
  overallSeverity: z.enum(cvssSeverityValues),
  environmentalScore: z.number().nullable(),
});

/** What the server computed from the inputs: shown beside them and kept with every revision. */
export const AssessmentResultsSchema = z.object({
  base: ScoreSchema.nullable(),
  environmental: ScoreSchema.nullable(),
  rubric: z
    .object({
      complete: z.boolean(),
      /** The questions to ask next; answered questions off the current path are `ignored`. */
      missing: z.array(z.string()),
      ignored: z.array(z.string()),
      vector: z.string().nullable(),
      extendedVector: z.string(),
      explanations: z.array(z.object({ metric: z.string(), value: z.string().nullable(), text: z.string() })),
      mapping: z.object({ label: z.string(), confirmed: z.boolean() }),
    })
    .nullable(),
  /** Where the environmental metrics came from: the assessment, or the version's exposure profile. */
  environmentSource: z.enum(['assessment', 'version-profile']).nullable(),
  score: z.number().nullable(),
  severity: z.enum(cvssSeverityValues).nullable(),
  exploitability: z.object({
    level: z.enum(exploitabilityLevelValues),
    overridden: z.boolean(),
    explanations: z.array(z.string()),
  }),
  decision: z
    .object({
      outcome: z.enum(['controlled', 'uncontrolled']),
      rule: z.enum(['privacy-only', 'matrix']),
      matrix: z.object({ label: z.string(), confirmed: z.boolean() }).nullable(),
      enforcementDiscretionAvailable: z.boolean(),
      explanations: z.array(z.string()),
    })
    .nullable(),
  ssvc: z.object({
    exploitation: z.enum(['none', 'public-poc', 'active']),
    technicalImpact: z.enum(['partial', 'total']).nullable(),
    coordinator: z.enum(coordinatorDecisionValues).nullable(),
    supplier: z.enum(supplierPriorityValues).nullable(),
    cadence: z.enum(['regular', 'out-of-cycle']).nullable(),
  }),
  missing: z.array(z.string()),
  /** The sentence an advisory carries about the decision (null until there is one). */
  advisoryText: z.string().nullable(),
  /** The intelligence the computation used: published vector, KEV, EPSS. */
  context: z.object({
    publishedVector: z.string().nullable(),
    kev: z.boolean(),
    epss: z.number().nullable(),
    epssPercentile: z.number().nullable(),
  }),
});
export type AssessmentResults = z.infer<typeof AssessmentResultsSchema>;

export const AssessmentSchema = z.object({
  vulnerability: z.object({ id: IdSchema, displayId: z.string(), summary: z.string().nullable() }),
  productVersionId: IdSchema,
  revision: z.number().int(),
  inputs: AssessmentInputSchema,
  results: AssessmentResultsSchema,
  decidedBy: z.object({ userId: IdSchema.nullable(), name: z.string().nullable() }),
  decidedAt: TimestampSchema,
});
export type Assessment = z.infer<typeof AssessmentSchema>;

export const AssessmentRevisionSchema = AssessmentSchema.omit({
  vulnerability: true,
  productVersionId: true,
});

export const TriageInputSchema = z.strictObject({
  state: z.enum(triageStateValues),
  /** Required for not_affected: it becomes the VEX statement's justification. */
  justification: nullableEnum(vexJustificationValues),
  note: z.string().trim().max(5_000).nullable().default(null),
});
export type TriageInput = z.infer<typeof TriageInputSchema>;

/** Risk acceptance (organisation admins only): until when, why, and the compensating controls relied on. */
export const RiskAcceptanceInputSchema = z.strictObject({
  until: z.iso.date(),
  reason: z.string().trim().min(1).max(5_000),
  compensatingControls: z.array(z.string().trim().min(1).max(500)).min(1).max(20),
});
export type RiskAcceptanceInput = z.infer<typeof RiskAcceptanceInputSchema>;

export const TriageSchema = z.object({
  state: z.enum(triageStateValues),
  justification: z.enum(vexJustificationValues).nullable(),
  note: z.string().nullable(),
  acceptance: z
    .object({
      until: z.string(),
      reason: z.string(),
      compensatingControls: z.array(z.string()),
      active: z.boolean(),
    })
    .nullable(),
  dueOn: z.string().nullable(),
  updatedAt: TimestampSchema.nullable(),
});

export const WorklistQuerySchema = z.strictObject({
  /** Comma-separated triage states; default: every state but not_affected, false_positive, resolved. */
  state: z
    .string()
    .max(200)
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const states = value.split(',').map((s) => s.trim());
      const bad = states.filter((s) => !(triageStateValues as readonly string[]).includes(s));
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `unknown triage state ${bad.join(', ')}` });
        return z.NEVER;
      }
      return states as (typeof triageStateValues)[number][];
    }),
  decision: z.enum(['controlled', 'uncontrolled', 'unassessed']).optional(),
  supplier: z.enum(supplierPriorityValues).optional(),
  kev: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  productId: IdSchema.optional(),
  minEpss: z.coerce.number().min(0).max(1).optional(),
  /** A vulnerability id or a words of its summary, a product or component name. */
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type WorklistQuery = z.infer<typeof WorklistQuerySchema>;

export const WorklistItemSchema = z.object({
  rank: z.number().int(),
  product: z.object({ id: IdSchema, name: z.string() }),
  productVersion: z.object({ id: IdSchema, label: z.string(), unitsInField: z.number().int().nullable() }),
  vulnerability: z.object({
    id: IdSchema,
    displayId: z.string(),
    summary: z.string().nullable(),
    cvssScore: z.number().nullable(),
    kevDateAdded: z.string().nullable(),
    epss: z.number().nullable(),
    epssPercentile: z.number().nullable(),
  }),
  components: z.array(
    z.object({ name: z.string(), version: z.string().nullable(), purl: z.string().nullable() }),
  ),
  confidence: z.enum(['high', 'medium', 'low']),
  firstSeen: TimestampSchema,
  vex: z.object({ status: z.string(), justification: z.string().nullable() }).nullable(),
  assessment: z
    .object({
      revision: z.number().int(),
      score: z.number().nullable(),
      severity: z.enum(cvssSeverityValues).nullable(),
      decision: z.enum(['controlled', 'uncontrolled']).nullable(),
      supplier: z.enum(supplierPriorityValues).nullable(),
      coordinator: z.enum(coordinatorDecisionValues).nullable(),
      decidedAt: TimestampSchema,
    })
    .nullable(),
  triage: TriageSchema,
  /** The severity the remediation SLA was taken from (the assessment's, else the published score's). */
  slaSeverity: z.enum(cvssSeverityValues).nullable(),
  overdue: z.boolean(),
});
export type WorklistItem = z.infer<typeof WorklistItemSchema>;

export const WorklistSchema = z.object({
  total: z.number().int(),
  items: z.array(WorklistItemSchema),
});

const SlaDaysSchema = z.strictObject({
  critical: z.number().int().min(1).max(3650),
  high: z.number().int().min(1).max(3650),
  medium: z.number().int().min(1).max(3650),
  low: z.number().int().min(1).max(3650),
});

export const RiskSettingsSchema = z.object({
  rubricMapping: z.object({
    label: z.string(),
    confirmed: z.boolean(),
    notes: z.array(z.string()),
    values: z.record(z.string(), z.string()),
    isDefault: z.boolean(),
  }),
  controlMatrix: z.object({
    label: z.string(),
    confirmed: z.boolean(),
    cells: z.record(z.string(), z.record(z.string(), z.enum(['controlled', 'uncontrolled']))),
    isDefault: z.boolean(),
  }),
  remediationSlaDays: SlaDaysSchema.extend({ isDefault: z.boolean() }),
});
export type RiskSettings = z.infer<typeof RiskSettingsSchema>;

export const RiskSettingsInputSchema = z.strictObject({
  /** Changes to the shipped rubric mapping; null resets to the default. */
  rubricMapping: z
    .strictObject({
      label: z.string().trim().min(1).max(200),
      confirmed: z.boolean(),
      notes: z.array(z.string().max(2_000)).max(20).optional(),
      values: z.record(z.string().max(20), z.string().max(2)).optional(),
    })
    .nullable()
    .optional(),
  controlMatrix: z
    .strictObject({
      label: z.string().trim().min(1).max(200),
      confirmed: z.boolean(),
      cells: z.record(
        z.enum(harmSeverityValues),
        z.record(z.enum(exploitabilityLevelValues), z.enum(['controlled', 'uncontrolled'])),
      ),
    })
    .nullable()
    .optional(),
  remediationSlaDays: SlaDaysSchema.nullable().optional(),
});
export type RiskSettingsInput = z.infer<typeof RiskSettingsInputSchema>;

/** One (product version, vulnerability) pair: what the assessment page shows. */
export const RiskPairSchema = z.object({
  product: z.object({ id: IdSchema, name: z.string() }),
  productVersion: z.object({ id: IdSchema, label: z.string(), unitsInField: z.number().int().nullable() }),
  vulnerability: z.object({
    id: IdSchema,
    displayId: z.string(),
    summary: z.string().nullable(),
    cvssScore: z.number().nullable(),
    cvssVector: z.string().nullable(),
    kevDateAdded: z.string().nullable(),
    epss: z.number().nullable(),
    epssPercentile: z.number().nullable(),
  }),
  /** The components of the version the vulnerability was found in (open findings). */
  components: z.array(
    z.object({ name: z.string(), version: z.string().nullable(), purl: z.string().nullable() }),
  ),
  assessment: AssessmentSchema.nullable(),
  triage: TriageSchema,
});
export type RiskPair = z.infer<typeof RiskPairSchema>;

/** The rubric as the form asks it: every question, and the organisation's mapping label. */
export const RubricSchema = z.object({
  questions: z.array(
    z.object({ id: z.string(), metric: z.string(), text: z.string(), dataClass: z.string().nullable() }),
  ),
  dataClasses: z.record(z.string(), z.string()),
  mapping: z.object({ label: z.string(), confirmed: z.boolean() }),
});

const EnvironmentMetricsSchema = z
  .record(z.string().max(5), z.string().max(5))
  .refine((metrics) => Object.keys(metrics).length <= 20, 'at most 20 metrics');

/** A product version's exposure as deployed, as CVSS environmental metrics per CVSS generation. */
export const RiskProfileInputSchema = z.strictObject({
  environmentV3: EnvironmentMetricsSchema.default({}),
  environmentV4: EnvironmentMetricsSchema.default({}),
  description: z.string().trim().max(5_000).default(''),
});
export type RiskProfileInput = z.infer<typeof RiskProfileInputSchema>;

export const RiskProfileSchema = z.object({
  environmentV3: z.record(z.string(), z.string()),
  environmentV4: z.record(z.string(), z.string()),
  description: z.string(),
  /** False until someone sets the profile: assessments then use only their own environment. */
  isSet: z.boolean(),
  updatedAt: TimestampSchema.nullable(),
});
export type RiskProfile = z.infer<typeof RiskProfileSchema>;

export const VersionParamsSchema = z.strictObject({
  orgId: IdSchema,
  productId: IdSchema,
  versionId: IdSchema,
});
