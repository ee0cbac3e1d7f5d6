import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateObligations, parseObligationFacts } from '../src/modules/incidents/index.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { createTestOrganization, type SessionHeaders, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/**
 * Issue 6 points 1, 4 and 5 through the API: an incident's facts in revisions, the obligations they call
 * for as tasks with their deadline history, drafts carrying every required field, immutable submissions
 * and corrections, the deadline calendar, and tenancy. The deadline arithmetic itself is the engine's
 * (its own table-driven tests); here the stored deadlines must be exactly what the engine computes.
 */
const clock = fixedClock(new Date('2026-03-08T09:00:00Z'));
const awareAt = '2026-03-06T16:30:00-05:00';
const factsV1 = {
  awareAt,
  manufacturer: {
    timezone: 'America/New_York',
    secRegistrant: false,
    nis2: 'none',
    isaoMember: true,
    hipaaRole: 'none',
    gdprRole: 'none',
    euMainEstablishment: 'DE',
  },
  product: { regulatedAsMedicalDevice: true, markets: ['US', 'DE'] },
  event: {
    patientHarm: 'malfunction_could_harm',
    seriousPublicHealthThreat: false,
    occurredIn: ['DE'],
    activelyExploitedVulnerability: false,
    severeIncidentAffectingProductSecurity: false,
    nis2SignificantIncident: false,
    remedialActionToPreventSubstantialHarm: false,
    personalDataBreach: null,
    materialityDeterminedAt: null,
    fda: { riskControlled: true, correctionInitiatedAt: null, seriousAdverseEventKnown: false },
  },
};
const factsV2 = {
  ...factsV1,
  event: {
    ...factsV1.event,
    patientHarm: 'death',
    patientHarmKnownAt: { malfunction_could_harm: awareAt, death: '2026-03-10T10:00:00+01:00' },
  },
};

let harness: Awaited<ReturnType<typeof createTestApp>>;
let editor: SessionHeaders;
let viewer: SessionHeaders;
let otherEditor: SessionHeaders;
let orgId: string;
let otherOrgId: string;
let incidentId: string;
let productId: string;
let versionId: string;

async function signInAll(emails: { editor: string; viewer: string; other: string }) {
  editor = await signInHeaders(harness.app, emails.editor);
  viewer = await signInHeaders(harness.app, emails.viewer);
  otherEditor = await signInHeaders(harness.app, emails.other);
}
let emails: { editor: string; viewer: string; other: string };

function api(who: SessionHeaders, method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, payload?: object) {
  return harness.app.inject({
    method,
    url: `/api/v1/orgs/${orgId}${path}`,
    headers: { ...who },
    ...(payload ? { payload } : {}),
  });
}

const expectedDueAt = (facts: object, key: string, now: Date) =>
  evaluateObligations(parseObligationFacts(facts), { now }).obligations.find((o) => o.key === key)?.dueAt;

beforeAll(async () => {
  harness = await createTestApp({ clock });
  const org = await createTestOrganization(harness.deps, 'manufacturer');
  const other = await createTestOrganization(harness.deps, 'manufacturer');
  orgId = org.organization.id;
  otherOrgId = other.organization.id;
  emails = {
    editor: org.users.editor.email,
    viewer: org.users.viewer.email,
    other: other.users.editor.email,
  };
  await signInAll(emails);
  productId = (
    await api(editor, 'POST', '/products', {
      name: 'InfuPro Pump',
      modelNumbers: ['IP-7'],
      udiDi: '00812345000017',
    })
  ).json().id;
  versionId = (await api(editor, 'POST', `/products/${productId}/versions`, { label: '3.2.0' })).json().id;
});
afterAll(async () => harness?.close());

describe('an incident record', () => {
  it('is recorded with its kind, versions, vulnerabilities and owner, starting in triage', async () => {
    const response = await api(editor, 'POST', '/incidents', {
      title: 'Pump drug library tampered with',
      description: 'Drug library entries changed on pumps in a Berlin hospital.',
      kind: 'device_tampering',
      productVersionIds: [versionId],
      vulnerabilities: ['CVE-2026-0001'],
      detectedAt: '2026-03-06T21:00:00Z',
    });
    expect(response.statusCode, response.body).toBe(201);
    const incident = response.json();
    incidentId = incident.id;
    expect(incident).toMatchObject({
      kind: 'device_tampering',
      status: 'triage',
      productIds: [productId],
      productVersionIds: [versionId],
      vulnerabilities: [{ displayId: 'CVE-2026-0001' }],
      factsRevision: 0,
    });
    expect(incident.owner.name).toMatch(/^editor of /);
  });

  it('refuses another organisation’s version, a non-member owner, and a future detection', async () => {
    const foreignVersion = await api(editor, 'POST', '/incidents', {
      title: 'x',
      productVersionIds: ['00000000-0000-4000-8000-000000000000'],
      detectedAt: '2026-03-06T21:00:00Z',
    });
    expect(foreignVersion.statusCode).toBe(400);
    expect(foreignVersion.json().errors[0].path).toBe('productVersionIds');
    const future = await api(editor, 'POST', '/incidents', {
      title: 'x',
      detectedAt: '2026-04-01T00:00:00Z',
    });
    expect(future.json().errors[0].path).toBe('detectedAt');
    const outsider = await api(editor, 'PATCH', `/incidents/${incidentId}`, {
      ownerUserId: '00000000-0000-4000-8000-000000000000',
    });
    expect(outsider.statusCode).toBe(400);
  });

  it('moves through its statuses, each change on the timeline', async () => {
    const response = await api(editor, 'PATCH', `/incidents/${incidentId}`, { status: 'assessing' });
    expect(response.json().status).toBe('assessing');
    const timeline = (await api(viewer, 'GET', `/incidents/${incidentId}/timeline`)).json().items;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['detected', 'status']);
    const note = await api(editor, 'POST', `/incidents/${incidentId}/timeline`, {
      at: '2026-03-07T08:00:00Z',
      text: 'Hospital isolated the pump VLAN.',
    });
    expect(note.statusCode).toBe(201);
  });
});

