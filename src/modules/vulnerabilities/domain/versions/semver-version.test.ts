import { describe, expect, it } from 'vitest';
import { compareGo, isGoVersion } from './go-version.ts';
import { compareSemver, isSemverVersion } from './semver-version.ts';

type Row = [string, '<' | '=' | '>', string];
const order = (n: number) => (n < 0 ? '<' : n > 0 ? '>' : '=');
const flipped = { '<': '>', '=': '=', '>': '<' } as const;

function checkBothWays(compare: (a: string, b: string) => number, rows: Row[]) {
  it.each(rows)('%s %s %s', (a, op, b) => {
    expect(order(compare(a, b))).toBe(op);
    expect(order(compare(b, a))).toBe(flipped[op]);
  });
}

describe('compareSemver (SemVer 2.0 §11)', () => {
  checkBothWays(compareSemver, [
    ['1.0.0', '<', '2.0.0'],
    ['2.0.0', '<', '2.1.0'],
    ['2.1.0', '<', '2.1.1'],
    ['1.0.0-alpha', '<', '1.0.0'],
    ['1.0.0-alpha', '<', '1.0.0-alpha.1'],
    ['1.0.0-alpha.1', '<', '1.0.0-alpha.beta'],
    ['1.0.0-alpha.beta', '<', '1.0.0-beta'],
    ['1.0.0-beta.2', '<', '1.0.0-beta.11'],
    ['1.0.0-beta.11', '<', '1.0.0-rc.1'],
    ['1.0.0-rc.1', '<', '1.0.0'],
    ['1.0.0+build.1', '=', '1.0.0+build.2'],
    ['v1.2.3', '=', '1.2.3'],
    ['0.0.0', '<', '0.0.1-0'],
  ]);

  it('rejects what SemVer rejects', () => {
    expect(isSemverVersion('1.2')).toBe(false);
    expect(isSemverVersion('01.2.3')).toBe(false);
    expect(isSemverVersion('1.2.3.4')).toBe(false);
    expect(isSemverVersion('1.2.3-beta')).toBe(true);
    expect(() => compareSemver('1.2', '1.2.0')).toThrow(expect.objectContaining({ code: 'invalid' }));
  });
});

describe('compareGo (golang.org/x/mod/semver)', () => {
  checkBothWays(compareGo, [
    ['v0.0.0-20220906165146-f3363e06e74c', '<', 'v0.0.0-20221012134737-56aed061732a'],
    ['v0.0.0-20220906165146-f3363e06e74c', '<', 'v0.0.1'],
    ['v1.2.3', '<', 'v1.2.4-0.20191109021931-daa7c04131f5'],
    ['v1.2.4-0.20191109021931-daa7c04131f5', '<', 'v1.2.4'],
    ['v1.2.4-pre.0.20191109021931-daa7c04131f5', '<', 'v1.2.4-pre.1'],
    ['v2.0.0+incompatible', '=', 'v2.0.0'],
    ['v2.0.1+incompatible', '>', 'v2.0.0+incompatible'],
    ['1.19.0-0', '<', '1.19.0'],
    ['1.18.6', '<', '1.19.0-0'],
    ['v1', '=', 'v1.0.0'],
    ['v1.2', '=', 'v1.2.0'],
    ['0.0.0-20220906165146-f3363e06e74c', '=', 'v0.0.0-20220906165146-f3363e06e74c'],
  ]);

  it('accepts Go module versions and rejects others', () => {
    expect(isGoVersion('v0.0.0-20220906165146-f3363e06e74c')).toBe(true);
    expect(isGoVersion('v2.3.4+incompatible')).toBe(true);
    expect(isGoVersion('1.19.0-0')).toBe(true);
    expect(isGoVersion('v1.2-pre')).toBe(false);
    expect(isGoVersion('vv1.2.3')).toBe(false);
    expect(isGoVersion('=1.2.3')).toBe(false);
    expect(isGoVersion('go1.19')).toBe(false);
  });
});
