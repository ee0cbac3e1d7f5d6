import { type Checkpoint, parseCheckpoint } from '../domain/checkpoint.ts';
import {
  checkCsafDocument,
  checkPublicRecord,
  csafDocumentPath,
  type LoggedRecord,
  LogReplay,
} from '../domain/log-replay.ts';
import { type Hash, verifyConsistency } from '../domain/merkle.ts';
import { openNote, parseVerifierKey } from '../domain/signed-note.ts';
import type { PublicRecord } from '../domain/statement.ts';
import {
  decodeEntryBundle,
  hashesAtTileLevel,
  splitHashTile,
  TILE_HEIGHT,
  TILE_WIDTH,
  type TileRef,
  tilePath,
} from '../domain/tiles.ts';

/** What `candor log verify --state` keeps between runs: the last checkpoint it verified, and the key. */
export interface RemoteLogState {
  origin: string;
  verifierKey: string;
  size: number;
  rootHash: string;
  checkpoint: string;
}

export interface RemoteVerification {
  ok: boolean;
  problems: string[];
  origin: string | null;
  size: number;
  rootHash: string | null;
  records: number;
  /** The state to keep: set only when everything verified. */
  state: RemoteLogState | null;
}

/** A problem after which nothing else can be trusted (bad signature, fork, wrong root). */
class Fatal extends Error {}

