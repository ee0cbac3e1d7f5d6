import { describe, expect, it } from 'vitest';
import { evaluateRubric, formatExtendedVector, parseExtendedVector, parseRubricAnswers } from './rubric.ts';
import {
  assertRubricMapping,
  customiseRubricMapping,
  defaultRubricMapping,
  type RubricMapping,
} from './rubric-mapping.ts';
import {
  applicableRubricQuestions,
  nextRubricQuestions,
  type RubricAnswers,
  rubricOutcomes,
  rubricQuestions,
  rubricRootQuestions,
} from './rubric-questions.ts';

const noImpact = (except: RubricAnswers = {}): RubricAnswers => ({
  ...Object.fromEntries(
    ['C', 'I', 'A'].flatMap((m) => ['P', 'D', 'T', 'W', 'S', 'O'].map((c) => [`X${m}${c}`, 'no' as const])),
  ),
  ...except,
});

/** Answers the questionnaire the way a user would: always the next question, from a script of answers. */
function walk(script: RubricAnswers): RubricAnswers {
  const answers: Record<string, RubricAnswers[string]> = {};
  for (;;) {
    const next = nextRubricQuestions(answers).find((q) => script[q.id] !== undefined);
    if (!next) return answers;
    answers[next.id] = script[next.id] as RubricAnswers[string];
  }
}

describe('the question flow (regulations.md §3a)', () => {
  it('starts with one question per metric chain and one per data class', () => {
    expect(rubricRootQuestions).toEqual([
      'XAVN',
      'XACL',
      'XPRL',
      'XUI',
      'XS',
      'XCP',
      'XCD',
      'XCT',
      'XCW',
      'XCS',
      'XCO',
      'XIP',
      'XID',
      'XIT',
      'XIW',
      'XIS',
      'XIO',
      'XAP',
      'XAD',
      'XAT',
      'XAW',
      'XAS',
      'XAO',
    ]);
    expect(nextRubricQuestions({}).map((q) => q.id)).toEqual(rubricRootQuestions);
    // 6 AV + AC + 3 PR + UI + S + 6 × C, I, A + XCPM
    expect(rubricQuestions).toHaveLength(31);
  });

  it('asks XAVT only when XAVN is yes, XAVP only when it is no, and nothing more when it is unknown', () => {
    const ids = (answers: RubricAnswers) => nextRubricQuestions(answers).map((q) => q.id);
    expect(ids({ XAVN: 'yes' })).toContain('XAVT');
    expect(ids({ XAVN: 'yes' })).not.toContain('XAVP');
    expect(ids({ XAVN: 'no' })).toContain('XAVP');
    expect(ids({ XAVN: 'unknown' }).filter((id) => id.startsWith('XAV'))).toEqual([]);
    expect(ids({ XAVN: 'yes', XAVT: 'no' })).toContain('XAVW');
    expect(ids({ XAVN: 'yes', XAVT: 'no', XAVW: 'yes' })).toContain('XAVR');
    expect(ids({ XAVN: 'yes', XAVT: 'no', XAVW: 'no' }).filter((id) => id.startsWith('XAV'))).toEqual([]);
    expect(ids({ XAVN: 'no', XAVP: 'yes' })).toContain('XAVPA');
    expect(ids({ XPRL: 'yes' })).toContain('XPRZ');
    expect(ids({ XPRL: 'yes', XPRZ: 'yes' })).toContain('XPRS');
    expect(ids({ XPRL: 'no' })).not.toContain('XPRZ');
    expect(ids({ XCP: 'yes' })).toContain('XCPM');
    expect(ids({ XCP: 'unknown' })).not.toContain('XCPM');
  });

  it('shows the answered path and the next question of each chain', () => {
    const shown = applicableRubricQuestions({ XAVN: 'yes', XAVT: 'no' }).map((q) => q.id);
    expect(shown.slice(0, 4)).toEqual(['XAVN', 'XAVT', 'XAVW', 'XACL']);
    expect(shown).not.toContain('XAVP');
  });
});

