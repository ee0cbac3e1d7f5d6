import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as openpgp from 'openpgp';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsRoutes, createAccessControl } from '../src/modules/accounts/index.ts';
import { csafProviderRoutes } from '../src/modules/disclosures/csaf-provider.routes.ts';
import { customerGrantsRoutes } from '../src/modules/disclosures/customer-grants.routes.ts';
import { storeCsafDocument } from '../src/modules/disclosures/service/csaf-files.ts';
import { buildHttpApp, type HttpApp } from '../src/platform/http/build-http-app.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { validateCsafDocument } from '../src/shared/csaf-validation.ts';
import { newId } from '../src/shared/ids.ts';
import { apiTokenHeaders, createTestOrganization, signInHeaders } from './factories/accounts.ts';
import { createTestDeps, type TestDeps } from './support/test-deps.ts';

/**
 * Walks the CSAF trusted provider as a CSAF downloader does (CSAF 2.0 §7.3): security.txt → provider
 * metadata → ROLIE feeds → every document, checking hashes, signatures (keys from the metadata) and
 * validity, and that index.txt and changes.csv agree with the feed. Then the customer channel's rules.
 */
const origin = 'https://candor.example';
const madeAt = new Date('2024-06-10T00:00:00.000Z');
const corpusSchemas = resolve(process.cwd(), '../shared/corpus/csaf/oasis/json_schema');
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/csaf/handmade-exmed-sa-2024-001.json', import.meta.url), 'utf8'),
);

let deps: TestDeps;
let app: HttpApp;
let acme: Awaited<ReturnType<typeof createTestOrganization>>;
let other: Awaited<ReturnType<typeof createTestOrganization>>;
let hospital: Awaited<ReturnType<typeof createTestOrganization>>;
let stranger: Awaited<ReturnType<typeof createTestOrganization>>;
const as: Record<'acme' | 'hospital' | 'stranger', Record<string, string>> = {
  acme: {},
  hospital: {},
  stranger: {},
};
/** Every body any provider route answered, to check that none holds a private key. */
const bodies: string[] = [];