function client(baseUrl: string, fetchImpl: typeof fetch) {
  const base = baseUrl.replace(/\/+$/, '');
  const get = async (path: string, allow404 = false): Promise<Response | null> => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, { redirect: 'error' });
    } catch (error) {
      throw new Fatal(`GET ${base}${path} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (allow404 && response.status === 404) return null;
    if (!response.ok) throw new Fatal(`GET ${base}${path} answered ${response.status}`);
    return response;
  };
  return {
    text: async (path: string) => (await get(path))?.text() ?? '',
    bytes: async (path: string) =>
      Buffer.from(await ((await get(path))?.arrayBuffer() ?? new ArrayBuffer(0))),
    /** The body, or null when the server answers 404. */
    bytesOrNull: async (path: string) => {
      const response = await get(path, true);
      return response ? Buffer.from(await response.arrayBuffer()) : null;
    },
    json: async (path: string, allow404 = false): Promise<unknown> => {
      const response = await get(path, allow404);
      return response ? response.json() : null;
    },
  };
}

/** Runs `work` over `items` with at most `limit` in flight; results in item order. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function tilesOf(kind: 'entries' | number, count: number): TileRef[] {
  return Array.from({ length: Math.ceil(count / TILE_WIDTH) }, (_, index) => {
    const width = Math.min(TILE_WIDTH, count - index * TILE_WIDTH);
    return kind === 'entries' ? { kind, index, width } : { kind: 'hash', level: kind, index, width };
  });
}

/**
 * Verifies a Candor transparency log over HTTP, as an outsider can: the checkpoint's signature by the
 * log key (pinned by `verifierKey` or the state), its consistency with the state's last checkpoint
 * (the served RFC 9162 proof, and again by recomputation), every entry from the entry bundles against
 * the hash tiles and the signed root, every logged record's public page against its entry's hash and
 * the CSAF document the provider serves for it against the entry's `csafSha256`; and that every public
 * record is logged. Never throws for a verification failure: read `problems`.
 */
export async function verifyRemoteLog(
  baseUrl: string,
  options: {
    state?: RemoteLogState | null;
    verifierKey?: string;
    fetch?: typeof fetch;
    concurrency?: number;
  } = {},
): Promise<RemoteVerification> {
  const http = client(baseUrl, options.fetch ?? fetch);
  const concurrency = options.concurrency ?? 8;
  const state = options.state ?? null;
  const replay = new LogReplay();
  const problems = replay.problems;
  let checkpoint: Checkpoint | null = null;
  let note = '';
  let verifierKey = '';
  try {
    const served = (await http.text('/log/key')).trim();
    verifierKey = options.verifierKey ?? state?.verifierKey ?? served;
    if (served !== verifierKey)
      throw new Fatal(
        `the log serves the key ${served}, but the trusted key is ${verifierKey} (key changed)`,
      );
    const verifier = parseVerifierKey(verifierKey);
    note = await http.text('/log/checkpoint');
    checkpoint = parseCheckpoint(openNote(note, [verifier]).text);
    const { size, rootHash, origin } = checkpoint;
    if (origin !== verifier.name)
      throw new Fatal(`the checkpoint's origin ${origin} is not the key's ${verifier.name}`);
    const stateRoot = state ? Buffer.from(state.rootHash, 'base64') : null;
    if (state && stateRoot) {
      if (state.origin !== origin)
        throw new Fatal(`the log's origin changed from ${state.origin} to ${origin}`);
      if (size < state.size)
        throw new Fatal(`the log shrank from ${state.size} to ${size} entries since the last verification`);
      if (size === state.size && !rootHash.equals(stateRoot))
        throw new Fatal(`the log signed two different trees of size ${size}: a fork`);
      if (size > state.size && state.size > 0) {
        const proof = (await http.json(`/log/proof/consistency?from=${state.size}&to=${size}`)) as {
          proof: string[];
        };
        const hashes = proof.proof.map((h) => Buffer.from(h, 'base64'));
        if (!verifyConsistency(state.size, size, stateRoot, rootHash, hashes))
          throw new Fatal(
            `the checkpoint of size ${size} is not consistent with the one of size ${state.size} seen before: the log was rewritten (a fork)`,
          );
      }
    }

    const nodesByLevel = new Map<number, Hash[]>();
    const bundles = tilesOf('entries', size);
    for (let start = 0; start < bundles.length; start += concurrency * 4) {
      const batch = bundles.slice(start, start + concurrency * 4);
      const fetched = await inPool(batch, concurrency, async (tile) => ({
        tile,
        entries: decodeEntryBundle(await http.bytes(`/log/${tilePath(tile)}`)),
        hashes: splitHashTile(await http.bytes(`/log/${tilePath({ ...tile, kind: 'hash', level: 0 })}`)),
      }));
      for (const { tile, entries, hashes } of fetched) {
        if (entries.length !== tile.width || hashes.length !== tile.width)
          throw new Fatal(
            `tile ${tilePath(tile)} holds ${entries.length} entries and ${hashes.length} hashes, not ${tile.width}`,
          );
        entries.forEach((entry, i) => {
          const completed = replay.add(entry, { leafHash: hashes[i] as Hash });
          for (const node of completed)
            if (node.level > 0 && node.level % TILE_HEIGHT === 0) {
              const list = nodesByLevel.get(node.level) ?? [];
              list.push(node.hash);
              nodesByLevel.set(node.level, list);
            }
          if (stateRoot && replay.size === state?.size && !replay.root().equals(stateRoot))
            problems.push(
              `the entries do not reproduce the tree of size ${state.size} seen before: the log was rewritten`,
            );
        });
      }
    }
    if (!replay.root().equals(rootHash))
      throw new Fatal(`the entries do not produce the signed root of size ${size}: entries were changed`);

    for (let level = 1; hashesAtTileLevel(level, size) > 0; level++) {
      const computed = nodesByLevel.get(level * TILE_HEIGHT) ?? [];
      await inPool(tilesOf(level, hashesAtTileLevel(level, size)), concurrency, async (tile) => {
        const served = splitHashTile(await http.bytes(`/log/${tilePath(tile)}`));
        served.forEach((hash, i) => {
          if (!computed[tile.index * TILE_WIDTH + i]?.equals(hash))
            problems.push(`hash tile ${tilePath(tile)} differs from the tree recomputed from the entries`);
        });
      });
    }

    const logged = [...replay.latestByRecord.values()];
    const recordProblems = await inPool(logged, concurrency, async (entry: LoggedRecord) => {
      const record = (await http.json(
        `/api/v1/public/disclosures/${entry.statement.recordId}`,
        true,
      )) as PublicRecord | null;
      const problem = checkPublicRecord(entry, record);
      if (problem || !record || entry.statement.csafSha256 === null) return problem;
      const path = csafDocumentPath(record);
      return checkCsafDocument(entry, record, path ? await http.bytesOrNull(path) : null);
    });
    problems.push(...recordProblems.filter((p): p is string => p !== null));
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = (await http.json(`/api/v1/public/disclosures?limit=100${query}`)) as {
        items: { id: string }[];
        nextCursor: string | null;
      };
      for (const item of page.items)
        if (!replay.latestByRecord.has(item.id))
          problems.push(`record ${item.id} is public but has no log entry`);
      cursor = page.nextCursor;
    } while (cursor);
  } catch (error) {
    if (error instanceof Fatal) problems.push(error.message);
    else if (error instanceof Error)
      problems.push(`${error.name === 'DomainError' ? '' : `${error.name}: `}${error.message}`);
    else throw error;
  }
  const ok = problems.length === 0 && checkpoint !== null;
  return {
    ok,
    problems,
    origin: checkpoint?.origin ?? null,
    size: checkpoint?.size ?? 0,
    rootHash: checkpoint?.rootHash.toString('base64') ?? null,
    records: replay.latestByRecord.size,
    state:
      ok && checkpoint
        ? {
            origin: checkpoint.origin,
            verifierKey,
            size: checkpoint.size,
            rootHash: checkpoint.rootHash.toString('base64'),
            checkpoint: note,
          }
        : null,
  };
}
