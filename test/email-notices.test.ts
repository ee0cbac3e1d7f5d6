import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allJobs } from '../src/main/deps.ts';
import { importFeed } from '../src/modules/vulnerabilities/index.ts';
import { deliverEmailJob, emailNotice } from '../src/modules/vulnerabilities/service/email-notices.ts';
import { vulnerabilitiesNotifications } from '../src/modules/vulnerabilities/vulnerabilities.tables.ts';
import { newId } from '../src/shared/ids.ts';
import { createTestOrganization, type SessionHeaders, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/** Notices reach the organisation's addresses by e-mail through the job queue, via a local SMTP server. */
const fixtures = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));
const publicUrl = 'https://candor.example';

interface ReceivedMail {
  to: string[];
  headers: string;
  body: string;
}

const received: ReceivedMail[] = [];
let refusedRecipients = 0;
let smtp: SMTPServer;
let smtpUrl: string;
let harness: Awaited<ReturnType<typeof createTestApp>>;

/** The text of a message body as nodemailer encodes it (quoted-printable or base64). */
function decodeBody(headers: string, body: string): string {
  if (/^content-transfer-encoding:\s*base64/im.test(headers)) return Buffer.from(body, 'base64').toString();
  if (!/^content-transfer-encoding:\s*quoted-printable/im.test(headers)) return body;
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@refused.example')) {
        refusedRecipients++;
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const split = raw.indexOf('\r\n\r\n');
        const headers = raw.slice(0, split);
        received.push({
          to: session.envelope.rcptTo.map((a) => a.address),
          headers,
          body: decodeBody(headers, raw.slice(split + 4)),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  harness = await createTestApp({
    env: {
      CANDOR_SMTP_URL: smtpUrl,
      PUBLIC_URL: publicUrl,
      CANDOR_MAIL_FROM: 'Candor <alerts@candor.example>',
    },
  });
  await harness.deps.jobs.start(allJobs(harness.deps), { work: true });
});
afterAll(async () => {
  await harness?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
});

type Harness = Awaited<ReturnType<typeof createTestApp>>;

/** An organisation with the given addresses and one product version whose SBOM the NVD fixtures match. */
async function organizationWithVersion(on: Harness, addresses: string[]) {
  const org = await createTestOrganization(on.deps, 'manufacturer');
  const orgId = org.organization.id;
  const admin: SessionHeaders = await signInHeaders(on.app, org.users.admin.email);
  const api = (method: 'GET' | 'POST' | 'PUT', path: string, payload?: object | Buffer, type?: string) =>
    on.app.inject({
      method,
      url: `/api/v1/orgs/${orgId}${path}`,
      headers: { ...admin, ...(type ? { 'content-type': type } : {}) },
      ...(payload ? { payload } : {}),
    });
  if (addresses.length > 0) {
    const set = await api('PUT', '/vulnerability-settings', { notificationEmails: addresses });
    expect(set.statusCode, set.body).toBe(200);
  }
  const product = (await api('POST', '/products', { name: 'Infusion pump' })).json();
  const version = (await api('POST', `/products/${product.id}/versions`, { label: '4.2' })).json();
  const sbom = readFileSync(fixtures('sbom/medical-device-narrow.cdx-1.4.json'));
  const upload = await api(
    'POST',
    `/products/${product.id}/versions/${version.id}/sboms`,
    sbom,
    'application/json',
  );
  expect(upload.statusCode, upload.body).toBe(201);
  return { orgId, productId: product.id as string, versionId: version.id as string };
}

async function noticesOf(on: Harness, organizationId: string) {
  return on.deps.db
    .select()
    .from(vulnerabilitiesNotifications)
    .where(eq(vulnerabilitiesNotifications.organizationId, organizationId));
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

/** A notice stored as matching stores it, for the delivery cases that need no feed. */
async function storeNotice(organizationId: string): Promise<string> {
  const id = newId();
  await harness.deps.db.insert(vulnerabilitiesNotifications).values({
    id,
    organizationId,
    kind: 'findings.changed',
    title: '1 new vulnerability finding',
    payload: {
      productVersionId: newId(),
      productId: newId(),
      productName: 'Pump',
      versionLabel: '1',
      opened: 1,
    },
    createdAt: new Date(),
  });
  return id;
}

describe('e-mail notices', () => {
  it('mails the organisation’s addresses once when matching opens findings, and marks the notice', async () => {
    const withAddresses = await organizationWithVersion(harness, ['psirt@example.com', 'Ops@Example.ORG']);
    const without = await organizationWithVersion(harness, []);
    await importFeed(harness.deps, 'nvd', fixtures('nvd'));

    await waitFor(() => received.length > 0);
    await waitFor(async () => (await noticesOf(harness, withAddresses.orgId))[0]?.emailedAt != null);
    // Give a wrongly queued second mail the time to arrive.
    await new Promise((r) => setTimeout(r, 1000));
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.to.sort()).toEqual(['Ops@example.org', 'psirt@example.com']);
    expect(mail?.headers).toMatch(/^Subject: \[Candor\] 1 new vulnerability finding$/m);
    expect(mail?.headers).toMatch(/^From: Candor <alerts@candor\.example>$/m);
    expect(mail?.headers).toMatch(/^Content-Type: text\/plain/m);
    expect(mail?.body).toContain('What changed: 1 new finding opened');
    expect(mail?.body).toContain('Product: Infusion pump');
    expect(mail?.body).toContain('Version: 4.2');
    expect(mail?.body).toContain(
      `${publicUrl}/console/${withAddresses.orgId}/products/${withAddresses.productId}/versions/${withAddresses.versionId}#vulnerabilities`,
    );
    // Counts and a link only: no vulnerability ids or component names in the mail.
    expect(mail?.body).not.toMatch(/CVE-\d/);

    const [notice] = await noticesOf(harness, withAddresses.orgId);
    expect(notice).toMatchObject({ emailStatus: 'sent' });
    expect(notice?.emailedAt).toBeInstanceOf(Date);
    const [silent] = await noticesOf(harness, without.orgId);
    expect(silent).toMatchObject({ emailedAt: null, emailStatus: null });

    // A delivery run again (a duplicate job, a retry after the send) does not mail twice.
    expect(await emailNotice(harness.deps, notice?.id ?? '')).toEqual({
      sent: false,
      skipped: 'already e-mailed',
    });
    expect(received).toHaveLength(1);
  });

  it('sends nothing when the installation has no SMTP URL', async () => {
    const plain = await createTestApp();
    try {
      await plain.deps.jobs.start(allJobs(plain.deps), { work: true });
      const org = await organizationWithVersion(plain, ['psirt@example.com']);
      const before = received.length;
      await importFeed(plain.deps, 'nvd', fixtures('nvd'));
      const [notice] = await noticesOf(plain, org.orgId);
      expect(notice).toBeDefined();
      await new Promise((r) => setTimeout(r, 1000));
      expect(await emailNotice(plain.deps, notice?.id ?? '')).toEqual({
        sent: false,
        skipped: 'CANDOR_SMTP_URL is not set',
      });
      expect(received.length).toBe(before);
      expect((await noticesOf(plain, org.orgId))[0]).toMatchObject({ emailedAt: null, emailStatus: null });
    } finally {
      await plain.close();
    }
  });

  it('records a refusal or an unreachable server on the notice and throws, so the queue retries', async () => {
    const org = await createTestOrganization(harness.deps, 'manufacturer');
    const orgId = org.organization.id;
    const admin = await signInHeaders(harness.app, org.users.admin.email);
    const setAddresses = (notificationEmails: string[]) =>
      harness.app.inject({
        method: 'PUT',
        url: `/api/v1/orgs/${orgId}/vulnerability-settings`,
        headers: { ...admin },
        payload: { notificationEmails },
      });
    expect((await setAddresses(['psirt@refused.example'])).statusCode).toBe(200);
    const job = deliverEmailJob(harness.deps);
    const before = received.length;

    const refusedId = await storeNotice(orgId);
    await expect(job.handler({ notificationId: refusedId })).rejects.toThrow(/e-mail delivery failed/);
    let [stored] = await harness.deps.db
      .select()
      .from(vulnerabilitiesNotifications)
      .where(eq(vulnerabilitiesNotifications.id, refusedId));
    expect(stored?.emailedAt).toBeNull();
    expect(stored?.emailStatus).toMatch(/^error: .*550/);

    const down = deliverEmailJob({
      ...harness.deps,
      config: { ...harness.deps.config, smtpUrl: 'smtp://127.0.0.1:1' },
    });
    await expect(down.handler({ notificationId: refusedId })).rejects.toThrow(/e-mail delivery failed/);
    [stored] = await harness.deps.db
      .select()
      .from(vulnerabilitiesNotifications)
      .where(eq(vulnerabilitiesNotifications.id, refusedId));
    expect(stored?.emailStatus).toMatch(/^error: .*ECONNREFUSED/);
    expect(received.length).toBe(before);

    // The queue runs a failing delivery again.
    const attemptsBefore = refusedRecipients;
    await harness.deps.jobs.enqueue(job, { notificationId: await storeNotice(orgId) });
    await waitFor(() => refusedRecipients >= attemptsBefore + 2);
    expect(refusedRecipients).toBeGreaterThanOrEqual(attemptsBefore + 2);

    // Once the addresses are accepted, the retry goes out.
    expect((await setAddresses(['psirt@example.net'])).statusCode).toBe(200);
    expect(await job.handler({ notificationId: refusedId })).toEqual({ sent: true, status: 'sent' });
    expect(received.at(-1)?.to).toEqual(['psirt@example.net']);
  });
});
