import type { NodeId } from './merkle.ts';

/**
 * C2SP tlog-tiles (c2sp.org/tlog-tiles): a tile holds up to 256 consecutive hashes of one level of
 * tiles; tile level L holds tree level 8·L, so a level-L hash covers 256^L leaves. Entry bundles hold the
 * entries of 256 consecutive leaves. Partial tiles (`.p/<W>`, 1 ≤ W ≤ 255) hold the first W hashes.
 */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

export type TileRef =
  | { kind: 'hash'; level: number; index: number; width: number }
  | { kind: 'entries'; index: number; width: number };

/** N as 3-digit path elements, all but the last prefixed with `x`: 1234067 → `x001/x234/067`. */
export function formatTileIndex(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`bad tile index ${n}`);
  const groups: string[] = [];
  let rest = n;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** The tile's path below the log prefix: `tile/0/x001/067`, `tile/entries/005.p/17`. */
export function tilePath(tile: TileRef): string {
  const kind = tile.kind === 'entries' ? 'entries' : String(tile.level);
  const partial = tile.width < TILE_WIDTH ? `.p/${tile.width}` : '';
  return `tile/${kind}/${formatTileIndex(tile.index)}${partial}`;
}

const PATH_INDEX = /^((?:x\d{3}\/)*)(\d{3})(?:\.p\/([1-9]\d{0,2}))?$/;

/**
 * Reads the part of a tile path after `tile/<L>/` or `tile/entries/`. Only the canonical form is
 * accepted (no superfluous `x000/` groups, width 1…255), so every tile has exactly one URL; anything
 * else answers null.
 */
export function parseTilePath(level: string, rest: string): TileRef | null {
  const match = PATH_INDEX.exec(rest);
  if (!match) return null;
  const groups = [...(match[1] ?? '').split('/').filter(Boolean), `x${match[2]}`].map((g) => g.slice(1));
  if (groups.length > 1 && groups[0] === '000') return null;
  if (groups.length > 6) return null;
  const index = Number(groups.join(''));
  const width = match[3] === undefined ? TILE_WIDTH : Number(match[3]);
  if (width >= TILE_WIDTH && match[3] !== undefined) return null;
  if (level === 'entries') return { kind: 'entries', index, width };
  if (!/^(0|[1-9]\d?)$/.test(level)) return null;
  const tileLevel = Number(level);
  // 256^8 = 2^64 leaves: no tree needs a level beyond 7.
  if (tileLevel > 7) return null;
  return { kind: 'hash', level: tileLevel, index, width };
}

/** How many hashes tile level `level` has in a tree of `size` leaves (entry bundles: level 0). */
export function hashesAtTileLevel(level: number, size: number): number {
  return Math.floor(size / TILE_WIDTH ** level);
}

/**
 * Whether a tree of `size` leaves has this tile: a full tile once all 256 of its hashes exist, a
 * partial one once its W hashes exist (every size of this log is checkpointed, so every width is).
 */
export function tileExists(tile: TileRef, size: number): boolean {
  const level = tile.kind === 'entries' ? 0 : tile.level;
  return tile.index * TILE_WIDTH + tile.width <= hashesAtTileLevel(level, size);
}

/** The tree nodes a hash tile lists, in order; entry bundles list the leaves of the same level-0 tile. */
export function tileNodes(tile: TileRef): NodeId[] {
  const level = tile.kind === 'entries' ? 0 : tile.level * TILE_HEIGHT;
  const first = tile.index * TILE_WIDTH;
  return Array.from({ length: tile.width }, (_, i) => ({ level, index: first + i }));
}

/** Entry bundle encoding: each entry as a big-endian uint16 length and its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (entry.length > 0xffff) throw new RangeError('an entry is longer than 65535 bytes');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(entry.length);
    parts.push(length, Buffer.from(entry));
  }
  return Buffer.concat(parts);
}

/** Decodes an entry bundle; throws RangeError when it is truncated. */
export function decodeEntryBundle(bundle: Uint8Array): Buffer[] {
  const bytes = Buffer.from(bundle);
  const entries: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) throw new RangeError('entry bundle truncated in a length');
    const length = bytes.readUInt16BE(at);
    at += 2;
    if (at + length > bytes.length) throw new RangeError('entry bundle truncated in an entry');
    entries.push(bytes.subarray(at, at + length));
    at += length;
  }
  return entries;
}

/** Splits a hash tile into its 32-byte hashes; throws RangeError when its length is not a multiple. */
export function splitHashTile(tile: Uint8Array): Buffer[] {
  if (tile.length % 32 !== 0) throw new RangeError('a hash tile is a multiple of 32 bytes');
  const bytes = Buffer.from(tile);
  return Array.from({ length: tile.length / 32 }, (_, i) => bytes.subarray(i * 32, i * 32 + 32));
}
