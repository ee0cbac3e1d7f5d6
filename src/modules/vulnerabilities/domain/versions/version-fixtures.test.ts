import { describe, expect, it } from 'vitest';
import { readComparisons } from '../../../../../test/fixtures/version-fixtures/read-fixtures.ts';
import { compareAlpine, isAlpineVersion } from './apk-version.ts';
import { compareMaven } from './maven-version.ts';
import { compareNuGet, isNuGetVersion } from './nuget-version.ts';
import { comparePep440 } from './pep440-version.ts';
import { compareRpm } from './rpm-version.ts';

/**
 * Conformance with osv-scanner's version-ordering fixtures (test/fixtures/version-fixtures/README.md):
 * every `A op B` line must hold in both directions.
 */
const suites = [
  { file: 'maven-versions.txt', compare: compareMaven, lines: 102 },
  { file: 'pypi-versions.txt', compare: comparePep440, lines: 37 },
  { file: 'nuget-versions.txt', compare: compareNuGet, lines: 35 },
  { file: 'redhat-versions.txt', compare: compareRpm, lines: 153 },
  { file: 'alpine-versions.txt', compare: compareAlpine, lines: 734 },
];

describe.each(suites)('$file', ({ file, compare, lines }) => {
  const comparisons = readComparisons(file);

  it(`has the ${lines} comparisons the corpus README announces`, () => {
    expect(comparisons).toHaveLength(lines);
  });

  it('holds for every line, both ways round', () => {
    const failures = comparisons
      .map(({ line, a, b, expected }) => ({ line, a, b, expected, got: [compare(a, b), compare(b, a)] }))
      .filter(
        ({ expected, got: [ab, ba] }) =>
          Math.sign(ab ?? Number.NaN) !== expected || Math.sign(ba ?? Number.NaN) !== -expected,
      );
    expect(failures).toEqual([]);
  });
});

describe('validity of fixture versions', () => {
  it('accepts every NuGet fixture version', () => {
    const versions = readComparisons('nuget-versions.txt').flatMap(({ a, b }) => [a, b]);
    expect(versions.filter((v) => !isNuGetVersion(v))).toEqual([]);
  });

  it('flags exactly the apk versions the fixture comments call invalid', () => {
    const invalid = new Set(
      readComparisons('alpine-versions.txt')
        .flatMap(({ a, b }) => [a, b])
        .filter((v) => !isAlpineVersion(v)),
    );
    expect([...invalid].sort()).toEqual([
      '1--ruff1',
      '1-r-1',
      '1-r0-ruff1',
      '1-r0-ruff2',
      '1-ruff',
      '1-ruff1',
      '1-ruff2',
      '1.0bc',
      '23_foo',
    ]);
  });
});
