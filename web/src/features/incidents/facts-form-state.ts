import type { Product } from '@contracts/devices/devices.contracts.ts';
import type { Incident } from '@contracts/incidents/incidents.contracts.ts';
import { ObligationFactsSchema } from '@contracts/incidents/obligations.contracts.ts';
import type { Facts } from './incident-record.api.ts';
import { localTimeZone } from './urgency.ts';

/**
 * The facts editor's state is the facts object itself (docs/obligations-facts.schema.json), edited
 * field by field at dotted paths, so fields the form does not know (a deployment's own rules) survive
 * every edit. These helpers read and write it and check it with the engine's own schema.
 */

/** Facts to start from when none are recorded: the incident's detection, its products' markets. */
export function defaultFacts(incident: Incident, products: readonly Product[]): Facts {
  const linked = products.filter((product) => incident.productIds.includes(product.id));
  const markets = [...new Set(linked.flatMap((product) => product.markets))]
    .map((code) => code.toUpperCase())
    .filter((code) => /^[A-Z]{2}$/.test(code));
  const zone = localTimeZone();
  return {
    awareAt: incident.detectedAt,
    manufacturer: {
      timezone: zone.includes('/') || zone === 'UTC' ? zone : 'UTC',
      secRegistrant: false,
      nis2: 'none',
      isaoMember: false,
      hipaaRole: 'none',
      gdprRole: 'none',
      euMainEstablishment: null,
    },
    product: { regulatedAsMedicalDevice: true, markets },
    event: {
      patientHarm: 'none',
      seriousPublicHealthThreat: false,
      occurredIn: [],
      activelyExploitedVulnerability: incident.kind === 'exploited_vulnerability',
      severeIncidentAffectingProductSecurity: false,
      nis2SignificantIncident: false,
      remedialActionToPreventSubstantialHarm: false,
      personalDataBreach: null,
      materialityDeterminedAt: null,
      // Not controlled until someone says so: the conservative answer shows every FDA report.
      fda: { riskControlled: false, correctionInitiatedAt: null, seriousAdverseEventKnown: false },
    },
  };
}

export function getAt(facts: Facts, path: string): unknown {
  let value: unknown = facts;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A copy of `facts` with `value` at `path` (objects on the way are created or copied). */
export function setAt(facts: Facts, path: string, value: unknown): Facts {
  const [key, ...rest] = path.split('.');
  if (key === undefined) return facts;
  if (rest.length === 0) return { ...facts, [key]: value };
  const child = facts[key];
  const inner = typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Facts) : {};
  return { ...facts, [key]: setAt(inner, rest.join('.'), value) };
}

export const textAt = (facts: Facts, path: string): string => {
  const value = getAt(facts, path);
  return typeof value === 'string' ? value : '';
};
export const flagAt = (facts: Facts, path: string): boolean => getAt(facts, path) === true;
export const listAt = (facts: Facts, path: string): string[] => {
  const value = getAt(facts, path);
  return Array.isArray(value) ? value.map(String) : [];
};

/** "us, de;FR" → ["US", "DE", "FR"]. */
export function parseCountries(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
}

/** "CA=700, NY 20" → { CA: 700, NY: 20 }; null when a part does not read. */
export function parseResidents(text: string): Record<string, number> | null {
  const result: Record<string, number> = {};
  for (const part of text
    .split(/[,;\n]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]{2})\s*[=:\s]\s*(\d+)$/.exec(part);
    if (!match?.[1] || !match[2]) return null;
    result[match[1].toUpperCase()] = Number(match[2]);
  }
  return result;
}

export function formatResidents(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  return Object.entries(value as Record<string, unknown>)
    .map(([state, count]) => `${state}=${String(count)}`)
    .join(', ');
}

/** The problems of the facts by dotted path ("event.occurredIn.0"), from the engine's schema. */
export type FactsIssues = ReadonlyMap<string, string>;

export function checkFacts(facts: Facts): FactsIssues {
  const result = ObligationFactsSchema.safeParse(facts);
  const issues = new Map<string, string>();
  if (result.success) return issues;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || '(facts)';
    if (!issues.has(path)) issues.set(path, issue.message);
  }
  return issues;
}

/** A server problem's paths ("body.facts.event.patientHarm") as the form's ("event.patientHarm"). */
export function issuesFromProblem(errors: readonly { path: string; message: string }[]): FactsIssues {
  const issues = new Map<string, string>();
  for (const error of errors) {
    const path = error.path.replace(/^body\./, '').replace(/^facts\./, '');
    if (!issues.has(path)) issues.set(path, error.message);
  }
  return issues;
}

/** The first problem at `path` or inside it (an entry of a list, a field of an object). */
export function issueAt(issues: FactsIssues, path: string): string | undefined {
  for (const [key, message] of issues) {
    if (key === path || key.startsWith(`${path}.`)) return message;
  }
  return undefined;
}
