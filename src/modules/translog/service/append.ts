import { type DbOrTx, withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { DomainError } from '../../../shared/errors.ts';
import { formatCheckpoint, parseCheckpoint } from '../domain/checkpoint.ts';
import {
  consistencyProof,
  type Hash,
  hashLeaf,
  type NodeId,
  nodesRead,
  verifyConsistency,
} from '../domain/merkle.ts';
import { openNote, signNote } from '../domain/signed-note.ts';
import {
  type PublicationInput,
  type PublicationStatement,
  publicationStatement,
  statementBytes,
} from '../domain/statement.ts';
import { frontierNodes, packInteriorNodes, TreeBuilder } from '../domain/tree-builder.ts';
import {
  type CheckpointRow,
  type EntryRow,
  findEntryCount,
  findLatestCheckpoint,
  insertCheckpoint,
  insertEntries,
  lockLog,
  readNodeHashes,
} from '../translog.repository.ts';
import { type LogKey, loadLogKey } from './signing-key.ts';

type AppendDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

export interface AppendedEntry {
  index: number;
  leafHash: Hash;
}

function inconsistent(detail: string): DomainError {
  return new DomainError(
    'precondition_failed',
    `The transparency log is inconsistent (${detail}); nothing is published until an operator repairs it.`,
  );
}

/** Reads stored nodes, failing as an inconsistent log when one is missing. */
export async function nodeReader(db: DbOrTx, nodes: readonly NodeId[]) {
  const hashes = await readNodeHashes(db, nodes);
  return (node: NodeId): Hash => {
    const hash = hashes.get(`${node.level}/${node.index}`);
    if (!hash) throw inconsistent(`tree node ${node.level}/${node.index} is missing`);
    return hash;
  };
}

/**
 * The log's head under the append lock: the entries' tree, resumed from its stored frontier, checked
 * against the last signed checkpoint (same size, a valid signature by the log key, same origin, same
 * root). Anything else means the tables were changed behind the log's back.
 */
async function verifiedHead(
  tx: DbOrTx,
  key: LogKey,
): Promise<{ builder: TreeBuilder; last: CheckpointRow | null }> {
  const size = await findEntryCount(tx);
  const last = await findLatestCheckpoint(tx);
  if ((last?.size ?? 0) !== size)
    throw inconsistent(`${size} entries, but the last signed checkpoint covers ${last?.size ?? 0}`);
  const read = await nodeReader(tx, frontierNodes(size));
  const builder = TreeBuilder.resume(size, frontierNodes(size).map(read));
  if (last) {
    let body: ReturnType<typeof parseCheckpoint>;
    try {
      body = parseCheckpoint(openNote(last.note, [key.verifier]).text);
    } catch {
      throw inconsistent(
        `the checkpoint of size ${last.size} does not verify with the log key ${key.verifierKey}`,
      );
    }
    if (body.origin !== key.origin)
      throw inconsistent(`the log's origin was ${body.origin}, not ${key.origin}`);
    if (
      body.size !== last.size ||
      !body.rootHash.equals(last.rootHash) ||
      !builder.root().equals(last.rootHash)
    )
      throw inconsistent(`the stored tree does not match the checkpoint of size ${last.size}`);
  }
  return { builder, last };
}

/**
 * Signs and stores the checkpoint of the builder's tree, after proving from the stored nodes (new
 * entries included) that it is consistent with the last signed one (RFC 9162 §2.1.4).
 */
async function signCheckpoint(
  tx: DbOrTx,
  deps: AppendDeps,
  key: LogKey,
  last: CheckpointRow | null,
  builder: TreeBuilder,
): Promise<CheckpointRow> {
  const size = builder.size;
  const rootHash = builder.root();
  if (last && last.size > 0 && last.size < size) {
    const from = last.size;
    const read = await nodeReader(
      tx,
      nodesRead((r) => consistencyProof(from, size, r)),
    );
    if (!verifyConsistency(from, size, last.rootHash, rootHash, consistencyProof(from, size, read)))
      throw inconsistent(`the tree of size ${size} is not an extension of the one of size ${from}`);
  }
  const note = signNote(formatCheckpoint({ origin: key.origin, size, rootHash }), [key.signer]);
  const row = { size, rootHash, note, createdAt: deps.clock.now() };
  await insertCheckpoint(tx, row);
  return row;
}

/**
 * Appends statements as consecutive entries and signs the checkpoint of the new tree, in one
 * transaction (the caller's, when `deps.db` is one: the entries then commit with its change or not at
 * all). The advisory lock serialises appends of every process on the database, so indices have no gaps
 * and every checkpoint extends the previous one. Throws `precondition_failed` when the stored log no
 * longer matches its last checkpoint.
 */
export async function appendStatements(
  deps: AppendDeps,
  statements: readonly PublicationStatement[],
): Promise<AppendedEntry[]> {
  const key = await loadLogKey(deps);
  return withTransaction(deps.db, async (tx) => {
    await lockLog(tx);
    const { builder, last } = await verifiedHead(tx, key);
    const createdAt = deps.clock.now();
    const rows: EntryRow[] = statements.map((statement) => {
      const index = builder.size;
      const leafHash = hashLeaf(statementBytes(statement));
      const completed = builder.append(leafHash);
      return {
        index,
        statement,
        leafHash,
        interiorHashes: packInteriorNodes(completed),
        recordType: statement.recordType,
        recordId: statement.recordId,
        createdAt,
      };
    });
    await insertEntries(tx, rows);
    if (rows.length > 0) await signCheckpoint(tx, deps, key, last, builder);
    return rows.map((r) => ({ index: r.index, leafHash: r.leafHash }));
  });
}

/**
 * Logs the publication of a public record. Call it inside the transaction that publishes (pass deps
 * joined to it with `joinTransaction`), so that the record is public if and only if it is logged.
 */
export async function appendPublication(
  deps: AppendDeps,
  publication: PublicationInput,
): Promise<AppendedEntry> {
  const [entry] = await appendStatements(deps, [publicationStatement(publication)]);
  return entry as AppendedEntry;
}

/**
 * The latest signed checkpoint; an empty log signs (and keeps) its size-0 checkpoint on first request,
 * so a verifier always has a tree head to start from.
 */
export async function ensureCheckpoint(deps: AppendDeps): Promise<CheckpointRow> {
  const latest = await findLatestCheckpoint(deps.db);
  if (latest) return latest;
  const key = await loadLogKey(deps);
  return withTransaction(deps.db, async (tx) => {
    await lockLog(tx);
    const { builder, last } = await verifiedHead(tx, key);
    return last ?? signCheckpoint(tx, deps, key, null, builder);
  });
}
