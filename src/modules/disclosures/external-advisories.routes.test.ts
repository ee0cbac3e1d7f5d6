import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, signInHeaders } from '../../../test/factories/accounts.ts';
import { createTestDeps, type TestDeps } from '../../../test/support/test-deps.ts';
import { buildHttpApp, type HttpApp } from '../../platform/http/build-http-app.ts';
import { newId } from '../../shared/ids.ts';
import { accountsRoutes, createAccessControl } from '../accounts/index.ts';
import { externalAdvisoriesRoutes } from './external-advisories.routes.ts';
import { recordExternalCsafAdvisory } from './service/external-advisories.ts';

/**
 * The public routes of republished advisories, on the real HTTP stack (access control, schemas, problem
 * responses): anyone may read them, signed in or not; bad queries are 400, unknown ids 404.
 */
const fixtureText = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/csaf/${name}`, import.meta.url)), 'utf8');

let deps: TestDeps;
let app: HttpApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  deps = await createTestDeps();
  app = await buildHttpApp({
    config: deps.config,
    db: deps.db,
    logger: pino({ level: 'silent' }),
    accessControl: createAccessControl(deps),
    checkReadiness: async () => ({ ready: true, checks: {} }),
    async registerRoutes(a) {
      await a.register(accountsRoutes, { deps });
      await a.register(externalAdvisoriesRoutes, { deps });
    },
  });
  await app.ready();
  for (const [name, file] of [
    ['cisa', 'icsma-20-049-01.json'],
    ['exmed', 'handmade-exmed-sa-2024-001.json'],
    ['bsi', 'bsi-2022-0001.json'],
  ] as const) {
    const result = await recordExternalCsafAdvisory(
      deps,
      JSON.parse(fixtureText(file)),
      `https://example.net/${file}`,
    );
    ids[name] = result.id as string;
  }
});
afterAll(async () => {
  await app?.close();
  await deps?.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });
const list = async (query: string) => {
  const response = await get(`/api/v1/public/external-advisories${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: { id: string; trackingId: string }[]; nextCursor: string | null };
};

describe('public external advisories', () => {
  it('are readable anonymously and by signed-in users alike (access: public)', async () => {
    const anonymous = await get('/api/v1/public/external-advisories');
    expect(anonymous.statusCode).toBe(200);
    const org = await createTestOrganization(deps, 'hdo');
    const session = await signInHeaders(app, org.users.viewer.email);
    const signedIn = await get('/api/v1/public/external-advisories', { cookie: session.cookie });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toEqual(anonymous.json());
    for (const path of [`/${ids.cisa}`, `/${ids.cisa}/csaf`]) {
      expect((await get(`/api/v1/public/external-advisories${path}`)).statusCode, path).toBe(200);
    }
  });

  it('lists newest release first, a page at a time', async () => {
    const first = await list('?limit=2');
    expect(first.items.map((i) => i.trackingId)).toEqual(['EXMED-SA-2024-001', 'BSI-2022-0001']);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.trackingId)).toEqual(['ICSMA-20-049-01']);
    expect(second.nextCursor).toBeNull();
  });

  it('filters by publisher (name or namespace), CVE and words', async () => {
    const tracking = async (query: string) => (await list(query)).items.map((i) => i.trackingId);
    expect(await tracking('?publisher=cisa')).toEqual(['ICSMA-20-049-01']);
    expect(await tracking('?publisher=https://www.bsi.bund.de')).toEqual(['BSI-2022-0001']);
    expect(await tracking('?cve=CVE-2019-0708')).toEqual(['ICSMA-20-049-01']);
    expect(await tracking('?cve=CVE-2024-21907')).toEqual(['EXMED-SA-2024-001']);
    // Product names count: "Windows XP" is only in the CISA product tree.
    expect(await tracking('?q=windows%20xp')).toEqual(['ICSMA-20-049-01']);
    expect(await tracking('?q=telemetry&publisher=CISA')).toEqual(['ICSMA-20-049-01']);
    // LIKE wildcards match themselves.
    expect(await tracking('?q=%25')).toEqual([]);
    expect(await tracking('?q=_')).toEqual([]);
  });

  it('answers one advisory with its source, and its CSAF document as JSON', async () => {
    const one = await get(`/api/v1/public/external-advisories/${ids.exmed}`);
    expect(one.json()).toMatchObject({
      id: ids.exmed,
      publisherName: 'Example Medical PSIRT',
      trackingId: 'EXMED-SA-2024-001',
      sourceUrl: 'https://example.net/handmade-exmed-sa-2024-001.json',
      cves: ['CVE-2024-21907', 'CVE-2022-39173'],
    });
    const csaf = await get(`/api/v1/public/external-advisories/${ids.exmed}/csaf`);
    expect(csaf.statusCode).toBe(200);
    expect(csaf.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(csaf.headers.etag).toBe(`"${createHash('sha256').update(csaf.rawPayload).digest('hex')}"`);
    expect(csaf.headers['content-disposition']).toBe('inline; filename="exmed-sa-2024-001.json"');
    expect(csaf.json()).toEqual(JSON.parse(fixtureText('handmade-exmed-sa-2024-001.json')));
  });

  it('answers 400 to bad queries and ids, 404 to unknown ids, as problem+json', async () => {
    for (const url of [
      '/api/v1/public/external-advisories?cve=CVE-1',
      '/api/v1/public/external-advisories?limit=0',
      '/api/v1/public/external-advisories?unknown=1',
      '/api/v1/public/external-advisories?cursor=not-a-cursor',
      '/api/v1/public/external-advisories/not-a-uuid',
      '/api/v1/public/external-advisories/not-a-uuid/csaf',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type'], url).toContain('application/problem+json');
    }
    for (const url of [
      `/api/v1/public/external-advisories/${newId()}`,
      `/api/v1/public/external-advisories/${newId()}/csaf`,
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found' });
    }
  });
});
