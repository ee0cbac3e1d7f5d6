import { describe, expect, it } from 'vitest';
import { dedupeComponents } from './dedupe.ts';
import { reportCycles, resolveDependencies } from './dependency-graph.ts';
import type { DraftComponent } from './sbom-draft.ts';
import type { SbomIssue } from './sbom-model.ts';

function draft(ref: string | null, name: string, extra: Partial<DraftComponent> = {}): DraftComponent {
  return {
    ref,
    name,
    version: '1.0',
    supplier: null,
    type: 'library',
    purl: null,
    cpe: null,
    swidTagId: null,
    hashes: [],
    licenseExpression: null,
    sourcePath: `/components/${name}`,
    identityHint: null,
    ...extra,
  };
}

describe('dedupeComponents', () => {
  it('collapses the same purl, merges hashes and reports the duplicate path', () => {
    const warnings: SbomIssue[] = [];
    const skipped: SbomIssue[] = [];
    const sha1 = { algorithm: 'SHA-1', value: 'aa' };
    const sha256 = { algorithm: 'SHA-256', value: 'bb' };
    const { components, aliases } = dedupeComponents(
      [
        draft('a', 'a', { purl: 'pkg:npm/x@1', hashes: [sha1] }),
        draft('b', 'b', { purl: 'pkg:npm/x@1', hashes: [sha1, sha256] }),
      ],
      warnings,
      skipped,
    );
    expect(components.map((c) => c.ref)).toEqual(['a']);
    expect(components[0]?.hashes).toEqual([sha1, sha256]);
    expect(skipped).toEqual([
      { path: '/components/b', message: expect.stringMatching(/duplicate of \/components\/a/) },
    ]);
    expect(aliases.get('b')).toBe('a');
    expect(warnings).toEqual([]);
  });

  it.each([
    ['same name, version and supplier', { supplier: 'S' }, { supplier: 'S' }, 1],
    ['different supplier', { supplier: 'S' }, { supplier: 'T' }, 2],
    ['different version', { version: '1' }, { version: '2' }, 2],
  ])('without purl: %s → %i component(s)', (_label, first, second, count) => {
    const { components } = dedupeComponents(
      [draft('a', 'zlib', first), { ...draft('b', 'zlib', second), sourcePath: '/components/9' }],
      [],
      [],
    );
    expect(components).toHaveLength(count);
  });

  it('renames a later duplicate ref with a warning and generates missing refs', () => {
    const warnings: SbomIssue[] = [];
    const { components, byRef } = dedupeComponents(
      [draft('x', 'one'), draft('x', 'two'), draft(null, 'three'), draft('x#2', 'four')],
      warnings,
      [],
    );
    expect(components.map((c) => c.ref)).toEqual(['x', 'x#2', 'candor:component:1', 'x#2#2']);
    expect([...byRef]).toEqual(components.map((c) => [c.ref, c]));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]?.message).toMatch(/ref 'x' is already used by \/components\/one; renamed to 'x#2'/);
  });
});

describe('dependency graph', () => {
  const refs = new Set(['a', 'b', 'c', 'd']);

  it('drops unknown refs with a warning, non-component refs silently, and repeated edges', () => {
    const warnings: SbomIssue[] = [];
    const { dependencies } = resolveDependencies(
      [
        { from: 'a', to: 'b', path: '/d/0' },
        { from: 'a', to: 'b', path: '/d/1' },
        { from: 'root', to: 'a', path: '/d/2' },
        { from: 'a', to: 'ghost', path: '/d/3' },
        { from: 'dup', to: 'c', path: '/d/4' },
      ],
      refs,
      new Map([['dup', 'd']]),
      new Set(['root']),
      warnings,
    );
    expect(dependencies).toEqual([
      { from: 'a', to: 'b' },
      { from: 'd', to: 'c' },
    ]);
    expect(warnings).toEqual([
      { path: '/d/3', message: "dependency a → ghost names unknown ref 'ghost'; dropped" },
    ]);
  });

  it.each([
    [
      'a 3-cycle',
      [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'd'],
      ],
      ['dependency cycle: a → b → c → a'],
    ],
    ['a self-loop', [['a', 'a']], ['dependency cycle: a → a']],
    [
      'two cycles',
      [
        ['a', 'b'],
        ['b', 'a'],
        ['c', 'd'],
        ['d', 'c'],
      ],
      ['dependency cycle: a → b → a', 'dependency cycle: c → d → c'],
    ],
    [
      'no cycle',
      [
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
      ],
      [],
    ],
  ])('reports %s as one warning per cycle', (_label, pairs, expected) => {
    const warnings: SbomIssue[] = [];
    const dependencies = pairs.map(([from, to]) => ({ from: from as string, to: to as string }));
    reportCycles(dependencies, new Map(), warnings);
    expect(warnings.map((w) => w.message).sort()).toEqual(expected);
  });

  it('reports cycles in a fixed order, with paths, among acyclic nodes and self-loops', () => {
    const pairs = [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'b'],
      ['d', 'd'],
      ['e', 'f'],
      ['f', 'a'],
      ['g', 'h'],
      ['h', 'g'],
      ['x', 'y'],
      ['y', 'z'],
      ['z', 'z'],
      ['c', 'e'],
      ['e', 'c'],
    ] as const;
    const paths = new Map(pairs.map(([from, to], i) => [`${from}\u0000${to}`, `/dependencies/${i}`]));
    const warnings: SbomIssue[] = [];
    reportCycles(
      pairs.map(([from, to]) => ({ from, to })),
      paths,
      warnings,
    );
    expect(warnings).toEqual([
      { path: '/dependencies/0', message: 'dependency cycle: a → b → c → e → f → a' },
      { path: '/dependencies/3', message: 'dependency cycle: d → d' },
      { path: '/dependencies/6', message: 'dependency cycle: g → h → g' },
      { path: '/dependencies/10', message: 'dependency cycle: z → z' },
    ]);
  });

  it('names 20 cycles at most, then counts the rest', () => {
    const loops = Array.from({ length: 30 }, (_, i) => ({ from: `s${i}`, to: `s${i}` }));
    const warnings: SbomIssue[] = [];
    reportCycles([{ from: 'r', to: 's0' }, ...loops], new Map(), warnings);
    expect(warnings).toHaveLength(21);
    expect(warnings[19]?.message).toBe('dependency cycle: s19 → s19');
    expect(warnings[20]?.message).toBe('10 more dependency cycles not listed');
  });

  it('handles a 100,000-node chain closing into one cycle without recursion', () => {
    const dependencies = Array.from({ length: 100_000 }, (_, i) => ({
      from: `n${i}`,
      to: `n${(i + 1) % 100_000}`,
    }));
    const warnings: SbomIssue[] = [];
    reportCycles(dependencies, new Map(), warnings);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message.startsWith('dependency cycle: n0 → n1 → n2')).toBe(true);
  });
});
