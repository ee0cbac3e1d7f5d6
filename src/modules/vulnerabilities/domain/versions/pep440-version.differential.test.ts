import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bumpNumber,
  generatePairs,
  type Mutation,
  pick,
  truncate,
} from '../../../../../test/fixtures/version-fixtures/mutate-versions.ts';
import {
  readComparisons,
  readVersions,
  versionsOf,
} from '../../../../../test/fixtures/version-fixtures/read-fixtures.ts';
import { comparePep440, isPep440Version } from './pep440-version.ts';

/**
 * Differential test against Python `packaging.version.Version` (the reference PEP 440 implementation),
 * run once for all pairs: the script reads "a<TAB>b" lines and prints the sign, or "invalid".
 * Skipped when no Python with `packaging` is installed.
 */
const script = `
import sys
from packaging.version import Version, InvalidVersion
def parse(v):
    try:
        return Version(v)
    except InvalidVersion:
        return None
out = []
for line in sys.stdin.read().split("\\n"):
    if not line:
        continue
    a, b = line.split("\\t")
    x, y = parse(a), parse(b)
    out.append("invalid" if x is None or y is None else str((x > y) - (x < y)))
print("\\n".join(out))
`;

const python = ['python3', '/usr/bin/python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import packaging.version'], { stdio: 'ignore' }).status === 0,
);

const mutations: Mutation[] = [
  bumpNumber,
  truncate,
  (random, v) =>
    v + pick(random, ['a1', 'b2', 'rc1', 'rc', '.post1', '.dev0', 'a0.dev1', '.post2.dev3', '-1', '_2']),
  (random, v) =>
    v + pick(random, ['+local.1', '+ubuntu-1', '+1.a', '+abc', '.0', '.0.0', 'alpha', '-beta.3']),
  (random, v) => v + pick(random, ['pre1', 'preview', 'c1', 'r1', '-rev2', '.post', 'dev', '.DEV4', 'RC2']),
  (random, v) => pick(random, ['1!', '2!', 'v', 'V', ' ']) + v,
  (_random, v) => v.toUpperCase(),
];

describe.skipIf(python === undefined)('PEP 440 differential vs Python packaging', () => {
  const seeds = [
    ...readVersions('pypi-seed-versions.txt'),
    ...versionsOf(readComparisons('pypi-versions.txt')),
  ];
  const pairs = generatePairs(seeds, mutations, 20_000, 440);
  let answers: string[] = [];

  // In beforeAll, not the describe body: vitest collects skipped suites too.
  beforeAll(() => {
    const input = `${pairs.map(([a, b]) => `${a}\t${b}`).join('\n')}\n`;
    const run = spawnSync(python ?? 'python3', ['-c', script], {
      input,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    answers = (run.stdout ?? '').trim().split('\n');
  });

  it('answers every pair', () => {
    expect(answers).toHaveLength(pairs.length);
  });

  it('agrees on validity (packaging rejects exactly what isPep440Version rejects)', () => {
    const disagreements = pairs
      .filter(([a, b], i) => (answers[i] === 'invalid') === (isPep440Version(a) && isPep440Version(b)))
      .slice(0, 20);
    expect(disagreements).toEqual([]);
  });

  it('agrees on the order of every valid pair (100 %)', () => {
    const valid = pairs.filter((_, i) => answers[i] !== 'invalid');
    expect(valid.length).toBeGreaterThan(5_000);
    const disagreements = pairs
      .map(([a, b], i) => ({ a, b, oracle: answers[i], ours: Math.sign(comparePep440(a, b)) }))
      .filter(({ oracle, ours }) => oracle !== 'invalid' && Number(oracle) !== ours)
      .slice(0, 20);
    expect(disagreements).toEqual([]);
  });

  it('exercises all three outcomes', () => {
    const counts = { '-1': 0, '0': 0, '1': 0, invalid: 0 } as Record<string, number>;
    for (const answer of answers) counts[answer] = (counts[answer] ?? 0) + 1;
    expect(Math.min(counts['-1'] ?? 0, counts['1'] ?? 0)).toBeGreaterThan(1_000);
    expect(counts['0']).toBeGreaterThan(100);
  });
});
