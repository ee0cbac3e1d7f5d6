import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  bumpNumber,
  generatePairs,
  type Mutation,
  pick,
  truncate,
} from '../../../../../test/fixtures/version-fixtures/mutate-versions.ts';
import { readComparisons, versionsOf } from '../../../../../test/fixtures/version-fixtures/read-fixtures.ts';
import { compareRpm } from './rpm-version.ts';

/**
 * Differential test against rpm's own `rpm.labelCompare` (Debian package python3-rpm, rpm 4.18), one
 * Python process for all pairs. The EVR string is split in Python the way rpm's `parseEVR` does
 * (epoch = all digits before `:`, release after the last `-`, None when absent), so the test covers
 * rpmvercmp and the absent-release rule. Skipped when python3-rpm is not installed.
 */
const python = ['/usr/bin/python3', 'python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import rpm'], { stdio: 'ignore' }).status === 0,
);

const script = `
import re, sys, rpm
def evr(s):
    m = re.match(r"^(\\d*):(.*)$", s, re.S)
    e, rest = ((m.group(1) or "0"), m.group(2)) if m else ("0", s)
    v, sep, r = rest.rpartition("-")
    return (e, v, r) if sep else (e, rest, None)
out = []
for line in sys.stdin.read().split("\\n"):
    if line:
        a, b = line.split("\\t")
        try:
            out.append(str(rpm.labelCompare(evr(a), evr(b))))
        except ValueError:  # rpm 4.18 refuses e.g. an empty version or release
            out.append("invalid")
print("\\n".join(out))
`;

const realistic = [
  '3.10.0-1160.el7',
  '1.1.1k-7.el8_6',
  '2:8.2.2637-20.el9_1',
  '0:4.18.0-372.9.1.el8',
  '1.0~rc1-1.fc38',
  '1.0^20230101git1234-1.fc39',
  '7.76.1-26.el9_3.2',
  '2.9.13-5.el9_2',
  '1:1.1.1w-1.el8',
];

const mutations: Mutation[] = [
  bumpNumber,
  truncate,
  (random, v) => v + pick(random, ['~rc1', '^git2', '.el8_6', '-1', '.1', 'a', '_1', '+b', '~~', '^']),
  (random, v) => (/^\d+:/.test(v) ? v.replace(/^\d+:/, '') : `${pick(random, ['1', '2', '0', '01'])}:${v}`),
  (random, v) => v.replace(/\.(?=[^.]*$)/, pick(random, ['.', '~', '^', '-', '.0'])),
];

describe.skipIf(python === undefined)('RPM differential vs rpm.labelCompare', () => {
  it('agrees on every pair rpm accepts, of 5,000 (100 %)', () => {
    const seeds = [...realistic, ...versionsOf(readComparisons('redhat-versions.txt'))];
    const pairs = generatePairs(seeds, mutations, 5_000, 4_18, (v) => !/[\t\n]/.test(v));
    const input = `${pairs.map(([a, b]) => `${a}\t${b}`).join('\n')}\n`;
    const run = spawnSync(python ?? 'python3', ['-c', script], {
      input,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const answers = (run.stdout ?? '').trim().split('\n');
    expect(answers).toHaveLength(pairs.length);
    const valid = answers.filter((answer) => answer !== 'invalid').map(Number);
    expect(valid.length).toBeGreaterThan(4_000);
    const disagreements = pairs
      .map(([a, b], i) => ({ a, b, oracle: answers[i], ours: Math.sign(compareRpm(a, b)) }))
      .filter(({ oracle, ours }) => oracle !== 'invalid' && Math.sign(Number(oracle)) !== ours)
      .slice(0, 20);
    expect(disagreements).toEqual([]);
    const counts = [-1, 0, 1].map((s) => valid.filter((n) => Math.sign(n) === s).length);
    expect(Math.min(...counts)).toBeGreaterThan(100);
  });
});
