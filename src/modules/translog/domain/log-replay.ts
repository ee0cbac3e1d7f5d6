import { sha256Hex } from '../../../shared/canonical-json.ts';
import { isDomainError } from '../../../shared/errors.ts';
import type { Hash } from './merkle.ts';
import { hashLeaf } from './merkle.ts';
import {
  type PublicationStatement,
  type PublicRecord,
  parseStatement,
  publicRecordDigest,
} from './statement.ts';
import { type CompletedNode, nodeOnEntry, TreeBuilder } from './tree-builder.ts';

export interface LoggedRecord {
  index: number;
  statement: PublicationStatement;
}

/**
 * Recomputes a log from its entries, in order: each entry's leaf hash from its bytes, the tree from the
 * leaves, and (when the store's own hashes are given) a comparison with what the store kept. Both the
 * in-server monitor (entries from the database) and `candor log verify` (entries from tiles) use it.
 */
export class LogReplay {
  private readonly builder = TreeBuilder.empty();
  readonly problems: string[] = [];
  /** Each record's latest entry: the one its public page must match. */
  readonly latestByRecord = new Map<string, LoggedRecord>();

  get size(): number {
    return this.builder.size;
  }

  root(): Hash {
    return this.builder.root();
  }

  /**
   * Adds the next entry. `stored` is what the log kept for it (leaf hash, interior nodes); a difference
   * is a problem. Returns the nodes the entry completed, for comparison with served tiles.
   */
  add(bytes: Uint8Array, stored?: { leafHash: Hash; interiorHashes?: Buffer }): CompletedNode[] {
    const index = this.builder.size;
    const leafHash = hashLeaf(bytes);
    if (stored && !stored.leafHash.equals(leafHash))
      this.problems.push(
        `entry ${index}: its bytes hash to another leaf than the one the log holds (the entry was edited)`,
      );
    const completed = this.builder.append(leafHash);
    if (stored?.interiorHashes) {
      const wrong = completed.some((node) => {
        if (node.level === 0) return false;
        const kept = nodeOnEntry(node.level, leafHash, stored.interiorHashes as Buffer);
        return !kept?.equals(node.hash);
      });
      if (wrong || stored.interiorHashes.length !== (completed.length - 1) * 32)
        this.problems.push(`entry ${index}: the stored tree nodes differ from the recomputed ones`);
    }
    try {
      const statement = parseStatement(bytes);
      this.latestByRecord.set(statement.recordId, { index, statement });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.problems.push(`entry ${index}: ${error.message}`);
    }
    return completed;
  }
}

/**
 * Compares a record's public page with its latest log entry; returns the problem, or null when they
 * agree. `record` is null when the record is not public (any more). A withdrawn record stays public,
 * marked withdrawn, as the revision its withdrawal entry vouches for; a record is never shown as
 * withdrawn without such an entry.
 */
export function checkPublicRecord(logged: LoggedRecord, record: PublicRecord | null): string | null {
  const { statement, index } = logged;
  const name = `${statement.recordType} ${statement.recordId} (entry ${index})`;
  const withdrawn = statement.action === 'withdrawn';
  if (!record)
    return withdrawn ? null : `${name} is in the log but no longer public: it was deleted or unpublished`;
  if (withdrawn && record.status !== undefined && record.status !== 'withdrawn')
    return `${name} was withdrawn in the log but is public as ${record.status}`;
  if (!withdrawn && record.status === 'withdrawn')
    return `${name} is shown as withdrawn, but the log has no withdrawal of it`;
  if (record.revision !== statement.revision)
    return `${name}: the public record is revision ${record.revision}, the log has revision ${statement.revision}`;
  if (publicRecordDigest(record, statement.type) !== statement.contentSha256)
    return `${name}: the public record's content no longer matches the SHA-256 the log holds (it was changed)`;
  return null;
}

const csafFolder = '/.well-known/csaf/';

/**
 * Where the record's CSAF document is served, from `/.well-known/csaf/` on (so a verifier asks the
 * server it verifies, whatever public address the record names); null when the record links none.
 */
export function csafDocumentPath(record: PublicRecord): string | null {
  const url = record.csaf?.json;
  const at = url ? url.indexOf(csafFolder) : -1;
  return url && at >= 0 ? url.slice(at) : null;
}

/**
 * Checks the CSAF document a record's latest entry vouches for (`csafSha256`) against the bytes served
 * for it now (`served`: null when it is not served). Call it for a record that `checkPublicRecord`
 * accepted. Returns the problem, or null when they agree or the entry vouches for no document.
 */
export function checkCsafDocument(
  logged: LoggedRecord,
  record: PublicRecord,
  served: Uint8Array | null,
): string | null {
  const { statement, index } = logged;
  if (statement.csafSha256 === null) return null;
  const name = `${statement.recordType} ${statement.recordId} (entry ${index})`;
  const path = csafDocumentPath(record);
  if (path === null || served === null)
    return `${name}: the CSAF document the log vouches for is no longer served${path ? ` at ${path}` : ''}`;
  if (sha256Hex(served) !== statement.csafSha256)
    return `${name}: the CSAF document served at ${path} no longer matches the SHA-256 the log holds (it was changed)`;
  return null;
}
