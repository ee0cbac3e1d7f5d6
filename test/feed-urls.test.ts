import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullFeedUrls } from '../src/modules/vulnerabilities/service/import-feed-url.ts';
import { importFeedsJob } from '../src/modules/vulnerabilities/vulnerabilities.jobs.ts';
import type { Config } from '../src/platform/config/config.ts';
import {
  createTestOrganization,
  type SessionHeaders,
  signInHeaders,
  signInOperator,
} from './factories/accounts.ts';
import { candor, type Env } from './support/run-cli.ts';
import { createTestApp } from './support/test-deps.ts';
import { testDatabaseEnv } from './support/test-env.ts';

/** Feeds read from URLs (CANDOR_FEED_URLS), served by a local HTTP server. */
const fixture = (path: string) => readFileSync(new URL(`./fixtures/vulns/${path}`, import.meta.url));

interface Served {
  body: Buffer;
  status?: number;
  etag?: string;
  contentType?: string;
  /** Sent without Content-Length, in chunks, so only the streamed count can stop it. */
  chunked?: boolean;
}
const served = new Map<string, Served>();
const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
let server: Server;
let base: string;
let refusedUrl: string;

function serve(path: string, response: Served) {
  served.set(path, response);
  return `${base}${path}`;
}

let harness: Awaited<ReturnType<typeof createTestApp>>;
let operator: SessionHeaders;
let tenantAdmin: SessionHeaders;
let tempParent: string;

/** The harness' dependencies with other feed URLs (and other settings) in the configuration. */
function depsWith(feedUrls: Config['feedUrls'], config: Partial<Config> = {}) {
  return { ...harness.deps, config: { ...harness.deps.config, feedUrls, ...config } };
}
const pull = (feedUrls: Config['feedUrls'], config: Partial<Config> = {}) =>
  pullFeedUrls(depsWith(feedUrls, config), { tempParent });

async function storedIds(ids: string[]): Promise<string[]> {
  const result = await harness.deps.db.execute(
    sql`SELECT source_id FROM vulnerabilities_advisories WHERE source_id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) ORDER BY source_id`,
  );
  return result.rows.map((row) => String(row.source_id));
}

async function stateOf(url: string) {
  const result = await harness.deps.db.execute(
    sql`SELECT * FROM vulnerabilities_feed_sources WHERE url = ${url}`,
  );
  return result.rows[0];
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    const entry = served.get(path.split('?')[0] as string);
    if (!entry) return response.writeHead(404).end('not found');
    if (entry.etag && request.headers['if-none-match'] === entry.etag) return response.writeHead(304).end();
    response.statusCode = entry.status ?? 200;
    if (entry.etag) response.setHeader('etag', entry.etag);
    if (entry.contentType) response.setHeader('content-type', entry.contentType);
    if (!entry.chunked) return response.end(entry.body);
    for (let i = 0; i < entry.body.length; i += 64) response.write(entry.body.subarray(i, i + 64));
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  refusedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/osv/gone.json`;
  await new Promise((resolve) => closed.close(resolve));
  tempParent = await mkdtemp(join(tmpdir(), 'candor-feed-urls-test-'));

  serve('/private/GO-2022-0969.json', { body: fixture('osv/GO-2022-0969.json') });
  harness = await createTestApp({
    env: {
      CANDOR_OPERATOR_ORGS: 'candor-ops',
      CANDOR_FEED_URLS: `osv=http://reader:s3cret@127.0.0.1:${new URL(base).port}/private/GO-2022-0969.json?api_key=abc123&format=json`,
    },
  });
  operator = await signInOperator(harness.deps, harness.app);
  const tenant = await createTestOrganization(harness.deps, 'manufacturer');
  tenantAdmin = await signInHeaders(harness.app, tenant.users.admin.email);
});

afterAll(async () => {
  await harness?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (tempParent) await rm(tempParent, { recursive: true, force: true });
});

