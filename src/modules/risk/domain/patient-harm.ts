import { DomainError } from '../../../shared/errors.ts';
import {
  type ExploitabilityAssessment,
  type ExploitabilityLevel,
  exploitabilityLevels,
} from './exploitability.ts';
import type { RubricAnswers, RubricDataClass } from './rubric-questions.ts';
import { rubricDataClasses } from './rubric-questions.ts';

/**
 * Patient harm and FDA's controlled / uncontrolled decision (2016 postmarket guidance §VI.C and §VII,
 * regulations.md §3b–§3c). Severity is the five-level ISO 14971 scale the guidance reproduces; the
 * severity × exploitability matrix is per organisation; two automatic rules come before it.
 */
export const harmSeverities = ['negligible', 'minor', 'serious', 'critical', 'catastrophic'] as const;
export type HarmSeverity = (typeof harmSeverities)[number];

/** ISO 14971 (2007) severity levels as the FDA guidance reproduces them. */
export const harmSeverityDescriptions: Readonly<Record<HarmSeverity, string>> = {
  negligible: 'inconvenience or temporary discomfort',
  minor: 'temporary injury or impairment not needing professional medical intervention',
  serious: 'injury or impairment needing professional medical intervention',
  critical: 'permanent impairment or life-threatening injury',
  catastrophic: 'patient death',
};

export type RiskControl = 'controlled' | 'uncontrolled';

export interface ControlMatrix {
  label: string;
  confirmed: boolean;
  /** severity → exploitability → outcome; every cell is required. */
  cells: Readonly<Record<HarmSeverity, Readonly<Record<ExploitabilityLevel, RiskControl>>>>;
}

function row(...uncontrolledFrom: ExploitabilityLevel[]): Record<ExploitabilityLevel, RiskControl> {
  return Object.fromEntries(
    exploitabilityLevels.map((level) => [
      level,
      uncontrolledFrom.includes(level) ? 'uncontrolled' : 'controlled',
    ]),
  ) as Record<ExploitabilityLevel, RiskControl>;
}

/**
 * regulations.md §3c's illustrative default, not FDA's (the guidance's figure gives no cell boundaries):
 * uncontrolled when severity ≥ critical and exploitability ≥ medium, or catastrophic with any
 * exploitability above theoretical; otherwise controlled.
 */
export const defaultControlMatrix: ControlMatrix = {
  label:
    'illustrative default (regulations.md §3c, not FDA): placeholder the manufacturer must replace with its documented matrix',
  confirmed: false,
  cells: {
    negligible: row(),
    minor: row(),
    serious: row(),
    critical: row('medium', 'high'),
    catastrophic: row('low', 'medium', 'high'),
  },
};

/**
 * Checks a matrix (e.g. an organisation's stored one): every severity × exploitability cell present.
 * @throws DomainError('invalid') naming the missing or bad cells.
 */
export function assertControlMatrix(matrix: ControlMatrix): void {
  const problems: string[] = [];
  if (typeof matrix.label !== 'string' || matrix.label.trim() === '') problems.push('label is empty');
  for (const severity of harmSeverities) {
    for (const level of exploitabilityLevels) {
      const cell = matrix.cells?.[severity]?.[level];
      if (cell !== 'controlled' && cell !== 'uncontrolled')
        problems.push(`${severity} × ${level} must be controlled or uncontrolled`);
    }
  }
  if (problems.length > 0)
    throw new DomainError('invalid', `invalid control matrix: ${problems.join('; ')}`, { problems });
}

/** The data/function classes an exploit reaches, from rubric answers: a "yes" or "unknown" to XC?/XI?/XA?. */
export function affectedDataClassesFromRubric(answers: RubricAnswers): RubricDataClass[] {
  return (Object.keys(rubricDataClasses) as RubricDataClass[]).filter((dataClass) =>
    ['C', 'I', 'A'].some((metric) => {
      const answer = answers[`X${metric}${dataClass}`];
      return answer === 'yes' || answer === 'unknown';
    }),
  );
}

