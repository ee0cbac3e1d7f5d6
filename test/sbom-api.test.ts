import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, type SessionHeaders, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/** Products, versions and SBOMs over HTTP: upload (raw and multipart), components, search, diff, export. */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/sbom/${name}`, import.meta.url));
const medical = fixture('medical-device-narrow.cdx-1.4.json');
const dropwizardXml = fixture('dropwizard-1.3.15.cdx-1.2.xml');

/** The medical-device SBOM one release later: wolfSSL upgraded, FatFS removed, lwIP added. */
function nextRelease(): Buffer {
  const bom = JSON.parse(medical.toString('utf8'));
  bom.serialNumber = 'urn:uuid:00000000-0000-4000-8000-000000000002';
  bom.components = bom.components.filter((c: { name: string }) => c.name !== 'fatFS');
  const wolf = bom.components.find((c: { name: string }) => c.name === 'WolfSSL');
  wolf.version = '5.5.0';
  wolf.cpe = 'cpe:2.3:a:wolfssl:wolfssl:5.5.0:*:*:*:*:*:*:*';
  bom.components.push({
    type: 'library',
    'bom-ref': 'lwip',
    name: 'lwIP',
    version: '2.1.3',
    purl: 'pkg:generic/lwip@2.1.3',
  });
  return Buffer.from(JSON.stringify(bom));
}

function multipart(fileName: string, content: Buffer, contentType: string) {
  const boundary = '----candor-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

let harness: Awaited<ReturnType<typeof createTestApp>>;
let editor: SessionHeaders;
let orgId: string;
let productId: string;
const versions: Record<string, string> = {};

beforeAll(async () => {
  harness = await createTestApp();
  const org = await createTestOrganization(harness.deps, 'manufacturer');
  orgId = org.organization.id;
  editor = await signInHeaders(harness.app, org.users.editor.email);
});
afterAll(async () => harness?.close());

function api(method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) {
  return harness.app.inject({
    method,
    url: `/api/v1/orgs/${orgId}${path}`,
    headers: { ...editor },
    ...(payload ? { payload } : {}),
  });
}

function upload(versionId: string, body: Buffer, contentType: string) {
  return harness.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${orgId}/products/${productId}/versions/${versionId}/sboms`,
    headers: { ...editor, 'content-type': contentType },
    payload: body,
  });
}

describe('products and versions', () => {
  it('registers a product with its regulatory details and a slug', async () => {
    const response = await api('POST', '/products', {
      name: 'VitalWave Patient Monitor',
      modelNumbers: ['VW-100', 'VW-100E'],
      deviceClass: 'II',
      udiDi: '00812345678903',
      intendedUse: 'Continuous monitoring of vital signs in hospitals.',
      markets: ['US', 'EU'],
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      slug: 'vitalwave-patient-monitor',
      modelNumbers: ['VW-100', 'VW-100E'],
      markets: ['US', 'EU'],
    });
    productId = response.json().id;
    const patched = await api('PATCH', `/products/${productId}`, { deviceClass: 'IIb' });
    expect(patched.json()).toMatchObject({ deviceClass: 'IIb', udiDi: '00812345678903' });
  });

  it('adds versions with support phases and refuses duplicates and inverted dates', async () => {
    for (const label of ['1.0.0', '2.0.0']) {
      const response = await api('POST', `/products/${productId}/versions`, {
        label,
        releasedOn: '2025-01-15',
        supportPhase: 'supported',
        endOfSupportOn: '2030-01-15',
      });
      expect(response.statusCode, response.body).toBe(201);
      versions[label] = response.json().id;
    }
    expect((await api('POST', `/products/${productId}/versions`, { label: '1.0.0' })).statusCode).toBe(409);
    const inverted = await api('POST', `/products/${productId}/versions`, {
      label: '3.0.0',
      releasedOn: '2026-01-01',
      endOfSupportOn: '2025-01-01',
    });
    expect(inverted.statusCode).toBe(400);
  });
});

