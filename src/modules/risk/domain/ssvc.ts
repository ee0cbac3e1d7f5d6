import { DomainError } from '../../../shared/errors.ts';
import type { CvssScore } from './cvss.ts';
import type { SsvcExploitation } from './exploitability.ts';
import type { HarmSeverity } from './patient-harm.ts';

/**
 * SSVC decision tables from CERT/CC's SSVC repository (github.com/CERTCC/SSVC, regulations.md §3f [S21]),
 * every row encoded as published:
 * - CISA coordinator v2.0.3: data/csv/cisa/cisa_coordinator_2_0_3.csv (36 rows), with Mission and
 *   Well-being from data/csvs/mission-and-well-being_v1.csv;
 * - supplier patch development priority v1.0.0: data/csv/ssvc/supplier_patch_development_priority_1_0_0.csv
 *   (36 rows; the older data/csvs/supplier-options.csv has the same outcomes), with Utility from
 *   data/csv/ssvc/utility_1_0_0.csv and Public Safety Impact from data/csv/ssvc/public_safety_impact_1_0_0.csv;
 * - Technical Impact from CVSS v4.0: data/csv/ssvc/cvssv4_to_technical_impact_1_0_0.csv.
 */
export type { SsvcExploitation } from './exploitability.ts';
export type SsvcAutomatable = 'no' | 'yes';
export type SsvcTechnicalImpact = 'partial' | 'total';
export type SsvcMissionPrevalence = 'minimal' | 'support' | 'essential';
export type SsvcPublicWellBeing = 'minimal' | 'material' | 'irreversible';
export type SsvcMissionAndWellBeing = 'low' | 'medium' | 'high';
export type CisaDecision = 'track' | 'track*' | 'attend' | 'act';
export type SsvcValueDensity = 'diffuse' | 'concentrated';
export type SsvcUtility = 'laborious' | 'efficient' | 'super-effective';
export type SsvcSafetyImpact = 'negligible' | 'marginal' | 'critical' | 'catastrophic';
export type SsvcPublicSafetyImpact = 'minimal' | 'significant';
export type SupplierPriority = 'defer' | 'scheduled' | 'out-of-cycle' | 'immediate';
export type PatchCadence = 'regular' | 'out-of-cycle';

const wellBeingTable: Record<SsvcMissionPrevalence, Record<SsvcPublicWellBeing, SsvcMissionAndWellBeing>> = {
  minimal: { minimal: 'low', material: 'medium', irreversible: 'high' },
  support: { minimal: 'medium', material: 'medium', irreversible: 'high' },
  essential: { minimal: 'high', material: 'high', irreversible: 'high' },
};

/** Mission and Well-being Impact from Mission Prevalence × Public Well-being Impact. */
export function missionAndWellBeing(
  prevalence: SsvcMissionPrevalence,
  wellBeing: SsvcPublicWellBeing,
): SsvcMissionAndWellBeing {
  return wellBeingTable[prevalence][wellBeing];
}

export type CisaCoordinatorRow = [
  SsvcExploitation,
  SsvcAutomatable,
  SsvcTechnicalImpact,
  SsvcMissionAndWellBeing,
  CisaDecision,
];

/** cisa_coordinator_2_0_3.csv rows 0–35, in file order. */
export const cisaCoordinatorTable: readonly CisaCoordinatorRow[] = [
  ['none', 'no', 'partial', 'low', 'track'],
  ['none', 'no', 'partial', 'medium', 'track'],
  ['none', 'no', 'partial', 'high', 'track'],
  ['none', 'no', 'total', 'low', 'track'],
  ['none', 'no', 'total', 'medium', 'track'],
  ['none', 'no', 'total', 'high', 'track*'],
  ['none', 'yes', 'partial', 'low', 'track'],
  ['none', 'yes', 'partial', 'medium', 'track'],
  ['none', 'yes', 'partial', 'high', 'attend'],
  ['none', 'yes', 'total', 'low', 'track'],
  ['none', 'yes', 'total', 'medium', 'track'],
  ['none', 'yes', 'total', 'high', 'attend'],
  ['public-poc', 'no', 'partial', 'low', 'track'],
  ['public-poc', 'no', 'partial', 'medium', 'track'],
  ['public-poc', 'no', 'partial', 'high', 'track*'],
  ['public-poc', 'no', 'total', 'low', 'track'],
  ['public-poc', 'no', 'total', 'medium', 'track*'],
  ['public-poc', 'no', 'total', 'high', 'attend'],
  ['public-poc', 'yes', 'partial', 'low', 'track'],
  ['public-poc', 'yes', 'partial', 'medium', 'track'],
  ['public-poc', 'yes', 'partial', 'high', 'attend'],
  ['public-poc', 'yes', 'total', 'low', 'track'],
  ['public-poc', 'yes', 'total', 'medium', 'track*'],
  ['public-poc', 'yes', 'total', 'high', 'attend'],
  ['active', 'no', 'partial', 'low', 'track'],
  ['active', 'no', 'partial', 'medium', 'track'],
  ['active', 'no', 'partial', 'high', 'attend'],
  ['active', 'no', 'total', 'low', 'track'],
  ['active', 'no', 'total', 'medium', 'attend'],
  ['active', 'no', 'total', 'high', 'act'],
  ['active', 'yes', 'partial', 'low', 'attend'],
  ['active', 'yes', 'partial', 'medium', 'attend'],
  ['active', 'yes', 'partial', 'high', 'act'],
  ['active', 'yes', 'total', 'low', 'attend'],
  ['active', 'yes', 'total', 'medium', 'act'],
  ['active', 'yes', 'total', 'high', 'act'],
];

