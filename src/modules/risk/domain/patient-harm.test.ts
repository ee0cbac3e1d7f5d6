import { describe, expect, it } from 'vitest';
import { scoreCvssVector } from './cvss.ts';
import { assessExploitability, exploitabilityLevels } from './exploitability.ts';
import {
  affectedDataClassesFromRubric,
  assertControlMatrix,
  type ControlMatrix,
  decidePatientHarm,
  defaultControlMatrix,
  harmSeverities,
} from './patient-harm.ts';

describe('the default control matrix (regulations.md §3c, illustrative)', () => {
  it('is labelled as a placeholder the manufacturer must confirm', () => {
    expect(defaultControlMatrix.confirmed).toBe(false);
    expect(defaultControlMatrix.label).toMatch(/placeholder the manufacturer must replace/);
    expect(() => assertControlMatrix(defaultControlMatrix)).not.toThrow();
  });

  // "uncontrolled when severity ≥ Critical and exploitability ≥ Medium, or severity = Catastrophic with any
  // exploitability above purely theoretical; otherwise controlled"
  const rule = (severity: number, exploitability: number) =>
    (severity >= 3 && exploitability >= 2) || (severity === 4 && exploitability >= 1)
      ? 'uncontrolled'
      : 'controlled';
  const cells = harmSeverities.flatMap((severity, s) =>
    exploitabilityLevels.map((exploitability, e) => [severity, exploitability, rule(s, e)] as const),
  );

  it.each(cells)('%s × %s → %s', (severity, exploitability, outcome) => {
    const decision = decidePatientHarm({
      severity,
      exploitability,
      affectedDataClasses: ['T'],
      knownSeriousAdverseEvent: false,
    });
    expect(decision.outcome).toBe(outcome);
    expect(decision.decidedBy).toEqual({
      rule: 'matrix',
      severity,
      exploitability,
      matrix: defaultControlMatrix.label,
      matrixConfirmed: false,
    });
    expect(decision.explanations.at(-1)).toBe(
      `matrix cell ${severity} × ${exploitability} → ${outcome} (${defaultControlMatrix.label}; unconfirmed)`,
    );
  });

  it('has 20 cells, 5 of them uncontrolled', () => {
    expect(cells).toHaveLength(20);
    expect(cells.filter(([, , outcome]) => outcome === 'uncontrolled')).toHaveLength(5);
  });
});

describe('automatic rules', () => {
  it('privacy-only impact is controlled whatever the matrix says', () => {
    const decision = decidePatientHarm({
      severity: 'catastrophic',
      exploitability: 'high',
      affectedDataClasses: ['P', 'P'],
      knownSeriousAdverseEvent: false,
    });
    expect(decision).toMatchObject({
      outcome: 'controlled',
      decidedBy: { rule: 'privacy-only' },
      privacyOnly: true,
    });
  });

  it('is not privacy-only once any other class is reached, or when nothing is', () => {
    for (const classes of [['P', 'D'], ['P', 'S'], ['W'], []] as const) {
      const decision = decidePatientHarm({
        severity: 'catastrophic',
        exploitability: 'high',
        affectedDataClasses: [...classes],
        knownSeriousAdverseEvent: false,
      });
      expect(decision).toMatchObject({
        outcome: 'uncontrolled',
        privacyOnly: false,
        decidedBy: { rule: 'matrix' },
      });
    }
  });

  it('a known serious adverse event closes the enforcement-discretion path, whatever the outcome', () => {
    for (const privacyOnly of [true, false]) {
      const decision = decidePatientHarm({
        severity: 'critical',
        exploitability: 'high',
        affectedDataClasses: privacyOnly ? ['P'] : ['T'],
        knownSeriousAdverseEvent: true,
      });
      expect(decision.enforcementDiscretionAvailable).toBe(false);
      expect(decision.explanations.at(-1)).toMatch(/enforcement-discretion path is unavailable/);
    }
    const none = decidePatientHarm({
      severity: 'critical',
      exploitability: 'high',
      affectedDataClasses: ['T'],
      knownSeriousAdverseEvent: false,
    });
    expect(none.enforcementDiscretionAvailable).toBe(true);
  });
});

describe('decidePatientHarm with an exploitability assessment and an organisation’s matrix', () => {
  const infusionPump = scoreCvssVector('CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H/E:P');

  it('carries the assessment’s explanations, the controls and the deciding cell', () => {
    const exploitability = assessExploitability({
      cvss: infusionPump,
      compensatingControls: ['pump VLAN'],
      controlsReduceExploitability: true,
    });
    const decision = decidePatientHarm({
      severity: 'critical',
      exploitability,
      affectedDataClasses: ['T'],
      knownSeriousAdverseEvent: false,
      compensatingControls: ['pump VLAN'],
    });
    expect(exploitability.level).toBe('low');
    expect(decision).toMatchObject({
      outcome: 'controlled',
      exploitability: 'low',
      compensatingControls: ['pump VLAN'],
    });
    expect(decision.explanations).toEqual([
      'severity critical (permanent impairment or life-threatening injury)',
      ...exploitability.explanations,
      expect.stringMatching(/^matrix cell critical × low → controlled/),
    ]);
  });

  it('uses the organisation’s confirmed matrix', () => {
    const strict: ControlMatrix = {
      label: 'Acme risk management plan rev. 4',
      confirmed: true,
      cells: {
        ...defaultControlMatrix.cells,
        serious: {
          theoretical: 'controlled',
          low: 'controlled',
          medium: 'uncontrolled',
          high: 'uncontrolled',
        },
      },
    };
    const decision = decidePatientHarm({
      severity: 'serious',
      exploitability: 'medium',
      affectedDataClasses: ['D'],
      knownSeriousAdverseEvent: false,
      matrix: strict,
    });
    expect(decision.outcome).toBe('uncontrolled');
    expect(decision.decidedBy).toMatchObject({
      matrix: 'Acme risk management plan rev. 4',
      matrixConfirmed: true,
    });
  });

  it('rejects an unknown severity or exploitability', () => {
    const base = { affectedDataClasses: [], knownSeriousAdverseEvent: false };
    expect(() => decidePatientHarm({ ...base, severity: 'fatal' as never, exploitability: 'low' })).toThrow(
      /severity must be one of negligible, minor, serious, critical, catastrophic/,
    );
    expect(() =>
      decidePatientHarm({ ...base, severity: 'minor', exploitability: 'extreme' as never }),
    ).toThrow(/exploitability must be one of theoretical, low, medium, high/);
  });

  it('rejects an incomplete matrix', () => {
    const broken = {
      label: 'draft',
      confirmed: false,
      cells: { ...defaultControlMatrix.cells, minor: { theoretical: 'controlled' } },
    } as unknown as ControlMatrix;
    expect(() =>
      decidePatientHarm({
        severity: 'minor',
        exploitability: 'low',
        affectedDataClasses: [],
        knownSeriousAdverseEvent: false,
        matrix: broken,
      }),
    ).toThrow(/invalid control matrix: minor × low must be controlled or uncontrolled; minor × medium/);
  });
});

describe('affectedDataClassesFromRubric', () => {
  it('takes every class with a yes or unknown to its C, I or A question', () => {
    expect(
      affectedDataClassesFromRubric({ XCP: 'yes', XCPM: 'no', XID: 'no', XAT: 'unknown', XCO: 'no' }),
    ).toEqual(['P', 'T']);
    expect(affectedDataClassesFromRubric({})).toEqual([]);
  });
});