describe('SBOM upload', () => {
  it('imports a CycloneDX JSON body, keeps the original bytes, and is idempotent', async () => {
    const response = await upload(versions['1.0.0'] as string, medical, 'application/vnd.cyclonedx+json');
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json();
    expect(result).toMatchObject({ alreadyImported: false, components: 55 });
    expect(result.sbom).toMatchObject({
      format: 'cyclonedx-json',
      specVersion: '1.4',
      byteSize: medical.length,
    });
    expect(result.sbom.sha256).toBe(createHash('sha256').update(medical).digest('hex'));

    const again = await upload(versions['1.0.0'] as string, medical, 'application/json');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadyImported: true, components: 55 });

    const original = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${orgId}/sboms/${result.sbom.id}/original`,
      headers: { ...editor },
    });
    expect(original.statusCode).toBe(200);
    expect(original.rawPayload.equals(medical)).toBe(true);
    expect(original.headers.etag).toBe(`"${result.sbom.sha256}"`);
  });

  it('imports a multipart upload into the next release', async () => {
    const form = multipart('release-2.cdx.json', nextRelease(), 'application/json');
    const response = await upload(versions['2.0.0'] as string, form.body, form.contentType);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().components).toBe(55);
    const listed = await api('GET', `/products/${productId}/versions`);
    const counts = Object.fromEntries(
      listed.json().items.map((v: { label: string; componentCount: number }) => [v.label, v.componentCount]),
    );
    expect(counts).toEqual({ '1.0.0': 55, '2.0.0': 55 });
  });

  it('imports CycloneDX XML', async () => {
    const version = await api('POST', `/products/${productId}/versions`, { label: 'xml-test' });
    const response = await upload(version.json().id, dropwizardXml, 'application/xml');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      components: 167,
      sbom: { format: 'cyclonedx-xml', specVersion: '1.2' },
    });
  });

  it('refuses what is not an SBOM, XML with a DOCTYPE, and writes nothing', async () => {
    const version = await api('POST', `/products/${productId}/versions`, { label: 'bad-input' });
    const versionId = version.json().id;
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><bom xmlns="http://cyclonedx.org/schema/bom/1.4"><components><component type="library"><name>&lol2;</name></component></components></bom>`;
    const cases: [Buffer, string][] = [
      [Buffer.from('{"hello":"world"}'), 'application/json'],
      [Buffer.from(laughs), 'application/xml'],
      [Buffer.from('{"bomFormat":"CycloneDX","specVersion":"1.4","components":['), 'application/json'],
      [Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]), 'application/json'],
      [Buffer.alloc(0), 'application/json'],
    ];
    for (const [body, type] of cases) {
      const response = await upload(versionId, body, type);
      expect(response.statusCode, body.toString('latin1').slice(0, 40)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const unsupported = await upload(versionId, Buffer.from('GIF89a'), 'image/gif');
    expect(unsupported.statusCode).toBe(415);
    const sboms = await api('GET', `/products/${productId}/versions/${versionId}/sboms`);
    expect(sboms.json().items).toEqual([]);
    const rows = await harness.deps.db.execute(
      sql`SELECT count(*)::int AS n FROM devices_components WHERE product_version_id = ${versionId}`,
    );
    expect(rows.rows[0]?.n).toBe(0);
  });

  it('records the import in the audit log', async () => {
    const rows = await harness.deps.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'sbom.imported' AND organization_id = ${orgId}`,
    );
    expect(rows.rows[0]?.n).toBe(3);
  });
});

describe('components, search, diff and export', () => {
  it('lists and filters a version’s components', async () => {
    const page = await api('GET', `/products/${productId}/versions/${versions['1.0.0']}/components?limit=20`);
    expect(page.json().items).toHaveLength(20);
    expect(page.json().nextCursor).toEqual(expect.any(String));
    const wolf = await api(
      'GET',
      `/products/${productId}/versions/${versions['1.0.0']}/components?q=wolfssl`,
    );
    expect(wolf.json().items).toEqual([
      expect.objectContaining({
        name: 'WolfSSL',
        version: '4.8.1',
        cpe: 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*',
      }),
    ]);
    const nuget = await api(
      'GET',
      `/products/${productId}/versions/${versions['1.0.0']}/components?purlType=nuget&limit=100`,
    );
    expect(nuget.json().items).toHaveLength(49);
  });

  it('answers "which of our products contain wolfSSL < 5.0?" across the portfolio', async () => {
    const response = await api('GET', `/components?q=wolfssl&version=${encodeURIComponent('<5.0')}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(
      response.json().items.map((c: { productVersion: { label: string } }) => c.productVersion.label),
    ).toEqual(['1.0.0']);
    expect(response.json().items[0].product.slug).toBe('vitalwave-patient-monitor');
    const bad = await api('GET', `/components?version=${encodeURIComponent('<<5')}`);
    expect(bad.statusCode).toBe(400);
  });

  it('diffs two releases', async () => {
    const response = await api(
      'GET',
      `/products/${productId}/diff?from=${versions['1.0.0']}&to=${versions['2.0.0']}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const diff = response.json();
    expect(diff.added.map((c: { name: string }) => c.name)).toEqual(['lwIP']);
    expect(diff.removed.map((c: { name: string }) => c.name)).toEqual(['fatFS']);
    expect(diff.changed).toEqual([
      expect.objectContaining({
        direction: 'upgrade',
        from: expect.objectContaining({ version: '4.8.1' }),
        to: expect.objectContaining({ version: '5.5.0' }),
      }),
    ]);
    expect(diff.unchanged).toBe(53);
  });

  it('exports CycloneDX 1.6 JSON and XML and SPDX 2.3 JSON', async () => {
    const base = `/products/${productId}/versions/${versions['1.0.0']}/export`;
    const cdx = await api('GET', `${base}?format=cyclonedx-json`);
    expect(cdx.statusCode, cdx.body).toBe(200);
    expect(cdx.headers['content-type']).toContain('application/vnd.cyclonedx+json');
    const bom = cdx.json();
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(bom.components).toHaveLength(55);
    expect(bom.metadata.component.name).toBe('VitalWave Patient Monitor');

    const xml = await api('GET', `${base}?format=cyclonedx-xml`);
    expect(xml.statusCode).toBe(200);
    expect(xml.body).toContain('xmlns="http://cyclonedx.org/schema/bom/1.6"');

    const spdx = await api('GET', `${base}?format=spdx-json`);
    expect(spdx.statusCode).toBe(200);
    const doc = spdx.json();
    expect(doc.spdxVersion).toBe('SPDX-2.3');
    expect(doc.packages.length).toBeGreaterThanOrEqual(55);
  });
});

describe('upload limits', () => {
  it('refuses raw and multipart uploads over the SBOM limit with 413', async () => {
    const small = await createTestApp({ env: { CANDOR_SBOM_LIMIT_BYTES: '4096' } });
    try {
      const org = await createTestOrganization(small.deps, 'manufacturer');
      const session = await signInHeaders(small.app, org.users.editor.email);
      const product = await small.app.inject({
        method: 'POST',
        url: `/api/v1/orgs/${org.organization.id}/products`,
        headers: { ...session },
        payload: { name: 'Small' },
      });
      const version = await small.app.inject({
        method: 'POST',
        url: `/api/v1/orgs/${org.organization.id}/products/${product.json().id}/versions`,
        headers: { ...session },
        payload: { label: '1' },
      });
      const url = `/api/v1/orgs/${org.organization.id}/products/${product.json().id}/versions/${version.json().id}/sboms`;
      const raw = await small.app.inject({
        method: 'POST',
        url,
        headers: { ...session, 'content-type': 'application/json' },
        payload: medical,
      });
      expect(raw.statusCode).toBe(413);
      const form = multipart('big.json', medical, 'application/json');
      const viaForm = await small.app.inject({
        method: 'POST',
        url,
        headers: { ...session, 'content-type': form.contentType },
        payload: form.body,
      });
      expect(viaForm.statusCode).toBe(413);
      expect(viaForm.json().code).toBe('payload_too_large');
      const rows = await small.deps.db.execute(sql`SELECT count(*)::int AS n FROM devices_sboms`);
      expect(rows.rows[0]?.n).toBe(0);
    } finally {
      await small.close();
    }
  });
});
