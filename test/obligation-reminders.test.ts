import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allJobs } from '../src/main/deps.ts';
import { remindOfDeadlines } from '../src/modules/incidents/service/reminders.ts';
import { vulnerabilitiesNotifications } from '../src/modules/vulnerabilities/vulnerabilities.tables.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { createTestOrganization, type SessionHeaders, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/**
 * Issue 6 point 4: reports due within 24 hours are announced once; overdue ones are escalated once to
 * the organisation's admins, by e-mail through the queue where SMTP is configured (a local server here).
 */
const clock = fixedClock(new Date('2026-03-07T09:00:00Z'));
const facts = {
  awareAt: '2026-03-06T16:30:00-05:00',
  manufacturer: {
    timezone: 'America/New_York',
    secRegistrant: false,
    nis2: 'important',
    isaoMember: true,
    hipaaRole: 'none',
    gdprRole: 'none',
    euMainEstablishment: 'DE',
  },
  product: { regulatedAsMedicalDevice: true, markets: ['DE'] },
  event: {
    patientHarm: 'none',
    seriousPublicHealthThreat: false,
    occurredIn: ['DE'],
    activelyExploitedVulnerability: false,
    severeIncidentAffectingProductSecurity: false,
    nis2SignificantIncident: true,
    remedialActionToPreventSubstantialHarm: false,
    personalDataBreach: null,
    materialityDeterminedAt: null,
    fda: { riskControlled: true, correctionInitiatedAt: null, seriousAdverseEventKnown: false },
  },
};

const received: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let harness: Awaited<ReturnType<typeof createTestApp>>;
let orgId: string;
let adminEmail: string;
let editor: SessionHeaders;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((a) => a.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  harness = await createTestApp({
    clock,
    env: { CANDOR_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}` },
  });
  await harness.deps.jobs.start(allJobs(harness.deps), { work: true });
  const org = await createTestOrganization(harness.deps, 'manufacturer');
  orgId = org.organization.id;
  adminEmail = org.users.admin.email;
  editor = await signInHeaders(harness.app, org.users.editor.email);
  const incident = await harness.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${orgId}/incidents`,
    headers: { ...editor },
    payload: {
      title: 'Ransomware at a hospital network',
      kind: 'ransomware',
      detectedAt: '2026-03-06T21:00:00Z',
    },
  });
  const saved = await harness.app.inject({
    method: 'PUT',
    url: `/api/v1/orgs/${orgId}/incidents/${incident.json().id}/facts`,
    headers: { ...editor },
    payload: { facts },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  expect(saved.json().obligations.map((o: { key: string }) => o.key)).toContain('nis2-early-warning-24h');
});
afterAll(async () => {
  await harness?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
});

async function notices() {
  return harness.deps.db
    .select()
    .from(vulnerabilitiesNotifications)
    .where(eq(vulnerabilitiesNotifications.organizationId, orgId));
}

async function waitFor(condition: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

describe('deadline reminders and escalation', () => {
  it('announces a report due within 24 hours once, without mailing anyone (no address list)', async () => {
    // The NIS2 early warning is due 24 h after awareness (22:30 CET on 7 March): 12.5 h from now.
    expect(await remindOfDeadlines(harness.deps)).toMatchObject({ reminded: 1, escalated: 0 });
    expect(await remindOfDeadlines(harness.deps)).toEqual({ reminded: 0, escalated: 0 });
    const [notice] = await notices();
    expect(notice).toMatchObject({ kind: 'obligation.due_soon' });
    expect(notice?.title).toMatch(/^Due in 1[23] hours: /);
    await new Promise((r) => setTimeout(r, 500));
    expect(received).toEqual([]);
  });

  it('escalates an overdue report once, by e-mail to the admins', async () => {
    clock.set(new Date('2026-03-08T06:00:00Z'));
    const outcome = await remindOfDeadlines(harness.deps);
    expect(outcome.escalated).toBeGreaterThanOrEqual(1);
    expect((await remindOfDeadlines(harness.deps)).escalated).toBe(0);
    const overdue = (await notices()).filter((n) => n.kind === 'obligation.overdue');
    expect(overdue.length).toBe(outcome.escalated);
    await waitFor(() => received.length >= outcome.escalated);
    expect(received.every((m) => m.to.includes(adminEmail.toLowerCase()) || m.to.includes(adminEmail))).toBe(
      true,
    );
    expect(received[0]?.raw).toMatch(/Subject: \[Candor\] Overdue: /);
    // Quoted-printable soft line breaks aside, the body links to the incident.
    expect(received[0]?.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')).toContain(
      `/console/${orgId}/incidents/`,
    );
  });
});
