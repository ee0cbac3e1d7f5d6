import { describe, expect, it } from 'vitest';
import { compareDebian, isDebianVersion } from './dpkg-version.ts';

type Row = [string, '<' | '=' | '>', string];
const order = (n: number) => (n < 0 ? '<' : n > 0 ? '>' : '=');
const flipped = { '<': '>', '=': '=', '>': '<' } as const;

/** Expected results checked with `dpkg --compare-versions` (dpkg 1.21, Debian 12). */
const rows: Row[] = [
  ['1.0~rc1', '<', '1.0'],
  ['1.0~rc1', '<', '1.0~rc2'],
  ['1.0~~', '<', '1.0~'],
  ['1.0~', '<', '1.0'],
  ['1.0', '<', '1.0a'],
  ['1.0', '<', '1.0+dfsg'],
  ['1.0a', '<', '1.0+dfsg'],
  ['1.0.0', '>', '1.0+b1'],
  ['1:0.9', '>', '2.0'],
  ['0:2.0', '=', '2.0'],
  ['1.0', '=', '1.0-0'],
  ['1.0-1', '<', '1.0-1+deb11u1'],
  ['1.1.1n-0+deb11u3', '<', '1.1.1n-0+deb11u4'],
  ['1.1.1n-0+deb11u4', '<', '1.1.1w-0+deb11u1'],
  ['2.33.1-0.1', '<', '2.36.1-8'],
  ['7.74.0-1.3+deb11u7', '>', '7.74.0-1.3+deb11u2'],
  ['7.74.0-1.3+deb11u7', '<', '7.74.0-1.3+deb11u10'],
  ['1.2.3-1ubuntu0.1', '<', '1.2.3-1ubuntu0.2'],
  ['1.2.3-1ubuntu1', '>', '1.2.3-1build1'],
  ['1.01', '=', '1.1'],
  ['1.10', '>', '1.9'],
  ['2.36.1-8+deb11u1', '<', '2.36.1-8+deb11u2'],
  ['1:1.2.13.dfsg-1', '>', '1.2.13.dfsg-1'],
  ['3.0.11-1~deb12u2', '<', '3.0.11-1'],
  ['10', '>', '9'],
];

describe('compareDebian (dpkg verrevcmp)', () => {
  it.each(rows)('%s %s %s', (a, op, b) => {
    expect(order(compareDebian(a, b))).toBe(op);
    expect(order(compareDebian(b, a))).toBe(flipped[op]);
  });

  it('validates per dpkg parseversion', () => {
    expect(isDebianVersion('1:2.3.4-1+deb12u1')).toBe(true);
    expect(isDebianVersion('2.3~rc1')).toBe(true);
    expect(isDebianVersion('a1.0')).toBe(false);
    expect(isDebianVersion('1.0-')).toBe(false);
    expect(isDebianVersion('x:1.0')).toBe(false);
    expect(isDebianVersion('1.0 1')).toBe(false);
  });

  it('throws DomainError invalid where dpkg refuses to compare', () => {
    expect(() => compareDebian('', '1.0')).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(() => compareDebian('1:', '1.0')).toThrow(expect.objectContaining({ code: 'invalid' }));
  });
});