export interface CisaCoordinatorInputs {
  exploitation: SsvcExploitation;
  automatable: SsvcAutomatable;
  technicalImpact: SsvcTechnicalImpact;
  missionAndWellBeing: SsvcMissionAndWellBeing;
}

function findRow<T extends readonly string[]>(
  table: readonly T[],
  key: readonly string[],
  name: string,
): { row: T; index: number } {
  const index = table.findIndex((row) => key.every((value, i) => row[i] === value));
  if (index < 0) throw new DomainError('invalid', `no ${name} row for ${key.join(' / ')}`, { key });
  return { row: table[index] as T, index };
}

/**
 * The CISA coordinator decision (Track, Track*, Attend, Act).
 * @throws DomainError('invalid') for a value outside the decision points.
 */
export function decideCisaCoordinator(inputs: CisaCoordinatorInputs): {
  decision: CisaDecision;
  row: number;
} {
  const key = [inputs.exploitation, inputs.automatable, inputs.technicalImpact, inputs.missionAndWellBeing];
  const { row, index } = findRow(cisaCoordinatorTable, key, 'CISA coordinator');
  return { decision: row[4], row: index };
}

const utilityTable: Record<SsvcAutomatable, Record<SsvcValueDensity, SsvcUtility>> = {
  no: { diffuse: 'laborious', concentrated: 'efficient' },
  yes: { diffuse: 'efficient', concentrated: 'super-effective' },
};

/** Utility v1.0.1 from Automatable × Value Density (utility_1_0_0.csv). */
export function ssvcUtility(automatable: SsvcAutomatable, valueDensity: SsvcValueDensity): SsvcUtility {
  return utilityTable[automatable][valueDensity];
}

/** Public Safety Impact v2.0.1: minimal when Safety Impact is negligible, else significant (public_safety_impact_1_0_0.csv). */
export function publicSafetyImpact(safetyImpact: SsvcSafetyImpact): SsvcPublicSafetyImpact {
  return safetyImpact === 'negligible' ? 'minimal' : 'significant';
}

/**
 * SSVC Safety Impact (IEC 61508 categories: negligible = minor injuries at worst, marginal = major
 * injuries, critical = loss of a single life, catastrophic = multiple loss of life) from the ISO 14971
 * harm severity. Candor's reading, not an SSVC or FDA table: negligible and minor → negligible, serious →
 * marginal, critical → critical (life-threatening counted on the safe side), catastrophic → catastrophic.
 */
export function safetyImpactFromHarmSeverity(severity: HarmSeverity): SsvcSafetyImpact {
  const table: Record<HarmSeverity, SsvcSafetyImpact> = {
    negligible: 'negligible',
    minor: 'negligible',
    serious: 'marginal',
    critical: 'critical',
    catastrophic: 'catastrophic',
  };
  return table[severity];
}

export type SupplierRow = [
  SsvcExploitation,
  SsvcUtility,
  SsvcTechnicalImpact,
  SsvcPublicSafetyImpact,
  SupplierPriority,
];

