import cvssLibrary from 'ae-cvss-calculator';
import { DomainError } from '../../../shared/errors.ts';
import {
  type CvssMetricGroup,
  type CvssVersion,
  cvssMetricKeys,
  cvssMetricsOf,
  formatCvssVector,
  hasCvssGroup,
  notDefinedValue,
  type ParsedCvssVector,
  parseCvssVector,
  selectCvssGroups,
} from './cvss-metrics.ts';

// ae-cvss-calculator ships a UMD bundle: named ESM imports type-check but fail under node/tsx, so take
// the default export (module.exports) and destructure it.
const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = cvssLibrary;

/** Qualitative severity: CVSS v3.1 §5 and v4.0 §6 bands; v2 uses NVD's low/medium/high (the v2 guide has none). */
export const cvssSeverities = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type CvssSeverity = (typeof cvssSeverities)[number];

/** A scored vector as plain data. Scores are null when the vector has no metric of that group. */
export interface CvssScore {
  version: CvssVersion;
  /** The normalised vector: specification order, Not Defined values dropped. */
  vector: string;
  /** Defined metrics, abbreviation → value, in specification order. */
  metrics: Record<string, string>;
  baseScore: number;
  baseSeverity: CvssSeverity;
  /** v2/v3 sub-scores of the base score; null for v4.0, which has none. */
  exploitabilityScore: number | null;
  impactScore: number | null;
  /** v2/v3.x temporal score (E, RL, RC). */
  temporalScore: number | null;
  temporalSeverity: CvssSeverity | null;
  /** v4.0 CVSS-BT: base and threat (E) metrics only. */
  threatScore: number | null;
  threatSeverity: CvssSeverity | null;
  /**
   * Score with the environmental metrics: v2/v3.x environmental score (includes the temporal metrics, as
   * the specifications define it); v4.0 CVSS-BE or CVSS-BTE (includes E when present).
   */
  environmentalScore: number | null;
  environmentalSeverity: CvssSeverity | null;
  /** The most specific score the vector supports: environmental, else temporal/threat, else base. */
  overallScore: number;
  overallSeverity: CvssSeverity;
  /** v4.0 §1.3 nomenclature of `overallScore` (CVSS-B, CVSS-BT, CVSS-BE, CVSS-BTE); null before v4.0. */
  nomenclature: 'CVSS-B' | 'CVSS-BT' | 'CVSS-BE' | 'CVSS-BTE' | null;
}

