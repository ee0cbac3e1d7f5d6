import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersionConstraint, satisfiesConstraint } from './version-constraint.ts';

describe('compareVersions', () => {
  it.each([
    ['3.0.13', '3.0.14', -1],
    ['3.0.14', '3.0.14', 0],
    ['1.2.10', '1.2.9', 1],
    ['1.1.1t', '1.1.1u', -1],
    ['1.1.1w', '3.0.0', -1],
    ['v2.0.0', '2.0.0', 0],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-beta', -1],
    ['0.13c', '0.13', 1],
    ['4.8.1', '4.8.1-stable', 1],
    ['10.0.1', '9.9.9', 1],
  ] as const)('%s vs %s → %i', (a, b, expected) => {
    expect(Math.sign(compareVersions(a, b))).toBe(expected);
    expect(Math.sign(compareVersions(b, a))).toBe(-expected || 0);
  });
});

describe('version constraints', () => {
  it('answers "openssl < 3.0.14"', () => {
    const constraint = parseVersionConstraint('<3.0.14');
    expect(satisfiesConstraint('3.0.13', constraint)).toBe(true);
    expect(satisfiesConstraint('1.1.1w', constraint)).toBe(true);
    expect(satisfiesConstraint('3.0.14', constraint)).toBe(false);
    expect(satisfiesConstraint('3.1.0', constraint)).toBe(false);
    expect(satisfiesConstraint(null, constraint)).toBe(false);
  });

  it('combines comparators and treats a bare version as equality', () => {
    const range = parseVersionConstraint('>=1.2 <2');
    expect(satisfiesConstraint('1.5.0', range)).toBe(true);
    expect(satisfiesConstraint('2.0.0', range)).toBe(false);
    expect(satisfiesConstraint('4.8.1', parseVersionConstraint('4.8.1'))).toBe(true);
    expect(satisfiesConstraint('4.8.2', parseVersionConstraint('!=4.8.1'))).toBe(true);
  });

  it('refuses what is not a constraint', () => {
    expect(() => parseVersionConstraint('')).toThrow(/1 to 4 parts/);
    expect(() => parseVersionConstraint('<<1')).toThrow(/not a version comparator/);
    expect(() => parseVersionConstraint('~> 1; drop table')).toThrow();
  });
});
