import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_TREE_ROOT,
  type Hash,
  hashChildren,
  hashLeaf,
  inclusionProof,
  type NodeReader,
  nodesRead,
  rootFromInclusionProof,
  rootOfLeafHashes,
  splitPoint,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';
import { frontierNodes, TreeBuilder } from './tree-builder.ts';

const hex = (h: Uint8Array) => Buffer.from(h).toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex');

/**
 * The RFC 6962 reference tree of the Certificate Transparency reference implementation:
 * google/certificate-transparency cpp/merkletree/merkle_tree_test.cc (commit 0e901cac), kInputs,
 * kSHA256Roots, kSHA256Paths and kSHA256Proofs (leaf numbers there are 1-based).
 */
const inputs = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const roots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const paths: { leaf: number; size: number; path: string[] }[] = [
  {
    leaf: 1,
    size: 8,
    path: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    leaf: 6,
    size: 8,
    path: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { leaf: 3, size: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    leaf: 2,
    size: 5,
    path: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const proofs: { from: number; to: number; proof: string[] }[] = [
  { from: 1, to: 1, proof: [] },
  {
    from: 1,
    to: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    from: 6,
    to: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    from: 2,
    to: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

/** Every node of a tree, as a log would store them, from its leaf hashes. */
function storedNodes(leaves: Hash[]): NodeReader {
  const nodes = new Map<string, Hash>();
  const builder = TreeBuilder.empty();
  for (const leaf of leaves)
    for (const node of builder.append(leaf)) nodes.set(`${node.level}/${node.index}`, node.hash);
  return (node) => {
    const hash = nodes.get(`${node.level}/${node.index}`);
    if (!hash) throw new Error(`node ${node.level}/${node.index} is not stored`);
    return hash;
  };
}

/** RFC 6962 §2.1.1 PATH and §2.1.2 PROOF written over leaf lists, straight from the definitions. */
function referencePath(m: number, leaves: Hash[]): Hash[] {
  if (leaves.length <= 1) return [];
  const k = splitPoint(leaves.length);
  return m < k
    ? [...referencePath(m, leaves.slice(0, k)), rootOfLeafHashes(leaves.slice(k))]
    : [...referencePath(m - k, leaves.slice(k)), rootOfLeafHashes(leaves.slice(0, k))];
}

function referenceSubproof(m: number, leaves: Hash[], haveRoot: boolean): Hash[] {
  if (m === leaves.length) return haveRoot ? [] : [rootOfLeafHashes(leaves)];
  const k = splitPoint(leaves.length);
  return m <= k
    ? [...referenceSubproof(m, leaves.slice(0, k), haveRoot), rootOfLeafHashes(leaves.slice(k))]
    : [...referenceSubproof(m - k, leaves.slice(k), false), rootOfLeafHashes(leaves.slice(0, k))];
}

const referenceLeaves = inputs.map((i) => hashLeaf(unhex(i)));
const sixtyFour = Array.from({ length: 64 }, (_, i) => hashLeaf(Buffer.from([i])));

describe('RFC 6962 hashing', () => {
  it('hashes the empty tree as SHA-256 of nothing', () => {
    expect(hex(EMPTY_TREE_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(treeRoot(0, storedNodes([]))).toEqual(EMPTY_TREE_ROOT);
  });

  it('splits at the largest power of two below n', () => {
    expect([2, 3, 4, 5, 7, 8, 9, 1000].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 4, 8, 512]);
    expect(() => splitPoint(1)).toThrow();
  });

  it('gives the reference roots for every size of the reference tree, three ways', () => {
    const builder = TreeBuilder.empty();
    const read = storedNodes(referenceLeaves);
    referenceLeaves.forEach((leaf, i) => {
      builder.append(leaf);
      expect(hex(builder.root())).toBe(roots[i]);
      expect(hex(treeRoot(i + 1, read))).toBe(roots[i]);
      expect(hex(rootOfLeafHashes(referenceLeaves.slice(0, i + 1)))).toBe(roots[i]);
    });
  });

  it('distinguishes leaves from nodes (second-preimage resistance of the prefixes)', () => {
    const [a, b] = referenceLeaves as [Hash, Hash];
    expect(hashLeaf(Buffer.concat([a, b]))).not.toEqual(hashChildren(a, b));
  });

  it('resumes a tree from its frontier', () => {
    const read = storedNodes(sixtyFour);
    for (let size = 0; size <= 64; size++) {
      const resumed = TreeBuilder.resume(size, frontierNodes(size).map(read));
      for (const leaf of sixtyFour.slice(size)) resumed.append(leaf);
      expect(hex(resumed.root())).toBe(hex(rootOfLeafHashes(sixtyFour)));
    }
    expect(() => TreeBuilder.resume(3, [])).toThrow(RangeError);
  });
});

describe('inclusion proofs', () => {
  it('reproduces the reference paths', () => {
    const read = storedNodes(referenceLeaves);
    for (const vector of paths) {
      const proof = inclusionProof(vector.leaf - 1, vector.size, read);
      expect(proof.map(hex)).toEqual(vector.path);
      const root = unhex(roots[vector.size - 1] as string);
      expect(
        verifyInclusion(vector.leaf - 1, vector.size, referenceLeaves[vector.leaf - 1]!, proof, root),
      ).toBe(true);
    }
  });

  it('generates and verifies every (index, size) up to 64, and rejects every wrong one', () => {
    const read = storedNodes(sixtyFour);
    for (let size = 1; size <= 64; size++) {
      const root = rootOfLeafHashes(sixtyFour.slice(0, size));
      for (let index = 0; index < size; index++) {
        const leaf = sixtyFour[index] as Hash;
        const proof = inclusionProof(index, size, read);
        expect(proof.map(hex)).toEqual(referencePath(index, sixtyFour.slice(0, size)).map(hex));
        expect(verifyInclusion(index, size, leaf, proof, root)).toBe(true);
        // The same proof must not verify anything else.
        expect(verifyInclusion(index, size, sixtyFour[(index + 1) % 64]!, proof, root)).toBe(false);
        if (index > 0) expect(verifyInclusion(index - 1, size, leaf, proof, root)).toBe(false);
        if (index + 1 < size) expect(verifyInclusion(index + 1, size, leaf, proof, root)).toBe(false);
        expect(verifyInclusion(index ^ 2, size, leaf, proof, root)).toBe(false);
        expect(verifyInclusion(index, size * 2, leaf, proof, root)).toBe(false);
        expect(verifyInclusion(index, Math.floor(size / 2), leaf, proof, root)).toBe(false);
        expect(verifyInclusion(index, size, leaf, [...proof, root], root)).toBe(false);
        if (proof.length > 0) {
          expect(verifyInclusion(index, size, leaf, proof.slice(0, -1), root)).toBe(false);
          const flipped = proof.map((p, i) => (i === 0 ? hashLeaf(p) : p));
          expect(verifyInclusion(index, size, leaf, flipped, root)).toBe(false);
        }
        expect(verifyInclusion(index, size, leaf, proof, EMPTY_TREE_ROOT)).toBe(false);
      }
    }
  });

  it('refuses an index at or beyond the size', () => {
    const read = storedNodes(sixtyFour);
    expect(() => inclusionProof(5, 5, read)).toThrow(RangeError);
    expect(rootFromInclusionProof(5, 5, sixtyFour[0]!, [])).toBeNull();
    expect(verifyInclusion(0, 0, sixtyFour[0]!, [], EMPTY_TREE_ROOT)).toBe(false);
  });

  it('reads no more than the stored nodes the proof needs', () => {
    const nodes = nodesRead((read) => inclusionProof(123_456, 1_000_000, read));
    expect(nodes.length).toBeLessThanOrEqual(2 * 20 * 20);
    expect(nodes.every((n) => n.index * 2 ** n.level < 1_000_000)).toBe(true);
  });
});

describe('consistency proofs', () => {
  it('reproduces the reference proofs', () => {
    const read = storedNodes(referenceLeaves);
    for (const vector of proofs) {
      const proof = consistencyProof(vector.from, vector.to, read);
      expect(proof.map(hex)).toEqual(vector.proof);
      const fromRoot = unhex(roots[vector.from - 1] as string);
      const toRoot = unhex(roots[vector.to - 1] as string);
      expect(verifyConsistency(vector.from, vector.to, fromRoot, toRoot, proof)).toBe(true);
    }
  });

  it('generates and verifies every (from, to) up to 64, and rejects every wrong one', () => {
    const read = storedNodes(sixtyFour);
    const treeRoots = Array.from({ length: 65 }, (_, n) => rootOfLeafHashes(sixtyFour.slice(0, n)));
    const rootAt = (n: number) => treeRoots[n] ?? EMPTY_TREE_ROOT;
    for (let to = 1; to <= 64; to++) {
      for (let from = 1; from <= to; from++) {
        const proof = consistencyProof(from, to, read);
        expect(proof.map(hex)).toEqual(referenceSubproof(from, sixtyFour.slice(0, to), true).map(hex));
        expect(verifyConsistency(from, to, rootAt(from), rootAt(to), proof)).toBe(true);
        if (from === to) continue;
        expect(verifyConsistency(from, to, rootAt(to), rootAt(from), proof)).toBe(false);
        expect(verifyConsistency(from, to, rootAt(from), rootAt(to), [])).toBe(false);
        expect(verifyConsistency(from, to, rootAt(from), rootAt(to), [...proof, proof[0]!])).toBe(false);
        expect(verifyConsistency(from, to, rootAt(from), rootAt(to), proof.slice(0, -1))).toBe(false);
        // The mutations of the reference verifier's tests: wrong old size, wrong new size.
        for (const wrongFrom of [from - 1, from + 1, from ^ 2])
          expect(verifyConsistency(wrongFrom, to, rootAt(from), rootAt(to), proof)).toBe(false);
        for (const wrongTo of [to * 2, Math.floor(to / 2)])
          expect(verifyConsistency(from, wrongTo, rootAt(from), rootAt(to), proof)).toBe(false);
        for (let i = 0; i < proof.length; i++) {
          const wrong = proof.map((p, j) => (j === i ? EMPTY_TREE_ROOT : p));
          expect(verifyConsistency(from, to, rootAt(from), rootAt(to), wrong)).toBe(false);
        }
        // A fork: the same sizes, but the old tree had another leaf.
        const forked = [...sixtyFour.slice(0, from - 1), hashLeaf(Buffer.from('fork'))];
        expect(verifyConsistency(from, to, rootOfLeafHashes(forked), rootAt(to), proof)).toBe(false);
      }
    }
  });

  it('handles the edge cases as the reference verifier does', () => {
    const a = rootOfLeafHashes(sixtyFour.slice(0, 3));
    expect(verifyConsistency(0, 0, a, a, [])).toBe(true);
    expect(verifyConsistency(0, 5, EMPTY_TREE_ROOT, a, [])).toBe(true);
    expect(verifyConsistency(0, 5, EMPTY_TREE_ROOT, a, [a])).toBe(false);
    expect(verifyConsistency(3, 3, a, a, [])).toBe(true);
    expect(verifyConsistency(3, 3, a, EMPTY_TREE_ROOT, [])).toBe(false);
    expect(verifyConsistency(3, 3, a, a, [a])).toBe(false);
    expect(verifyConsistency(4, 3, a, a, [])).toBe(false);
    expect(() => consistencyProof(0, 3, storedNodes(sixtyFour))).toThrow(RangeError);
    expect(() => consistencyProof(4, 3, storedNodes(sixtyFour))).toThrow(RangeError);
  });
});