/** Severity band of a score in a version. */
export function cvssSeverity(version: CvssVersion, score: number): CvssSeverity {
  if (version === '2.0') return score < 4 ? 'low' : score < 7 ? 'medium' : 'high';
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

function oneDecimal(score: number): number {
  return Math.round(score * 10) / 10;
}

interface LibraryScores {
  base?: number | undefined;
  exploitability?: number | undefined;
  impact?: number | undefined;
  temporal?: number | undefined;
  environmental?: number | undefined;
}

/** round_to_1_decimal of the CVSS v2 guide on the decimal value (8.55 → 8.6), not on its binary approximation. */
function roundV2(score: number): number {
  return Math.round(Number((score * 10).toPrecision(12))) / 10;
}

/**
 * CVSS v2 temporal and environmental scores (v2 guide §3.2.2–§3.2.3), with the library's metric weights.
 * ae-cvss-calculator 1.0.13 leaves AdjustedBase and AdjustedTemporal unrounded and rounds binary
 * approximations, so it prints 9.1 where the guide's own example CVE-2002-0392 gives 9.2 (see
 * cvss.test.ts); the guide rounds every step to one decimal, which is what this does.
 */
function v2TemporalAndEnvironmental(
  calculator: InstanceType<typeof Cvss2>,
  baseScore: number,
): { temporal: number; environmental: number } {
  const weight = (key: string) =>
    (calculator.getComponentByString(key) as unknown as { value: number }).value;
  const exploitability = 20 * weight('AV') * weight('AC') * weight('Au');
  const temporalFactor = weight('E') * weight('RL') * weight('RC');
  const adjustedImpact = Math.min(
    10,
    10.41 *
      (1 -
        (1 - weight('C') * weight('CR')) *
          (1 - weight('I') * weight('IR')) *
          (1 - weight('A') * weight('AR'))),
  );
  const adjustedBase = roundV2(
    (0.6 * adjustedImpact + 0.4 * exploitability - 1.5) * (adjustedImpact === 0 ? 0 : 1.176),
  );
  const adjustedTemporal = roundV2(adjustedBase * temporalFactor);
  return {
    temporal: roundV2(baseScore * temporalFactor),
    environmental: roundV2((adjustedTemporal + (10 - adjustedTemporal) * weight('CDP')) * weight('TD')),
  };
}

function scoreV2V3(parsed: ParsedCvssVector): CvssScore {
  const v2 = parsed.version === '2.0' ? new Cvss2(parsed.vector) : null;
  const calculator =
    v2 ?? (parsed.version === '3.0' ? new Cvss3P0(parsed.vector) : new Cvss3P1(parsed.vector));
  const scores: LibraryScores = calculator.calculateScores();
  const baseScore = oneDecimal(scores.base ?? 0);
  const corrected = v2 ? v2TemporalAndEnvironmental(v2, baseScore) : null;
  const pick = (group: CvssMetricGroup, value: number | undefined) =>
    hasCvssGroup(parsed, group) && value !== undefined ? oneDecimal(value) : null;
  const temporalScore = pick('temporal', corrected?.temporal ?? scores.temporal);
  const environmentalScore = pick('environmental', corrected?.environmental ?? scores.environmental);
  return assemble(parsed, {
    baseScore,
    exploitabilityScore: scores.exploitability === undefined ? null : oneDecimal(scores.exploitability),
    impactScore: scores.impact === undefined ? null : oneDecimal(scores.impact),
    temporalScore,
    threatScore: null,
    environmentalScore,
    nomenclature: null,
  });
}

function scoreV4(parsed: ParsedCvssVector): CvssScore {
  const score = (groups: CvssMetricGroup[]) =>
    oneDecimal(
      new Cvss4P0(formatCvssVector('4.0', selectCvssGroups(parsed, groups))).calculateOverallScore(),
    );
  const hasThreat = hasCvssGroup(parsed, 'threat');
  const hasEnvironment = hasCvssGroup(parsed, 'environmental');
  const nomenclature =
    `CVSS-B${hasThreat ? 'T' : ''}${hasEnvironment ? 'E' : ''}` as CvssScore['nomenclature'];
  return assemble(parsed, {
    baseScore: score(['base']),
    exploitabilityScore: null,
    impactScore: null,
    temporalScore: null,
    threatScore: hasThreat ? score(['base', 'threat']) : null,
    environmentalScore: hasEnvironment ? score(['base', 'threat', 'environmental']) : null,
    nomenclature,
  });
}

type Scores = Pick<
  CvssScore,
  | 'baseScore'
  | 'exploitabilityScore'
  | 'impactScore'
  | 'temporalScore'
  | 'threatScore'
  | 'environmentalScore'
  | 'nomenclature'
>;

function assemble(parsed: ParsedCvssVector, scores: Scores): CvssScore {
  const severity = (score: number | null) => (score === null ? null : cvssSeverity(parsed.version, score));
  const overallScore =
    scores.environmentalScore ?? scores.temporalScore ?? scores.threatScore ?? scores.baseScore;
  return {
    version: parsed.version,
    vector: parsed.vector,
    metrics: parsed.metrics,
    baseScore: scores.baseScore,
    baseSeverity: cvssSeverity(parsed.version, scores.baseScore),
    exploitabilityScore: scores.exploitabilityScore,
    impactScore: scores.impactScore,
    temporalScore: scores.temporalScore,
    temporalSeverity: severity(scores.temporalScore),
    threatScore: scores.threatScore,
    threatSeverity: severity(scores.threatScore),
    environmentalScore: scores.environmentalScore,
    environmentalSeverity: severity(scores.environmentalScore),
    overallScore,
    overallSeverity: cvssSeverity(parsed.version, overallScore),
    nomenclature: scores.nomenclature,
  };
}

/**
 * Parses, validates and scores a CVSS v2, v3.0, v3.1 or v4.0 vector (ae-cvss-calculator does the
 * arithmetic; Candor validates first, because the library silently ignores what it does not know).
 * @throws DomainError('invalid') for a malformed vector, naming the bad metric or value.
 */
export function scoreCvssVector(vector: string): CvssScore {
  const parsed = parseCvssVector(vector);
  return parsed.version === '4.0' ? scoreV4(parsed) : scoreV2V3(parsed);
}

/** A device's real exposure as CVSS environmental metrics (v3.x: CR, IR, AR, MAV…MA; v4.0: CR, IR, AR, MAV…MSA). */
export type CvssEnvironment = Record<string, string>;

export interface CvssRescoring extends CvssScore {
  /** The vector the rescoring started from, normalised. */
  baseVector: string;
  /** The environmental metrics applied (Not Defined values dropped). */
  environment: CvssEnvironment;
}

/**
 * Rescores a vulnerability's vector for one device: the device's environmental metrics replace any
 * environmental metrics the published vector carried; base, temporal/threat and supplemental metrics are
 * kept. Use MSI:S / MSA:S (v4.0) where exploitation reaches therapy or monitoring.
 * @throws DomainError('invalid') for a bad vector, a metric that is not environmental in the vector's
 * version, or a value the metric does not accept.
 */
export function rescoreForEnvironment(baseVector: string, environment: CvssEnvironment): CvssRescoring {
  const parsed = parseCvssVector(baseVector);
  const allowed = cvssMetricKeys(parsed.version, 'environmental');
  for (const key of Object.keys(environment)) {
    if (!allowed.includes(key)) {
      throw new DomainError(
        'invalid',
        `"${key}" is not an environmental metric of CVSS ${parsed.version}; expected one of ${allowed.join(', ')}`,
        { version: parsed.version, metric: key },
      );
    }
  }
  const kept = selectCvssGroups(parsed, ['base', 'temporal', 'threat', 'supplemental']);
  const applied = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== notDefinedValue(parsed.version)),
  );
  const score = scoreCvssVector(formatCvssVector(parsed.version, { ...kept, ...applied }));
  const appliedEnvironment = Object.fromEntries(
    Object.entries(score.metrics).filter(([key]) => allowed.includes(key)),
  );
  return { ...score, baseVector: parsed.vector, environment: appliedEnvironment };
}

export interface CvssMetricExplanation {
  key: string;
  name: string;
  group: CvssMetricGroup;
  value: string;
  valueName: string;
}

/** The defined metrics of a vector with their names, for display beside the vector. */
export function describeCvssVector(vector: string): CvssMetricExplanation[] {
  const parsed = parseCvssVector(vector);
  return cvssMetricsOf(parsed.version)
    .filter((m) => m.key in parsed.metrics)
    .map((m) => {
      const value = parsed.metrics[m.key] as string;
      return { key: m.key, name: m.name, group: m.group, value, valueName: m.values[value] ?? value };
    });
}