describe('evaluateRubric: devices walked through the questionnaire', () => {
  it('an infusion pump on the hospital IP network: AV:N, therapy reached → 10.0', () => {
    const answers = walk({
      XAVN: 'yes',
      XAVT: 'yes',
      XACL: 'yes',
      XPRL: 'yes',
      XPRZ: 'no',
      XUI: 'no',
      XS: 'yes',
      ...noImpact({ XCP: 'yes', XCPM: 'no', XCT: 'yes', XIT: 'yes', XAT: 'yes' }),
    });
    const result = evaluateRubric(answers);
    expect(result.complete).toBe(true);
    expect(result.missing).toEqual([]);
    expect(result.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H');
    expect(result.score?.baseScore).toBe(10);
    expect(result.extendedVector).toMatch(
      /^XAVN:Y\/XAVT:Y\/XACL:Y\/XPRL:Y\/XPRZ:N\/XUI:N\/XS:Y\/XCP:Y\/XCPM:N\/XCD:N\/XCT:Y\//,
    );
    const confidentiality = result.explanations.find((e) => e.metric === 'C');
    expect(confidentiality?.chains.find((c) => c.root === 'XCP')).toMatchObject({
      outcome: 'XCPM=no',
      value: 'L',
    });
    expect(confidentiality?.text).toMatch(
      /^C:H — highest of PHI\/PII: XCP=yes, XCPM=no → L; .*therapy delivery data\/functions: XCT=yes → H/,
    );
    expect(result.mapping).toEqual({ label: defaultRubricMapping.label, confirmed: false });
  });

  it('an insulin pump over short-range non-IP wireless: AV:L, AC:H', () => {
    const result = evaluateRubric(
      walk({
        XAVN: 'yes',
        XAVT: 'no',
        XAVW: 'yes',
        XAVR: 'yes',
        XACL: 'no',
        XPRL: 'no',
        XUI: 'no',
        XS: 'no',
        ...noImpact({ XCP: 'yes', XCPM: 'no', XIT: 'yes', XAT: 'yes' }),
      }),
    );
    expect(result.vector).toBe('CVSS:3.1/AV:L/AC:H/PR:N/UI:N/S:U/C:L/I:H/A:H');
    expect(result.explanations[0]?.text).toBe(
      `AV:L — XAVN=yes, XAVT=no, XAVW=yes, XAVR=yes → L (mapping: ${defaultRubricMapping.label})`,
    );
  });

  it('a bedside monitor on a wired serial bus: AV:A by default, L with an organisation’s mapping', () => {
    const answers = walk({
      XAVN: 'yes',
      XAVT: 'no',
      XAVW: 'no',
      XACL: 'yes',
      XPRL: 'no',
      XUI: 'no',
      XS: 'no',
      ...noImpact({ XID: 'yes', XAD: 'yes' }),
    });
    expect(evaluateRubric(answers).vector).toBe('CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H');
    const acme = customiseRubricMapping(defaultRubricMapping, {
      label: 'Acme 2027-01',
      confirmed: true,
      values: { 'XAVW=no': 'L' },
    });
    const result = evaluateRubric(answers, acme, '3.0');
    expect(result.vector).toBe('CVSS:3.0/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H');
    expect(result.mapping).toEqual({ label: 'Acme 2027-01', confirmed: true });
  });

  it('an imaging workstation reached through its USB port by a maintainer: AV:P, PR:H', () => {
    const result = evaluateRubric(
      walk({
        XAVN: 'no',
        XAVP: 'yes',
        XAVPA: 'yes',
        XACL: 'yes',
        XPRL: 'yes',
        XPRZ: 'yes',
        XPRS: 'yes',
        XUI: 'yes',
        XS: 'no',
        ...noImpact({ XCS: 'yes', XIW: 'yes' }),
      }),
    );
    expect(result.vector).toBe('CVSS:3.1/AV:P/AC:L/PR:H/UI:R/S:U/C:H/I:H/A:N');
  });

  it('unknown answers give the worst case of each metric with the default mapping', () => {
    const unknowns = Object.fromEntries(rubricRootQuestions.map((id) => [id, 'unknown' as const]));
    const result = evaluateRubric(walk(unknowns));
    expect(result.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H');
    expect(result.extendedVector.split('/').every((part) => part.endsWith(':U'))).toBe(true);
  });

  it('reports partial answers: metrics known so far, questions left, answers off the path', () => {
    const result = evaluateRubric({ XAVN: 'no', XAVT: 'yes', XACL: 'yes', XCP: 'no' });
    expect(result.complete).toBe(false);
    expect(result.vector).toBeNull();
    expect(result.score).toBeNull();
    expect(result.metrics).toEqual({ AC: 'L' });
    expect(result.missing.slice(0, 4)).toEqual(['XAVP', 'XPRL', 'XUI', 'XS']);
    expect(result.ignored).toEqual(['XAVT']);
    expect(result.explanations.find((e) => e.metric === 'AV')?.text).toMatch(
      /^AV: not yet determined — XAVN=no \(open\)/,
    );
  });
});

describe('answers and extended vectors', () => {
  it('round-trips the extended vector', () => {
    const answers = walk({
      XAVN: 'yes',
      XAVT: 'unknown',
      XACL: 'no',
      ...noImpact({ XCP: 'yes', XCPM: 'unknown' }),
    });
    const code = formatExtendedVector(answers);
    expect(code).toMatch(/^XAVN:Y\/XAVT:U\/XACL:N\/XCP:Y\/XCPM:U\/XCD:N/);
    expect(parseExtendedVector(code)).toEqual(answers);
  });

  it('rejects unknown questions and answers', () => {
    expect(() => parseRubricAnswers({ XAVQ: 'yes' })).toThrow(/unknown rubric question XAVQ/);
    expect(() => parseRubricAnswers({ XAVN: 'maybe' })).toThrow(/answer to XAVN must be yes, no or unknown/);
    expect(() => parseExtendedVector('XAVN:Q')).toThrow(/invalid extended vector component "XAVN:Q"/);
  });
});

describe('the rubric mapping', () => {
  it('ships a complete default labelled as unconfirmed', () => {
    expect(() => assertRubricMapping(defaultRubricMapping)).not.toThrow();
    expect(defaultRubricMapping).toMatchObject({
      label: 'default (med-cvss implementation; UNCONFIRMED against the MITRE PDF)',
      confirmed: false,
    });
    expect(Object.keys(defaultRubricMapping.values).sort()).toEqual([...rubricOutcomes].sort());
    expect(defaultRubricMapping.values['XAVW=no']).toBe('A');
  });

  it('rejects incomplete or invalid mappings', () => {
    const { 'XACL=no': _removed, ...rest } = defaultRubricMapping.values;
    const broken: RubricMapping = {
      ...defaultRubricMapping,
      values: { ...rest, 'XAVT=yes': 'Q', 'XAVN=yes': 'N' },
    };
    expect(() => assertRubricMapping(broken)).toThrow(
      /XAVT=yes → Q is not a value of AV.*no value for XACL=no.*XAVN=yes is not a rubric outcome/,
    );
    expect(() =>
      customiseRubricMapping(defaultRubricMapping, {
        label: ' ',
        confirmed: true,
        values: { 'XS=yes': 'H' },
      }),
    ).toThrow(/label is empty; XS=yes → H is not a value of S/);
  });
});
