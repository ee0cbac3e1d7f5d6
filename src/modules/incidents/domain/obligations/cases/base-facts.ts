import type { ObligationFacts } from '../facts.ts';

/**
 * Test support for the table-driven cases: a "quiet" incident that triggers nothing (a device on no market,
 * no harm, no breach, no regime membership), and a deep merge to state only what a case changes.
 */
export const quietFacts: ObligationFacts = {
  awareAt: '2026-03-06T16:30:00-05:00',
  manufacturer: {
    timezone: 'America/New_York',
    secRegistrant: false,
    nis2: 'none',
    isaoMember: false,
    hipaaRole: 'none',
    gdprRole: 'none',
    euMainEstablishment: null,
  },
  product: { regulatedAsMedicalDevice: true, markets: [] },
  event: {
    patientHarm: 'none',
    seriousPublicHealthThreat: false,
    occurredIn: [],
    activelyExploitedVulnerability: false,
    severeIncidentAffectingProductSecurity: false,
    nis2SignificantIncident: false,
    remedialActionToPreventSubstantialHarm: false,
    personalDataBreach: null,
    materialityDeterminedAt: null,
    fda: { riskControlled: true, correctionInitiatedAt: null, seriousAdverseEventKnown: false },
  },
};

export type FactsPatch = {
  [K in keyof ObligationFacts]?: ObligationFacts[K] extends Record<string, unknown>
    ? {
        [L in keyof ObligationFacts[K]]?: ObligationFacts[K][L] extends Record<string, unknown> | null
          ? Partial<NonNullable<ObligationFacts[K][L]>> | null
          : ObligationFacts[K][L];
      }
    : ObligationFacts[K];
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = merge(base[key], value);
  return out;
}

/** The quiet facts with `patch` merged in (objects merged, arrays and values replaced). */
export function factsWith(patch: FactsPatch): ObligationFacts {
  return merge(quietFacts, patch) as ObligationFacts;
}
