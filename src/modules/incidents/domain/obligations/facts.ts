import { DomainError } from '../../../../shared/errors.ts';
import {
  isEuMemberState,
  type ObligationFacts,
  ObligationFactsSchema,
  type PatientHarm,
  patientHarmValues,
} from '../../obligations.contracts.ts';

export type { ObligationFacts, PatientHarm };

/**
 * Reads incident facts (the JSON shape of issue 6) or throws DomainError('invalid') naming every field
 * at fault, e.g. "event.patientHarm: Invalid option: expected one of …", with `details.errors` as
 * { path, message } pairs for the HTTP problem document.
 */
export function parseObligationFacts(input: unknown): ObligationFacts {
  const result = ObligationFactsSchema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(facts)',
    message: issue.message,
  }));
  throw new DomainError(
    'invalid',
    `The incident facts are not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    { errors },
  );
}

/** MDR 803 / MDR Art. 87 / TGA / Health Canada: the device caused, contributed to or could cause harm. */
export function isReportableHarm(harm: PatientHarm): boolean {
  return harm !== 'none';
}

export function isSeriousInjuryOrDeath(harm: PatientHarm): boolean {
  return harm === 'serious_injury' || harm === 'death';
}

/**
 * When a patient-harm level became known: the instant in `event.patientHarmKnownAt`, or awareAt for the
 * current level when none is given; null for a level that was never known (or lies above the current one).
 */
export function harmKnownAt(facts: ObligationFacts, level: PatientHarm): Date | null {
  const current = facts.event.patientHarm;
  if (patientHarmValues.indexOf(level) > patientHarmValues.indexOf(current)) return null;
  const given = (facts.event.patientHarmKnownAt as Record<string, unknown> | undefined)?.[level];
  if (typeof given === 'string') return new Date(given);
  return level === current ? new Date(facts.awareAt) : null;
}

function earliest(dates: (Date | null)[]): Date | null {
  const known = dates.filter((d): d is Date => d !== null);
  return known.length === 0 ? null : new Date(Math.min(...known.map((d) => d.getTime())));
}

/** First awareness of a reportable (serious) incident: the earliest known reportable harm level. */
export function reportableSince(facts: ObligationFacts): Date | null {
  return earliest(
    (['malfunction_could_harm', 'serious_injury', 'death'] as const).map((l) => harmKnownAt(facts, l)),
  );
}

/** First awareness that the incident led to death or serious injury. */
export function seriousHarmSince(facts: ObligationFacts): Date | null {
  return earliest([harmKnownAt(facts, 'serious_injury'), harmKnownAt(facts, 'death')]);
}

/** Awareness of the serious public health threat (default awareAt), or null when there is none. */
export function threatKnownAt(facts: ObligationFacts): Date | null {
  if (!facts.event.seriousPublicHealthThreat) return null;
  return new Date(facts.event.seriousPublicHealthThreatKnownAt ?? facts.awareAt);
}

export function isOnMarket(facts: ObligationFacts, country: string): boolean {
  return facts.product.markets.includes(country);
}

export function euMarkets(facts: ObligationFacts): string[] {
  return facts.product.markets.filter(isEuMemberState);
}

export function euStatesOfOccurrence(facts: ObligationFacts): string[] {
  return [...new Set(facts.event.occurredIn.filter(isEuMemberState))];
}

export const harmWords: Record<PatientHarm, string> = {
  none: 'no patient harm',
  malfunction_could_harm:
    'a malfunction that could cause or contribute to death or serious injury if it recurred',
  serious_injury: 'a serious injury',
  death: 'a death',
};
