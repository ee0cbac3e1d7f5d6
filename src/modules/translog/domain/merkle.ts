import { createHash } from 'node:crypto';

/**
 * RFC 6962 §2.1 / RFC 9162 §2.1 Merkle tree hashing over SHA-256: leaves are hashed with a 0x00 prefix,
 * interior nodes with 0x01, and a tree of n > 1 leaves splits at the largest power of two below n (no
 * padding, no duplicated nodes). Sizes and indices are JavaScript numbers: exact up to 2^53, far beyond
 * any log this code will hold; the arithmetic below avoids 32-bit bitwise operators for that reason.
 */
export type Hash = Buffer;

export const HASH_SIZE = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({}) = SHA-256 of the empty string (RFC 6962 §2.1). */
export const EMPTY_TREE_ROOT: Hash = createHash('sha256').digest();

export function hashLeaf(data: Uint8Array): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

export function hashChildren(left: Uint8Array, right: Uint8Array): Hash {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}

/** The split point k of RFC 6962: the largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`no split point for ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * A perfect subtree: `2^level` leaves starting at leaf `index * 2^level`. Level 0 nodes are the leaf
 * hashes. Stored logs keep exactly these nodes; every proof and root is assembled from them.
 */
export interface NodeId {
  level: number;
  index: number;
}

/** Reads stored node hashes; synchronous so that the algorithms below stay plain recursion. */
export type NodeReader = (node: NodeId) => Hash;

/**
 * The perfect subtrees that make up leaves [start, end), left to right, for a range whose start is a
 * multiple of a power of two ≥ its length (every range RFC 6962's recursion visits is one). For such a
 * range MTH(D[start:end]) is the right fold of these subtrees' hashes.
 */
export function rangeNodes(start: number, end: number): NodeId[] {
  const nodes: NodeId[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    let level = 0;
    while (at % (size * 2) === 0 && at + size * 2 <= end) {
      size *= 2;
      level++;
    }
    nodes.push({ level, index: at / size });
    at += size;
  }
  return nodes;
}

/** MTH of the aligned range [start, end) from stored nodes. */
export function rangeHash(start: number, end: number, read: NodeReader): Hash {
  if (end <= start) return EMPTY_TREE_ROOT;
  const hashes = rangeNodes(start, end).map(read);
  let hash = hashes[hashes.length - 1] as Hash;
  for (let i = hashes.length - 2; i >= 0; i--) hash = hashChildren(hashes[i] as Hash, hash);
  return hash;
}

/** The tree head MTH(D[0:size]). */
export function treeRoot(size: number, read: NodeReader): Hash {
  return rangeHash(0, size, read);
}

/** The RFC 6962 §2.1 reference definition over a list of leaf hashes (tests, small trees). */
export function rootOfLeafHashes(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_TREE_ROOT;
  if (leaves.length === 1) return leaves[0] as Hash;
  const k = splitPoint(leaves.length);
  return hashChildren(rootOfLeafHashes(leaves.slice(0, k)), rootOfLeafHashes(leaves.slice(k)));
}

function assertSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0`);
}

/**
 * The inclusion proof PATH(index, D[0:size]) of RFC 6962 §2.1.1: the leaf's sibling first, the root's
 * child last. Throws RangeError when index ≥ size.
 */
export function inclusionProof(index: number, size: number, read: NodeReader): Hash[] {
  assertSize('index', index);
  assertSize('size', size);
  if (index >= size) throw new RangeError(`index ${index} is not below size ${size}`);
  const proof: Hash[] = [];
  const path = (start: number, end: number): void => {
    if (end - start <= 1) return;
    const k = splitPoint(end - start);
    if (index < start + k) {
      path(start, start + k);
      proof.push(rangeHash(start + k, end, read));
    } else {
      path(start + k, end);
      proof.push(rangeHash(start, start + k, read));
    }
  };
  path(0, size);
  return proof;
}

/**
 * The consistency proof PROOF(from, D[0:to]) of RFC 6962 §2.1.2 (SUBPROOF with b = true). Empty when
 * from = to; throws RangeError for from = 0 (meaningless) and from > to.
 */
export function consistencyProof(from: number, to: number, read: NodeReader): Hash[] {
  assertSize('from', from);
  assertSize('to', to);
  if (from === 0 || from > to) throw new RangeError(`no consistency proof from ${from} to ${to}`);
  const proof: Hash[] = [];
  const subproof = (start: number, end: number, haveRoot: boolean): void => {
    if (from === end) {
      if (!haveRoot) proof.push(rangeHash(start, end, read));
      return;
    }
    const k = splitPoint(end - start);
    if (from - start <= k) {
      subproof(start, start + k, haveRoot);
      proof.push(rangeHash(start + k, end, read));
    } else {
      subproof(start + k, end, false);
      proof.push(rangeHash(start, start + k, read));
    }
  };
  subproof(0, to, true);
  return proof;
}

/**
 * The nodes a computation reads: it runs once against a reader that only records (returning zero
 * hashes; the algorithms choose nodes by position, never by value), so a store can fetch all of them in
 * one query before the real run.
 */
export function nodesRead(work: (read: NodeReader) => unknown): NodeId[] {
  const seen = new Map<string, NodeId>();
  const zero = Buffer.alloc(HASH_SIZE);
  work((node) => {
    seen.set(`${node.level}/${node.index}`, node);
    return zero;
  });
  return [...seen.values()];
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or null when the proof has the wrong shape. */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Hash | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r: Hash = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

/** RFC 9162 §2.1.3.2: does the proof show leaf `index` of tree `size` with root `root` is `leafHash`? */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  return computed?.equals(root) === true;
}

/**
 * RFC 9162 §2.1.4.2: is the tree of size `to` with `toRoot` an append-only extension of the one of
 * size `from` with `fromRoot`? Edge cases as the reference implementation (transparency-dev/merkle
 * proof/verify.go): from > to fails; from = to needs an empty proof and equal roots; from = 0 is
 * consistent with anything given an empty proof; otherwise an empty proof fails.
 */
export function verifyConsistency(
  from: number,
  to: number,
  fromRoot: Uint8Array,
  toRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to) return false;
  if (from === to) return proof.length === 0 && Buffer.from(fromRoot).equals(toRoot);
  if (from === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : [...proof];
  let fn = from - 1;
  let sn = to - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Hash = Buffer.from(path[0] as Uint8Array);
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(fromRoot) && sr.equals(toRoot);
}
