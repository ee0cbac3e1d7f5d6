import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allJobs } from '../src/main/deps.ts';
import { importFeed } from '../src/modules/vulnerabilities/index.ts';
import { createTestOrganization, type SessionHeaders, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/** New findings reach an organisation's webhook, signed, through the job queue (pg-boss or in-process). */
const fixtures = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));

let harness: Awaited<ReturnType<typeof createTestApp>>;
let receiver: Server;
let receiverUrl: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let admin: SessionHeaders;
let orgId: string;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/candor`;
  harness = await createTestApp({ env: { CANDOR_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  await harness.deps.jobs.start(allJobs(harness.deps), { work: true });
  const org = await createTestOrganization(harness.deps, 'manufacturer');
  orgId = org.organization.id;
  admin = await signInHeaders(harness.app, org.users.admin.email);
});
afterAll(async () => {
  await harness?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

function api(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  payload?: object | Buffer,
  type?: string,
) {
  return harness.app.inject({
    method,
    url: `/api/v1/orgs/${orgId}${path}`,
    headers: { ...admin, ...(type ? { 'content-type': type } : {}) },
    ...(payload ? { payload } : {}),
  });
}

describe('notification webhooks', () => {
  it('delivers a signed notice when a feed import opens a finding', async () => {
    const set = await api('PUT', '/webhook', { url: receiverUrl });
    expect(set.statusCode, set.body).toBe(200);
    const { secret } = set.json();
    expect(secret).toMatch(/^whsec_/);
    expect((await api('GET', '/webhook')).body).not.toContain(secret);

    const product = (await api('POST', '/products', { name: 'Gateway' })).json();
    const version = (await api('POST', `/products/${product.id}/versions`, { label: '1.0' })).json();
    const sbom = readFileSync(fixtures('sbom/medical-device-narrow.cdx-1.4.json'));
    expect(
      (await api('POST', `/products/${product.id}/versions/${version.id}/sboms`, sbom, 'application/json'))
        .statusCode,
    ).toBe(201);
    await importFeed(harness.deps, 'nvd', fixtures('nvd'));

    const deadline = Date.now() + 20_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(1);
    const [delivery] = received;
    const body = JSON.parse(delivery?.body ?? '{}');
    expect(body).toMatchObject({ kind: 'findings.changed', organizationId: orgId, payload: { opened: 1 } });
    const expected = createHmac('sha256', secret)
      .update(delivery?.body ?? '')
      .digest('hex');
    expect(delivery?.headers['x-candor-signature']).toBe(`sha256=${expected}`);
    expect(delivery?.headers['x-candor-event']).toBe('findings.changed');
    const status = (await api('GET', '/webhook')).json();
    expect(status).toMatchObject({ configured: true, lastDeliveryStatus: '204' });
  });

  it('refuses non-https and private targets unless allowed, and forgets the hook on delete', async () => {
    const strict = await createTestApp();
    try {
      const org = await createTestOrganization(strict.deps, 'manufacturer');
      const session = await signInHeaders(strict.app, org.users.admin.email);
      const put = (url: string) =>
        strict.app.inject({
          method: 'PUT',
          url: `/api/v1/orgs/${org.organization.id}/webhook`,
          headers: { ...session },
          payload: { url },
        });
      expect((await put('http://hooks.example.com/x')).statusCode).toBe(400);
      expect((await put('https://127.0.0.1/x')).statusCode).toBe(400);
      expect((await put('https://hooks.example.com/x')).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
    expect((await api('DELETE', '/webhook')).statusCode).toBe(204);
    expect((await api('GET', '/webhook')).json().configured).toBe(false);
  });
});
