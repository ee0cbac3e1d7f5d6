import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  invalid,
  type Provider,
  startProvider,
  startTestProviders,
} from '../../../../test/fixtures/csaf-provider/test-providers.ts';
import { createTestDeps, type TestDeps } from '../../../../test/support/test-deps.ts';
import { validateCsafDocument } from '../../../shared/csaf-validation.ts';
import { recordExternalCsafAdvisory } from '../../disclosures/index.ts';
import { registerVulnerabilitiesCommands } from '../vulnerabilities.cli.ts';
import { type FeedImportReport, importFeed } from './import-feed.ts';

/**
 * `importFeed(deps, 'csaf', <provider URL>)` against two CSAF providers served from this process over
 * HTTP: one with ROLIE feeds (TLP:WHITE, and TLP:AMBER behind a bearer token) found at its well-known
 * path, one directory-based (index.txt, CISA-style changes.csv) found through security.txt (see
 * test/fixtures/csaf-provider): one document is tampered with, one badly signed, one fails a mandatory test.
 */
const corpus = fileURLToPath(new URL('../../../../../shared/corpus/csaf/', import.meta.url));

let deps: TestDeps;
let providers: Awaited<ReturnType<typeof startTestProviders>>;
let rolie: Provider;
let directory: Provider;

beforeAll(async () => {
  // The validator library's first load compiles schemas and reads CWE catalogues (seconds, more on a
  // busy machine): done here, so that no test's timeout pays for it.
  await validateCsafDocument({});
  deps = await createTestDeps();
  providers = await startTestProviders();
  ({ rolie, directory } = providers);
}, 300_000);

afterAll(async () => {
  await providers?.close();
  await deps?.close();
});

const republished: { sourceUrl: string | null; status: string }[] = [];
const importProvider = (url: string, provider: { token?: string; since?: Date } = {}) =>
  importFeed(deps, 'csaf', url, {
    provider,
    onCsafDocument: async (document, source) => {
      const result = await recordExternalCsafAdvisory(deps, document, source.sourceUrl);
      republished.push({ sourceUrl: source.sourceUrl, status: result.status });
      return result.note;
    },
  });

async function rows(query: ReturnType<typeof sql>) {
  return (await deps.db.execute(query)).rows as Record<string, unknown>[];
}
const rejectedOf = (report: FeedImportReport) =>
  Object.fromEntries(report.rejected.map((r) => [r.document.replace(/^http:\/\/[^/]+/, ''), r]));
const warned = (report: FeedImportReport, pattern: RegExp) => report.warnings.filter((w) => pattern.test(w));