/** A valid csaf_security_advisory (the hand-made fixture) as `publisher` would publish it. */
function advisory(options: {
  trackingId: string;
  title: string;
  tlp: 'WHITE' | 'GREEN' | 'AMBER';
  publisher: string;
  dates: string[];
}): string {
  const document = structuredClone(fixture);
  const [first, ...later] = options.dates as [string, ...string[]];
  const current = later.at(-1) ?? first;
  document.document.title = options.title;
  document.document.distribution.tlp.label = options.tlp;
  document.document.publisher = { category: 'vendor', name: options.publisher, namespace: origin };
  const year = (options.dates[0] as string).slice(0, 4);
  const self = `${origin}/.well-known/csaf/${options.tlp.toLowerCase()}/${year}/${options.trackingId.toLowerCase()}.json`;
  document.document.references = [{ category: 'self', summary: 'Canonical URL', url: self }];
  document.document.tracking = {
    current_release_date: current,
    id: options.trackingId,
    initial_release_date: first,
    revision_history: options.dates.map((date, i) => ({
      date,
      number: String(i + 1),
      summary: i === 0 ? 'Initial release' : 'Update',
    })),
    status: 'final',
    version: String(options.dates.length),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function publish(
  organizationId: string,
  options: Omit<Parameters<typeof advisory>[0], 'publisher'> & { disclosureId?: string; publisher?: string },
) {
  const disclosureId = options.disclosureId ?? newId();
  await storeCsafDocument(deps, {
    revisionId: newId(),
    disclosureId,
    organizationId,
    revisionNumber: options.dates.length,
    tlp: options.tlp,
    trackingId: options.trackingId,
    fileName: `${options.trackingId.toLowerCase()}.json`,
    initialReleaseAt: new Date(options.dates[0] as string),
    currentReleaseAt: new Date(options.dates.at(-1) as string),
    document: advisory({ publisher: 'Acme Medical', ...options }),
  });
  return disclosureId;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const path = url.startsWith(origin) ? url.slice(origin.length) : url;
  const response = await app.inject({ method: 'GET', url: path, headers });
  bodies.push(response.body);
  return response;
}

// The validator's first call loads its catalogues (half a minute on a busy machine): once, beside the setup.
const validatorLoaded = validateCsafDocument({});
beforeAll(() => validatorLoaded, 300_000);

beforeAll(async () => {
  // Keys are made (and signatures dated) at this instant; sessions and tokens live on this clock too.
  deps = await createTestDeps({ env: { PUBLIC_URL: origin }, clock: fixedClock(madeAt) });
  app = await buildHttpApp({
    config: deps.config,
    db: deps.db,
    logger: pino({ level: 'silent' }),
    accessControl: createAccessControl(deps),
    checkReadiness: async () => ({ ready: true, checks: {} }),
    async registerRoutes(a) {
      await a.register(accountsRoutes, { deps });
      await a.register(csafProviderRoutes, { deps });
      await a.register(customerGrantsRoutes, { deps });
    },
  });
  await app.ready();
  acme = await createTestOrganization(deps, 'manufacturer');
  other = await createTestOrganization(deps, 'manufacturer');
  hospital = await createTestOrganization(deps, 'hdo');
  stranger = await createTestOrganization(deps, 'hdo');
  as.acme = await apiTokenHeaders(deps, acme.organization.id, acme.users.viewer.id, ['read']);
  as.hospital = await apiTokenHeaders(deps, hospital.organization.id, hospital.users.viewer.id, ['read']);
  as.stranger = await apiTokenHeaders(deps, stranger.organization.id, stranger.users.admin.id);

  // Revision 2 replaces revision 1 at the same path (2023/…): only revision 2 is served.
  const revised = await publish(acme.organization.id, {
    trackingId: 'ACME-2023-0001',
    title: 'Infusion pump: hard-coded credentials',
    tlp: 'WHITE',
    dates: ['2023-11-05T09:00:00.000Z'],
  });
  await publish(acme.organization.id, {
    disclosureId: revised,
    trackingId: 'ACME-2023-0001',
    title: 'Infusion pump: hard-coded credentials (fixed version available)',
    tlp: 'WHITE',
    dates: ['2023-11-05T09:00:00.000Z', '2024-02-01T10:00:00.000Z'],
  });
  await publish(acme.organization.id, {
    trackingId: 'ACME-2024-0002',
    title: 'Patient monitor: outdated TLS library',
    tlp: 'WHITE',
    dates: ['2024-03-10T08:00:00.000Z'],
  });
  await publish(other.organization.id, {
    trackingId: 'OTHER-2024-0001',
    title: 'Ventilator: denial of service',
    tlp: 'WHITE',
    publisher: 'Other Devices',
    dates: ['2024-01-15T12:00:00.000Z'],
  });
  await publish(acme.organization.id, {
    trackingId: 'ACME-2024-0003',
    title: 'Infusion pump: customer details',
    tlp: 'GREEN',
    dates: ['2024-04-01T08:00:00.000Z'],
  });
  await publish(acme.organization.id, {
    trackingId: 'ACME-2024-0004',
    title: 'Infusion pump: network hardening guide',
    tlp: 'AMBER',
    dates: ['2024-05-01T08:00:00.000Z'],
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await deps?.close();
});

/** The provider metadata, discovered through security.txt. */
async function discoverProviderMetadata() {
  const securityTxt = await get('/.well-known/security.txt');
  expect(securityTxt.statusCode).toBe(200);
  const csafLine = securityTxt.body.split('\n').find((line) => line.startsWith('CSAF: '));
  expect(csafLine).toBe(`CSAF: ${origin}/.well-known/csaf/provider-metadata.json`);
  const response = await get((csafLine as string).slice('CSAF: '.length));
  expect(response.statusCode).toBe(200);
  expect(response.headers['access-control-allow-origin']).toBe('*');
  return response.json();
}

/** Fetches every key of the metadata, checking its fingerprint; refuses private key material. */
async function keysOf(metadata: { public_openpgp_keys: { fingerprint: string; url: string }[] }) {
  const keys: openpgp.Key[] = [];
  for (const { fingerprint, url } of metadata.public_openpgp_keys) {
    const response = await get(url);
    expect(response.statusCode).toBe(200);
    const key = await openpgp.readKey({ armoredKey: response.body });
    expect(key.isPrivate()).toBe(false);
    expect(key.getFingerprint().toUpperCase()).toBe(fingerprint);
    keys.push(key);
  }
  return keys;
}

const sha = (algorithm: string, body: string | Buffer) => createHash(algorithm).update(body).digest('hex');

interface WalkedDocument {
  document: {
    distribution: { tlp: { label: string } };
    tracking: { id: string; version: string; current_release_date: string };
  };
}

/** Reads one ROLIE feed and checks every entry as a downloader must before using it. */
async function walkFeed(url: string, keys: openpgp.Key[], headers: Record<string, string>) {
  const response = await get(url, headers);
  expect(response.statusCode, url).toBe(200);
  const { feed } = response.json();
  expect(feed.category).toContainEqual({
    scheme: 'urn:ietf:params:rolie:category:information-type',
    term: 'csaf',
  });
  const walked: { path: string; document: WalkedDocument; signer: string }[] = [];
  for (const entry of feed.entry) {
    const link = (rel: string) =>
      entry.link.filter((l: { rel: string }) => l.rel === rel).map((l: { href: string }) => l.href);
    const [self] = link('self');
    expect(entry.content).toEqual({ type: 'application/json', src: self });
    const documentResponse = await get(self, headers);
    expect(documentResponse.statusCode, self).toBe(200);
    const bytes = documentResponse.rawPayload;
    const fileName = self.slice(self.lastIndexOf('/') + 1);
    for (const hashUrl of link('hash')) {
      const algorithm = hashUrl.endsWith('.sha512') ? 'sha512' : 'sha256';
      expect((await get(hashUrl, headers)).body).toBe(`${sha(algorithm, bytes)}  ${fileName}\n`);
    }
    expect(link('hash').map((h: string) => h.slice(self.length))).toEqual(['.sha256', '.sha512']);
    const [signatureUrl] = link('signature');
    const verification = await openpgp.verify({
      message: await openpgp.createMessage({ binary: new Uint8Array(bytes) }),
      signature: await openpgp.readSignature({ armoredSignature: (await get(signatureUrl, headers)).body }),
      verificationKeys: keys,
    });
    const [signature] = verification.signatures;
    await expect(signature?.verified).resolves.toBe(true);
    const signer = keys.find((k) => k.getKeyIDs().some((id) => id.equals(signature!.keyID)));
    const document = JSON.parse(bytes.toString('utf8'));
    const validation = await validateCsafDocument(document);
    expect(validation.errors, self).toEqual([]);
    expect(entry.id).toBe(document.document.tracking.id);
    expect(entry.updated).toBe(document.document.tracking.current_release_date);
    walked.push({
      // Relative to the TLP folder, which holds the feed: as index.txt and changes.csv write it.
      path: self.slice(url.lastIndexOf('/') + 1),
      document,
      signer: signer!.getFingerprint().toUpperCase(),
    });
  }
  return { feed, walked };
}

describe('a CSAF downloader walking the provider', () => {
  it('finds valid provider metadata of a trusted provider listing every key', async () => {
    const metadata = await discoverProviderMetadata();
    expect(metadata).toMatchObject({
      canonical_url: `${origin}/.well-known/csaf/provider-metadata.json`,
      role: 'csaf_trusted_provider',
      metadata_version: '2.0',
      publisher: { category: 'other', name: 'Candor', namespace: origin },
      // The metadata last changed when a key was added (the keys were made after the documents' dates).
      last_updated: madeAt.toISOString(),
    });
    expect(metadata.public_openpgp_keys).toHaveLength(2);
    if (existsSync(corpusSchemas)) {
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats.default(ajv);
      for (const version of ['2.0', '3.0', '3.1']) {
        const specifier = `@secvisogram/csaf-validator-lib/schemas/cvss-v${version}.js`;
        const cvss = ((await import(specifier)) as { default: Record<string, unknown> }).default;
        ajv.addSchema({ ...cvss, $id: `https://www.first.org/cvss/cvss-v${version}.json` });
      }
      ajv.addSchema(JSON.parse(readFileSync(join(corpusSchemas, 'csaf_json_schema.json'), 'utf8')));
      const validate = ajv.compile(
        JSON.parse(readFileSync(join(corpusSchemas, 'provider_json_schema.json'), 'utf8')),
      );
      expect(validate(metadata), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('verifies every TLP:WHITE document, only the latest revision of each, listed alike everywhere', async () => {
    const metadata = await discoverProviderMetadata();
    const keys = await keysOf(metadata);
    const feeds = metadata.distributions[0].rolie.feeds as { tlp_label: string; url: string }[];
    expect(feeds.map((f) => f.tlp_label)).toEqual(['WHITE', 'GREEN', 'AMBER']);
    const white = feeds.find((f) => f.tlp_label === 'WHITE')!;
    const { walked } = await walkFeed(white.url, keys, {});
    expect(walked.map((w) => w.path)).toEqual([
      '2024/acme-2024-0002.json',
      '2023/acme-2023-0001.json',
      '2024/other-2024-0001.json',
    ]);
    expect(walked[1]?.document.document.tracking.version).toBe('2');
    // Each document is signed by its own publisher's key.
    const [acmeLatest, acmeRevised, otherDocument] = walked.map((w) => w.signer);
    expect(acmeRevised).toBe(acmeLatest);
    expect(otherDocument).not.toBe(acmeLatest);

    const base = white.url.slice(0, white.url.lastIndexOf('/'));
    const index = await get(`${base}/index.txt`);
    expect(index.body).toBe(walked.map((w) => `${w.path}\n`).join(''));
    const changes = (await get(`${base}/changes.csv`)).body.trimEnd().split('\n');
    expect(changes).toEqual(
      walked.map((w) => `"${w.path}","${w.document.document.tracking.current_release_date}"`),
    );
    const listing = await get(`${base}/2024/`);
    expect(listing.headers['content-type']).toContain('text/html');
    expect(listing.body).toContain('/.well-known/csaf/white/2024/acme-2024-0002.json.asc');
    expect((await get(`${base}/`)).body).toContain('/.well-known/csaf/white/2023/');
    expect((await get(`${base}/1999/`)).statusCode).toBe(404);
    expect((await get(`${base}/2024/nothing.json`)).statusCode).toBe(404);
    expect((await get(`${origin}/.well-known/csaf/service.json`)).json().service.workspace).toHaveLength(2);
  });

  it('walks the customer feeds with a token of the publisher', async () => {
    const metadata = await discoverProviderMetadata();
    const keys = await keysOf(metadata);
    for (const feed of metadata.distributions[0].rolie.feeds.slice(1)) {
      const { walked } = await walkFeed(feed.url, keys, as.acme);
      expect(walked.map((w) => w.document.document.distribution.tlp.label)).toEqual([feed.tlp_label]);
      const base = feed.url.slice(0, feed.url.lastIndexOf('/'));
      const response = await get(`${base}/index.txt`, as.acme);
      expect(response.body).toBe(`${walked[0]?.path}\n`);
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('never answers with a private key', async () => {
    await keysOf(await discoverProviderMetadata());
    expect(bodies.length).toBeGreaterThan(3);
    for (const body of bodies) expect(body).not.toContain('PRIVATE KEY');
  });
});

describe('the customer channel', () => {
  const green = '/.well-known/csaf/green';
  const amber = '/.well-known/csaf/amber';
  const amberDocument = `${amber}/2024/acme-2024-0004.json`;
  const feedIds = async (url: string, headers: Record<string, string>) =>
    (await get(url, headers)).json().feed.entry.map((e: { id: string }) => e.id);

  it('refuses anonymous callers with 401 problem+json', async () => {
    for (const url of [
      `${green}/csaf-feed-tlp-green.json`,
      `${green}/index.txt`,
      `${green}/2024/acme-2024-0003.json`,
      `${amber}/changes.csv`,
      `${amber}/`,
      amberDocument,
      `${amberDocument}.asc`,
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('shows TLP:GREEN to any signed-in caller, TLP:AMBER only to the publisher and its grantees', async () => {
    expect(await feedIds(`${green}/csaf-feed-tlp-green.json`, as.stranger)).toEqual(['ACME-2024-0003']);
    for (const who of [as.hospital, as.stranger]) {
      expect(await feedIds(`${amber}/csaf-feed-tlp-amber.json`, who)).toEqual([]);
      expect((await get(`${amber}/index.txt`, who)).body).toBe('');
      for (const url of [
        amberDocument,
        `${amberDocument}.sha512`,
        `${amberDocument}.asc`,
        `${amber}/2024/`,
      ]) {
        const response = await get(url, who);
        expect(response.statusCode, url).toBe(404);
        expect(response.json().detail).not.toContain('permission');
      }
    }

    const admin = { ...(await signInHeaders(app, acme.users.admin.email)) };
    const grants = `/api/v1/orgs/${acme.organization.id}/customer-grants`;
    const granted = await app.inject({
      method: 'POST',
      url: grants,
      headers: admin,
      payload: { recipientOrganizationSlug: hospital.organization.slug },
    });
    expect(granted.statusCode).toBe(201);
    expect(await feedIds(`${amber}/csaf-feed-tlp-amber.json`, as.hospital)).toEqual(['ACME-2024-0004']);
    expect((await get(amberDocument, as.hospital)).statusCode).toBe(200);
    expect((await get(`${amber}/index.txt`, as.hospital)).body).toBe('2024/acme-2024-0004.json\n');
    // A signed-in member of the granted organisation reads it too; the ungranted still gets 404.
    const hospitalSession = await signInHeaders(app, hospital.users.viewer.email);
    expect((await get(amberDocument, { cookie: hospitalSession.cookie })).statusCode).toBe(200);
    expect((await get(amberDocument, as.stranger)).statusCode).toBe(404);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `${grants}/${hospital.organization.id}`,
      headers: admin,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await get(amberDocument, as.hospital)).statusCode).toBe(404);
  });
});
