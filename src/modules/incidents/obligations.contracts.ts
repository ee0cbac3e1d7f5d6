import { z } from 'zod';

/**
 * The obligations engine's contracts (issue 6 point 2): the incident facts it reads and the evaluation it
 * returns. Browser-safe (zod only): the web app imports them, the HTTP route validates bodies with them,
 * the CLI reads facts files with them, and docs/obligations-facts.schema.json is generated from them.
 * Objects are loose on purpose: the issue allows extra fields for a deployment's own rules.
 */

export const patientHarmValues = ['none', 'malfunction_could_harm', 'serious_injury', 'death'] as const;
export type PatientHarm = (typeof patientHarmValues)[number];
export const nis2EntityValues = ['none', 'important', 'essential'] as const;
export const hipaaRoleValues = ['none', 'business_associate', 'covered_entity'] as const;
export const gdprRoleValues = ['none', 'controller', 'processor'] as const;
export const riskToIndividualsValues = ['none', 'risk', 'high'] as const;

/** The 27 Member States (ISO 3166-1 alpha-2; Greece is GR, not EL). */
export const euMemberStates = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
] as const;
export function isEuMemberState(code: string): boolean {
  return (euMemberStates as readonly string[]).includes(code);
}

function isIanaTimeZone(zone: string): boolean {
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const InstantSchema = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 instant with a UTC offset, e.g. "2026-03-06T16:30:00-05:00"',
});
const CountrySchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code in capitals, e.g. "DE"');
const TimeZoneSchema = z
  .string()
  .refine(isIanaTimeZone, 'must be an IANA time zone such as "America/New_York" (not an offset)');

export const PersonalDataBreachSchema = z
  .looseObject({
    individuals: z.int().min(0).describe('People whose data the breach affects'),
    unsecuredPhi: z
      .boolean()
      .describe('HIPAA: protected health information that was not secured (encrypted)'),
    riskToIndividuals: z
      .enum(riskToIndividualsValues)
      .describe('GDPR Arts. 33/34 risk to rights and freedoms'),
    residentsByState: z
      .record(
        z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter US state code such as "CA"'),
        z.int().min(0),
      )
      .describe('HIPAA 164.406: affected residents per US state or jurisdiction'),
  })
  .superRefine((breach, context) => {
    const total = Object.values(breach.residentsByState).reduce((sum, n) => sum + n, 0);
    if (total > breach.individuals)
      context.addIssue({
        code: 'custom',
        path: ['residentsByState'],
        message: `adds up to ${total} residents, more than the ${breach.individuals} individuals affected`,
      });
  });

export const FdaFactsSchema = z.looseObject({
  riskControlled: z.boolean().describe('FDA 2016 guidance: residual risk of patient harm is controlled'),
  correctionInitiatedAt: InstantSchema.nullable().describe('21 CFR 806: when the correction/removal began'),
  seriousAdverseEventKnown: z
    .boolean()
    .describe('A serious adverse event or death is known to be tied to it'),
});

const harmKnownAtShape = {
  malfunction_could_harm: InstantSchema.optional(),
  serious_injury: InstantSchema.optional(),
  death: InstantSchema.optional(),
};

export const IncidentEventFactsSchema = z
  .looseObject({
    patientHarm: z.enum(patientHarmValues),
    seriousPublicHealthThreat: z.boolean(),
    occurredIn: z.array(CountrySchema).describe('Countries where the incident occurred'),
    activelyExploitedVulnerability: z.boolean(),
    severeIncidentAffectingProductSecurity: z.boolean(),
    nis2SignificantIncident: z.boolean(),
    remedialActionToPreventSubstantialHarm: z.boolean(),
    personalDataBreach: PersonalDataBreachSchema.nullable(),
    materialityDeterminedAt: InstantSchema.nullable().describe(
      'SEC: when the incident was determined material',
    ),
    fda: FdaFactsSchema,
    patientHarmKnownAt: z
      .looseObject(harmKnownAtShape)
      .optional()
      .describe(
        'Optional: when each patient-harm level first became known, for facts that changed later ' +
          '(e.g. a death after a 15-day MDR clock started); a missing current level means awareAt',
      ),
    seriousPublicHealthThreatKnownAt: InstantSchema.nullable()
      .optional()
      .describe('Optional: when the serious public health threat became known (default awareAt)'),
    correctiveMeasureAvailableAt: InstantSchema.nullable()
      .optional()
      .describe('Optional: CRA Art. 14(2)(c): when a corrective or mitigating measure became available'),
  })
  .superRefine((event, context) => {
    const current = patientHarmValues.indexOf(event.patientHarm);
    for (const level of patientHarmValues) {
      if (event.patientHarmKnownAt?.[level as keyof typeof harmKnownAtShape] === undefined) continue;
      if (patientHarmValues.indexOf(level) > current)
        context.addIssue({
          code: 'custom',
          path: ['patientHarmKnownAt', level],
          message: `names a level above the current patientHarm "${event.patientHarm}"`,
        });
    }
  });

