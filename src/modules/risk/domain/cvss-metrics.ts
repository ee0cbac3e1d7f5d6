import { DomainError } from '../../../shared/errors.ts';

/**
 * The metric catalogue of every CVSS version Candor reads, and the strict vector parser built on it.
 * Pure data and string handling: scoring lives in cvss.ts. Sources: CVSS v2 Complete Guide §2 and §3.2
 * (https://www.first.org/cvss/v2/guide), CVSS v3.0/v3.1 Specification §2–§4 and §6 "Vector String",
 * CVSS v4.0 Specification §2–§5 and §7 "Vector String". Metric order is the specification's table order
 * (v4.0: Base, Threat, Environmental, Supplemental), which is the order a normalised vector uses.
 */
export const cvssVersions = ['2.0', '3.0', '3.1', '4.0'] as const;
export type CvssVersion = (typeof cvssVersions)[number];

/** The metric groups of the specifications; v2/v3 call the middle one temporal, v4.0 threat. */
export type CvssMetricGroup = 'base' | 'temporal' | 'threat' | 'environmental' | 'supplemental';

export interface CvssMetricDefinition {
  /** The abbreviation used in vector strings (AV, Au, MSI, …). */
  key: string;
  name: string;
  group: CvssMetricGroup;
  /** Allowed values, abbreviation → name, in specification order. */
  values: Readonly<Record<string, string>>;
}

type Values = Readonly<Record<string, string>>;
const notDefinedV3: Values = { X: 'Not Defined' };
const notDefinedV2: Values = { ND: 'Not Defined' };
const cia3: Values = { H: 'High', L: 'Low', N: 'None' };
const requirement: Values = { L: 'Low', M: 'Medium', H: 'High' };

function metric(key: string, name: string, group: CvssMetricGroup, values: Values): CvssMetricDefinition {
  return { key, name, group, values };
}

const v2Metrics: CvssMetricDefinition[] = [
  metric('AV', 'Access Vector', 'base', { L: 'Local', A: 'Adjacent Network', N: 'Network' }),
  metric('AC', 'Access Complexity', 'base', { H: 'High', M: 'Medium', L: 'Low' }),
  metric('Au', 'Authentication', 'base', { M: 'Multiple', S: 'Single', N: 'None' }),
  metric('C', 'Confidentiality Impact', 'base', { N: 'None', P: 'Partial', C: 'Complete' }),
  metric('I', 'Integrity Impact', 'base', { N: 'None', P: 'Partial', C: 'Complete' }),
  metric('A', 'Availability Impact', 'base', { N: 'None', P: 'Partial', C: 'Complete' }),
  metric('E', 'Exploitability', 'temporal', {
    U: 'Unproven',
    POC: 'Proof-of-Concept',
    F: 'Functional',
    H: 'High',
    ...notDefinedV2,
  }),
  metric('RL', 'Remediation Level', 'temporal', {
    OF: 'Official Fix',
    TF: 'Temporary Fix',
    W: 'Workaround',
    U: 'Unavailable',
    ...notDefinedV2,
  }),
  metric('RC', 'Report Confidence', 'temporal', {
    UC: 'Unconfirmed',
    UR: 'Uncorroborated',
    C: 'Confirmed',
    ...notDefinedV2,
  }),
  metric('CDP', 'Collateral Damage Potential', 'environmental', {
    N: 'None',
    L: 'Low',
    LM: 'Low-Medium',
    MH: 'Medium-High',
    H: 'High',
    ...notDefinedV2,
  }),
  metric('TD', 'Target Distribution', 'environmental', {
    N: 'None',
    L: 'Low',
    M: 'Medium',
    H: 'High',
    ...notDefinedV2,
  }),
  metric('CR', 'Confidentiality Requirement', 'environmental', { ...requirement, ...notDefinedV2 }),
  metric('IR', 'Integrity Requirement', 'environmental', { ...requirement, ...notDefinedV2 }),
  metric('AR', 'Availability Requirement', 'environmental', { ...requirement, ...notDefinedV2 }),
];

