/**
 * The three VEX vocabularies and Candor's model (../vex-model.ts), side by side. Pure: no I/O.
 *
 * Status (model ← → format)
 * | model               | CSAF 2.0 §3.2.3.9 product_status          | OpenVEX v0.2.0 status | CycloneDX 1.6 analysis.state          |
 * |---------------------|-------------------------------------------|-----------------------|---------------------------------------|
 * | not_affected        | known_not_affected                        | not_affected          | not_affected (+ false_positive, lossy) |
 * | affected            | known_affected (+ first_/last_affected)   | affected              | exploitable                           |
 * | fixed               | fixed (+ first_fixed)                     | fixed                 | resolved (+ resolved_with_pedigree)   |
 * | under_investigation | under_investigation                       | under_investigation   | in_triage                             |
 * Parsing accepts the bracketed extras; export writes only the first value. CSAF `recommended` is not a
 * status and is ignored. A CycloneDX vulnerability without `analysis.state` makes no VEX claim: skipped.
 *
 * Justification: the model's five labels are CSAF 2.0 §3.2.3.5 flag labels; OpenVEX §Status Justifications
 * uses the same five strings. CycloneDX 1.6 `analysis.justification` has nine values of a different cut:
 * | CycloneDX 1.6 (parse →)          | model                                              | exact? |
 * |----------------------------------|----------------------------------------------------|--------|
 * | code_not_present                 | vulnerable_code_not_present                        | yes    |
 * | code_not_reachable               | vulnerable_code_not_in_execute_path                | yes    |
 * | requires_configuration           | vulnerable_code_cannot_be_controlled_by_adversary  | lossy  |
 * | requires_dependency              | component_not_present                              | lossy  |
 * | requires_environment             | vulnerable_code_cannot_be_controlled_by_adversary  | lossy  |
 * | protected_by_compiler            | inline_mitigations_already_exist                   | lossy  |
 * | protected_at_runtime             | inline_mitigations_already_exist                   | lossy  |
 * | protected_at_perimeter           | vulnerable_code_cannot_be_controlled_by_adversary  | lossy (the control is outside the product) |
 * | protected_by_mitigating_control  | inline_mitigations_already_exist                   | lossy  |
 * Export (model → CycloneDX): component_not_present → code_not_present (lossy: CycloneDX has no "component
 * absent" value), vulnerable_code_not_present → code_not_present, vulnerable_code_not_in_execute_path →
 * code_not_reachable, vulnerable_code_cannot_be_controlled_by_adversary → requires_environment,
 * inline_mitigations_already_exist → protected_by_mitigating_control. Because that is lossy, the export also
 * writes the exact label as the property `candor:vex:justification`, which the parser prefers.
 *
 * Free text: impactStatement = CSAF threat (category `impact`) details = OpenVEX `impact_statement` =
 * CycloneDX `analysis.detail`; actionStatement = CSAF remediation details = OpenVEX `action_statement` =
 * CycloneDX `recommendation` (`workaround` as a fallback when parsing).
 */
import { type VexJustification, type VexStatus, vexJustifications, vexStatuses } from '../vex-model.ts';

export type CycloneDxAnalysisState =
  | 'resolved'
  | 'resolved_with_pedigree'
  | 'exploitable'
  | 'in_triage'
  | 'false_positive'
  | 'not_affected';

export type CycloneDxJustification =
  | 'code_not_present'
  | 'code_not_reachable'
  | 'requires_configuration'
  | 'requires_dependency'
  | 'requires_environment'
  | 'protected_by_compiler'
  | 'protected_at_runtime'
  | 'protected_at_perimeter'
  | 'protected_by_mitigating_control';

/** Property (CycloneDX 1.6 §properties, `candor:` namespace) carrying the exact model justification. */
export const justificationPropertyName = 'candor:vex:justification';

const statusByCycloneDxState: Record<CycloneDxAnalysisState, VexStatus> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  exploitable: 'affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  in_triage: 'under_investigation',
};

const cycloneDxStateByStatus: Record<VexStatus, CycloneDxAnalysisState> = {
  not_affected: 'not_affected',
  affected: 'exploitable',
  fixed: 'resolved',
  under_investigation: 'in_triage',
};

const justificationByCycloneDx: Record<CycloneDxJustification, VexJustification> = {
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_configuration: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_dependency: 'component_not_present',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  protected_at_perimeter: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
};

const cycloneDxByJustification: Record<VexJustification, CycloneDxJustification> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};

/** CSAF 2.0 §3.2.3.9 product_status group → model status (`recommended` is not a status). */
export const statusByCsafGroup: Readonly<Record<string, VexStatus>> = {
  known_not_affected: 'not_affected',
  known_affected: 'affected',
  first_affected: 'affected',
  last_affected: 'affected',
  fixed: 'fixed',
  first_fixed: 'fixed',
  under_investigation: 'under_investigation',
};

/** Model status → the CSAF 2.0 product_status group the export writes. */
export const csafGroupByStatus: Readonly<Record<VexStatus, string>> = {
  not_affected: 'known_not_affected',
  affected: 'known_affected',
  fixed: 'fixed',
  under_investigation: 'under_investigation',
};

export function isVexStatus(value: unknown): value is VexStatus {
  return typeof value === 'string' && (vexStatuses as readonly string[]).includes(value);
}

export function isVexJustification(value: unknown): value is VexJustification {
  return typeof value === 'string' && (vexJustifications as readonly string[]).includes(value);
}

export function statusFromCycloneDx(state: unknown): VexStatus | null {
  return typeof state === 'string' && Object.hasOwn(statusByCycloneDxState, state)
    ? statusByCycloneDxState[state as CycloneDxAnalysisState]
    : null;
}

export function cycloneDxStateFor(status: VexStatus): CycloneDxAnalysisState {
  return cycloneDxStateByStatus[status];
}

export function justificationFromCycloneDx(value: unknown): VexJustification | null {
  return typeof value === 'string' && Object.hasOwn(justificationByCycloneDx, value)
    ? justificationByCycloneDx[value as CycloneDxJustification]
    : null;
}

export function cycloneDxJustificationFor(justification: VexJustification): CycloneDxJustification {
  return cycloneDxByJustification[justification];
}
