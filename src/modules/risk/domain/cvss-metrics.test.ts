import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/errors.ts';
import {
  cvssMetricKeys,
  cvssMetricsOf,
  formatCvssVector,
  hasCvssGroup,
  parseCvssVector,
} from './cvss-metrics.ts';

function errorOf(vector: string): DomainError {
  try {
    parseCvssVector(vector);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`${vector} parsed`);
}

describe('parseCvssVector', () => {
  it('detects each version by its prefix; v2 has none (optionally in parentheses or with CVSS:2.0/)', () => {
    expect(parseCvssVector('AV:N/AC:L/Au:N/C:P/I:P/A:P').version).toBe('2.0');
    expect(parseCvssVector('(AV:N/AC:L/Au:N/C:P/I:P/A:P)').vector).toBe('AV:N/AC:L/Au:N/C:P/I:P/A:P');
    expect(parseCvssVector('CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P').vector).toBe('AV:N/AC:L/Au:N/C:P/I:P/A:P');
    expect(parseCvssVector('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').version).toBe('3.0');
    expect(parseCvssVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').version).toBe('3.1');
    expect(parseCvssVector('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N').version).toBe(
      '4.0',
    );
  });

  it('normalises: specification order, Not Defined dropped, the rest kept', () => {
    const parsed = parseCvssVector(
      'CVSS:4.0/U:Red/S:P/MSI:S/E:A/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N/CR:X',
    );
    expect(parsed.vector).toBe(
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/MSI:S/S:P/U:Red',
    );
    expect(Object.keys(parsed.metrics)).toEqual([
      'AV',
      'AC',
      'AT',
      'PR',
      'UI',
      'VC',
      'VI',
      'VA',
      'SC',
      'SI',
      'SA',
      'E',
      'MSI',
      'S',
      'U',
    ]);
    expect(parseCvssVector('AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND/CDP:L').vector).toBe(
      'AV:N/AC:L/Au:N/C:P/I:P/A:P/CDP:L',
    );
    expect(parseCvssVector(parsed.vector)).toEqual(parsed);
  });

  it.each([
    ['', /empty CVSS vector/],
    ['CVSS:5.0/AV:N', /unsupported CVSS version "5.0"/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', /missing base metric A in CVSS 3.1 vector/],
    ['CVSS:3.1/AV:N', /missing base metrics AC, PR, UI, S, C, I, A/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L', /metric AV appears twice/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/FOO:B', /unknown metric "FOO" in CVSS 3.1 vector/],
    [
      'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      /invalid value "X" for metric AV \(Attack Vector\); expected one of N, A, L, P/,
    ],
    [
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:A',
      /invalid value "A" for metric E \(Exploit Code Maturity\)/,
    ],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', /malformed CVSS 3.1 component ""/],
    ['CVSS:3.1/AVN/AC:L', /malformed CVSS 3.1 component "AVN"/],
    ['cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h', /unknown metric "cvss"/],
    [
      'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      /unknown metric "PR" in CVSS 2.0 vector \(a v3 or v4 vector needs its/,
    ],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:S/SI:N/SA:N', /invalid value "S" for metric SC/],
    [
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S',
      /invalid value "S" for metric MSC/,
    ],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', /invalid value "R" for metric UI/],
    [
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red',
      /invalid value "red" for metric U/,
    ],
  ])('rejects %j', (vector, message) => {
    const error = errorOf(vector);
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(message);
  });

  it('puts the offending metric in the error details', () => {
    expect(errorOf('CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').details).toEqual({
      version: '3.1',
      metric: 'AV',
      value: 'Q',
    });
  });
});

describe('the metric catalogue', () => {
  it('lists the environmental metrics a device rescoring may set', () => {
    expect(cvssMetricKeys('3.1', 'environmental')).toEqual([
      'CR',
      'IR',
      'AR',
      'MAV',
      'MAC',
      'MPR',
      'MUI',
      'MS',
      'MC',
      'MI',
      'MA',
    ]);
    expect(cvssMetricKeys('4.0', 'environmental')).toEqual([
      'CR',
      'IR',
      'AR',
      'MAV',
      'MAC',
      'MAT',
      'MPR',
      'MUI',
      'MVC',
      'MVI',
      'MVA',
      'MSC',
      'MSI',
      'MSA',
    ]);
    expect(cvssMetricsOf('4.0').find((m) => m.key === 'MSA')?.values.S).toBe('Safety');
  });

  it('formats metrics in specification order and tells which groups a vector has', () => {
    expect(
      formatCvssVector('3.0', {
        A: 'N',
        AV: 'P',
        AC: 'H',
        PR: 'H',
        UI: 'R',
        S: 'U',
        C: 'N',
        I: 'N',
        RL: 'X',
      }),
    ).toBe('CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N');
    const parsed = parseCvssVector('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AU:Y');
    expect(hasCvssGroup(parsed, 'supplemental')).toBe(true);
    expect(hasCvssGroup(parsed, 'threat')).toBe(false);
  });
});