const v3AttackVector: Values = { N: 'Network', A: 'Adjacent Network', L: 'Local', P: 'Physical' };
const v3Metrics: CvssMetricDefinition[] = [
  metric('AV', 'Attack Vector', 'base', v3AttackVector),
  metric('AC', 'Attack Complexity', 'base', { L: 'Low', H: 'High' }),
  metric('PR', 'Privileges Required', 'base', { N: 'None', L: 'Low', H: 'High' }),
  metric('UI', 'User Interaction', 'base', { N: 'None', R: 'Required' }),
  metric('S', 'Scope', 'base', { U: 'Unchanged', C: 'Changed' }),
  metric('C', 'Confidentiality', 'base', cia3),
  metric('I', 'Integrity', 'base', cia3),
  metric('A', 'Availability', 'base', cia3),
  metric('E', 'Exploit Code Maturity', 'temporal', {
    ...notDefinedV3,
    U: 'Unproven',
    P: 'Proof-of-Concept',
    F: 'Functional',
    H: 'High',
  }),
  metric('RL', 'Remediation Level', 'temporal', {
    ...notDefinedV3,
    O: 'Official Fix',
    T: 'Temporary Fix',
    W: 'Workaround',
    U: 'Unavailable',
  }),
  metric('RC', 'Report Confidence', 'temporal', {
    ...notDefinedV3,
    U: 'Unknown',
    R: 'Reasonable',
    C: 'Confirmed',
  }),
  metric('CR', 'Confidentiality Requirement', 'environmental', { ...notDefinedV3, ...requirement }),
  metric('IR', 'Integrity Requirement', 'environmental', { ...notDefinedV3, ...requirement }),
  metric('AR', 'Availability Requirement', 'environmental', { ...notDefinedV3, ...requirement }),
  metric('MAV', 'Modified Attack Vector', 'environmental', { ...notDefinedV3, ...v3AttackVector }),
  metric('MAC', 'Modified Attack Complexity', 'environmental', { ...notDefinedV3, L: 'Low', H: 'High' }),
  metric('MPR', 'Modified Privileges Required', 'environmental', {
    ...notDefinedV3,
    N: 'None',
    L: 'Low',
    H: 'High',
  }),
  metric('MUI', 'Modified User Interaction', 'environmental', { ...notDefinedV3, N: 'None', R: 'Required' }),
  metric('MS', 'Modified Scope', 'environmental', { ...notDefinedV3, U: 'Unchanged', C: 'Changed' }),
  metric('MC', 'Modified Confidentiality', 'environmental', { ...notDefinedV3, ...cia3 }),
  metric('MI', 'Modified Integrity', 'environmental', { ...notDefinedV3, ...cia3 }),
  metric('MA', 'Modified Availability', 'environmental', { ...notDefinedV3, ...cia3 }),
];

