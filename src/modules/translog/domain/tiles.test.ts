import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/canonical-json.ts';
import { type Hash, hashLeaf, rangeHash } from './merkle.ts';
import { parseStatement, publicationStatement, publicRecordDigest, statementBytes } from './statement.ts';
import {
  decodeEntryBundle,
  encodeEntryBundle,
  formatTileIndex,
  hashesAtTileLevel,
  parseTilePath,
  splitHashTile,
  tileExists,
  tileNodes,
  tilePath,
} from './tiles.ts';
import { entryIndexOfNode, nodeOnEntry, packInteriorNodes, TreeBuilder } from './tree-builder.ts';

describe('tile paths (c2sp.org/tlog-tiles)', () => {
  it('writes N as x-prefixed 3-digit groups', () => {
    expect(formatTileIndex(1_234_067)).toBe('x001/x234/067');
    expect(formatTileIndex(0)).toBe('000');
    expect(formatTileIndex(1000)).toBe('x001/000');
    expect(tilePath({ kind: 'hash', level: 1, index: 1_234_067, width: 256 })).toBe('tile/1/x001/x234/067');
    expect(tilePath({ kind: 'entries', index: 5, width: 17 })).toBe('tile/entries/005.p/17');
  });

  it('reads canonical paths only', () => {
    expect(parseTilePath('0', 'x001/x234/067')).toEqual({
      kind: 'hash',
      level: 0,
      index: 1_234_067,
      width: 256,
    });
    expect(parseTilePath('entries', '005.p/17')).toEqual({ kind: 'entries', index: 5, width: 17 });
    expect(parseTilePath('2', '000.p/255')).toEqual({ kind: 'hash', level: 2, index: 0, width: 255 });
    for (const [level, rest] of [
      ['0', 'x000/005'],
      ['0', '5'],
      ['0', '005.p/0'],
      ['0', '005.p/256'],
      ['0', '005.p/017'],
      ['0', '005/'],
      ['01', '005'],
      ['8', '000'],
      ['data', '000'],
      ['0', 'x1/005'],
    ] as const)
      expect(parseTilePath(level, rest), `${level}/${rest}`).toBeNull();
  });

  it('knows which tiles a size has: size 70,000 has 273 full level-0 tiles and one of 112', () => {
    expect(hashesAtTileLevel(0, 70_000)).toBe(70_000);
    expect(tileExists({ kind: 'hash', level: 0, index: 272, width: 256 }, 70_000)).toBe(true);
    expect(tileExists({ kind: 'hash', level: 0, index: 273, width: 256 }, 70_000)).toBe(false);
    expect(tileExists({ kind: 'hash', level: 0, index: 273, width: 112 }, 70_000)).toBe(true);
    expect(tileExists({ kind: 'hash', level: 0, index: 273, width: 113 }, 70_000)).toBe(false);
    expect(tileExists({ kind: 'hash', level: 1, index: 0, width: 256 }, 70_000)).toBe(true);
    expect(tileExists({ kind: 'hash', level: 1, index: 1, width: 17 }, 70_000)).toBe(true);
    expect(tileExists({ kind: 'hash', level: 2, index: 0, width: 1 }, 70_000)).toBe(true);
    expect(tileExists({ kind: 'hash', level: 2, index: 0, width: 2 }, 70_000)).toBe(false);
  });

  it('lists level-L hashes that are roots of 256^L leaves', () => {
    const leaves = Array.from({ length: 600 }, (_, i) => hashLeaf(Buffer.from(String(i))));
    const nodes = new Map<number, Hash>();
    const builder = TreeBuilder.empty();
    leaves.forEach((leaf) => {
      for (const n of builder.append(leaf)) if (n.level === 8) nodes.set(n.index, n.hash);
    });
    const tile = tileNodes({ kind: 'hash', level: 1, index: 0, width: 2 });
    expect(tile).toEqual([
      { level: 8, index: 0 },
      { level: 8, index: 1 },
    ]);
    const read = (n: { level: number; index: number }) =>
      n.level === 0 ? (leaves[n.index] as Hash) : (nodes.get(n.index) as Hash);
    // A level-1 hash i is MTH of leaves [256 i, 256 (i + 1)).
    const byLeaves = (i: number) => rangeHash(i * 256, (i + 1) * 256, (n) => read(n));
    expect(nodes.get(1)).toEqual(byLeaves(1));
  });
});