describe('importing a CSAF provider over HTTP', () => {
  let first: FeedImportReport;

  it('reads a ROLIE provider from its main domain: verified documents land, bad ones are reported', async () => {
    first = await importProvider(rolie.origin);
    expect(first).toMatchObject({ kind: 'csaf', files: 5, records: 4, inserted: 4 });
    const rejected = rejectedOf(first);
    expect(Object.keys(rejected).sort()).toEqual([
      '/.well-known/csaf/2020/icsma-20-999-99.json',
      '/.well-known/csaf/2022/bsi-2022-0001.json',
      '/.well-known/csaf/2022/rhsa-2022_0011.json',
    ]);
    expect(rejected['/.well-known/csaf/2022/rhsa-2022_0011.json']?.reason).toMatch(/^SHA512 mismatch: /);
    expect(rejected['/.well-known/csaf/2022/bsi-2022-0001.json']?.reason).toMatch(
      /^OpenPGP signature .*bsi-2022-0001\.json\.asc does not verify/,
    );
    expect(rejected['/.well-known/csaf/2020/icsma-20-999-99.json']).toMatchObject({
      reason: expect.stringMatching(/^fails CSAF validation \(mandatoryTest_6_1_1\b/),
      failingTests: expect.arrayContaining(['mandatoryTest_6_1_1']),
    });
    // Rejections are warnings too (skipped); the unsigned one lands with a warning.
    expect(warned(first, /rhsa-2022_0011\.json: SHA512 mismatch.*; skipped$/)).toHaveLength(1);
    expect(warned(first, /exmed-sa-2024-001\.json: no OpenPGP signature/)).toHaveLength(1);
    expect(warned(first, /feed-tlp-amber\.json: TLP:AMBER feed skipped/)).toHaveLength(1);
    expect(warned(first, /read over plain HTTP/)).toHaveLength(1);

    const advisories = await rows(
      sql`SELECT source_id FROM vulnerabilities_advisories WHERE source = 'csaf' ORDER BY source_id`,
    );
    expect(advisories.map((r) => r.source_id)).toEqual([
      'https://psirt.example.com/EXMED-SA-2024-001/CVE-2022-39173',
      'https://psirt.example.com/EXMED-SA-2024-001/CVE-2024-21907',
      'https://psirt.example.com/EXMED-SA-2024-001/Example Medical PSIRT:EXMED-BUG-1234',
      'https://www.cisa.gov/ICSMA-20-049-01/CVE-2019-0708',
    ]);
    const external = await rows(
      sql`SELECT publisher_name, tracking_id, source_url FROM disclosures_external_advisories ORDER BY tracking_id`,
    );
    expect(external).toEqual([
      {
        publisher_name: 'Example Medical PSIRT',
        tracking_id: 'EXMED-SA-2024-001',
        source_url: `${rolie.origin}/.well-known/csaf/2024/exmed-sa-2024-001.json`,
      },
      {
        publisher_name: 'CISA',
        tracking_id: 'ICSMA-20-049-01',
        source_url: `${rolie.origin}/.well-known/csaf/2020/icsma-20-049-01.json`,
      },
    ]);
    expect(rolie.seen.every((r) => r.authorization === null)).toBe(true);
  });

  it('re-imports as unchanged, in the store and in the republished advisories', async () => {
    const before = await rows(
      sql`SELECT id, sha256, imported_at FROM disclosures_external_advisories ORDER BY id`,
    );
    const again = await importProvider(`${rolie.origin}/.well-known/csaf/provider-metadata.json`);
    expect(again).toMatchObject({
      files: 5,
      records: 4,
      inserted: 0,
      updated: 0,
      unchanged: 4,
      rematch: null,
    });
    expect(again.rejected).toHaveLength(3);
    expect(
      await rows(sql`SELECT id, sha256, imported_at FROM disclosures_external_advisories ORDER BY id`),
    ).toEqual(before);
    expect(republished.slice(-2).map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
  });

  it('reads the TLP:AMBER feed with a token, sent only to the provider, and never republishes it', async () => {
    const keyHostRequests = directory.seen.length;
    const report = await importProvider(rolie.origin, { token: 'customer-secret' });
    expect(report).toMatchObject({ files: 6, inserted: 3, unchanged: 4 });
    expect(warned(report, /exmed-sa-2024-002\.json: not republished: TLP:AMBER is not public/)).toHaveLength(
      1,
    );
    expect(
      (
        await rows(
          sql`SELECT count(*)::int AS n FROM disclosures_external_advisories WHERE tracking_id = 'EXMED-SA-2024-002'`,
        )
      )[0]?.n,
    ).toBe(0);
    expect(rolie.seen.some((r) => r.authorization === 'Bearer customer-secret')).toBe(true);
    // The key lives on the other host: it was fetched again, without the token.
    const keyRequests = directory.seen.slice(keyHostRequests);
    expect(keyRequests.map((r) => r.path)).toEqual(['/keys/provider.asc']);
    expect(keyRequests.every((r) => r.authorization === null)).toBe(true);
  });

  it('finds a directory-based provider through security.txt and tolerates CISA-style listings', async () => {
    const report = await importProvider(directory.origin);
    expect(report).toMatchObject({ files: 3, inserted: 3 });
    expect(report.rejected).toEqual([
      {
        document: `${directory.origin}/csaf/white/2024/broken.json`,
        reason: expect.stringMatching(/broken\.json: not JSON/),
        failingTests: [],
      },
    ]);
    expect(warned(report, /changes\.csv: 3 line\(s\) with unquoted fields/)).toHaveLength(1);
    expect(warned(report, /changes\.csv: not newest first \(1 order inversion/)).toHaveLength(1);
    expect(warned(report, /paths are not relative to the directory \(e\.g\. csaf\/white\//)).toHaveLength(1);
    expect(warned(report, /holds key [0-9A-F]+, not 0{40}; not used/)).toHaveLength(1);
    // Verified with the .sha256 file when there is no .sha512, and the provider's key.
    expect(warned(report, /rhsa-2021_5186\.json: no \.sha512 or \.sha256/)).toEqual([]);
    expect(warned(report, /signature not checked/)).toEqual([]);
    const external = await rows(
      sql`SELECT tracking_id, source_url FROM disclosures_external_advisories WHERE publisher_namespace IN ('https://www.redhat.com', 'https://www.bsi.bund.de') ORDER BY tracking_id`,
    );
    expect(external).toEqual([
      { tracking_id: 'BSI-2022-0001', source_url: `${directory.origin}/csaf/white/2022/bsi-2022-0001.json` },
      {
        tracking_id: 'RHSA-2021:5186',
        source_url: `${directory.origin}/csaf/white/2021/rhsa-2021_5186.json`,
      },
    ]);
  });

  it('reads only what changed since a date (changes.csv)', async () => {
    const report = await importProvider(directory.origin, { since: new Date('2022-01-01') });
    expect(report.files).toBe(2);
    expect(report.rejected.map((r) => r.document)).toEqual([
      `${directory.origin}/csaf/white/2024/broken.json`,
    ]);
  });

  it('refuses redirects to another host and says where no provider metadata was found', async () => {
    await expect(importProvider(`${rolie.origin}/elsewhere.json`)).rejects.toThrow(
      /redirects to http:\/\/127\.0\.0\.1:\d+, another host; not followed/,
    );
    await expect(importProvider(`${rolie.origin}/missing.json`)).rejects.toThrow(/missing\.json: HTTP 404/);
    const nowhere = await startProvider();
    try {
      await expect(importProvider(nowhere.origin)).rejects.toThrow(
        /no CSAF provider metadata found; tried .*provider-metadata\.json \(404\), .*security\.txt \(none\)/,
      );
    } finally {
      await new Promise((resolve) => nowhere.server.close(resolve));
    }
  });
});

describe.skipIf(!existsSync(corpus))('importing the shared CSAF corpus', () => {
  it('imports every CSAF document of the corpus; only the non-CSAF JSON files are rejected', async () => {
    const report = await importFeed(deps, 'csaf', corpus, { rematch: false });
    // 15 CISA + 6 OASIS examples + 13 VEX examples; 8 provider/ROLIE/aggregator examples and 3 schemas.
    expect(report.files).toBe(45);
    expect(report.rejected.filter((r) => r.failingTests.length > 0)).toEqual([]);
    expect(report.rejected.map((r) => r.document.slice(corpus.length)).sort()).toEqual([
      'oasis/examples/ROLIE/example-01-category.json',
      'oasis/examples/ROLIE/example-01-feed-tlp-white.json',
      'oasis/examples/ROLIE/example-01-service.json',
      'oasis/examples/ROLIE/example-02-service.json',
      'oasis/examples/aggregator/example-01-aggregator.json',
      'oasis/examples/aggregator/example-02-aggregator.json',
      'oasis/examples/aggregator/example-03-aggregator.json',
      'oasis/examples/provider-metadata/example-01-provider-metadata.json',
      'oasis/json_schema/aggregator_json_schema.json',
      'oasis/json_schema/csaf_json_schema.json',
      'oasis/json_schema/provider_json_schema.json',
    ]);
    expect(report.rejected.every((r) => r.reason.startsWith('Not a CSAF document'))).toBe(true);
    // 67 CISA + 6 OASIS + 53 VEX advisories (see domain/feeds/csaf-corpus.test.ts).
    expect(report.records).toBe(126);
  });
});

describe('candor import csaf (the command, in process)', () => {
  /** Runs `candor import csaf …` on this file's database; returns what it printed and its exit status. */
  async function candorImportCsaf(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const program = new Command('candor').exitOverride();
    registerVulnerabilitiesCommands(
      program,
      { withDeps: (work) => work(deps), print: (text) => out.push(text) },
      {
        onCsafDocument: async (d, document, sourceUrl) =>
          (await recordExternalCsafAdvisory(d, document, sourceUrl)).note,
      },
    );
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err.push(String(chunk));
      return true;
    });
    process.exitCode = undefined;
    try {
      await program.parseAsync(['node', 'candor', 'import', 'csaf', ...args]);
      return { out: out.join('\n'), err: err.join(''), code: process.exitCode ?? 0 };
    } finally {
      process.exitCode = undefined;
      stderr.mockRestore();
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'candor-csaf-cli-'));

  it('prints what it imported and what it rejected, with the failing tests, and exits 0', async () => {
    const result = await candorImportCsaf([rolie.origin]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^csaf: 5 files \(2 imported, 3 rejected\), 4 records \(0 new/);
    expect(result.out).toMatch(
      /rejected http:.*icsma-20-999-99\.json: fails CSAF validation \(mandatoryTest_6_1_1/,
    );
    expect(result.out).toMatch(/rejected http:.*rhsa-2022_0011\.json: SHA512 mismatch/);
    expect(result.out).toMatch(/warning http:.*exmed-sa-2024-001\.json: no OpenPGP signature/);
    // Each rejection is listed once, not again among the warnings.
    expect(result.out.match(/SHA512 mismatch/g)).toHaveLength(1);
    const json = await candorImportCsaf([rolie.origin, '--json']);
    expect(JSON.parse(json.out).rejected).toContainEqual({
      document: `${rolie.origin}/.well-known/csaf/2020/icsma-20-999-99.json`,
      reason: expect.any(String),
      failingTests: expect.arrayContaining(['mandatoryTest_6_1_1']),
    });
  });

  it('exits 1 when nothing could be imported: an invalid CSAF file, a file that is no JSON', async () => {
    writeFileSync(join(dir, 'icsma-20-999-99.json'), invalid);
    const invalidFile = await candorImportCsaf([join(dir, 'icsma-20-999-99.json')]);
    expect(invalidFile.code).toBe(1);
    expect(invalidFile.err).toMatch(/^candor: nothing imported; every document was rejected:\n/);
    expect(invalidFile.err).toMatch(/icsma-20-999-99\.json: fails CSAF validation \(mandatoryTest_6_1_1/);
    writeFileSync(join(dir, 'notes.json'), 'not json at all');
    const garbage = await candorImportCsaf([join(dir, 'notes.json'), '--json']);
    expect(garbage.code).toBe(1);
    expect(JSON.parse(garbage.out)).toMatchObject({
      files: 1,
      records: 0,
      rejected: [{ reason: expect.stringMatching(/notes\.json: not JSON/), failingTests: [] }],
    });
  });

  it('fails with a message when the path, the provider or --since cannot be read (exit 2 via runCli)', async () => {
    await expect(candorImportCsaf(['/nonexistent/csaf'])).rejects.toThrow(/no such file or directory/);
    await expect(candorImportCsaf([rolie.origin, '--since', 'last week'])).rejects.toThrow(
      /--since must be a date/,
    );
    await expect(candorImportCsaf(['ftp://example.com/provider-metadata.json'])).rejects.toThrow(
      /no such file or directory/,
    );
  });
});
