import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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
import { compareMaven, compareMavenComparableVersion, hasNullOnlyMavenLevel } from './maven-version.ts';

/**
 * Differential test against Maven's own ComparableVersion (Debian libmaven3-core-java, Maven 3.8.7).
 * Its main class compares each argument with the next and prints "   A < B", "   A == B" or
 * "   A > B", so one JVM run with the arguments a1 b1 a2 b2 … answers every pair (even lines).
 * Skipped when java or the jar is absent.
 */
const jar = '/usr/share/java/maven-artifact-3.x.jar';
const mainClass = 'org.apache.maven.artifact.versioning.ComparableVersion';
const hasOracle = existsSync(jar) && spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;

const mutations: Mutation[] = [
  bumpNumber,
  truncate,
  (random, v) =>
    v + pick(random, ['-SNAPSHOT', '-alpha-1', '-beta', '-M1', '-RC2', '.RELEASE', '.Final', '-ga']),
  (random, v) =>
    v + pick(random, ['-sp1', '.jre7', '-1', '.0', '-0', '-cr1', 'a1', 'b2', '-20190126.230843-12']),
  (random, v) =>
    v + pick(random, ['.GA', '-ga-1', '--1', '-final-2', '.SP1', '-PFD2', '_1', '-m3', '.0.0-0']),
  (random, v) => (random() < 0.5 ? v.replace('.', '-') : v.replace('-', '.')),
  (random, v) => (random() < 0.5 ? v.toUpperCase() : v.toLowerCase()),
];

function askOracle(pairs: [string, string][]): string[] {
  const args = pairs.flat();
  const run = spawnSync('java', ['-cp', jar, mainClass, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines = (run.stdout ?? '').split('\n').filter((line) => line.startsWith('   '));
  return pairs.map(([a, b], i) => {
    const line = lines[2 * i];
    const op = (['<', '==', '>'] as const).find((candidate) => line === `   ${a} ${candidate} ${b}`);
    return op === undefined ? `unparsed: ${line}` : op;
  });
}

const signOf = { '<': -1, '==': 0, '>': 1 } as Record<string, number>;

describe.skipIf(!hasOracle)('Maven differential vs ComparableVersion 3.8.7', () => {
  const seeds = [
    ...readVersions('maven-seed-versions.txt'),
    ...versionsOf(readComparisons('maven-versions.txt')),
  ];
  const pairs = generatePairs(seeds, mutations, 5_000, 3_8_7, (v) => !/\s/.test(v));
  let results: { a: string; b: string; oracle: number | undefined; answer: string | undefined }[] = [];

  // In beforeAll, not the describe body: vitest collects skipped suites too.
  beforeAll(() => {
    const answers = askOracle(pairs);
    results = pairs.map(([a, b], i) => ({ a, b, oracle: signOf[answers[i] ?? ''], answer: answers[i] }));
  });

  it('answers every pair', () => {
    expect(results).toHaveLength(pairs.length);
    expect(results.filter(({ oracle }) => oracle === undefined).slice(0, 5)).toEqual([]);
  });

  it('compareMavenComparableVersion agrees with the oracle on every pair (100 %)', () => {
    const disagreements = results
      .filter(({ a, b, oracle }) => Math.sign(compareMavenComparableVersion(a, b)) !== oracle)
      .slice(0, 20);
    expect(disagreements).toEqual([]);
  });

  it('compareMaven differs only where a null-only level is trimmed (POM spec: 1-ga-1 = 1-1)', () => {
    const divergent = results.filter(({ a, b, oracle }) => Math.sign(compareMaven(a, b)) !== oracle);
    const unexplained = divergent.filter(
      ({ a, b }) => !hasNullOnlyMavenLevel(a) && !hasNullOnlyMavenLevel(b),
    );
    expect(unexplained.slice(0, 20)).toEqual([]);
    expect(divergent.length).toBeLessThan(pairs.length / 10);
  });

  it('exercises all three outcomes', () => {
    const counts = { '-1': 0, '0': 0, '1': 0 } as Record<string, number>;
    for (const { oracle } of results) counts[String(oracle)] = (counts[String(oracle)] ?? 0) + 1;
    expect(Math.min(counts['-1'] ?? 0, counts['1'] ?? 0)).toBeGreaterThan(500);
    expect(counts['0']).toBeGreaterThan(50);
  });
});