describe('storage layout', () => {
  it('keeps each node on the entry that completed it', () => {
    const builder = TreeBuilder.empty();
    const kept = new Map<number, { leaf: Hash; interior: Buffer }>();
    const all: { level: number; index: number; hash: Hash }[] = [];
    for (let i = 0; i < 100; i++) {
      const completed = builder.append(hashLeaf(Buffer.from([i])));
      kept.set(i, { leaf: completed[0]!.hash, interior: packInteriorNodes(completed) });
      all.push(...completed);
    }
    for (const node of all) {
      const entry = kept.get(entryIndexOfNode(node))!;
      expect(nodeOnEntry(node.level, entry.leaf, entry.interior)).toEqual(node.hash);
    }
    expect(entryIndexOfNode({ level: 3, index: 2 })).toBe(23);
  });
});

describe('entry bundles', () => {
  it('round-trips uint16 length-prefixed entries and refuses truncation and oversize', () => {
    const entries = [Buffer.from('a'), Buffer.alloc(0), Buffer.alloc(300, 7)];
    const bundle = encodeEntryBundle(entries);
    expect(bundle.subarray(0, 3).toString('hex')).toBe('000161');
    expect(decodeEntryBundle(bundle)).toEqual(entries);
    expect(() => decodeEntryBundle(bundle.subarray(0, bundle.length - 1))).toThrow(RangeError);
    expect(() => encodeEntryBundle([Buffer.alloc(65_536)])).toThrow(RangeError);
    expect(() => splitHashTile(Buffer.alloc(33))).toThrow(RangeError);
    expect(splitHashTile(Buffer.alloc(64))).toHaveLength(2);
  });
});

describe('publication statements', () => {
  const record = {
    id: '00000000-0000-4000-8000-000000000001',
    title: 'Infusion pump: authentication bypass',
    summary: 's',
    body: 'b',
    severity: 'high',
    publisher: { slug: 'acme', name: 'Acme Medical' },
    products: [{ id: '00000000-0000-4000-8000-000000000002', name: 'Pump' }],
    revision: 1,
    publishedAt: '2026-01-02T03:04:05.000Z',
    url: 'https://candor.example/disclosures/00000000-0000-4000-8000-000000000001',
  };

  it('hashes the content, not the address or display names', () => {
    const digest = publicRecordDigest(record);
    expect(publicRecordDigest({ ...record, url: 'http://elsewhere/x' } as typeof record)).toBe(digest);
    const renamed = { ...record, publisher: { slug: 'acme', name: 'Renamed' } };
    expect(publicRecordDigest(renamed)).toBe(digest);
    expect(publicRecordDigest({ ...record, body: 'b.' })).not.toBe(digest);
    expect(publicRecordDigest({ ...record, products: [] })).not.toBe(digest);
  });

  it('writes canonical bytes that read back, and refuses anything else', () => {
    const statement = publicationStatement({
      recordType: 'disclosure',
      organizationId: record.products[0]!.id,
      record,
    });
    expect(statement).toMatchObject({
      action: 'published',
      revision: 1,
      csafSha256: null,
      publisher: 'acme',
    });
    const bytes = statementBytes(statement);
    expect(parseStatement(bytes)).toEqual(statement);
    const pretty = Buffer.from(JSON.stringify(statement, null, 1));
    expect(() => parseStatement(pretty)).toThrow(/canonical/);
    expect(() => parseStatement(Buffer.from(canonicalJson({ ...statement, extra: 1 })))).toThrow();
    expect(() => parseStatement(Buffer.from('not json'))).toThrow();
  });
});