describe('facts and obligations', () => {
  it('refuses facts the engine cannot read, naming the fields', async () => {
    const response = await api(editor, 'PUT', `/incidents/${incidentId}/facts`, {
      facts: { ...factsV1, awareAt: 'yesterday' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toContain('awareAt');
    expect((await api(viewer, 'GET', `/incidents/${incidentId}/facts`)).statusCode).toBe(404);
  });

  it('turns the first facts into tasks with the deadlines the engine computes', async () => {
    const response = await api(editor, 'PUT', `/incidents/${incidentId}/facts`, {
      facts: factsV1,
      note: 'first report',
    });
    expect(response.statusCode, response.body).toBe(200);
    const { revision, added, obligations } = response.json();
    expect(revision).toBe(1);
    expect(added).toBe(obligations.length);
    const keys = obligations.map((o: { key: string }) => o.key);
    expect(keys).toContain('eu-mdr-serious-incident:DE');
    expect(keys).toContain('fda-803-30d');
    const mdr = obligations.find((o: { key: string }) => o.key === 'eu-mdr-serious-incident:DE');
    expect(mdr).toMatchObject({ status: 'due', applicable: true, jurisdiction: 'DE' });
    expect(mdr.dueAt).toBe(expectedDueAt(factsV1, 'eu-mdr-serious-incident:DE', clock.now()));
    expect(mdr.basis.length).toBeGreaterThan(10);
    expect(mdr.deadlines).toHaveLength(1);
  });

  it('a later death moves the MDR deadline; the first deadline stays in the history and the old facts stay readable', async () => {
    const firstDue = (await api(viewer, 'GET', `/incidents/${incidentId}/obligations`))
      .json()
      .items.find((o: { key: string }) => o.key === 'eu-mdr-serious-incident:DE').dueAt;
    clock.set(new Date('2026-03-10T12:00:00Z'));
    await signInAll(emails);
    const response = await api(editor, 'PUT', `/incidents/${incidentId}/facts`, {
      facts: factsV2,
      note: 'The patient died on 10 March.',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().changed).toBeGreaterThan(0);
    const mdr = response
      .json()
      .obligations.find((o: { key: string }) => o.key === 'eu-mdr-serious-incident:DE');
    expect(mdr.dueAt).toBe(expectedDueAt(factsV2, 'eu-mdr-serious-incident:DE', clock.now()));
    expect(mdr.dueAt).not.toBe(firstDue);
    expect(
      mdr.deadlines.map((d: { factsRevision: number; dueAt: string }) => [
        d.factsRevision,
        Date.parse(d.dueAt),
      ]),
    ).toEqual([
      [1, Date.parse(firstDue)],
      [2, Date.parse(mdr.dueAt)],
    ]);
    const before = (
      await api(viewer, 'GET', `/incidents/${incidentId}/facts?at=2026-03-09T00:00:00Z`)
    ).json();
    expect(before).toMatchObject({
      revision: 1,
      note: 'first report',
      facts: { event: { patientHarm: 'malfunction_could_harm' } },
    });
    expect((await api(viewer, 'GET', `/incidents/${incidentId}/facts`)).json().revision).toBe(2);
    expect((await api(viewer, 'GET', `/incidents/${incidentId}/facts/revisions`)).json().items).toHaveLength(
      2,
    );
    await expect(
      harness.deps.db.execute(sql`UPDATE incidents_fact_revisions SET note = 'edited'`),
    ).rejects.toThrow();
  });

  it('an obligation the facts no longer call for is kept, marked not applicable with the reason', async () => {
    const response = await api(editor, 'PUT', `/incidents/${incidentId}/facts`, {
      facts: { ...factsV2, product: { ...factsV2.product, markets: ['DE'] } },
    });
    const fda = response.json().obligations.find((o: { key: string }) => o.key === 'fda-803-30d');
    expect(fda).toMatchObject({ applicable: false });
    expect(fda.basis).toMatch(/^No longer applies/);
    expect(fda.deadlines.at(-1).applicable).toBe(false);
    await api(editor, 'PUT', `/incidents/${incidentId}/facts`, {
      facts: factsV2,
      note: 'US market after all',
    });
  });
});

describe('report tasks', () => {
  let mdrId: string;
  let fdaId: string;

  it('drafts carry every field the rule requires', async () => {
    const items = (await api(viewer, 'GET', `/incidents/${incidentId}/obligations`)).json().items;
    mdrId = items.find((o: { key: string }) => o.key === 'eu-mdr-serious-incident:DE').id;
    fdaId = items.find((o: { key: string }) => o.key === 'fda-803-30d').id;
    const { requiredContentOf } = await import('../src/modules/incidents/index.ts');
    const draft = (await api(viewer, 'GET', `/incidents/${incidentId}/obligations/${mdrId}/draft`)).json();
    for (const item of requiredContentOf('eu-mdr-serious-incident')) expect(draft.markdown).toContain(item);
    expect(draft.markdown).toContain('InfuPro Pump; versions 3.2.0; models IP-7; UDI-DI 00812345000017');
    expect(draft.json.requiredContent).toHaveLength(requiredContentOf('eu-mdr-serious-incident').length);
  });

  it('moves tasks with reasons, records an immutable submission, and takes corrections as new versions', async () => {
    const waived = await api(editor, 'PATCH', `/incidents/${incidentId}/obligations/${fdaId}`, {
      status: 'waived',
    });
    expect(waived.statusCode).toBe(400);
    const drafted = await api(editor, 'PATCH', `/incidents/${incidentId}/obligations/${mdrId}`, {
      status: 'drafted',
    });
    expect(drafted.json().status).toBe('drafted');
    const submitted = await api(editor, 'POST', `/incidents/${incidentId}/obligations/${mdrId}/submissions`, {
      submittedAt: '2026-03-10T11:30:00Z',
      reference: 'BfArM-MIR-2026-00042',
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      submission: { version: 1, reference: 'BfArM-MIR-2026-00042' },
    });
    const locked = await api(editor, 'PATCH', `/incidents/${incidentId}/obligations/${mdrId}`, {
      status: 'due',
    });
    expect(locked.statusCode).toBe(409);
    const correction = await api(
      editor,
      'POST',
      `/incidents/${incidentId}/obligations/${mdrId}/submissions`,
      {
        submittedAt: '2026-03-10T11:50:00Z',
        reference: 'BfArM-MIR-2026-00042-A',
        note: 'Corrected the lot number.',
      },
    );
    expect(correction.json().submission).toMatchObject({ version: 2 });
    const versions = (
      await api(viewer, 'GET', `/incidents/${incidentId}/obligations/${mdrId}/submissions`)
    ).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[0].content.markdown).toContain('InfuPro Pump');
    await expect(harness.deps.db.execute(sql`DELETE FROM incidents_submissions`)).rejects.toThrow();
    const timeline = (await api(viewer, 'GET', `/incidents/${incidentId}/timeline`)).json().items;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'submission')).toHaveLength(2);
  });

  it('lists the organisation’s deadlines across incidents, and nothing of another organisation', async () => {
    const entries = (await api(viewer, 'GET', '/deadlines')).json().items;
    expect(entries.some((e: { obligationId: string }) => e.obligationId === fdaId)).toBe(true);
    expect(entries.every((e: { incident: { id: string } }) => e.incident.id === incidentId)).toBe(true);
    const windowed = (await api(viewer, 'GET', '/deadlines?from=2099-01-01')).json().items;
    expect(windowed).toEqual([]);
    const foreign = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${otherOrgId}/incidents/${incidentId}/obligations`,
      headers: { ...otherEditor },
    });
    expect(foreign.statusCode).toBe(404);
    const foreignCalendar = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${otherOrgId}/deadlines`,
      headers: { ...otherEditor },
    });
    expect(foreignCalendar.json().items).toEqual([]);
  });
});

describe('public disclosure from an incident', () => {
  it('starts a draft pre-filled from the incident, which still needs the four-eyes approval', async () => {
    const response = await api(editor, 'POST', `/incidents/${incidentId}/disclosures`);
    expect(response.statusCode, response.body).toBe(201);
    const draft = response.json();
    expect(draft).toMatchObject({
      incidentId,
      status: 'draft',
      title: 'Pump drug library tampered with',
      severity: 'critical',
      productIds: [productId],
    });
    expect(draft.body).toContain('A patient death is known to be linked to the incident.');
    expect(draft.body).toContain('InfuPro Pump (versions 3.2.0)');
    const published = await api(editor, 'POST', `/disclosures/${draft.id}/publish`);
    expect(published.statusCode).toBe(412);
  });
});
