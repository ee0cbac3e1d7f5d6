import cvssLibrary from 'ae-cvss-calculator';
import { DomainError } from '../../../../shared/errors.ts';
import type { CsafCvssV3 } from './csaf-types.ts';

// ae-cvss-calculator ships a UMD bundle: named ESM imports type-check but fail under node/tsx (see risk's
// cvss.ts), so take the default export and destructure it.
const { Cvss3P0, Cvss3P1 } = cvssLibrary;

const impact = { N: 'NONE', L: 'LOW', H: 'HIGH' };
const attackVector = { N: 'NETWORK', A: 'ADJACENT_NETWORK', L: 'LOCAL', P: 'PHYSICAL' };
const requirement = { L: 'LOW', M: 'MEDIUM', H: 'HIGH' };

// CVSS v3.0/v3.1 specification §2–§4 metrics in specification order (the same in both versions), with the
// property and value names of FIRST's CVSS v3.x JSON schemas. Non-base metrics also take X (Not Defined).
const v3Metrics: ReadonlyArray<readonly [string, string, Readonly<Record<string, string>>]> = [
  ['AV', 'attackVector', attackVector],
  ['AC', 'attackComplexity', { L: 'LOW', H: 'HIGH' }],
  ['PR', 'privilegesRequired', impact],
  ['UI', 'userInteraction', { N: 'NONE', R: 'REQUIRED' }],
  ['S', 'scope', { U: 'UNCHANGED', C: 'CHANGED' }],
  ['C', 'confidentialityImpact', impact],
  ['I', 'integrityImpact', impact],
  ['A', 'availabilityImpact', impact],
  ['E', 'exploitCodeMaturity', { U: 'UNPROVEN', P: 'PROOF_OF_CONCEPT', F: 'FUNCTIONAL', H: 'HIGH' }],
  ['RL', 'remediationLevel', { O: 'OFFICIAL_FIX', T: 'TEMPORARY_FIX', W: 'WORKAROUND', U: 'UNAVAILABLE' }],
  ['RC', 'reportConfidence', { U: 'UNKNOWN', R: 'REASONABLE', C: 'CONFIRMED' }],
  ['CR', 'confidentialityRequirement', requirement],
  ['IR', 'integrityRequirement', requirement],
  ['AR', 'availabilityRequirement', requirement],
  ['MAV', 'modifiedAttackVector', attackVector],
  ['MAC', 'modifiedAttackComplexity', { L: 'LOW', H: 'HIGH' }],
  ['MPR', 'modifiedPrivilegesRequired', impact],
  ['MUI', 'modifiedUserInteraction', { N: 'NONE', R: 'REQUIRED' }],
  ['MS', 'modifiedScope', { U: 'UNCHANGED', C: 'CHANGED' }],
  ['MC', 'modifiedConfidentialityImpact', impact],
  ['MI', 'modifiedIntegrityImpact', impact],
  ['MA', 'modifiedAvailabilityImpact', impact],
];
const baseMetricCount = 8;

/**
 * The FIRST CVSS v3.x JSON object of a vector, as CSAF 2.0 `scores[].cvss_v3` carries it: version from the
 * prefix, the vector in specification order without Not Defined (`X`) metrics, the scores and severities
 * ae-cvss-calculator computes (6.1.9) and a property for every metric the vector defines (6.1.10).
 * @throws DomainError('invalid') when the vector is not a complete, well-formed CVSS v3.0/v3.1 vector
 *   (the calculator itself accepts anything and computes nonsense).
 */
export function cvssV3Score(vector: string): CsafCvssV3 {
  const { normalised, values } = parseV3Vector(vector);
  const version = normalised.startsWith('CVSS:3.0/') ? '3.0' : '3.1';
  const calculator = version === '3.0' ? new Cvss3P0(normalised) : new Cvss3P1(normalised);
  const computed = calculator.createJsonSchema() as unknown as Record<string, unknown>;
  const score: CsafCvssV3 = {
    version,
    vectorString: normalised,
    baseScore: Number(computed.baseScore ?? 0),
    baseSeverity: String(computed.baseSeverity),
  };
  // Scores and severities from the calculator; the metric properties from Candor's own table, because
  // ae-cvss-calculator 1.0.13 leaves some out (E:U gives no exploitCodeMaturity).
  for (const key of scoreKeys) {
    const value = computed[key];
    if (typeof value === 'string' || typeof value === 'number') score[key] = value;
  }
  for (const [key, property, names] of v3Metrics) {
    const value = values.get(key);
    if (value !== undefined && value !== 'X') score[property] = names[value] as string;
  }
  // Keys in alphabetical order like the rest of the document (§5.3, optional test 6.2.13).
  return Object.fromEntries(Object.entries(score).sort(([a], [b]) => (a < b ? -1 : 1))) as CsafCvssV3;
}

const scoreKeys = ['temporalScore', 'temporalSeverity', 'environmentalScore', 'environmentalSeverity'];

/**
 * The vector in specification order, with `X` metrics dropped.
 * @throws DomainError('invalid') naming the problem: unknown prefix, metric or value, a repeated metric,
 *   or a missing base metric.
 */
export function normaliseV3Vector(vector: string): string {
  return parseV3Vector(vector).normalised;
}

function parseV3Vector(vector: string): { normalised: string; values: Map<string, string> } {
  const [prefix, ...parts] = vector.trim().split('/');
  if (prefix !== 'CVSS:3.0' && prefix !== 'CVSS:3.1') {
    throw invalidVector(vector, 'it must start with CVSS:3.0/ or CVSS:3.1/');
  }
  const values = new Map<string, string>();
  for (const part of parts) {
    const [key = '', value = '', extra] = part.split(':');
    const metric = v3Metrics.find(([name]) => name === key);
    if (!metric || extra !== undefined) throw invalidVector(vector, `"${part}" is not a CVSS v3 metric`);
    const isBase = v3Metrics.indexOf(metric) < baseMetricCount;
    if (!Object.hasOwn(metric[2], value) && !(value === 'X' && !isBase)) {
      throw invalidVector(vector, `${key} does not take the value "${value}"`);
    }
    if (values.has(key)) throw invalidVector(vector, `${key} appears twice`);
    values.set(key, value);
  }
  const missing = v3Metrics.slice(0, baseMetricCount).filter(([key]) => !values.has(key));
  if (missing.length > 0) {
    throw invalidVector(vector, `base metrics missing: ${missing.map(([key]) => key).join(', ')}`);
  }
  const defined = v3Metrics.flatMap(([key]) => {
    const value = values.get(key);
    return value === undefined || value === 'X' ? [] : [`${key}:${value}`];
  });
  return { normalised: [prefix, ...defined].join('/'), values };
}

function invalidVector(vector: string, reason: string): DomainError {
  return new DomainError('invalid', `CVSS vector "${vector}" is not valid: ${reason}.`, { vector });
}
