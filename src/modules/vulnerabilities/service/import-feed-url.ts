import { createHash } from 'node:crypto';
import { mkdtemp, open, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { type DbOrTx, withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { type Actor, systemActor } from '../../../shared/actor.ts';
import { DomainError } from '../../../shared/errors.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { downloadedFeedFileName, redactFeedUrl, requestTarget } from '../domain/feed-source-url.ts';
import type { FeedSourceView } from '../feed-sources.contracts.ts';
import { vulnerabilitiesFeedSources } from '../vulnerabilities.tables.ts';
import { type FeedImportReport, type FeedKind, feedKinds, importFeed } from './import-feed.ts';

export type FeedSourceStatus = 'imported' | 'not-modified' | 'unchanged' | 'error';

/** How one configured source ended; `url` is redacted (no credentials). */
export interface FeedSourcePullReport {
  kind: string;
  url: string;
  status: FeedSourceStatus;
  error: string | null;
  /** The body's size (after fetch undid any Content-Encoding), when one was read. */
  bytes: number | null;
  import: FeedImportReport | null;
}

export interface PullFeedUrlsOptions {
  /** How long to wait for the response headers (60 s). */
  headersTimeoutMs?: number;
  /** How long the whole download may take, body included (6 h: a 2 GiB export over a slow link). */
  totalTimeoutMs?: number;
  /** Where the temporary directories are made (the system's temporary directory). */
  tempParent?: string;
  /** Who the audit events of imports name (a system actor for the scheduled job). */
  actor?: Actor;
  rematch?: boolean;
}

type PullDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'logger'>;
type SourceState = typeof vulnerabilitiesFeedSources.$inferSelect;
type StateChange = Partial<Omit<SourceState, 'kind' | 'url'>>;

const isFeedKind = (kind: string): kind is FeedKind => (feedKinds as readonly string[]).includes(kind);

const messageOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  // fetch reports network failures as "fetch failed" with the reason (ECONNREFUSED, …) as the cause.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`.slice(0, 2000);
};

async function saveState(db: DbOrTx, kind: string, url: string, change: StateChange) {
  // An upsert: two workers polling the same source at once each leave a whole row, never a broken one.
  await db
    .insert(vulnerabilitiesFeedSources)
    .values({ kind, url, ...change })
    .onConflictDoUpdate({
      target: [vulnerabilitiesFeedSources.kind, vulnerabilitiesFeedSources.url],
      set: change,
    });
}

async function findState(db: PullDeps['db'], kind: string, url: string): Promise<SourceState | null> {
  const [row] = await db
    .select()
    .from(vulnerabilitiesFeedSources)
    .where(and(eq(vulnerabilitiesFeedSources.kind, kind), eq(vulnerabilitiesFeedSources.url, url)));
  return row ?? null;
}

/**
 * Streams a response body into `file`, hashing and counting it; throws `invalid` as soon as it passes
 * `limit` bytes (the stream is cancelled, so the rest is never read).
 */
async function saveBody(response: Response, file: string, limit: number) {
  const hash = createHash('sha256');
  const handle = await open(file, 'wx', 0o600);
  let bytes = 0;
  let head = new Uint8Array(0);
  try {
    if (response.body) {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        if (bytes > limit)
          throw new DomainError(
            'invalid',
            `the body exceeds CANDOR_FEED_DOWNLOAD_LIMIT_BYTES (${limit} bytes); nothing imported`,
          );
        if (head.length < 4) head = Uint8Array.from([...head, ...chunk.subarray(0, 4 - head.length)]);
        hash.update(chunk);
        await handle.write(chunk);
      }
    }
  } finally {
    await handle.close();
  }
  return { bytes, sha256: hash.digest('hex'), head };
}