/** supplier_patch_development_priority_1_0_0.csv rows 0–35, in file order. */
export const supplierPatchTable: readonly SupplierRow[] = [
  ['none', 'laborious', 'partial', 'minimal', 'defer'],
  ['none', 'laborious', 'partial', 'significant', 'scheduled'],
  ['none', 'laborious', 'total', 'minimal', 'scheduled'],
  ['none', 'laborious', 'total', 'significant', 'out-of-cycle'],
  ['none', 'efficient', 'partial', 'minimal', 'scheduled'],
  ['none', 'efficient', 'partial', 'significant', 'out-of-cycle'],
  ['none', 'efficient', 'total', 'minimal', 'scheduled'],
  ['none', 'efficient', 'total', 'significant', 'out-of-cycle'],
  ['none', 'super-effective', 'partial', 'minimal', 'scheduled'],
  ['none', 'super-effective', 'partial', 'significant', 'out-of-cycle'],
  ['none', 'super-effective', 'total', 'minimal', 'out-of-cycle'],
  ['none', 'super-effective', 'total', 'significant', 'out-of-cycle'],
  ['public-poc', 'laborious', 'partial', 'minimal', 'scheduled'],
  ['public-poc', 'laborious', 'partial', 'significant', 'out-of-cycle'],
  ['public-poc', 'laborious', 'total', 'minimal', 'scheduled'],
  ['public-poc', 'laborious', 'total', 'significant', 'immediate'],
  ['public-poc', 'efficient', 'partial', 'minimal', 'scheduled'],
  ['public-poc', 'efficient', 'partial', 'significant', 'immediate'],
  ['public-poc', 'efficient', 'total', 'minimal', 'out-of-cycle'],
  ['public-poc', 'efficient', 'total', 'significant', 'immediate'],
  ['public-poc', 'super-effective', 'partial', 'minimal', 'out-of-cycle'],
  ['public-poc', 'super-effective', 'partial', 'significant', 'immediate'],
  ['public-poc', 'super-effective', 'total', 'minimal', 'out-of-cycle'],
  ['public-poc', 'super-effective', 'total', 'significant', 'immediate'],
  ['active', 'laborious', 'partial', 'minimal', 'out-of-cycle'],
  ['active', 'laborious', 'partial', 'significant', 'immediate'],
  ['active', 'laborious', 'total', 'minimal', 'out-of-cycle'],
  ['active', 'laborious', 'total', 'significant', 'immediate'],
  ['active', 'efficient', 'partial', 'minimal', 'out-of-cycle'],
  ['active', 'efficient', 'partial', 'significant', 'immediate'],
  ['active', 'efficient', 'total', 'minimal', 'out-of-cycle'],
  ['active', 'efficient', 'total', 'significant', 'immediate'],
  ['active', 'super-effective', 'partial', 'minimal', 'immediate'],
  ['active', 'super-effective', 'partial', 'significant', 'immediate'],
  ['active', 'super-effective', 'total', 'minimal', 'immediate'],
  ['active', 'super-effective', 'total', 'significant', 'immediate'],
];

export interface SupplierInputs {
  exploitation: SsvcExploitation;
  utility: SsvcUtility;
  technicalImpact: SsvcTechnicalImpact;
  publicSafetyImpact: SsvcPublicSafetyImpact;
}

/**
 * The patch cadence a supplier priority calls for. Candor's reading, not FDA's: Defer and Scheduled fit the
 * regular update cycle of FD&C Act §524B(b)(2)(A); Out-of-cycle and Immediate the out-of-cycle patches of
 * §524B(b)(2)(B) (regulations.md §3f).
 */
export function patchCadence(priority: SupplierPriority): PatchCadence {
  return priority === 'defer' || priority === 'scheduled' ? 'regular' : 'out-of-cycle';
}

/**
 * The supplier patch development priority (Defer, Scheduled, Out-of-cycle, Immediate) and its cadence.
 * @throws DomainError('invalid') for a value outside the decision points.
 */
export function decideSupplierPriority(inputs: SupplierInputs): {
  priority: SupplierPriority;
  cadence: PatchCadence;
  row: number;
} {
  const key = [inputs.exploitation, inputs.utility, inputs.technicalImpact, inputs.publicSafetyImpact];
  const { row, index } = findRow(supplierPatchTable, key, 'supplier patch priority');
  return { priority: row[4], cadence: patchCadence(row[4]), row: index };
}

/**
 * Technical Impact from a vector: total when the attacker gains total control or total disclosure, per
 * cvssv4_to_technical_impact_1_0_0.csv: VC:H and VI:H, or PR:N with VC:H/VI:L or VC:L/VI:H. For v3.x the
 * same rule on PR, C and I is Candor's analogy; v2 (no PR) is not mapped and gives null.
 */
export function technicalImpactFromCvss(cvss: CvssScore): SsvcTechnicalImpact | null {
  const [c, i] = cvss.version === '4.0' ? ['VC', 'VI'] : ['C', 'I'];
  if (cvss.version === '2.0') return null;
  const pr = cvss.metrics.PR;
  const conf = cvss.metrics[c as string];
  const integ = cvss.metrics[i as string];
  const total =
    (conf === 'H' && integ === 'H') ||
    (pr === 'N' && ((conf === 'H' && integ === 'L') || (conf === 'L' && integ === 'H')));
  return total ? 'total' : 'partial';
}