const v4AttackVector: Values = { N: 'Network', A: 'Adjacent', L: 'Local', P: 'Physical' };
const v4UserInteraction: Values = { N: 'None', P: 'Passive', A: 'Active' };
const withSafety: Values = { ...notDefinedV3, S: 'Safety', ...cia3 };
const v4Metrics: CvssMetricDefinition[] = [
  metric('AV', 'Attack Vector', 'base', v4AttackVector),
  metric('AC', 'Attack Complexity', 'base', { L: 'Low', H: 'High' }),
  metric('AT', 'Attack Requirements', 'base', { N: 'None', P: 'Present' }),
  metric('PR', 'Privileges Required', 'base', { N: 'None', L: 'Low', H: 'High' }),
  metric('UI', 'User Interaction', 'base', v4UserInteraction),
  metric('VC', 'Vulnerable System Confidentiality', 'base', cia3),
  metric('VI', 'Vulnerable System Integrity', 'base', cia3),
  metric('VA', 'Vulnerable System Availability', 'base', cia3),
  metric('SC', 'Subsequent System Confidentiality', 'base', cia3),
  metric('SI', 'Subsequent System Integrity', 'base', cia3),
  metric('SA', 'Subsequent System Availability', 'base', cia3),
  metric('E', 'Exploit Maturity', 'threat', {
    ...notDefinedV3,
    A: 'Attacked',
    P: 'Proof-of-Concept',
    U: 'Unreported',
  }),
  metric('CR', 'Confidentiality Requirement', 'environmental', {
    ...notDefinedV3,
    H: 'High',
    M: 'Medium',
    L: 'Low',
  }),
  metric('IR', 'Integrity Requirement', 'environmental', {
    ...notDefinedV3,
    H: 'High',
    M: 'Medium',
    L: 'Low',
  }),
  metric('AR', 'Availability Requirement', 'environmental', {
    ...notDefinedV3,
    H: 'High',
    M: 'Medium',
    L: 'Low',
  }),
  metric('MAV', 'Modified Attack Vector', 'environmental', { ...notDefinedV3, ...v4AttackVector }),
  metric('MAC', 'Modified Attack Complexity', 'environmental', { ...notDefinedV3, L: 'Low', H: 'High' }),
  metric('MAT', 'Modified Attack Requirements', 'environmental', {
    ...notDefinedV3,
    N: 'None',
    P: 'Present',
  }),
  metric('MPR', 'Modified Privileges Required', 'environmental', {
    ...notDefinedV3,
    N: 'None',
    L: 'Low',
    H: 'High',
  }),
  metric('MUI', 'Modified User Interaction', 'environmental', { ...notDefinedV3, ...v4UserInteraction }),
  metric('MVC', 'Modified Vulnerable System Confidentiality', 'environmental', { ...notDefinedV3, ...cia3 }),
  metric('MVI', 'Modified Vulnerable System Integrity', 'environmental', { ...notDefinedV3, ...cia3 }),
  metric('MVA', 'Modified Vulnerable System Availability', 'environmental', { ...notDefinedV3, ...cia3 }),
  metric('MSC', 'Modified Subsequent System Confidentiality', 'environmental', { ...notDefinedV3, ...cia3 }),
  // CVSS v4.0 §4.2: only MSI and MSA accept S (Safety), for harm to human life (IEC 61508).
  metric('MSI', 'Modified Subsequent System Integrity', 'environmental', withSafety),
  metric('MSA', 'Modified Subsequent System Availability', 'environmental', withSafety),
  metric('S', 'Safety', 'supplemental', { ...notDefinedV3, N: 'Negligible', P: 'Present' }),
  metric('AU', 'Automatable', 'supplemental', { ...notDefinedV3, N: 'No', Y: 'Yes' }),
  metric('R', 'Recovery', 'supplemental', { ...notDefinedV3, A: 'Automatic', U: 'User', I: 'Irrecoverable' }),
  metric('V', 'Value Density', 'supplemental', { ...notDefinedV3, D: 'Diffuse', C: 'Concentrated' }),
  metric('RE', 'Vulnerability Response Effort', 'supplemental', {
    ...notDefinedV3,
    L: 'Low',
    M: 'Moderate',
    H: 'High',
  }),
  metric('U', 'Provider Urgency', 'supplemental', {
    ...notDefinedV3,
    Clear: 'Clear',
    Green: 'Green',
    Amber: 'Amber',
    Red: 'Red',
  }),
];

const catalogue: Record<CvssVersion, readonly CvssMetricDefinition[]> = {
  '2.0': v2Metrics,
  '3.0': v3Metrics,
  '3.1': v3Metrics,
  '4.0': v4Metrics,
};

/** The metrics of a version, in specification order. */
export function cvssMetricsOf(version: CvssVersion): readonly CvssMetricDefinition[] {
  return catalogue[version];
}

/** The abbreviations of one group of a version (e.g. the environmental metrics a device rescoring may set). */
export function cvssMetricKeys(version: CvssVersion, group: CvssMetricGroup): string[] {
  return catalogue[version].filter((m) => m.group === group).map((m) => m.key);
}

/** The value meaning "Not Defined" in a version: ND in v2, X in v3.x and v4.0. */
export function notDefinedValue(version: CvssVersion): string {
  return version === '2.0' ? 'ND' : 'X';
}

/** A validated vector: its version and its defined metrics (Not Defined dropped), in specification order. */
export interface ParsedCvssVector {
  version: CvssVersion;
  metrics: Record<string, string>;
  /** The normalised vector string: prefix (none for v2), then the defined metrics in specification order. */
  vector: string;
}

const prefixPattern = /^CVSS:([^/]*)(?:\/|$)/;

function invalid(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('invalid', message, details);
}

