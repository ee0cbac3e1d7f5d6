import { EMPTY_TREE_ROOT, type Hash, hashChildren, type NodeId, rangeNodes } from './merkle.ts';

/** A node that an append completed: its position and hash (level 0 is the leaf itself). */
export interface CompletedNode extends NodeId {
  hash: Hash;
}

/**
 * The right edge ("compact range") of a tree: the hashes of the perfect subtrees that make up its
 * leaves, one per set bit of the size. Appending a leaf costs one hash plus one per subtree it
 * completes (two on average), and the root is a fold of at most log2(size) hashes. Logs keep one of
 * these to append and to recompute trees from their entries.
 */
export class TreeBuilder {
  private readonly frontier: Hash[];
  private count: number;

  private constructor(size: number, frontier: Hash[]) {
    this.count = size;
    this.frontier = frontier;
  }

  static empty(): TreeBuilder {
    return new TreeBuilder(0, []);
  }

  /**
   * Resumes a tree of `size` leaves from its frontier: the hashes of `frontierNodes(size)`, in order.
   * Throws RangeError when the number of hashes does not fit the size.
   */
  static resume(size: number, frontier: readonly Hash[]): TreeBuilder {
    if (frontier.length !== frontierNodes(size).length)
      throw new RangeError(`a tree of ${size} leaves has ${frontierNodes(size).length} frontier hashes`);
    return new TreeBuilder(size, [...frontier]);
  }

  get size(): number {
    return this.count;
  }

  /** Appends a leaf hash; returns the nodes it completed, the leaf first and the highest last. */
  append(leafHash: Hash): CompletedNode[] {
    let hash = leafHash;
    let level = 0;
    let index = this.count;
    const completed: CompletedNode[] = [{ level, index, hash }];
    while (index % 2 === 1) {
      const left = this.frontier.pop() as Hash;
      hash = hashChildren(left, hash);
      level++;
      index = (index - 1) / 2;
      completed.push({ level, index, hash });
    }
    this.frontier.push(hash);
    this.count++;
    return completed;
  }

  /** MTH of the leaves appended so far. */
  root(): Hash {
    if (this.frontier.length === 0) return EMPTY_TREE_ROOT;
    let hash = this.frontier[this.frontier.length - 1] as Hash;
    for (let i = this.frontier.length - 2; i >= 0; i--) hash = hashChildren(this.frontier[i] as Hash, hash);
    return hash;
  }

  /** The current frontier hashes (a copy), as `resume` takes them. */
  frontierHashes(): Hash[] {
    return [...this.frontier];
  }
}

/** The perfect subtrees whose hashes a tree of `size` leaves resumes from, largest (leftmost) first. */
export function frontierNodes(size: number): NodeId[] {
  return rangeNodes(0, size);
}

/**
 * The storage layout of a log: every node is kept on the entry whose append completed it, the last
 * leaf of its subtree. Node (level, index) lives on entry (index + 1)·2^level − 1.
 */
export function entryIndexOfNode(node: NodeId): number {
  return (node.index + 1) * 2 ** node.level - 1;
}

/** The interior nodes an append completed (levels 1…t), packed level 1 first: t × 32 bytes. */
export function packInteriorNodes(completed: readonly CompletedNode[]): Buffer {
  return Buffer.concat(completed.filter((n) => n.level > 0).map((n) => n.hash));
}

/** A node kept on an entry: its leaf hash for level 0, else a slice of its packed interior nodes. */
export function nodeOnEntry(level: number, leafHash: Hash, interior: Buffer): Hash | null {
  if (level === 0) return leafHash;
  const start = (level - 1) * 32;
  return interior.length >= start + 32 ? interior.subarray(start, start + 32) : null;
}
