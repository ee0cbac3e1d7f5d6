import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { strToU8, type Zippable, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeed } from '../src/modules/vulnerabilities/index.ts';
import { createTestDeps, type TestDeps } from './support/test-deps.ts';

/** OSV database exports (osv.dev's `all.zip`, `<ecosystem>/all.zip`) imported straight from the archive. */
const osvFixture = (name: string) =>
  readFile(fileURLToPath(new URL(`./fixtures/vulns/osv/${name}`, import.meta.url)));

let deps: TestDeps;
let dir: string;

beforeAll(async () => {
  deps = await createTestDeps();
  dir = await mkdtemp(join(tmpdir(), 'candor-feed-zip-'));
});
afterAll(async () => {
  await deps?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function writeZip(name: string, entries: Zippable): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, zipSync(entries));
  return path;
}

/** Rewrites the uncompressed size an entry declares (local header and central directory), as a zip bomb would. */
function declareSize(zip: Uint8Array, entryName: string, size: number): Uint8Array {
  const out = Buffer.from(zip);
  const name = Buffer.from(entryName);
  for (let i = 0; i + 46 <= out.length; i++) {
    const signature = out.readUInt32LE(i);
    if (signature === 0x04034b50 && out.subarray(i + 30, i + 30 + name.length).equals(name))
      out.writeUInt32LE(size, i + 22);
    if (signature === 0x02014b50 && out.subarray(i + 46, i + 46 + name.length).equals(name))
      out.writeUInt32LE(size, i + 24);
  }
  return out;
}

async function storedOsvIds(ids: string[]): Promise<string[]> {
  const result = await deps.db.execute(
    sql`SELECT source_id FROM vulnerabilities_advisories WHERE source = 'osv' AND source_id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) ORDER BY source_id`,
  );
  return result.rows.map((row) => String(row.source_id));
}

describe('importFeed from a .zip (OSV export)', () => {
  it('refuses an entry declaring more than the per-entry cap, before storing anything', async () => {
    const zip = zipSync({
      'PYSEC-2020-341.json': await osvFixture('PYSEC-2020-341.json'),
      'bomb.json': strToU8('{}'),
    });
    const path = join(dir, 'bomb.zip');
    await writeFile(path, declareSize(zip, 'bomb.json', 3 * 1024 * 1024 * 1024));
    await expect(importFeed(deps, 'osv', path)).rejects.toMatchObject({
      name: 'DomainError',
      code: 'invalid',
      message: expect.stringContaining('zip bomb'),
    });
    expect(await storedOsvIds(['PYSEC-2020-341'])).toEqual([]);
  });

  it('refuses entries that expand past the caps even when their headers understate the size', async () => {
    const big = strToU8(`{"id":"X","details":"${' '.repeat(200_000)}"}`);
    const understated = declareSize(zipSync({ 'X.json': big }), 'X.json', 100);
    const path = join(dir, 'understated.zip');
    await writeFile(path, understated);
    await expect(
      importFeed(deps, 'osv', path, { zipLimits: { maxEntryBytes: 100_000, maxTotalBytes: 1_000_000 } }),
    ).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('expands past the cap') });

    const many = await writeZip('many.zip', { 'a.json': strToU8('{}'), 'b.json': strToU8('{}') });
    await expect(
      importFeed(deps, 'osv', many, { zipLimits: { maxEntryBytes: 100, maxTotalBytes: 3 } }),
    ).rejects.toMatchObject({ code: 'invalid' });
  });

  it('refuses a file that is not a ZIP archive', async () => {
    const path = join(dir, 'fake.zip');
    await writeFile(path, '{"id":"GO-2021-0113"}');
    await expect(importFeed(deps, 'osv', path)).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('not a ZIP archive'),
    });
  });

  it('imports the JSON entries of an archive, skipping other entries, and re-imports as unchanged', async () => {
    const ids = ['GO-2021-0113', 'OSV-2017-79', 'PYSEC-2020-341', 'PYSEC-2021-63'];
    const path = await writeZip('all.zip', {
      'GO-2021-0113.json': await osvFixture('GO-2021-0113.json'),
      'PYSEC-2020-341.json': await osvFixture('PYSEC-2020-341.json'),
      nested: { 'OSV-2017-79.json': await osvFixture('OSV-2017-79.json') },
      'PYSEC-2021-63.json': await osvFixture('test_vuln_withdrawn.json'),
      'README.txt': strToU8('not a record'),
      'broken.json': strToU8('{ not json'),
    });
    const report = await importFeed(deps, 'osv', path);
    expect(report).toMatchObject({
      kind: 'osv',
      files: 5,
      records: 4,
      inserted: 4,
      updated: 0,
      withdrawn: 1,
    });
    // One bad entry is reported, not fatal, as one bad file in a directory.
    expect(report.warnings.filter((w) => w.includes('broken.json'))).toHaveLength(1);
    expect(report.warnings.join('\n')).toContain(`${path}!/broken.json`);
    expect(await storedOsvIds(ids)).toEqual(ids);

    const again = await importFeed(deps, 'osv', path);
    expect(again).toMatchObject({ files: 5, records: 4, inserted: 0, unchanged: 4 });
  });
});