/** Splits `text` into version and metric parts; v2 vectors carry no prefix (NVD writes them bare). */
function splitVersion(text: string): { version: CvssVersion; body: string } {
  const prefix = prefixPattern.exec(text);
  if (!prefix) {
    // v2 vectors are sometimes written in parentheses, e.g. "(AV:N/AC:L/Au:N/C:P/I:P/A:P)".
    const bare = text.startsWith('(') && text.endsWith(')') ? text.slice(1, -1) : text;
    return { version: '2.0', body: bare };
  }
  const version = prefix[1] as CvssVersion;
  if (!(cvssVersions as readonly string[]).includes(version))
    throw invalid(`unsupported CVSS version "${prefix[1]}" (supported: 2.0, 3.0, 3.1, 4.0)`);
  return { version, body: text.slice(prefix[0].length) };
}

/** Builds the normalised vector string of a version from defined metrics (any order in, spec order out). */
export function formatCvssVector(version: CvssVersion, metrics: Record<string, string>): string {
  const parts = catalogue[version]
    .filter((m) => metrics[m.key] !== undefined && metrics[m.key] !== notDefinedValue(version))
    .map((m) => `${m.key}:${metrics[m.key]}`);
  return version === '2.0' ? parts.join('/') : [`CVSS:${version}`, ...parts].join('/');
}

/**
 * Parses and validates a CVSS v2, v3.0, v3.1 or v4.0 vector string. Metrics may come in any order
 * (the v4.0 specification is ambiguous about order and real advisories vary); each may appear once,
 * every base metric is required, and values are case-sensitive as in the specifications.
 * @throws DomainError('invalid') naming the offending metric or value.
 */
export function parseCvssVector(input: string): ParsedCvssVector {
  const text = input.trim();
  if (text === '') throw invalid('empty CVSS vector');
  const { version, body } = splitVersion(text);
  const definitions = new Map(catalogue[version].map((m) => [m.key, m]));
  const metrics: Record<string, string> = {};
  const parts = body === '' ? [] : body.split('/');
  for (const part of parts) {
    const separator = part.indexOf(':');
    if (separator <= 0)
      throw invalid(`malformed CVSS ${version} component "${part}" (expected METRIC:VALUE)`, { version });
    const key = part.slice(0, separator);
    const value = part.slice(separator + 1);
    const definition = definitions.get(key);
    if (!definition) {
      const hint =
        version === '2.0' && ['PR', 'UI', 'S', 'AT', 'VC'].includes(key)
          ? ' (a v3 or v4 vector needs its "CVSS:3.1/" or "CVSS:4.0/" prefix)'
          : '';
      throw invalid(`unknown metric "${key}" in CVSS ${version} vector${hint}`, { version, metric: key });
    }
    if (key in metrics) throw invalid(`metric ${key} appears twice in the vector`, { version, metric: key });
    if (!Object.hasOwn(definition.values, value)) {
      throw invalid(
        `invalid value "${value}" for metric ${key} (${definition.name}); expected one of ${Object.keys(definition.values).join(', ')}`,
        { version, metric: key, value },
      );
    }
    metrics[key] = value;
  }
  const missing = catalogue[version]
    .filter((m) => m.group === 'base' && !(m.key in metrics))
    .map((m) => m.key);
  if (missing.length > 0) {
    throw invalid(
      `missing base metric${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in CVSS ${version} vector`,
      { version, missing },
    );
  }
  const defined = Object.fromEntries(
    catalogue[version]
      .filter((m) => metrics[m.key] !== undefined && metrics[m.key] !== notDefinedValue(version))
      .map((m) => [m.key, metrics[m.key] as string]),
  );
  return { version, metrics: defined, vector: formatCvssVector(version, defined) };
}

/** Whether the parsed vector defines at least one metric of `group`. */
export function hasCvssGroup(parsed: ParsedCvssVector, group: CvssMetricGroup): boolean {
  return catalogue[parsed.version].some((m) => m.group === group && m.key in parsed.metrics);
}

/** The defined metrics of the vector restricted to the given groups (e.g. base + threat for CVSS-BT). */
export function selectCvssGroups(
  parsed: ParsedCvssVector,
  groups: CvssMetricGroup[],
): Record<string, string> {
  return Object.fromEntries(
    catalogue[parsed.version]
      .filter((m) => groups.includes(m.group) && m.key in parsed.metrics)
      .map((m) => [m.key, parsed.metrics[m.key] as string]),
  );
}
