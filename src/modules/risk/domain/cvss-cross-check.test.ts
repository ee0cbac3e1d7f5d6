import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import printed from '../../../../test/fixtures/cvss/printed-scores.json' with { type: 'json' };
import { referenceV2, referenceV3 } from '../../../../test/fixtures/cvss/reference-formulas.ts';
import { cvssSeverity, scoreCvssVector } from './cvss.ts';
import { type CvssVersion, cvssMetricsOf, notDefinedValue } from './cvss-metrics.ts';

/**
 * ae-cvss-calculator (through scoreCvssVector) cross-checked three ways:
 * 1. against every score printed beside a vector in the shared corpus (CISA ICSMA CSAF advisories, OASIS
 *    CSAF examples, NVD and CVE 5 records), copied to test/fixtures/cvss/printed-scores.json;
 * 2. against the specifications' equations (test/fixtures/cvss/reference-formulas.ts) over the whole v2 and
 *    v3.x base-metric space and a few hundred seeded random vectors with temporal and environmental metrics;
 * 3. by properties on seeded random vectors of every version, v4.0 included: scores in 0–10 with one
 *    decimal, severities in their bands, normalisation idempotent and order-independent, E:U never raising.
 */
interface PrintedScore {
  vector: string;
  baseScore: number;
  baseSeverity?: string;
  temporalScore?: number;
  environmentalScore?: number;
  files: string[];
}
const fixtures = printed.vectors as PrintedScore[];

/** Printed scores that disagree with the library, each with the reason. None so far. */
const exceptions: Record<string, string> = {};

describe('printed scores of the corpus', () => {
  it('holds a hundred and more vectors of every version', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(120);
    for (const prefix of ['CVSS:3.0/', 'CVSS:3.1/', 'CVSS:4.0/', 'AV:'])
      expect(fixtures.some((f) => f.vector.startsWith(prefix))).toBe(true);
  });

  it.each(fixtures.filter((f) => !(f.vector in exceptions)).map((f) => [f.vector, f] as const))(
    '%s',
    (_vector, fixture) => {
      const score = scoreCvssVector(fixture.vector);
      expect(score.baseScore, fixture.files.join(', ')).toBe(fixture.baseScore);
      if (fixture.baseSeverity) expect(score.baseSeverity).toBe(fixture.baseSeverity.toLowerCase());
      if (fixture.temporalScore !== undefined) expect(score.temporalScore).toBe(fixture.temporalScore);
      if (fixture.environmentalScore !== undefined)
        expect(score.environmentalScore).toBe(fixture.environmentalScore);
    },
  );
});

const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? walk(join(dir, entry.name))
      : entry.name.endsWith('.json')
        ? [join(dir, entry.name)]
        : [],
  );
}

function collect(node: unknown, found: (vector: string, baseScore: number) => void): void {
  if (Array.isArray(node)) for (const item of node) collect(item, found);
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.vectorString === 'string' && typeof record.baseScore === 'number')
      found(record.vectorString, record.baseScore);
    for (const value of Object.values(record)) collect(value, found);
  }
}

describe.skipIf(!existsSync(corpus))('printed-scores.json against the corpus', () => {
  it('still holds every vector and printed base score of the corpus, with its files', () => {
    const byVector = new Map(fixtures.map((f) => [f.vector, f]));
    const missing: string[] = [];
    for (const file of walk(corpus)) {
      const path = relative(corpus, file).split('\\').join('/');
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      collect(json, (vector, baseScore) => {
        const fixture = byVector.get(vector);
        if (!fixture || fixture.baseScore !== baseScore || !fixture.files.includes(path))
          missing.push(`${path}: ${vector} ${baseScore}`);
      });
    }
    expect(missing).toEqual([]);
  });
});

