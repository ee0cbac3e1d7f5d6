import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  bumpNumber,
  generatePairs,
  type Mutation,
  pick,
  truncate,
} from '../../../../../test/fixtures/version-fixtures/mutate-versions.ts';
import { readVersions } from '../../../../../test/fixtures/version-fixtures/read-fixtures.ts';
import { compareDebian, isDebianVersion } from './dpkg-version.ts';

/**
 * Differential tests against dpkg itself: `dpkg --compare-versions` (one process per pair, so a few
 * hundred pairs) and apt's `apt_pkg.version_compare` (python3-apt; one process for thousands).
 * Each part is skipped when its oracle is absent.
 */
const hasDpkg = spawnSync('dpkg', ['--version'], { stdio: 'ignore' }).status === 0;
const aptPython = ['/usr/bin/python3', 'python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import apt_pkg'], { stdio: 'ignore' }).status === 0,
);

const mutations: Mutation[] = [
  bumpNumber,
  truncate,
  (random, v) =>
    v + pick(random, ['~rc1', '~beta2', '~', '~~', '+dfsg', '+deb11u3', 'a', '.1', '+b1', '~deb12u1']),
  (random, v) => (v.includes(':') ? v.replace(/^\d+:/, '') : `${pick(random, ['1', '2', '0', '01'])}:${v}`),
  (random, v) =>
    v.includes('-')
      ? v.replace(/-[^-]*$/, pick(random, ['', '-1', '-0+deb12u1', '-1ubuntu0.2', '-2build1']))
      : `${v}${pick(random, ['-1', '-0', '-1.1', '-1~bpo11+1', '-3+b2'])}`,
  (_random, v) => v.replace(/([a-z])/, '~$1'),
];

const seeds = readVersions('debian-seed-versions.txt');
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe.skipIf(!hasDpkg)('dpkg differential vs dpkg --compare-versions', () => {
  it('agrees on 400 pairs (100 %)', () => {
    const pairs = generatePairs(seeds, mutations, 400, 1, isDebianVersion);
    const disagreements = pairs
      .map(([a, b]) => {
        const lt = spawnSync('dpkg', ['--compare-versions', a, 'lt', b]).status === 0;
        const eq = !lt && spawnSync('dpkg', ['--compare-versions', a, 'eq', b]).status === 0;
        return { a, b, oracle: lt ? -1 : eq ? 0 : 1, ours: sign(compareDebian(a, b)) };
      })
      .filter(({ oracle, ours }) => oracle !== ours);
    expect(disagreements).toEqual([]);
  });
});

describe.skipIf(aptPython === undefined)('dpkg differential vs apt_pkg.version_compare', () => {
  it('agrees on 10,000 pairs (100 %)', () => {
    const pairs = generatePairs(seeds, mutations, 10_000, 2, isDebianVersion);
    const script = [
      'import sys, apt_pkg',
      'apt_pkg.init_system()',
      'pairs = [l.split("\\t") for l in sys.stdin.read().split("\\n") if l]',
      'print("\\n".join(str(apt_pkg.version_compare(a, b)) for a, b in pairs))',
    ].join('\n');
    const input = `${pairs.map(([a, b]) => `${a}\t${b}`).join('\n')}\n`;
    const run = spawnSync(aptPython ?? 'python3', ['-c', script], {
      input,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const answers = (run.stdout ?? '').trim().split('\n').map(Number);
    expect(answers).toHaveLength(pairs.length);
    const disagreements = pairs
      .map(([a, b], i) => ({ a, b, oracle: sign(answers[i] ?? Number.NaN), ours: sign(compareDebian(a, b)) }))
      .filter(({ oracle, ours }) => oracle !== ours)
      .slice(0, 20);
    expect(disagreements).toEqual([]);
    const counts = [-1, 0, 1].map((s) => answers.filter((n) => sign(n) === s).length);
    expect(Math.min(...counts)).toBeGreaterThan(100);
  });
});