describe('pullFeedUrls', () => {
  it('imports a feed, then asks conditionally and gets 304: nothing is re-imported', async () => {
    const url = serve('/osv/PYSEC-2021-375.json', {
      body: fixture('osv/PYSEC-2021-375.json'),
      etag: '"v1"',
      contentType: 'application/json',
    });
    const [first] = await pull([{ kind: 'osv', url }]);
    expect(first).toMatchObject({ kind: 'osv', url, status: 'imported', error: null });
    expect(first?.import).toMatchObject({ records: 1, inserted: 1 });
    expect(await storedIds(['PYSEC-2021-375'])).toEqual(['PYSEC-2021-375']);
    const imported = await stateOf(url);
    expect(imported).toMatchObject({ kind: 'osv', etag: '"v1"', last_status: 'imported', last_error: null });
    expect(imported?.content_sha256).toMatch(/^[0-9a-f]{64}$/);

    const [second] = await pull([{ kind: 'osv', url }]);
    expect(second).toMatchObject({ status: 'not-modified', import: null, bytes: null });
    expect(requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
    const after = await stateOf(url);
    expect(after).toMatchObject({ last_status: 'not-modified', etag: '"v1"' });
    expect(after?.last_changed_at).toEqual(imported?.last_changed_at);
    expect(await readdir(tempParent)).toEqual([]);
  });

  it('skips a body it already imported when the server sends no validators, and imports a changed one', async () => {
    const path = '/nvd/recent.json';
    const url = serve(path, { body: fixture('nvd/CVE-2023-4863.page.json') });
    expect((await pull([{ kind: 'nvd', url }]))[0]).toMatchObject({ status: 'imported' });
    expect(requests.at(-1)?.headers['if-none-match']).toBeUndefined();
    const again = await pull([{ kind: 'nvd', url }]);
    expect(again[0]).toMatchObject({ status: 'unchanged', import: null });
    expect((await stateOf(url))?.last_status).toBe('unchanged');

    serve(path, { body: fixture('nvd/CVE-2023-5341.page.json') });
    const changed = await pull([{ kind: 'nvd', url }]);
    expect(changed[0]).toMatchObject({ status: 'imported', import: { records: 1, inserted: 1 } });
    expect(await storedIds(['CVE-2023-4863', 'CVE-2023-5341'])).toEqual(['CVE-2023-4863', 'CVE-2023-5341']);
  });

  it('refuses a body over the download cap, declared or streamed, and imports nothing', async () => {
    const declared = serve('/osv/GO-2022-1059.json', { body: fixture('osv/GO-2022-1059.json') });
    const streamed = serve('/osv/OSV-2017-79.json', { body: fixture('osv/OSV-2017-79.json'), chunked: true });
    const reports = await pull(
      [
        { kind: 'osv', url: declared },
        { kind: 'osv', url: streamed },
      ],
      { feedDownloadLimitBytes: 500 },
    );
    expect(reports.map((r) => r.status)).toEqual(['error', 'error']);
    expect(reports[0]?.error).toMatch(/declares \d+ bytes, over CANDOR_FEED_DOWNLOAD_LIMIT_BYTES \(500\)/);
    expect(reports[1]?.error).toMatch(/exceeds CANDOR_FEED_DOWNLOAD_LIMIT_BYTES \(500 bytes\)/);
    expect(await storedIds(['GO-2022-1059', 'OSV-2017-79'])).toEqual([]);
    expect(await stateOf(streamed)).toMatchObject({ last_status: 'error', content_sha256: null });
    expect(await readdir(tempParent)).toEqual([]);
  });

  it('records a server error, a refused connection, an unknown kind and an unreadable feed; the others still import', async () => {
    const failing = serve('/osv/broken.json', { body: Buffer.from('oops'), status: 500 });
    const notJson = serve('/osv/not-json.json', { body: Buffer.from('<html>maintenance</html>') });
    const good = serve('/osv/DSA-3029-1.json', { body: fixture('osv/DSA-3029-1.json') });
    const reports = await pull([
      { kind: 'osv', url: failing },
      { kind: 'osv', url: refusedUrl },
      { kind: 'rss', url: good },
      { kind: 'osv', url: notJson },
      { kind: 'osv', url: good },
    ]);
    expect(reports.map((r) => r.status)).toEqual(['error', 'error', 'error', 'error', 'imported']);
    expect(reports[0]?.error).toBe('HTTP 500 Internal Server Error');
    expect(reports[1]?.error).toMatch(/fetch failed.*ECONNREFUSED/);
    expect(reports[2]?.error).toMatch(/unknown feed kind 'rss'/);
    expect(reports[3]?.error).toBe(
      `${notJson}: not JSON (Unexpected token '<', "<html>main"... is not valid JSON)`,
    );
    expect(await storedIds(['DSA-3029-1'])).toEqual(['DSA-3029-1']);
    expect(await stateOf(refusedUrl)).toMatchObject({ last_status: 'error' });
    const unknown = await harness.deps.db.execute(
      sql`SELECT last_status, last_error FROM vulnerabilities_feed_sources WHERE kind = 'rss'`,
    );
    expect(unknown.rows[0]).toMatchObject({ last_status: 'error' });
    expect(await readdir(tempParent)).toEqual([]);
  });

  it('keeps one whole state row when two workers poll the same source at once', async () => {
    const url = serve('/osv/GO-2022-1059-twice.json', {
      body: fixture('osv/GO-2022-1059.json'),
      etag: '"t"',
    });
    const both = await Promise.all([pull([{ kind: 'osv', url }]), pull([{ kind: 'osv', url }])]);
    for (const [report] of both) expect(['imported', 'unchanged']).toContain(report?.status);
    const rows = await harness.deps.db.execute(
      sql`SELECT etag, last_status, content_sha256 FROM vulnerabilities_feed_sources WHERE url = ${url}`,
    );
    expect(rows.rows).toEqual([
      {
        etag: '"t"',
        last_status: expect.stringMatching(/^(imported|unchanged)$/),
        content_sha256: expect.any(String),
      },
    ]);
    expect(await storedIds(['GO-2022-1059'])).toEqual(['GO-2022-1059']);
  });

  it('gives up on a server that does not answer in time', async () => {
    const slow = createServer(() => {});
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/osv/slow.json`;
    try {
      const [report] = await pullFeedUrls(depsWith([{ kind: 'osv', url }]), {
        tempParent,
        headersTimeoutMs: 200,
      });
      expect(report).toMatchObject({ status: 'error', error: 'no response headers within 200 ms' });
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('imports a .zip and a .csv.gz served by URL, whatever media type they carry', async () => {
    const zip = serve('/osv/all.zip', {
      body: Buffer.from(
        zipSync({
          'GO-2021-0113.json': fixture('osv/GO-2021-0113.json'),
          'OSV-TEST-last-affected-01.json': fixture('osv/OSV-TEST-last-affected-01.json'),
        }),
      ),
      contentType: 'application/octet-stream',
    });
    const csvGz = serve('/epss/scores.csv.gz', {
      body: gzipSync(fixture('epss/epss_scores-handmade.csv')),
      contentType: 'application/gzip',
    });
    // No extension in the path: the media type says it is gzip; EPSS is CSV.
    const typed = serve('/epss/latest', {
      body: gzipSync(fixture('epss/epss_scores-handmade.csv')),
      contentType: 'application/gzip',
    });
    const reports = await pull([
      { kind: 'osv', url: zip },
      { kind: 'epss', url: csvGz },
      { kind: 'epss', url: typed },
    ]);
    expect(reports.map((r) => [r.status, r.error])).toEqual([
      ['imported', null],
      ['imported', null],
      ['imported', null],
    ]);
    expect(reports[0]?.import).toMatchObject({ files: 2, records: 2, inserted: 2 });
    expect(reports[1]?.import?.records).toBeGreaterThanOrEqual(5);
    expect(await storedIds(['GO-2021-0113', 'OSV-TEST-last-affected-01'])).toEqual([
      'GO-2021-0113',
      'OSV-TEST-last-affected-01',
    ]);
    const epss = await harness.deps.db.execute(
      sql`SELECT epss FROM vulnerabilities_epss WHERE cve_id = 'CVE-2021-44228'`,
    );
    expect(epss.rows[0]?.epss).toBeCloseTo(0.94358);
  });

  it('sends credentials of the URL as Basic authorization and keeps them out of reports', async () => {
    const [report] = await pull(harness.deps.config.feedUrls);
    expect(report).toMatchObject({ status: 'imported' });
    expect(report?.url).not.toMatch(/s3cret|abc123/);
    const sent = requests.findLast((r) => r.path.startsWith('/private/'));
    expect(sent?.path).toBe('/private/GO-2022-0969.json?api_key=abc123&format=json');
    expect(sent?.headers.authorization).toBe(`Basic ${Buffer.from('reader:s3cret').toString('base64')}`);
  });
});

describe('the hourly feeds job', () => {
  it('pulls the feed URLs, and is skipped when neither a folder nor URLs are configured', async () => {
    const url = serve('/osv/GO-2022-0969-job.json', { body: fixture('osv/GO-2022-0969.json') });
    const result = (await importFeedsJob(depsWith([{ kind: 'osv', url }], { feedsDir: null })).handler(
      {},
    )) as { files: unknown[]; urls: { status: string }[] };
    expect(result.files).toEqual([]);
    expect(result.urls).toMatchObject([{ status: 'imported' }]);
    expect(await importFeedsJob(depsWith([], { feedsDir: null })).handler({})).toEqual({
      skipped: 'neither CANDOR_FEEDS_DIR nor CANDOR_FEED_URLS is set',
    });
  });

  it('still pulls the URLs when a folder of the feeds directory cannot be imported', async () => {
    const feedsDir = await mkdtemp(join(tempParent, 'feeds-dir-'));
    await mkdir(join(feedsDir, 'osv'));
    await writeFile(join(feedsDir, 'osv', 'broken.zip'), 'this is not a zip archive');
    const url = serve('/osv/GO-2022-0969-after-broken-dir.json', { body: fixture('osv/GO-2022-0969.json') });
    const result = (await importFeedsJob(depsWith([{ kind: 'osv', url }], { feedsDir })).handler({})) as {
      files: { kind: string; error?: string }[];
      urls: { status: string }[];
    };
    expect(result.files).toEqual([{ kind: 'osv', error: expect.stringContaining('not a ZIP archive') }]);
    expect(result.urls.map((u) => u.status)).toEqual(['imported']);
  });
});

describe('GET /api/v1/operator/feed-sources', () => {
  it('shows operators the configured sources with their state, credentials redacted', async () => {
    const response = await harness.app.inject({
      method: 'GET',
      url: '/api/v1/operator/feed-sources',
      headers: { ...operator },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).not.toMatch(/s3cret|abc123/);
    const { items } = response.json();
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'osv',
        url: `http://reader:redacted@127.0.0.1:${new URL(base).port}/private/GO-2022-0969.json?api_key=redacted&format=json`,
        lastStatus: 'imported',
        lastError: null,
      }),
    ]);
    expect(items[0].lastCheckedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('refuses tenants', async () => {
    const response = await harness.app.inject({
      method: 'GET',
      url: '/api/v1/operator/feed-sources',
      headers: { ...tenantAdmin },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('candor feeds pull and status', () => {
  let env: Env;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const database = await testDatabaseEnv();
    cleanup = database.cleanup;
    const good = serve('/cli/GO-2022-0969.json', { body: fixture('osv/GO-2022-0969.json'), etag: '"cli"' });
    env = { ...database.env, CANDOR_FEED_URLS: `osv=${good},nvd=${base}/cli/missing.json` };
  });
  afterAll(async () => cleanup?.());

  // Each command starts a process and opens the database: a few seconds each.
  it('pulls every source, prints a line each and exits 1 when one failed', async () => {
    const pulled = await candor(env, ['feeds', 'pull']);
    expect(pulled.code, pulled.stderr).toBe(1);
    expect(pulled.stdout).toMatch(
      /^osv http:\S+\/cli\/GO-2022-0969\.json: imported 1 files, 1 records \(1 new/m,
    );
    expect(pulled.stdout).toMatch(/^nvd http:\S+\/cli\/missing\.json: error: HTTP 404 Not Found$/m);
  }, 60_000);

  it('shows the state of every source as a table or JSON', async () => {
    const status = await candor(env, ['feeds', 'status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^kind\s+url\s+last checked\s+status\s+last changed\s+error$/m);
    expect(status.stdout).toMatch(/^osv\s+\S+GO-2022-0969\.json\s+\S+\s+imported\s+\S+$/m);
    expect(status.stdout).toMatch(/^nvd\s+\S+missing\.json\s+\S+\s+error\s+—\s+HTTP 404 Not Found$/m);
    const json = await candor(env, ['feeds', 'status', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject([
      { kind: 'osv', etag: '"cli"', lastStatus: 'imported' },
      { kind: 'nvd', lastStatus: 'error', lastError: 'HTTP 404 Not Found' },
    ]);
  }, 60_000);

  it('asks conditionally on the next pull', async () => {
    const again = await candor(env, ['feeds', 'pull', '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject([{ status: 'not-modified' }, { status: 'error' }]);
  }, 60_000);
});
