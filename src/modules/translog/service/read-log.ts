import type { Deps } from '../../../platform/deps.ts';
import { canonicalJson } from '../../../shared/canonical-json.ts';
import { DomainError } from '../../../shared/errors.ts';
import { consistencyProof, inclusionProof, nodesRead, treeRoot } from '../domain/merkle.ts';
import {
  encodeEntryBundle,
  parseTilePath,
  TILE_WIDTH,
  type TileRef,
  tileExists,
  tileNodes,
} from '../domain/tiles.ts';
import type { ConsistencyProof, InclusionProof, RecordLogEntry } from '../translog.contracts.ts';
import {
  concatLeafHashes,
  findLatestCheckpoint,
  findLatestEntryForRecord,
  listStatements,
} from '../translog.repository.ts';
import { ensureCheckpoint, nodeReader } from './append.ts';
import { loadLogKey } from './signing-key.ts';

type ReadDeps = Pick<Deps, 'db'>;

/** The signed note of the latest checkpoint (signing the empty tree's on first request). */
export async function getCheckpointNote(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<string> {
  return (await ensureCheckpoint(deps)).note;
}

/** The verifier key line of the log's key (generating the key on first request when none is set). */
export async function getVerifierKey(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<string> {
  return (await loadLogKey(deps)).verifierKey;
}

/** The size the log has signed; what tiles and proofs are served for. */
async function signedSize(deps: ReadDeps): Promise<number> {
  return (await findLatestCheckpoint(deps.db))?.size ?? 0;
}

export interface Tile {
  bytes: Buffer;
  /** Full tiles never change; partial ones are replaced by wider ones as the log grows. */
  immutable: boolean;
}

/**
 * A hash tile or entry bundle (c2sp.org/tlog-tiles) by the path after `tile/`: `<L>/<N>[.p/<W>]` or
 * `entries/<N>[.p/<W>]`. Throws `not_found` for a malformed path or a tile the signed tree lacks.
 */
export async function readTile(deps: ReadDeps, level: string, rest: string): Promise<Tile> {
  const tile = parseTilePath(level, rest);
  if (!tile || !tileExists(tile, await signedSize(deps))) throw new DomainError('not_found', 'No such tile.');
  return { bytes: await tileBytes(deps, tile), immutable: tile.width === TILE_WIDTH };
}

async function tileBytes(deps: ReadDeps, tile: TileRef): Promise<Buffer> {
  const first = tile.index * TILE_WIDTH;
  if (tile.kind === 'entries') {
    const statements = await listStatements(deps.db, first, first + tile.width);
    return encodeEntryBundle(statements.map((s) => Buffer.from(canonicalJson(s), 'utf8')));
  }
  if (tile.level === 0) return concatLeafHashes(deps.db, first, first + tile.width);
  const nodes = tileNodes(tile);
  const read = await nodeReader(deps.db, nodes);
  return Buffer.concat(nodes.map(read));
}

function invalid(message: string): DomainError {
  return new DomainError('invalid', message);
}

/** An inclusion proof of entry `index` in the tree of `size` (default: the latest signed size). */
export async function proveInclusion(deps: ReadDeps, index: number, size?: number): Promise<InclusionProof> {
  const signed = await signedSize(deps);
  const treeSize = size ?? signed;
  if (treeSize > signed)
    throw invalid(`The log has signed ${signed} entries; size ${treeSize} is beyond it.`);
  if (index >= treeSize) throw invalid(`Index ${index} is not below the tree size ${treeSize}.`);
  const read = await nodeReader(
    deps.db,
    nodesRead((r) => [inclusionProof(index, treeSize, r), treeRoot(treeSize, r), r({ level: 0, index })]),
  );
  return {
    index,
    treeSize,
    leafHash: read({ level: 0, index }).toString('base64'),
    rootHash: treeRoot(treeSize, read).toString('base64'),
    proof: inclusionProof(index, treeSize, read).map((h) => h.toString('base64')),
  };
}

/** A consistency proof from the tree of size `from` to the one of size `to` (default: the latest). */
export async function proveConsistency(deps: ReadDeps, from: number, to?: number): Promise<ConsistencyProof> {
  const signed = await signedSize(deps);
  const toSize = to ?? signed;
  if (toSize > signed) throw invalid(`The log has signed ${signed} entries; size ${toSize} is beyond it.`);
  if (from < 1 || from > toSize)
    throw invalid(`A consistency proof needs 1 ≤ from ≤ to; got ${from} and ${toSize}.`);
  const read = await nodeReader(
    deps.db,
    nodesRead((r) => [consistencyProof(from, toSize, r), treeRoot(from, r), treeRoot(toSize, r)]),
  );
  return {
    from,
    to: toSize,
    fromRootHash: treeRoot(from, read).toString('base64'),
    toRootHash: treeRoot(toSize, read).toString('base64'),
    proof: consistencyProof(from, toSize, read).map((h) => h.toString('base64')),
  };
}

/**
 * The log entry of a public record (its latest), with an inclusion proof in the latest signed
 * checkpoint. Throws `not_found` when the record has no entry.
 */
export async function getRecordLogEntry(deps: ReadDeps, recordId: string): Promise<RecordLogEntry> {
  const entry = await findLatestEntryForRecord(deps.db, recordId);
  const checkpoint = await findLatestCheckpoint(deps.db);
  if (!entry || !checkpoint || entry.index >= checkpoint.size)
    throw new DomainError('not_found', 'This record has no entry in the transparency log.');
  const proof = await proveInclusion(deps, entry.index, checkpoint.size);
  return {
    index: entry.index,
    statement: entry.statement as RecordLogEntry['statement'],
    leafHash: proof.leafHash,
    checkpoint: {
      size: checkpoint.size,
      rootHash: checkpoint.rootHash.toString('base64'),
      note: checkpoint.note,
    },
    inclusionProof: proof.proof,
  };
}