export const ObligationFactsSchema = z
  .looseObject({
    awareAt: InstantSchema.describe('First awareness of the incident by the organisation'),
    manufacturer: z.looseObject({
      timezone: TimeZoneSchema,
      secRegistrant: z.boolean(),
      nis2: z.enum(nis2EntityValues),
      isaoMember: z.boolean(),
      hipaaRole: z.enum(hipaaRoleValues),
      gdprRole: z.enum(gdprRoleValues),
      euMainEstablishment: CountrySchema.nullable().refine(
        (code) => code === null || isEuMemberState(code),
        'must be an EU Member State (or null)',
      ),
    }),
    product: z.looseObject({
      regulatedAsMedicalDevice: z.boolean(),
      markets: z.array(CountrySchema).describe('Countries where the product is on the market'),
    }),
    event: IncidentEventFactsSchema,
  })
  .superRefine((facts, context) => {
    const aware = Date.parse(facts.awareAt);
    const notBefore = (value: string | null | undefined, path: (string | number)[]) => {
      if (value && Date.parse(value) < aware)
        context.addIssue({ code: 'custom', path, message: 'must not be before awareAt' });
    };
    notBefore(facts.event.materialityDeterminedAt, ['event', 'materialityDeterminedAt']);
    notBefore(facts.event.seriousPublicHealthThreatKnownAt, ['event', 'seriousPublicHealthThreatKnownAt']);
    for (const [level, at] of Object.entries(facts.event.patientHarmKnownAt ?? {}))
      notBefore(typeof at === 'string' ? at : null, ['event', 'patientHarmKnownAt', level]);
  })
  .meta({
    title: 'Candor incident facts',
    description: 'The facts the obligations engine reads (issue 6); extra fields are allowed.',
  });
export type ObligationFacts = z.infer<typeof ObligationFactsSchema>;
export type ObligationFactsInput = z.input<typeof ObligationFactsSchema>;

/** Per-deployment holiday overrides, by jurisdiction ('US', 'DE', …): extra and removed non-working days. */
export const HolidayOverridesSchema = z.record(
  z.string().regex(/^(?:[A-Z]{2}|EU)$/, 'must be a jurisdiction code such as "US" or "DE"'),
  z.strictObject({
    add: z.array(z.iso.date({ error: 'must be a date YYYY-MM-DD' })).optional(),
    remove: z.array(z.iso.date({ error: 'must be a date YYYY-MM-DD' })).optional(),
  }),
);

export const ObligationSchema = z.object({
  id: z.string(),
  key: z
    .string()
    .describe('Unique within one evaluation: id, plus the jurisdiction or variant when repeated'),
  title: z.string(),
  regime: z.string(),
  jurisdiction: z.string(),
  recipient: z.string(),
  dueAt: z.string().nullable().describe('Instant with the jurisdiction’s offset; null: see dueRule'),
  dueDate: z.string().nullable().describe('Local calendar date in the jurisdiction’s time zone'),
  dueRule: z.string(),
  timeZone: z.string(),
  dueAtManufacturerTime: z.string().nullable(),
  clockStart: z.string().nullable(),
  provisional: z.boolean(),
  basis: z.string(),
  source: z.string(),
  ruleVersion: z.string(),
  confirmed: z.boolean(),
  public: z.boolean(),
  calendar: z.string().nullable(),
  notes: z.array(z.string()),
});
export type Obligation = z.infer<typeof ObligationSchema>;

export const NotApplicableSchema = z.object({ id: z.string(), reason: z.string() });
export type NotApplicable = z.infer<typeof NotApplicableSchema>;

export const ObligationsEvaluationSchema = z.object({
  obligations: z.array(ObligationSchema),
  notApplicable: z.array(NotApplicableSchema),
});
export type ObligationsEvaluation = z.infer<typeof ObligationsEvaluationSchema>;

/** The JSON Schema of the facts (docs/obligations-facts.schema.json is this, checked by a test). */
export function obligationFactsJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://candor.dev/schemas/obligations-facts.schema.json',
    ...z.toJSONSchema(ObligationFactsSchema, { io: 'input', target: 'draft-2020-12' }),
  };
}