/** mulberry32: a small seeded generator, so every run draws the same vectors. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomMetrics(
  version: CvssVersion,
  random: () => number,
  optionalShare: number,
): Record<string, string> {
  const metrics: Record<string, string> = {};
  for (const metric of cvssMetricsOf(version)) {
    if (metric.group !== 'base' && random() >= optionalShare) continue;
    const values = Object.keys(metric.values);
    metrics[metric.key] = values[Math.floor(random() * values.length)] as string;
  }
  return metrics;
}

function vectorOf(version: CvssVersion, metrics: Record<string, string>, random?: () => number): string {
  const parts = Object.entries(metrics).map(([key, value]) => `${key}:${value}`);
  if (random) parts.sort(() => random() - 0.5);
  return version === '2.0' ? parts.join('/') : [`CVSS:${version}`, ...parts].join('/');
}

function* everyBaseVector(version: CvssVersion): Generator<Record<string, string>> {
  const base = cvssMetricsOf(version).filter((m) => m.group === 'base');
  const sizes = base.map((m) => Object.keys(m.values).length);
  const total = sizes.reduce((a, b) => a * b, 1);
  for (let n = 0; n < total; n++) {
    let rest = n;
    const metrics: Record<string, string> = {};
    base.forEach((metric, i) => {
      const values = Object.keys(metric.values);
      metrics[metric.key] = values[rest % (sizes[i] as number)] as string;
      rest = Math.floor(rest / (sizes[i] as number));
    });
    yield metrics;
  }
}

describe('the library against the specifications’ equations', () => {
  it.each(['2.0', '3.0', '3.1'] as const)('agrees on every CVSS %s base vector', (version) => {
    const disagreements: string[] = [];
    let count = 0;
    for (const metrics of everyBaseVector(version)) {
      count++;
      const expected = version === '2.0' ? referenceV2(metrics).base : referenceV3(version, metrics).base;
      const score = scoreCvssVector(vectorOf(version, metrics));
      if (score.baseScore !== expected)
        disagreements.push(`${score.vector}: ${score.baseScore} ≠ ${expected}`);
    }
    expect(count).toBe(version === '2.0' ? 729 : 2592);
    expect(disagreements).toEqual([]);
  });

  it.each(['2.0', '3.0', '3.1'] as const)(
    'agrees on 300 seeded CVSS %s vectors with temporal and environmental metrics',
    (version) => {
      const random = seeded(version === '2.0' ? 20 : version === '3.0' ? 30 : 31);
      const disagreements: string[] = [];
      for (let i = 0; i < 300; i++) {
        const metrics = randomMetrics(version, random, 0.6);
        const expected = version === '2.0' ? referenceV2(metrics) : referenceV3(version, metrics);
        const score = scoreCvssVector(vectorOf(version, metrics));
        const actual = {
          base: score.baseScore,
          temporal: score.temporalScore,
          environmental: score.environmentalScore,
        };
        const wanted = {
          base: expected.base,
          temporal: actual.temporal === null ? null : expected.temporal,
          environmental: actual.environmental === null ? null : expected.environmental,
        };
        if (JSON.stringify(actual) !== JSON.stringify(wanted))
          disagreements.push(`${score.vector}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(wanted)}`);
      }
      expect(disagreements).toEqual([]);
    },
  );
});

describe('properties of seeded random vectors of every version', () => {
  const versions: CvssVersion[] = ['2.0', '3.0', '3.1', '4.0'];

  it.each(versions)('CVSS %s: bounded scores, consistent severities, stable normalisation', (version) => {
    const random = seeded(4000 + versions.indexOf(version));
    for (let i = 0; i < (version === '4.0' ? 150 : 200); i++) {
      const metrics = randomMetrics(version, random, 0.4);
      const shuffled = vectorOf(version, metrics, random);
      const score = scoreCvssVector(shuffled);
      for (const [value, severity] of [
        [score.baseScore, score.baseSeverity],
        [score.temporalScore, score.temporalSeverity],
        [score.threatScore, score.threatSeverity],
        [score.environmentalScore, score.environmentalSeverity],
        [score.overallScore, score.overallSeverity],
      ] as const) {
        if (value === null) {
          expect(severity).toBeNull();
          continue;
        }
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(10);
        expect(Math.round(value * 10) / 10).toBe(value);
        expect(severity).toBe(cvssSeverity(version, value));
      }
      expect(score.vector).not.toMatch(new RegExp(`:${notDefinedValue(version)}(/|$)`));
      expect(scoreCvssVector(score.vector)).toEqual(score);
      expect(scoreCvssVector(vectorOf(version, score.metrics)).vector).toBe(score.vector);
    }
  });

  it('CVSS 4.0: Exploit Maturity U never raises the score, and CVSS-B ignores threat and environment', () => {
    const random = seeded(44);
    for (let i = 0; i < 150; i++) {
      const metrics = randomMetrics('4.0', random, 0);
      const base = scoreCvssVector(vectorOf('4.0', metrics));
      const unreported = scoreCvssVector(vectorOf('4.0', { ...metrics, E: 'U' }));
      expect(unreported.threatScore).toBeLessThanOrEqual(base.baseScore);
      expect(unreported.baseScore).toBe(base.baseScore);
    }
  });
});
