import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/errors.ts';
import { cvssV3Score, normaliseV3Vector } from './csaf-cvss.ts';

describe('cvssV3Score', () => {
  it('computes the FIRST JSON of a v3.1 vector with every metric it defines', () => {
    expect(cvssV3Score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({
      attackComplexity: 'LOW',
      attackVector: 'NETWORK',
      availabilityImpact: 'HIGH',
      baseScore: 9.8,
      baseSeverity: 'CRITICAL',
      confidentialityImpact: 'HIGH',
      integrityImpact: 'HIGH',
      privilegesRequired: 'NONE',
      scope: 'UNCHANGED',
      userInteraction: 'NONE',
      vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      version: '3.1',
    });
  });

  it('takes the version from the prefix and adds temporal and environmental scores', () => {
    const score = cvssV3Score('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C/CR:H/MAV:L');
    expect(score).toMatchObject({
      version: '3.0',
      baseScore: 9.8,
      temporalScore: 8.5,
      temporalSeverity: 'HIGH',
      environmentalScore: expect.any(Number),
      exploitCodeMaturity: 'UNPROVEN',
      modifiedAttackVector: 'LOCAL',
      confidentialityRequirement: 'HIGH',
    });
    expect(score).not.toHaveProperty('integrityRequirement');
  });

  it('keeps keys in alphabetical order (optional test 6.2.13)', () => {
    const keys = Object.keys(cvssV3Score('CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:C/C:N/I:N/A:L/E:H'));
    expect(keys).toEqual([...keys].sort());
  });
});

describe('normaliseV3Vector', () => {
  it('orders metrics as the specification does and drops Not Defined ones', () => {
    expect(normaliseV3Vector(' CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N/E:X/MAV:N ')).toBe(
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:N',
    );
  });

  it.each([
    ['CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P', /must start with CVSS:3.0/],
    ['CVSS:3.1/AV:N', /base metrics missing: AC, PR, UI, S, C, I, A/],
    ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /AV does not take the value "Q"/],
    ['CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /AV appears twice/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y', /"XX:Y" is not a CVSS v3 metric/],
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /AV does not take the value "X"/],
    ['CVSS:3.1/AV:toString/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /AV does not take the value "toString"/],
  ])('refuses %s', (vector, reason) => {
    expect(() => normaliseV3Vector(vector)).toThrow(DomainError);
    expect(() => normaliseV3Vector(vector)).toThrow(reason);
  });
});
