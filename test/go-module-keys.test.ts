import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeed } from '../src/modules/vulnerabilities/index.ts';
import { createTestOrganization, type SessionHeaders, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/**
 * Go modules of major version 2 and above are looked up as `<segment>/vN` (`fiber/v2`), not by their
 * shared last segment `v2`: on both sides (advisory keys, the components' portfolio index), and
 * migration 0014 re-keys what an older version stored.
 */
const fixture = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));
const migration = readFileSync(
  fileURLToPath(new URL('../drizzle/0014_go_module_lookup_keys.sql', import.meta.url)),
  'utf8',
);

const sbom = Buffer.from(
  JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    components: [
      {
        type: 'library',
        name: 'github.com/gofiber/fiber/v2',
        version: 'v2.49.0',
        purl: 'pkg:golang/github.com/gofiber/fiber/v2@v2.49.0',
      },
      {
        type: 'library',
        name: 'github.com/jackc/pgx/v5',
        version: 'v5.4.0',
        purl: 'pkg:golang/github.com/jackc/pgx/v5@v5.4.0',
      },
      {
        type: 'library',
        name: 'github.com/spf13/viper',
        version: 'v1.16.0',
        purl: 'pkg:golang/github.com/spf13/viper@v1.16.0',
      },
    ],
  }),
);

let harness: Awaited<ReturnType<typeof createTestApp>>;
let editor: SessionHeaders;
let orgId: string;
let versionPath: string;

beforeAll(async () => {
  harness = await createTestApp();
  const org = await createTestOrganization(harness.deps, 'manufacturer');
  orgId = org.organization.id;
  editor = await signInHeaders(harness.app, org.users.editor.email);
  const productId = (await api('POST', '/products', { name: 'Gateway' })).json().id;
  const versionId = (await api('POST', `/products/${productId}/versions`, { label: '1.0' })).json().id;
  versionPath = `/products/${productId}/versions/${versionId}`;
});
afterAll(async () => harness?.close());

function api(method: 'GET' | 'POST', path: string, payload?: object | Buffer, contentType?: string) {
  return harness.app.inject({
    method,
    url: `/api/v1/orgs/${orgId}${path}`,
    headers: { ...editor, ...(contentType ? { 'content-type': contentType } : {}) },
    ...(payload ? { payload } : {}),
  });
}

async function goAdvisoryKeys(): Promise<string[]> {
  const result = await harness.deps.db.execute(
    sql`SELECT name FROM vulnerabilities_advisory_keys WHERE kind = 'purl' AND namespace = 'golang' ORDER BY name`,
  );
  return result.rows.map((r) => String(r.name));
}

async function componentNames(): Promise<string[]> {
  const result = await harness.deps.db.execute(
    sql`SELECT purl_name FROM devices_components WHERE purl_type = 'golang' ORDER BY purl_name`,
  );
  return result.rows.map((r) => String(r.purl_name));
}

async function findings(): Promise<string[]> {
  const items = (await api('GET', `${versionPath}/findings`)).json().items as {
    component: { name: string };
    vulnerability: { displayId: string };
  }[];
  return items.map((f) => `${f.component.name} ${f.vulnerability.displayId}`);
}

describe('Go major version suffixes in lookup keys', () => {
  it('files the advisory and the components under <segment>/vN and matches through them', async () => {
    const upload = await api('POST', `${versionPath}/sboms`, sbom, 'application/json');
    expect(upload.statusCode, upload.body).toBe(201);
    expect(await componentNames()).toEqual(['fiber/v2', 'pgx/v5', 'viper']);

    await importFeed(harness.deps, 'osv', fixture('vulns/osv/GO-2023-2115.json'));
    expect(await goAdvisoryKeys()).toEqual(['fiber/v2']);
    // GO-2023-2115, shown by its CVE alias. Found by re-matching the portfolio through the components' index, after the advisory arrived.
    expect(await findings()).toEqual(['github.com/gofiber/fiber/v2 CVE-2023-45128']);
  });

  it('re-keys what an older version stored (migration 0014), on both sides', async () => {
    await harness.deps.db.execute(
      sql`UPDATE vulnerabilities_advisory_keys SET name = 'v2' WHERE namespace = 'golang' AND name = 'fiber/v2'`,
    );
    await harness.deps.db.execute(
      sql`UPDATE devices_components SET purl_name = regexp_replace(purl_name, '^.*/', '') WHERE purl_type = 'golang'`,
    );
    expect(await goAdvisoryKeys()).toEqual(['v2']);
    expect(await componentNames()).toEqual(['v2', 'v5', 'viper']);

    for (const statement of migration.split('--> statement-breakpoint'))
      await harness.deps.db.execute(sql.raw(statement));
    expect(await goAdvisoryKeys()).toEqual(['fiber/v2']);
    expect(await componentNames()).toEqual(['fiber/v2', 'pgx/v5', 'viper']);
    expect(await findings()).toEqual(['github.com/gofiber/fiber/v2 CVE-2023-45128']);
  });
});
