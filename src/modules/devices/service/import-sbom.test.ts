import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization } from '../../../../test/factories/accounts.ts';
import { createTestDeps, type TestDeps } from '../../../../test/support/test-deps.ts';
import { systemActor } from '../../../shared/actor.ts';
import { listVersionComponents, listVersionDependencies } from '../devices.repository.ts';
import { parseSbom } from '../domain/sbom/parse-sbom.ts';
import { importSbom, rowsPerStatement } from './import-sbom.ts';
import { createProductVersion } from './product-versions.ts';
import { createProduct } from './products.ts';

/** importSbom writes components and edges a chunk of rows at a time, inside one transaction. */
const actor = systemActor('test');
let deps: TestDeps;
let organizationId: string;
let productId: string;

beforeAll(async () => {
  deps = await createTestDeps();
  const { organization } = await createTestOrganization(deps);
  organizationId = organization.id;
  productId = (await createProduct(deps, actor, organizationId, { name: 'Chunked device' })).id;
});
afterAll(async () => deps?.close());

async function newVersion(label: string): Promise<string> {
  const version = await createProductVersion(deps, actor, organizationId, productId, {
    label,
    releasedOn: null,
    supportPhase: 'supported',
    endOfSupportOn: null,
  });
  return version.id;
}

/** A CycloneDX JSON document: the components given, each depending on the next. */
function cycloneDx(components: Record<string, unknown>[]): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components,
      dependencies: components.slice(0, -1).map((c, i) => ({
        ref: c['bom-ref'],
        dependsOn: [components[i + 1]?.['bom-ref']],
      })),
    }),
  );
}

function numbered(count: number, nameOf = (i: number) => `component-${i}`): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'library',
    'bom-ref': `c-${i}`,
    name: nameOf(i),
    version: `1.${i % 13}.${i % 7}`,
    purl: `pkg:npm/${nameOf(i)}@1.${i % 13}.${i % 7}`,
    hashes: i % 2 === 0 ? [{ alg: 'SHA-256', content: i.toString(16).padStart(64, '0') }] : [],
  }));
}

async function countRows(versionId: string) {
  const count = async (query: ReturnType<typeof sql>) =>
    Number((await deps.db.execute(query)).rows[0]?.n ?? -1);
  return {
    sboms: await count(sql`SELECT count(*) AS n FROM devices_sboms WHERE product_version_id = ${versionId}`),
    components: await count(
      sql`SELECT count(*) AS n FROM devices_components WHERE product_version_id = ${versionId}`,
    ),
    distinctRefs: await count(
      sql`SELECT count(DISTINCT ref) AS n FROM devices_components WHERE product_version_id = ${versionId}`,
    ),
    dependencies: await count(
      sql`SELECT count(*) AS n FROM devices_component_dependencies WHERE product_version_id = ${versionId}`,
    ),
  };
}

describe('importSbom, chunked writes', () => {
  it('stores every field as parsed, whatever the characters (array parameters, jsonb)', async () => {
    const awkward = [
      'quote " and backslash \\',
      'comma, {braces} and (parens)',
      'NULL',
      'tab\tand\nnewline inside',
      'ünïcödé 🚀',
    ];
    const bytes = cycloneDx([
      ...awkward.map((name, i) => ({
        type: 'firmware',
        'bom-ref': `awkward-${i}`,
        name,
        version: i === 0 ? undefined : `${i}.0`,
        supplier: { name: i === 2 ? 'NULL' : `Supplier "${i}"` },
        hashes: [{ alg: 'sha1', content: 'AB'.repeat(20) }],
        licenses: [{ license: { id: 'MIT' } }],
      })),
      {
        type: 'library',
        'bom-ref': 'with-ids',
        name: 'OpenSSL',
        version: '3.0.7',
        purl: 'pkg:generic/openssl@3.0.7',
        cpe: 'cpe:2.3:a:openssl:openssl:3.0.7:*:*:*:*:*:*:*',
        swid: { tagId: 'swid-tag', name: 'OpenSSL', version: '3.0.7' },
      },
    ]);
    const versionId = await newVersion('fields');
    const result = await importSbom(deps, actor, { organizationId, productId, versionId }, bytes);
    const expected = parseSbom(bytes).components;
    expect(result.components).toBe(expected.length);

    const stored = new Map((await listVersionComponents(deps.db, versionId)).map((row) => [row.ref, row]));
    expect(stored.size).toBe(expected.length);
    for (const component of expected) {
      expect(stored.get(component.ref)).toMatchObject({
        organizationId,
        productVersionId: versionId,
        sbomId: result.sbom.id,
        ...component,
      });
    }
    expect(stored.get('with-ids')).toMatchObject({
      purlType: 'generic',
      purlName: 'openssl',
      cpeVendor: 'openssl',
      cpeProduct: 'openssl',
      identityHint: null,
    });
    expect(stored.get('awkward-0')?.identityHint).toEqual({
      vendor: null,
      product: 'quote_"_and_backslash_\\',
      confidence: 'low',
    });
    expect(await listVersionDependencies(deps.db, versionId)).toHaveLength(expected.length - 1);
  });

  it('imports an SBOM of more than two chunks: every component and edge exactly once', async () => {
    const count = 2 * rowsPerStatement + 7;
    const versionId = await newVersion('large');
    const result = await importSbom(
      deps,
      actor,
      { organizationId, productId, versionId },
      cycloneDx(numbered(count)),
    );
    expect(result).toMatchObject({ alreadyImported: false, components: count, skipped: 0 });
    expect(await countRows(versionId)).toEqual({
      sboms: 1,
      components: count,
      distinctRefs: count,
      dependencies: count - 1,
    });
  });

  it('writes nothing when a later chunk fails, and keeps the components it was to replace', async () => {
    const versionId = await newVersion('rollback');
    await importSbom(deps, actor, { organizationId, productId, versionId }, cycloneDx(numbered(3)));
    const before = await countRows(versionId);
    const auditBefore = await deps.db.execute(sql`SELECT count(*) AS n FROM audit_events`);

    // A real refusal by the database, in the second chunk: a CHECK constraint on this test's copy.
    await deps.db.execute(
      sql`ALTER TABLE devices_components ADD CONSTRAINT test_refuse_poison CHECK (name <> 'poison')`,
    );
    try {
      const poisoned = numbered(rowsPerStatement + 10, (i) =>
        i === rowsPerStatement + 5 ? 'poison' : `next-${i}`,
      );
      const error = await importSbom(
        deps,
        actor,
        { organizationId, productId, versionId },
        cycloneDx(poisoned),
      ).catch((caught: unknown) => caught);
      expect(causes(error)).toMatch(/test_refuse_poison/);
    } finally {
      await deps.db.execute(sql`ALTER TABLE devices_components DROP CONSTRAINT test_refuse_poison`);
    }

    expect(await countRows(versionId)).toEqual(before);
    expect(before).toEqual({ sboms: 1, components: 3, distinctRefs: 3, dependencies: 2 });
    const names = (await listVersionComponents(deps.db, versionId)).map((c) => c.name).sort();
    expect(names).toEqual(['component-0', 'component-1', 'component-2']);
    const auditAfter = await deps.db.execute(sql`SELECT count(*) AS n FROM audit_events`);
    expect(auditAfter.rows[0]?.n).toEqual(auditBefore.rows[0]?.n);
  });
});

/** The messages of an error and of its causes (Drizzle wraps the driver's error). */
function causes(error: unknown): string {
  const messages: string[] = [];
  for (let at = error; at instanceof Error; at = at.cause) messages.push(at.message);
  return messages.join('\n');
}
