import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { type FeedImportReport, type FeedKind, importFeed } from './import-feed.ts';

/** The file name a body gets from its media type, so that the file importer reads it the same way. */
function extensionFor(contentType: string, kind: FeedKind): string {
  // gzip before zip: `application/gzip` contains "zip".
  if (/gzip/.test(contentType)) return kind === 'epss' ? 'csv.gz' : 'json.gz';
  if (/zip/.test(contentType)) return 'zip';
  return kind === 'epss' ? 'csv' : 'json';
}

/**
 * A feed uploaded by an operator through the API: written to a private temporary file and imported by
 * the same code as `candor import` (zip and gzip included), then removed; the import is audited.
 */
export async function importUploadedFeed(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  kind: FeedKind,
  contentType: string,
  bytes: Uint8Array,
): Promise<FeedImportReport> {
  const dir = await mkdtemp(join(tmpdir(), 'candor-feed-'));
  try {
    const file = join(dir, `upload.${extensionFor(contentType, kind)}`);
    await writeFile(file, bytes, { mode: 0o600 });
    const report = await importFeed(deps, kind, file);
    await withTransaction(deps.db, (tx) =>
      recordAuditEvent(tx, deps.clock, actor, {
        action: 'feed.imported',
        organizationId: null,
        entityType: 'feed',
        entityId: kind,
        after: { kind, records: report.records, inserted: report.inserted, updated: report.updated },
      }),
    );
    return report;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