export interface PatientHarmInputs {
  /** The worst credible harm to a patient if the vulnerability is exploited (ISO 14971 scale). */
  severity: HarmSeverity;
  /** From assessExploitability, or a level the assessor set directly. */
  exploitability: ExploitabilityAssessment | ExploitabilityLevel;
  /**
   * The data/function classes exploitation reaches (rubric classes: P PHI/PII, D diagnosis/monitoring,
   * T therapy, W clinical workflow, S system secrets, O other critical). Only P ⇒ privacy-only.
   */
  affectedDataClasses: RubricDataClass[];
  /** A serious adverse event or death is known to be linked to the vulnerability. */
  knownSeriousAdverseEvent: boolean;
  compensatingControls?: string[];
  matrix?: ControlMatrix;
}

export type PatientHarmRule = 'privacy-only' | 'matrix';

export interface PatientHarmDecision {
  outcome: RiskControl;
  /** What decided: the privacy-only rule, or the matrix cell (severity × exploitability). */
  decidedBy:
    | { rule: 'privacy-only' }
    | {
        rule: 'matrix';
        severity: HarmSeverity;
        exploitability: ExploitabilityLevel;
        matrix: string;
        matrixConfirmed: boolean;
      };
  severity: HarmSeverity;
  exploitability: ExploitabilityLevel;
  privacyOnly: boolean;
  /**
   * Whether FDA's enforcement-discretion path for uncontrolled risk (no 21 CFR 806 report when the
   * manufacturer notifies users in 30 days, fixes in 60 and shares in an ISAO; guidance §VII) is open:
   * false once a serious adverse event or death is known. Only relevant when the outcome is uncontrolled.
   */
  enforcementDiscretionAvailable: boolean;
  compensatingControls: string[];
  explanations: string[];
}

/**
 * Decides controlled vs uncontrolled. Order: the privacy-only rule (only PHI/PII reached, no safety,
 * therapy, diagnosis or clinical-function impact ⇒ controlled; regulations.md §3c), else the matrix cell.
 * Independently, a known serious adverse event or death closes the enforcement-discretion path.
 * @throws DomainError('invalid') for an unknown severity or exploitability, or an incomplete matrix.
 */
export function decidePatientHarm(inputs: PatientHarmInputs): PatientHarmDecision {
  const matrix = inputs.matrix ?? defaultControlMatrix;
  assertControlMatrix(matrix);
  const assessment = typeof inputs.exploitability === 'string' ? null : inputs.exploitability;
  const exploitability =
    typeof inputs.exploitability === 'string' ? inputs.exploitability : inputs.exploitability.level;
  if (!harmSeverities.includes(inputs.severity))
    throw new DomainError('invalid', `severity must be one of ${harmSeverities.join(', ')}`, {
      severity: inputs.severity,
    });
  if (!exploitabilityLevels.includes(exploitability))
    throw new DomainError('invalid', `exploitability must be one of ${exploitabilityLevels.join(', ')}`, {
      exploitability,
    });
  const classes = [...new Set(inputs.affectedDataClasses)];
  const privacyOnly = classes.length > 0 && classes.every((c) => c === 'P');
  const explanations: string[] = [
    `severity ${inputs.severity} (${harmSeverityDescriptions[inputs.severity]})`,
    ...(assessment ? assessment.explanations : [`exploitability ${exploitability} (set by the assessor)`]),
  ];

  let outcome: RiskControl;
  let decidedBy: PatientHarmDecision['decidedBy'];
  if (privacyOnly) {
    outcome = 'controlled';
    decidedBy = { rule: 'privacy-only' };
    explanations.push(
      'privacy-only impact (only PHI/PII reached): controlled by rule, whatever the matrix says',
    );
  } else {
    outcome = matrix.cells[inputs.severity][exploitability];
    decidedBy = {
      rule: 'matrix',
      severity: inputs.severity,
      exploitability,
      matrix: matrix.label,
      matrixConfirmed: matrix.confirmed,
    };
    explanations.push(
      `matrix cell ${inputs.severity} × ${exploitability} → ${outcome} (${matrix.label}${matrix.confirmed ? '' : '; unconfirmed'})`,
    );
  }
  const enforcementDiscretionAvailable = !inputs.knownSeriousAdverseEvent;
  if (inputs.knownSeriousAdverseEvent)
    explanations.push(
      'a serious adverse event or death is known: the FDA enforcement-discretion path is unavailable',
    );
  return {
    outcome,
    decidedBy,
    severity: inputs.severity,
    exploitability,
    privacyOnly,
    enforcementDiscretionAvailable,
    compensatingControls: inputs.compensatingControls ?? [],
    explanations,
  };
}