/** One source: conditional GET, download, compare, import; every failure is returned, not thrown. */
async function pullSource(
  deps: PullDeps,
  source: { kind: string; url: string },
  options: PullFeedUrlsOptions,
): Promise<FeedSourcePullReport> {
  const { kind, url } = source;
  const shown = redactFeedUrl(url);
  const report: FeedSourcePullReport = {
    kind,
    url: shown,
    status: 'error',
    error: null,
    bytes: null,
    import: null,
  };
  if (!isFeedKind(kind)) {
    report.error = `unknown feed kind '${kind}' (known: ${feedKinds.join(', ')})`;
    await saveState(deps.db, kind, url, {
      lastCheckedAt: deps.clock.now(),
      lastStatus: 'error',
      lastError: report.error,
    });
    return report;
  }
  const state = await findState(deps.db, kind, url);
  const controller = new AbortController();
  let timedOut: string | null = null;
  const abortAfter = (ms: number, what: string) =>
    setTimeout(() => {
      timedOut = `${what} within ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}`;
      controller.abort(new DomainError('invalid', timedOut));
    }, ms);
  const headersTimer = abortAfter(options.headersTimeoutMs ?? 60_000, 'no response headers');
  const totalTimer = abortAfter(options.totalTimeoutMs ?? 6 * 3_600_000, 'the download did not complete');
  let dir: string | null = null;
  let file: string | null = null;
  try {
    const target = requestTarget(url);
    const headers: Record<string, string> = {};
    if (target.authorization) headers.authorization = target.authorization;
    if (state?.etag) headers['if-none-match'] = state.etag;
    if (state?.lastModified) headers['if-modified-since'] = state.lastModified;
    const response = await fetch(target.url, { headers, signal: controller.signal, redirect: 'follow' });
    clearTimeout(headersTimer);
    const etag = response.headers.get('etag') ?? state?.etag ?? null;
    const lastModified = response.headers.get('last-modified') ?? state?.lastModified ?? null;
    if (response.status === 304) {
      await response.body?.cancel();
      report.status = 'not-modified';
      await saveState(deps.db, kind, url, {
        etag,
        lastModified,
        lastCheckedAt: deps.clock.now(),
        lastStatus: 'not-modified',
        lastError: null,
      });
      return report;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new DomainError('invalid', `HTTP ${response.status} ${response.statusText}`.trim());
    }
    const limit = deps.config.feedDownloadLimitBytes;
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > limit) {
      await response.body?.cancel();
      throw new DomainError(
        'invalid',
        `the body declares ${declared} bytes, over CANDOR_FEED_DOWNLOAD_LIMIT_BYTES (${limit}); nothing imported`,
      );
    }
    dir = await mkdtemp(join(options.tempParent ?? tmpdir(), 'candor-feed-url-'));
    const body = await saveBody(response, join(dir, 'download'), limit);
    clearTimeout(totalTimer);
    report.bytes = body.bytes;
    if (state?.contentSha256 === body.sha256) {
      report.status = 'unchanged';
      await saveState(deps.db, kind, url, {
        etag,
        lastModified,
        lastCheckedAt: deps.clock.now(),
        lastStatus: 'unchanged',
        lastError: null,
      });
      return report;
    }
    const name = downloadedFeedFileName(
      kind,
      new URL(response.url || target.url).pathname,
      response.headers.get('content-type') ?? '',
      body.head,
    );
    file = join(dir, name);
    await rename(join(dir, 'download'), file);
    const imported = await importFeed(deps, kind, file, { rematch: options.rematch });
    report.status = 'imported';
    report.import = imported;
    await withTransaction(deps.db, async (tx) => {
      await saveState(tx, kind, url, {
        etag,
        lastModified,
        contentSha256: body.sha256,
        lastCheckedAt: deps.clock.now(),
        lastChangedAt: deps.clock.now(),
        lastStatus: 'imported',
        lastError: null,
      });
      await recordAuditEvent(tx, deps.clock, options.actor ?? systemActor('feed-sources'), {
        action: 'feed.imported',
        organizationId: null,
        entityType: 'feed',
        entityId: kind,
        after: {
          kind,
          url: shown,
          sha256: body.sha256,
          records: imported.records,
          inserted: imported.inserted,
          updated: imported.updated,
        },
      });
    });
    return report;
  } catch (error) {
    // The validators and hash are left as they were, so the next poll downloads and tries again.
    report.status = 'error';
    report.import = null;
    // The importer names the temporary file; the operator knows the feed by its URL.
    report.error = timedOut ?? (file ? messageOf(error).replaceAll(file, shown) : messageOf(error));
    await saveState(deps.db, kind, url, {
      lastCheckedAt: deps.clock.now(),
      lastStatus: 'error',
      lastError: report.error,
    });
    return report;
  } finally {
    clearTimeout(headersTimer);
    clearTimeout(totalTimer);
    controller.abort();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Polls every feed of CANDOR_FEED_URLS once, one after the other: a conditional GET (If-None-Match /
 * If-Modified-Since from the stored state), the body streamed to a private temporary file under the size
 * cap while hashed, and imported like a file (`importFeed`: JSON, CSV, .gz, .zip) unless its SHA-256 is the
 * one last imported. The outcome of each source is stored (vulnerabilities_feed_sources), logged and
 * returned; a failing source (unknown kind, HTTP error, network error, timeout, size cap, unreadable
 * feed) never stops the others. Throws only when the state itself cannot be written.
 */
export async function pullFeedUrls(
  deps: PullDeps,
  options: PullFeedUrlsOptions = {},
): Promise<FeedSourcePullReport[]> {
  const reports: FeedSourcePullReport[] = [];
  for (const source of deps.config.feedUrls) {
    const report = await pullSource(deps, source, options);
    const fields = { kind: report.kind, url: report.url, status: report.status, bytes: report.bytes };
    if (report.status === 'error') deps.logger.warn({ ...fields, error: report.error }, 'feed URL failed');
    else if (report.import)
      deps.logger.info(
        {
          ...fields,
          records: report.import.records,
          inserted: report.import.inserted,
          updated: report.import.updated,
        },
        'feed URL imported',
      );
    else deps.logger.info(fields, 'feed URL checked');
    reports.push(report);
  }
  return reports;
}

/** The sources of CANDOR_FEED_URLS, in their configured order, with what their last polls left. */
export async function listFeedSources(deps: Pick<Deps, 'db' | 'config'>): Promise<FeedSourceView[]> {
  const rows = await deps.db.select().from(vulnerabilitiesFeedSources);
  const byKey = new Map(rows.map((row) => [`${row.kind} ${row.url}`, row]));
  return deps.config.feedUrls.map(({ kind, url }) => {
    const row = byKey.get(`${kind} ${url}`);
    return {
      kind,
      url: redactFeedUrl(url),
      etag: row?.etag ?? null,
      lastModified: row?.lastModified ?? null,
      contentSha256: row?.contentSha256 ?? null,
      lastCheckedAt: row?.lastCheckedAt?.toISOString() ?? null,
      lastChangedAt: row?.lastChangedAt?.toISOString() ?? null,
      lastStatus: row?.lastStatus ?? null,
      lastError: row?.lastError ?? null,
    };
  });
}
