import type { Deps } from '../../../platform/deps.ts';
import { canonicalJson } from '../../../shared/canonical-json.ts';
import { isDomainError } from '../../../shared/errors.ts';
import { parseCheckpoint } from '../domain/checkpoint.ts';
import { checkCsafDocument, checkPublicRecord, csafDocumentPath, LogReplay } from '../domain/log-replay.ts';
import { openNote } from '../domain/signed-note.ts';
import type { PublicRecord } from '../domain/statement.ts';
import { type CheckpointRow, listCheckpointsAfter, listEntriesAfter } from '../translog.repository.ts';
import { findLogVerifier } from './signing-key.ts';

/**
 * The published records the log vouches for, as their owner serves them publicly. Injected by main/
 * (the disclosures module logs its publications through this module, so this one cannot import it).
 */
export interface PublishedRecords {
  /** The public record; throws DomainError `not_found` when it is not (or no longer) public. */
  get(recordId: string): Promise<PublicRecord>;
  /** Every public record, a page at a time. */
  list(page: { limit: number; cursor?: string | undefined }): Promise<{
    items: { id: string }[];
    nextCursor: string | null;
  }>;
  /** The bytes served at a CSAF document path (`csafDocumentPath`), or null when nothing is served there. */
  csafDocument(path: string): Promise<Uint8Array | null>;
}

export interface LogCheck {
  ok: boolean;
  size: number;
  checkpoints: number;
  records: number;
  problems: string[];
}

const MAX_PROBLEMS = 200;

/** Checkpoints in size order, fetched a page at a time. */
function checkpointStream(deps: Pick<Deps, 'db'>, pageSize: number) {
  let page: CheckpointRow[] = [];
  let at = 0;
  let after = -1;
  let done = false;
  return async (): Promise<CheckpointRow | null> => {
    if (at >= page.length && !done) {
      page = await listCheckpointsAfter(deps.db, after, pageSize);
      at = 0;
      done = page.length < pageSize;
      after = page.at(-1)?.size ?? after;
    }
    return page[at++] ?? null;
  };
}

/**
 * Verifies the whole log from the database, trusting nothing derived: recomputes every leaf hash from
 * the entry's statement and the tree from the leaves, compares the stored tree nodes, checks every
 * signed checkpoint (signature by the log key, origin, and root equal to the recomputed tree of its
 * size — so all checkpoints are mutually consistent), finds gaps and unsigned entries, then re-hashes
 * every logged record's public page and the CSAF document its entry vouches for, and looks for public
 * records the log lacks.
 */
export async function checkLog(
  deps: Pick<Deps, 'db' | 'config'>,
  records: PublishedRecords,
  pageSize = 5000,
): Promise<LogCheck> {
  const replay = new LogReplay();
  const problems = replay.problems;
  const { origin, verifier } = await findLogVerifier(deps);
  const nextCheckpoint = checkpointStream(deps, pageSize);
  let pending = await nextCheckpoint();
  let checkpoints = 0;
  let lastSigned = -1;

  const verifyCheckpoint = (checkpoint: CheckpointRow) => {
    checkpoints++;
    lastSigned = checkpoint.size;
    const name = `checkpoint of size ${checkpoint.size}`;
    if (!verifier) return problems.push(`${name}: the log has no key to verify it with`);
    try {
      const body = parseCheckpoint(openNote(checkpoint.note, [verifier]).text);
      if (body.origin !== origin) return problems.push(`${name}: origin ${body.origin}, expected ${origin}`);
      if (body.size !== checkpoint.size || !body.rootHash.equals(checkpoint.rootHash))
        return problems.push(`${name}: the stored size or root differs from the signed note`);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return problems.push(`${name}: ${error.message}`);
    }
    if (!replay.root().equals(checkpoint.rootHash))
      problems.push(
        `${name}: the signed root differs from the tree recomputed from the entries (entries edited, deleted, reordered, or the tree forked)`,
      );
  };
  const settle = async () => {
    while (pending && pending.size <= replay.size) {
      verifyCheckpoint(pending);
      pending = await nextCheckpoint();
    }
  };

  await settle();
  let after = -1;
  for (;;) {
    const page = await listEntriesAfter(deps.db, after, pageSize);
    for (const row of page) {
      if (row.index !== replay.size)
        problems.push(`entries ${replay.size}…${row.index - 1} are missing (deleted, or the log renumbered)`);
      replay.add(Buffer.from(canonicalJson(row.statement), 'utf8'), {
        leafHash: row.leafHash,
        interiorHashes: row.interiorHashes,
      });
      await settle();
      if (problems.length > MAX_PROBLEMS) break;
    }
    if (page.length < pageSize || problems.length > MAX_PROBLEMS) break;
    after = page.at(-1)?.index ?? after;
  }
  for (; pending; pending = await nextCheckpoint())
    problems.push(
      `checkpoint of size ${pending.size}: the log holds only ${replay.size} entries (entries deleted)`,
    );
  if (replay.size > Math.max(lastSigned, 0))
    problems.push(
      `${replay.size - Math.max(lastSigned, 0)} entries after the last signed checkpoint (added outside the log)`,
    );

  for (const logged of replay.latestByRecord.values()) {
    const record = await records.get(logged.statement.recordId).catch((error: unknown) => {
      if (isDomainError(error) && error.code === 'not_found') return null;
      throw error;
    });
    const problem = checkPublicRecord(logged, record);
    if (problem) problems.push(problem);
    else if (record && logged.statement.csafSha256 !== null) {
      const path = csafDocumentPath(record);
      const csaf = checkCsafDocument(logged, record, path ? await records.csafDocument(path) : null);
      if (csaf) problems.push(csaf);
    }
  }
  let cursor: string | undefined;
  do {
    const page = await records.list({ limit: 100, cursor });
    for (const item of page.items)
      if (!replay.latestByRecord.has(item.id))
        problems.push(`record ${item.id} is public but has no log entry`);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  return {
    ok: problems.length === 0,
    size: replay.size,
    checkpoints,
    records: replay.latestByRecord.size,
    problems,
  };
}
