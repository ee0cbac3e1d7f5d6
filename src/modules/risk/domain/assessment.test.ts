import { describe, expect, it } from 'vitest';
import { type AssessmentInputs, computeAssessment } from './assessment.ts';
import { defaultControlMatrix } from './patient-harm.ts';
import { customiseRubricMapping, defaultRubricMapping } from './rubric-mapping.ts';

const noImpact = Object.fromEntries(
  ['C', 'I', 'A'].flatMap((m) => ['P', 'D', 'T', 'W', 'S', 'O'].map((c) => [`X${m}${c}`, 'no'])),
);

function inputs(overrides: Partial<AssessmentInputs> = {}): AssessmentInputs {
  return {
    baseVectorSource: 'published',
    manualVector: null,
    rubricAnswers: null,
    environment: null,
    harm: {
      severity: null,
      affectedDataClasses: [],
      knownSeriousAdverseEvent: false,
      compensatingControls: [],
      controlsReduceExploitability: false,
      exploitabilityOverride: null,
    },
    ssvc: {
      exploitation: null,
      automatable: null,
      valueDensity: null,
      missionPrevalence: null,
      publicWellBeing: null,
      technicalImpact: null,
    },
    rationale: '',
    ...overrides,
  };
}

const published = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

describe('computeAssessment', () => {
  it('scores the published vector and says what is still missing for a decision', () => {
    const result = computeAssessment(inputs(), { publishedVector: published, kev: false, epss: null });
    expect(result.base?.baseScore).toBe(9.8);
    expect(result.score).toBe(9.8);
    expect(result.severity).toBe('critical');
    expect(result.decision).toBeNull();
    expect(result.missing).toContain('the severity of patient harm');
    expect(result.ssvc.exploitation).toBe('none');
    expect(result.ssvc.technicalImpact).toBe('total');
  });

  it('rescores for the device: an isolated network segment lowers the score that ranks', () => {
    const result = computeAssessment(inputs({ environment: { MAV: 'A', CR: 'L' } }), {
      publishedVector: published,
      kev: false,
      epss: null,
    });
    expect(result.base?.baseScore).toBe(9.8);
    expect(result.environmental?.vector).toContain('MAV:A');
    expect(result.score).toBe(result.environmental?.overallScore);
    expect(result.score as number).toBeLessThan(9.8);
  });

  it('takes the base vector from the rubric with the organisation mapping, and decides privacy-only as controlled', () => {
    const answers = {
      ...noImpact,
      XAVN: 'yes',
      XAVT: 'yes',
      XACL: 'yes',
      XPRL: 'no',
      XUI: 'no',
      XS: 'no',
      XCP: 'yes',
      XCPM: 'yes',
    };
    const result = computeAssessment(
      inputs({
        baseVectorSource: 'rubric',
        rubricAnswers: answers,
        harm: { ...inputs().harm, severity: 'catastrophic' },
      }),
      { publishedVector: published, kev: true, epss: null },
    );
    expect(result.rubric?.complete).toBe(true);
    expect(result.base?.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N');
    expect(result.decision?.outcome).toBe('controlled');
    expect(result.decision?.decidedBy).toEqual({ rule: 'privacy-only' });

    const stricter = customiseRubricMapping(defaultRubricMapping, {
      label: 'Acme 2027',
      confirmed: true,
      values: { 'XACL=yes': 'H' },
    });
    const again = computeAssessment(inputs({ baseVectorSource: 'rubric', rubricAnswers: answers }), {
      publishedVector: null,
      kev: false,
      epss: null,
      rubricMapping: stricter,
    });
    expect(again.base?.vector).toContain('AC:H');
    expect(again.rubric?.mapping).toEqual({ label: 'Acme 2027', confirmed: true });
  });

  it('an incomplete rubric leaves the base score empty and names the questions to ask', () => {
    const result = computeAssessment(inputs({ baseVectorSource: 'rubric', rubricAnswers: { XAVN: 'yes' } }), {
      publishedVector: published,
      kev: false,
      epss: null,
    });
    expect(result.base).toBeNull();
    expect(result.score).toBeNull();
    expect(result.missing[0]).toMatch(/^rubric questions .*XAVT/);
  });

  it('KEV makes exploitation active: uncontrolled under the default matrix, Immediate for the supplier', () => {
    const result = computeAssessment(
      inputs({
        harm: {
          ...inputs().harm,
          severity: 'critical',
          affectedDataClasses: ['T'],
          knownSeriousAdverseEvent: true,
        },
        ssvc: {
          exploitation: null,
          automatable: 'yes',
          valueDensity: 'concentrated',
          missionPrevalence: 'essential',
          publicWellBeing: 'irreversible',
          technicalImpact: null,
        },
      }),
      {
        publishedVector: published,
        kev: true,
        epss: { probability: 0.9, percentile: 0.99 },
        controlMatrix: defaultControlMatrix,
      },
    );
    expect(result.exploitability).toMatchObject({ level: 'high', maturity: 'active' });
    expect(result.decision).toMatchObject({ outcome: 'uncontrolled', enforcementDiscretionAvailable: false });
    expect(result.ssvc).toMatchObject({
      exploitation: 'active',
      coordinator: 'act',
      supplier: 'immediate',
      cadence: 'out-of-cycle',
    });
    expect(result.missing).toEqual([]);
  });

  it('an assessor may overrule exploitability; the override decides the matrix cell', () => {
    const result = computeAssessment(
      inputs({
        harm: {
          ...inputs().harm,
          severity: 'critical',
          affectedDataClasses: ['T'],
          exploitabilityOverride: 'low',
        },
      }),
      { publishedVector: published, kev: true, epss: null },
    );
    expect(result.exploitability).toEqual({ level: 'low', overridden: true });
    expect(result.decision?.outcome).toBe('controlled');
  });

  it('refuses a manual source without a vector, and a bad vector', () => {
    expect(() =>
      computeAssessment(inputs({ baseVectorSource: 'manual' }), {
        publishedVector: null,
        kev: false,
        epss: null,
      }),
    ).toThrow(/manualVector is required/);
    expect(() =>
      computeAssessment(inputs({ baseVectorSource: 'manual', manualVector: 'CVSS:3.1/AV:Q' }), {
        publishedVector: null,
        kev: false,
        epss: null,
      }),
    ).toThrow();
  });
});
