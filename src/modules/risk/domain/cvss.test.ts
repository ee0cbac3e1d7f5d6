import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../shared/errors.ts';
import { cvssSeverity, describeCvssVector, rescoreForEnvironment, scoreCvssVector } from './cvss.ts';

/**
 * The specifications' own worked examples. Vectors and printed scores:
 * - CVSS v2: Complete Guide §3.3 (https://www.first.org/cvss/v2/guide#3-3-1-CVE-2002-0392 and following);
 * - CVSS v3.0 / v3.1: "CVSS v3.0 Examples" and "CVSS v3.1 Examples" (https://www.first.org/cvss/v3.1/examples,
 *   one entry per CVE; transcribed with per-example links in scm-rs/cvss-rs tests/v3_tests.rs);
 * - CVSS v4.0: "CVSS v4.0 Examples" (https://www.first.org/cvss/v4-0/examples), the 18 vectors the page
 *   prints a score for (transcribed in a public test suite found with the search tool).
 */
const v3Examples: [cve: string, vector: string, base: number][] = [
  ['CVE-2013-1937 (v3.0)', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
  ['CVE-2014-9253 (v3.0)', 'CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N', 5.4],
  ['CVE-2012-0384 (v3.0)', 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8],
  ['CVE-2013-0375', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4],
  ['CVE-2014-3566', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1],
  ['CVE-2009-0783', 'CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L', 4.2],
  ['CVE-2012-0384', 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 7.2],
  ['CVE-2015-1098', 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 7.8],
  ['CVE-2014-0160', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5],
  ['CVE-2008-1447', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N', 6.8],
  ['CVE-2014-2005', 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 6.8],
  ['CVE-2010-0467', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N', 5.8],
  ['CVE-2012-1342', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N', 5.8],
  ['CVE-2013-6014', 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H', 9.3],
  ['CVE-2011-1265', 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.8],
  ['CVE-2014-2019', 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', 4.6],
  ['CVE-2015-0970', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 8.8],
  ['CVE-2014-0224', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N', 7.4],
  ['CVE-2012-5376', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H', 9.6],
  ['CVE-2016-0128', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N', 6.8],
  ['CVE-2016-2118', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H', 7.5],
  ['CVE-2019-7551', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H', 9.0],
  ['CVE-2017-5942', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
  ['CVE-2016-5558', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:L', 8.6],
  ['CVE-2016-5729', 'CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H', 8.2],
  ['CVE-2015-2890', 'CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:H/A:H', 6.0],
  ['CVE-2018-3652', 'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 7.6],
  ['CVE-2019-0884', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N', 4.2],
];

const v4Examples: [vector: string, score: number][] = [
  ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 7.7],
  ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U', 5.2],
  ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N', 8.3],
  [
    'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N/CR:H/IR:L/AR:L/MAV:N/MAC:H/MVC:H/MVI:L/MVA:L',
    8.1,
  ],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:L', 8.7],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:L/E:U', 6.6],
  ['CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N', 8.3],
  ['CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/E:U', 5.6],
  ['CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/S:P', 8.6],
  ['CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/MSI:S/S:P', 9.7],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/V:C', 8.7],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:N/SC:H/SI:L/SA:H', 6.4],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:N/SC:H/SI:L/SA:H/E:U/MAV:A/R:U/V:C', 2.4],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10.0],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A/CR:H/IR:H/AR:H/MAV:L/MAT:P', 8.9],
  ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5],
  ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/MVC:N/MVI:N/MVA:N', 0.0],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N', 7.1],
];

describe('scoreCvssVector: the specifications’ examples', () => {
  it.each(v3Examples)('%s %s → %s', (_cve, vector, base) => {
    const score = scoreCvssVector(vector);
    expect(score.baseScore).toBe(base);
    expect(score.baseSeverity).toBe(cvssSeverity(score.version, base));
    expect(score.version).toBe(vector.slice(5, 8));
  });

  it.each(v4Examples)('v4.0 %s → %s', (vector, expected) => {
    expect(scoreCvssVector(vector).overallScore).toBe(expected);
  });

  it('splits a v4.0 vector into CVSS-B, CVSS-BT and CVSS-BTE', () => {
    const score = scoreCvssVector('CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U');
    expect(score).toMatchObject({
      baseScore: 7.7,
      threatScore: 5.2,
      environmentalScore: null,
      nomenclature: 'CVSS-BT',
    });
    const safety = scoreCvssVector(
      'CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/MSI:S/S:P',
    );
    expect(safety).toMatchObject({ baseScore: 8.6, environmentalScore: 9.7, nomenclature: 'CVSS-BE' });
    expect(safety.overallSeverity).toBe('critical');
  });

  // v2 guide §3.3: base, temporal and environmental scores of its three worked examples.
  it.each([
    ['CVE-2002-0392', 'AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H', 7.8, 6.4, 9.2],
    ['CVE-2003-0818', 'AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:L', 10.0, 8.3, 9.0],
    ['CVE-2003-0062', 'AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:M', 6.2, 4.9, 7.5],
  ])('v2 %s', (_cve, vector, base, temporal, environmental) => {
    expect(scoreCvssVector(vector)).toMatchObject({
      version: '2.0',
      baseScore: base,
      temporalScore: temporal,
      environmentalScore: environmental,
      overallScore: environmental,
    });
  });
});

describe('scoreCvssVector: plain data', () => {
  it('returns the normalised vector, the metrics and only the scores the vector has', () => {
    const score = scoreCvssVector(' CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N/E:X ');
    expect(score).toEqual({
      version: '3.1',
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      metrics: { AV: 'N', AC: 'L', PR: 'N', UI: 'N', S: 'U', C: 'H', I: 'H', A: 'H' },
      baseScore: 9.8,
      baseSeverity: 'critical',
      exploitabilityScore: 3.9,
      impactScore: 5.9,
      temporalScore: null,
      temporalSeverity: null,
      threatScore: null,
      threatSeverity: null,
      environmentalScore: null,
      environmentalSeverity: null,
      overallScore: 9.8,
      overallSeverity: 'critical',
      nomenclature: null,
    });
  });

  it('scores temporal and environmental v3 metrics', () => {
    const score = scoreCvssVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/RL:O/RC:C/MAV:L');
    expect(score).toMatchObject({ temporalScore: 9.1, environmentalScore: 7.8, overallSeverity: 'high' });
  });

  it('uses the v3.1 and v4.0 severity bands, and NVD’s low/medium/high for v2', () => {
    expect([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map((s) => cvssSeverity('3.1', s))).toEqual([
      'none',
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
    expect([0, 3.9, 4, 6.9, 7, 10].map((s) => cvssSeverity('2.0', s))).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });

  it('rejects invalid vectors with a DomainError naming the metric', () => {
    for (const [vector, message] of [
      ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /invalid value "Q" for metric AV \(Attack Vector\)/],
      ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N', /metric SI/],
    ] as const) {
      const error = (() => {
        try {
          scoreCvssVector(vector);
        } catch (e) {
          return e;
        }
      })();
      expect(isDomainError(error) && error.code).toBe('invalid');
      expect((error as Error).message).toMatch(message);
    }
  });

  it('describes each metric by name for display', () => {
    expect(
      describeCvssVector('CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/MSI:S').at(-1),
    ).toEqual({
      key: 'MSI',
      name: 'Modified Subsequent System Integrity',
      group: 'environmental',
      value: 'S',
      valueName: 'Safety',
    });
  });
});

describe('rescoreForEnvironment', () => {
  it('rescores a v3.1 vector for an isolated infusion pump (adjacent only, high availability requirement)', () => {
    const rescored = rescoreForEnvironment('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P', {
      MAV: 'A',
      CR: 'L',
      AR: 'H',
    });
    expect(rescored.baseVector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P');
    expect(rescored.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/CR:L/AR:H/MAV:A');
    expect(rescored.environment).toEqual({ CR: 'L', AR: 'H', MAV: 'A' });
    expect(rescored).toMatchObject({ baseScore: 9.8, temporalScore: 9.3, environmentalScore: 8.3 });
  });

  it('replaces the environmental metrics the published vector carried and drops Not Defined', () => {
    const rescored = rescoreForEnvironment('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:P/MC:N', {
      MAV: 'L',
      MC: 'X',
    });
    expect(rescored.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:L');
    expect(rescored.environmentalScore).toBe(8.4);
  });

  it('sets MSI:S on a v4.0 vector where exploitation reaches therapy (the v4.0 examples’ safety case)', () => {
    const rescored = rescoreForEnvironment(
      'CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/S:P',
      {
        MSI: 'S',
      },
    );
    expect(rescored).toMatchObject({ baseScore: 8.6, environmentalScore: 9.7, nomenclature: 'CVSS-BE' });
    expect(rescored.vector).toBe('CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/MSI:S/S:P');
  });

  it('rejects metrics that are not environmental in the vector’s version, and bad values', () => {
    const base = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
    expect(() => rescoreForEnvironment(base, { MSI: 'S' })).toThrow(
      /"MSI" is not an environmental metric of CVSS 3.1/,
    );
    expect(() => rescoreForEnvironment(base, { AV: 'L' })).toThrow(/"AV" is not an environmental metric/);
    expect(() => rescoreForEnvironment(base, { MAV: 'Z' })).toThrow(/invalid value "Z" for metric MAV/);
    expect(() =>
      rescoreForEnvironment('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', { MSC: 'S' }),
    ).toThrow(/invalid value "S" for metric MSC/);
  });
});
