import { describe, expect, it } from 'vitest';
import { compareGeneric, isGenericVersion } from './generic-version.ts';

type Row = [string, '<' | '=' | '>', string];
const order = (n: number) => (n < 0 ? '<' : n > 0 ? '>' : '=');
const flipped = { '<': '>', '=': '=', '>': '<' } as const;

/** Vendor and firmware strings seen in NVD bounds and medical-device SBOMs (docs matching.md). */
const rows: Row[] = [
  ['1.1.1', '<', '1.1.1t'],
  ['1.1.1s', '<', '1.1.1t'],
  ['1.1.1t', '<', '1.1.1u'],
  ['1.0.2z', '<', '1.0.2za'],
  ['1.1.1t', '<', '1.1.1.1'],
  ['1.0.2zg', '<', '1.1.1'],
  ['3.0.7', '<', '3.0.8'],
  ['6.0.1.66', '<', '6.0.1.100'],
  ['6.6.73', '>', '6.6.9'],
  ['r0.13', '<', '0.13c'],
  ['R0.13c', '=', '0.13c'],
  ['0.13b', '<', '0.13c'],
  ['bs5.2.461.17', '=', '5.2.461.17'],
  ['2.0.9', '<', '2.0.9-hotfix.7'],
  ['2.0.9-hotfix.7', '<', '2.0.10'],
  ['2.0.9-hotfix.7', '<', '2.0.9-hotfix.10'],
  ['1.0', '=', '1.0.0'],
  ['v1.0', '=', '1.0'],
  ['5.9.1.0.', '=', '5.9.1'],
  ['4.8.1', '<', '5.5.1'],
  ['5.5.1-stable', '>', '5.5.1'],
  ['10.0.1', '>', '10.0.0'],
  ['1.0rc1', '<', '1.0'],
  ['1.0-beta2', '<', '1.0-rc1'],
  ['1.0-alpha', '<', '1.0-beta'],
  ['1.0-SNAPSHOT', '<', '1.0'],
  ['1.0-cr1', '=', '1.0-rc1'],
];

describe('compareGeneric (low-confidence fallback)', () => {
  it.each(rows)('%s %s %s', (a, op, b) => {
    expect(order(compareGeneric(a, b))).toBe(op);
    expect(order(compareGeneric(b, a))).toBe(flipped[op]);
  });

  it('needs at least one digit', () => {
    expect(isGenericVersion('unspecified')).toBe(false);
    expect(isGenericVersion('-')).toBe(false);
    expect(isGenericVersion('r0.13')).toBe(true);
    expect(() => compareGeneric('*', '1.0')).toThrow(expect.objectContaining({ code: 'invalid' }));
  });
});
