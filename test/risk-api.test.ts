import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAdvisoryBatch, importFeed } from '../src/modules/vulnerabilities/index.ts';
import { importKevEntries } from '../src/modules/vulnerabilities/service/import-advisories.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { createTestOrganization, type SessionHeaders, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/**
 * Issue #5 through the API on a real database: the worklist built from real findings (the medical-device
 * SBOM's wolfSSL 4.8.1 ↔ CVE-2022-39173 from the NVD fixture), assessments with revisions and audit,
 * triage with VEX, risk acceptance, SLA due dates, ranking, the organisation's method, and tenancy.
 */
const fixtures = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));
const medical = readFileSync(fixtures('sbom/medical-device-narrow.cdx-1.4.json'));
const day = 86_400_000;
const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));

let harness: Awaited<ReturnType<typeof createTestApp>>;
let editor: SessionHeaders;
let admin: SessionHeaders;
let viewer: SessionHeaders;
let otherAdmin: SessionHeaders;
let orgId: string;
let emails: Record<'editor' | 'admin' | 'viewer', string>;
let otherOrgId: string;
let productId: string;
let oldVersion: string;
let newVersion: string;

function api(
  who: SessionHeaders,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  payload?: object,
) {
  return harness.app.inject({
    method,
    url: `/api/v1/orgs/${orgId}${path}`,
    headers: { ...who },
    ...(payload ? { payload } : {}),
  });
}
const pair = (versionId: string, vulnerability = 'CVE-2022-39173') =>
  `/products/${productId}/versions/${versionId}/risk/${vulnerability}`;

/** Sessions last hours; a test that moves the clock by weeks signs in again. */
async function signInAll() {
  editor = await signInHeaders(harness.app, emails.editor);
  admin = await signInHeaders(harness.app, emails.admin);
  viewer = await signInHeaders(harness.app, emails.viewer);
}

async function moveClockTo(at: Date) {
  clock.set(at);
  await signInAll();
}

beforeAll(async () => {
  harness = await createTestApp({ clock });
  const org = await createTestOrganization(harness.deps, 'manufacturer');
  orgId = org.organization.id;
  emails = { editor: org.users.editor.email, admin: org.users.admin.email, viewer: org.users.viewer.email };
  await signInAll();
  const other = await createTestOrganization(harness.deps, 'manufacturer');
  otherOrgId = other.organization.id;
  otherAdmin = await signInHeaders(harness.app, other.users.admin.email);
  productId = (await api(editor, 'POST', '/products', { name: 'CardioLink' })).json().id;
  oldVersion = (await api(editor, 'POST', `/products/${productId}/versions`, { label: '4.0.0' })).json().id;
  newVersion = (
    await api(editor, 'POST', `/products/${productId}/versions`, { label: '4.1.0', unitsInField: 12_000 })
  ).json().id;
  for (const version of [oldVersion, newVersion]) {
    const upload = await harness.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${orgId}/products/${productId}/versions/${version}/sboms`,
      headers: { ...editor, 'content-type': 'application/json' },
      payload: medical,
    });
    expect(upload.statusCode, upload.body).toBe(201);
  }
  await importFeed(harness.deps, 'nvd', fixtures('nvd'));
});
afterAll(async () => harness?.close());

describe('the worklist', () => {
  it('lists each open (version, vulnerability) pair once, unassessed, with fleet exposure deciding between equals', async () => {
    const response = await api(viewer, 'GET', '/worklist');
    expect(response.statusCode, response.body).toBe(200);
    const { total, items } = response.json();
    expect(total).toBe(2);
    expect(items.map((i: { productVersion: { label: string } }) => i.productVersion.label)).toEqual([
      '4.1.0',
      '4.0.0',
    ]);
    expect(items[0]).toMatchObject({
      rank: 1,
      product: { id: productId, name: 'CardioLink' },
      productVersion: { unitsInField: 12_000 },
      vulnerability: { displayId: 'CVE-2022-39173', kevDateAdded: null },
      components: [{ name: 'WolfSSL', version: '4.8.1' }],
      confidence: 'high',
      assessment: null,
      triage: { state: 'new', acceptance: null },
      overdue: false,
    });
    // High severity (NVD 7.5): due 30 days after it was first seen.
    expect(items[0].slaSeverity).toBe('high');
    expect(items[0].triage.dueOn).toBe('2026-04-01');
  });

  it('refuses a filter it does not know with a 400 problem', async () => {
    const response = await api(viewer, 'GET', '/worklist?state=nonsense');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});

describe('assessing a pair', () => {
  const answers = {
    XAVN: 'yes',
    XAVT: 'yes',
    XACL: 'yes',
    XPRL: 'no',
    XUI: 'no',
    XS: 'no',
    ...Object.fromEntries(
      ['C', 'I', 'A'].flatMap((m) => ['P', 'D', 'T', 'W', 'S', 'O'].map((c) => [`X${m}${c}`, 'no'])),
    ),
    XAT: 'yes',
  };
  const assessment = {
    baseVectorSource: 'rubric',
    rubricAnswers: answers,
    harm: { severity: 'catastrophic' },
    ssvc: {
      automatable: 'yes',
      valueDensity: 'concentrated',
      missionPrevalence: 'essential',
      publicWellBeing: 'irreversible',
    },
    rationale: 'Infusion pump: loss of therapy availability can kill.',
  };

  it('shows the pair with its intelligence and components before any assessment', async () => {
    const response = await api(viewer, 'GET', pair(oldVersion));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      productVersion: { id: oldVersion, label: '4.0.0' },
      vulnerability: { displayId: 'CVE-2022-39173' },
      components: [{ name: 'WolfSSL' }],
      assessment: null,
      triage: { state: 'new', dueOn: '2026-04-01' },
    });
    expect(response.json().vulnerability.cvssVector).toMatch(/^CVSS:3\.1\//);
  });

  it('previews without saving: the rubric vector, the decision and the SSVC outcome', async () => {
    const response = await api(viewer, 'POST', `${pair(oldVersion)}/preview`, assessment);
    expect(response.statusCode, response.body).toBe(200);
    const results = response.json();
    expect(results.rubric).toMatchObject({ complete: true, mapping: { confirmed: false } });
    expect(results.base.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H');
    expect(results.decision).toMatchObject({ outcome: 'uncontrolled', rule: 'matrix' });
    expect(results.decision.matrix.confirmed).toBe(false);
    expect(results.ssvc).toMatchObject({
      exploitation: 'none',
      coordinator: expect.any(String),
      supplier: expect.any(String),
    });
    expect((await api(viewer, 'GET', pair(oldVersion))).json().assessment).toBeNull();
  });

  it('records revisions with who and when, audits them, and keeps the history append-only', async () => {
    const first = await api(editor, 'PUT', `${pair(oldVersion)}/assessment`, assessment);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ revision: 1, results: { decision: { outcome: 'uncontrolled' } } });
    expect(first.json().decidedBy.name).toMatch(/^editor of /);
    const second = await api(editor, 'PUT', `${pair(oldVersion)}/assessment`, {
      ...assessment,
      harm: { severity: 'minor' },
    });
    expect(second.json()).toMatchObject({ revision: 2, results: { decision: { outcome: 'controlled' } } });
    const history = (await api(viewer, 'GET', `${pair(oldVersion)}/history`)).json().items;
    expect(history.map((h: { revision: number }) => h.revision)).toEqual([2, 1]);
    expect(history[1].results.decision.outcome).toBe('uncontrolled');
    const audited = await harness.deps.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'risk_assessment.saved' AND organization_id = ${orgId}`,
    );
    expect(audited.rows[0]?.n).toBe(2);
    await expect(
      harness.deps.db.execute(sql`UPDATE risk_assessment_revisions SET revision = 9`),
    ).rejects.toThrow();
    // Back to uncontrolled: it now leads the worklist.
    await api(editor, 'PUT', `${pair(oldVersion)}/assessment`, assessment);
    const items = (await api(viewer, 'GET', '/worklist')).json().items;
    expect(items[0]).toMatchObject({
      productVersion: { label: '4.0.0' },
      assessment: { revision: 3, decision: 'uncontrolled' },
    });
    expect((await api(viewer, 'GET', '/worklist?decision=unassessed')).json().items).toHaveLength(1);
  });

  it('refuses bad input with the field at fault, and writes nothing', async () => {
    const bad = await api(editor, 'PUT', `${pair(newVersion)}/assessment`, {
      baseVectorSource: 'manual',
      manualVector: 'CVSS:3.1/AV:Q/AC:L',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid');
    expect(bad.json().errors).toEqual([{ path: 'manualVector', message: expect.stringContaining('AV') }]);
    const badEnvironment = await api(editor, 'POST', `${pair(newVersion)}/preview`, {
      environment: { MAV: 'Q' },
    });
    expect(badEnvironment.json().errors).toEqual([{ path: 'environment', message: expect.any(String) }]);
    const unknownQuestion = await api(editor, 'POST', `${pair(newVersion)}/preview`, {
      rubricAnswers: { XNOPE: 'yes' },
    });
    expect(unknownQuestion.statusCode).toBe(400);
    expect((await api(viewer, 'GET', pair(newVersion))).json().assessment).toBeNull();
  });

  it('answers 404 for a vulnerability not in the store and for another organisation’s version', async () => {
    expect((await api(viewer, 'GET', pair(oldVersion, 'CVE-1999-0001'))).statusCode).toBe(404);
    const foreign = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${otherOrgId}/products/${productId}/versions/${oldVersion}/risk/CVE-2022-39173`,
      headers: { ...otherAdmin },
    });
    expect(foreign.statusCode).toBe(404);
    expect(
      (
        await harness.app.inject({
          method: 'GET',
          url: `/api/v1/orgs/${otherOrgId}/worklist`,
          headers: { ...otherAdmin },
        })
      ).json(),
    ).toEqual({ total: 0, items: [] });
  });
});

describe('triage, acceptance and due dates', () => {
  it('not_affected needs a justification; with one it records the VEX statement and leaves the worklist', async () => {
    const missing = await api(editor, 'PUT', `${pair(newVersion)}/triage`, { state: 'not_affected' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ path: 'justification', message: expect.any(String) }]);

    const done = await api(editor, 'PUT', `${pair(newVersion)}/triage`, {
      state: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      note: 'TLS 1.3 session resumption is compiled out.',
    });
    expect(done.statusCode, done.body).toBe(200);
    const vex = (await api(viewer, 'GET', `/products/${productId}/versions/${newVersion}/vex`)).json();
    expect(JSON.stringify(vex)).toContain('vulnerable_code_not_in_execute_path');
    expect((await api(viewer, 'GET', '/worklist')).json().total).toBe(1);
    expect((await api(viewer, 'GET', '/worklist?state=not_affected')).json().items[0].productVersion.id).toBe(
      newVersion,
    );

    const back = await api(editor, 'PUT', `${pair(newVersion)}/triage`, { state: 'in_analysis' });
    expect(back.json()).toMatchObject({ state: 'in_analysis', justification: null });
    const after = (await api(viewer, 'GET', `/products/${productId}/versions/${newVersion}/vex`)).json();
    expect(JSON.stringify(after)).toContain('under_investigation');
    expect((await api(viewer, 'GET', '/worklist')).json().total).toBe(2);
  });

  it('flags overdue pairs; an active risk acceptance (admins only) lifts the flag until it expires', async () => {
    await moveClockTo(new Date(clock.now().getTime() + 40 * day));
    let items = (await api(viewer, 'GET', '/worklist?overdue=true')).json().items;
    expect(items.map((i: { productVersion: { id: string } }) => i.productVersion.id).sort()).toEqual(
      [oldVersion, newVersion].sort(),
    );
    const acceptance = {
      until: '2026-06-30',
      reason: 'Devices sit on an isolated VLAN until the 4.2 update ships.',
      compensatingControls: ['network isolation', 'TLS terminated at the gateway'],
    };
    expect((await api(editor, 'PUT', `${pair(newVersion)}/acceptance`, acceptance)).statusCode).toBe(403);
    const accepted = await api(admin, 'PUT', `${pair(newVersion)}/acceptance`, acceptance);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().acceptance).toMatchObject({ until: '2026-06-30', active: true });
    items = (await api(viewer, 'GET', '/worklist?overdue=true')).json().items;
    expect(items.map((i: { productVersion: { id: string } }) => i.productVersion.id)).toEqual([oldVersion]);

    const past = await api(admin, 'PUT', `${pair(newVersion)}/acceptance`, {
      ...acceptance,
      until: '2026-01-01',
    });
    expect(past.statusCode).toBe(400);

    await moveClockTo(new Date('2026-07-01T09:00:00Z'));
    const expired = (await api(viewer, 'GET', pair(newVersion))).json().triage.acceptance;
    expect(expired).toMatchObject({ active: false });
    expect((await api(viewer, 'GET', '/worklist?overdue=true')).json().total).toBe(2);

    const removed = await api(admin, 'DELETE', `${pair(newVersion)}/acceptance`);
    expect(removed.json().acceptance).toBeNull();
    expect((await api(admin, 'DELETE', `${pair(newVersion)}/acceptance`)).statusCode).toBe(404);
  });

  it('a KEV listing puts the pair ahead among equals, and the filter finds it', async () => {
    await importKevEntries(harness.deps, [
      {
        cveId: 'CVE-2022-39173',
        vendorProject: 'wolfSSL',
        product: 'wolfSSL',
        vulnerabilityName: 'wolfSSL buffer overflow (test entry)',
        dateAdded: '2026-07-01',
        dueDate: null,
        requiredAction: 'Apply updates.',
        knownRansomwareCampaignUse: 'Unknown',
      },
    ]);
    const items = (await api(viewer, 'GET', '/worklist?kev=true')).json().items;
    expect(items).toHaveLength(2);
    expect(items[0].vulnerability.kevDateAdded).toBe('2026-07-01');
    // Importing an advisory batch does not disturb assessments.
    expect((await importAdvisoryBatch(harness.deps, [])).records).toBe(0);
  });
});

describe('the organisation’s risk method', () => {
  it('starts from labelled, unconfirmed defaults', async () => {
    const settings = (await api(viewer, 'GET', '/risk/settings')).json();
    expect(settings.controlMatrix).toMatchObject({ confirmed: false, isDefault: true });
    expect(settings.rubricMapping).toMatchObject({ confirmed: false, isDefault: true });
    expect(settings.remediationSlaDays).toEqual({
      critical: 15,
      high: 30,
      medium: 90,
      low: 180,
      isDefault: true,
    });
    const rubric = (await api(viewer, 'GET', '/risk/rubric')).json();
    expect(rubric.questions.map((q: { id: string }) => q.id)).toContain('XAVN');
  });

  it('admins replace the matrix and SLA (audited); an incomplete matrix is refused', async () => {
    const cells = Object.fromEntries(
      ['negligible', 'minor', 'serious', 'critical', 'catastrophic'].map((s) => [
        s,
        Object.fromEntries(
          ['theoretical', 'low', 'medium', 'high'].map((e) => [
            e,
            s === 'negligible' ? 'controlled' : 'uncontrolled',
          ]),
        ),
      ]),
    );
    expect((await api(editor, 'PUT', '/risk/settings', { remediationSlaDays: null })).statusCode).toBe(403);
    const incomplete = await api(admin, 'PUT', '/risk/settings', {
      controlMatrix: { label: 'Acme v1', confirmed: true, cells: { minor: { low: 'controlled' } } },
    });
    expect(incomplete.statusCode).toBe(400);
    const saved = await api(admin, 'PUT', '/risk/settings', {
      controlMatrix: { label: 'Acme PSIRT matrix v1', confirmed: true, cells },
      remediationSlaDays: { critical: 7, high: 14, medium: 60, low: 120 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().controlMatrix).toMatchObject({
      label: 'Acme PSIRT matrix v1',
      confirmed: true,
      isDefault: false,
    });
    const preview = await api(viewer, 'POST', `${pair(oldVersion)}/preview`, { harm: { severity: 'minor' } });
    expect(preview.json().decision).toMatchObject({
      outcome: 'uncontrolled',
      matrix: { label: 'Acme PSIRT matrix v1', confirmed: true },
    });
    const audited = await harness.deps.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'risk_settings.updated' AND organization_id = ${orgId}`,
    );
    expect(audited.rows[0]?.n).toBe(1);
    const reset = await api(admin, 'PUT', '/risk/settings', { controlMatrix: null });
    expect(reset.json().controlMatrix.isDefault).toBe(true);
    expect(reset.json().remediationSlaDays).toMatchObject({ critical: 7, isDefault: false });
  });
});

describe('the version’s exposure profile, advisory text and incident facts', () => {
  it('rescoring starts from the version profile unless the assessment sets its own', async () => {
    const bad = await api(editor, 'PUT', `/products/${productId}/versions/${oldVersion}/risk-profile`, {
      environmentV3: { MAV: 'Q' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await api(viewer, 'GET', `/products/${productId}/versions/${oldVersion}/risk-profile`)).json(),
    ).toMatchObject({
      isSet: false,
    });
    const set = await api(editor, 'PUT', `/products/${productId}/versions/${oldVersion}/risk-profile`, {
      environmentV3: { MAV: 'A', MPR: 'L' },
      environmentV4: { MAV: 'A', MSI: 'S' },
      description: 'Clinical VLAN only; service login required.',
    });
    expect(set.statusCode, set.body).toBe(200);
    const fromProfile = (await api(viewer, 'POST', `${pair(newVersion)}/preview`, {})).json();
    expect(fromProfile.environmentSource).toBeNull();
    const onOld = (await api(viewer, 'POST', `${pair(oldVersion)}/preview`, {})).json();
    expect(onOld.environmentSource).toBe('version-profile');
    expect(onOld.environmental.vector).toContain('MAV:A/MPR:L');
    expect(onOld.score).toBeLessThan(onOld.base.baseScore);
    const own = (
      await api(viewer, 'POST', `${pair(oldVersion)}/preview`, { environment: { MAV: 'P' } })
    ).json();
    expect(own.environmentSource).toBe('assessment');
    expect(own.environmental.vector).toContain('MAV:P');
  });

  it('gives the advisory sentence and the incident facts of the decisions', async () => {
    const saved = await api(editor, 'PUT', `${pair(oldVersion)}/assessment`, {
      harm: { severity: 'serious', affectedDataClasses: ['D'], compensatingControls: ['network isolation'] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().results.advisoryText).toContain('CVE-2022-39173 in CardioLink 4.0.0 as controlled');
    expect(saved.json().results.advisoryText).toContain('network isolation');

    const { riskDecisionFacts } = await import('../src/modules/risk/index.ts');
    const vulnerabilityId = saved.json().vulnerability.id;
    const oldOnly = await riskDecisionFacts(harness.deps, orgId, [
      { productVersionId: oldVersion, vulnerabilityId },
    ]);
    expect(oldOnly).toEqual({
      riskControlled: true,
      enforcementDiscretionAvailable: true,
      assessed: 1,
      unassessed: 0,
    });
    const both = await riskDecisionFacts(harness.deps, orgId, [
      { productVersionId: oldVersion, vulnerabilityId },
      { productVersionId: newVersion, vulnerabilityId },
    ]);
    expect(both).toMatchObject({ riskControlled: null, assessed: 1, unassessed: 1 });
    await api(editor, 'PUT', `${pair(newVersion)}/assessment`, {
      harm: { severity: 'catastrophic', affectedDataClasses: ['T'], knownSeriousAdverseEvent: true },
    });
    expect(
      await riskDecisionFacts(harness.deps, orgId, [
        { productVersionId: oldVersion, vulnerabilityId },
        { productVersionId: newVersion, vulnerabilityId },
      ]),
    ).toEqual({ riskControlled: false, enforcementDiscretionAvailable: false, assessed: 2, unassessed: 0 });
    // Another organisation's facts know nothing of these decisions.
    expect(
      await riskDecisionFacts(harness.deps, otherOrgId, [{ productVersionId: oldVersion, vulnerabilityId }]),
    ).toMatchObject({ riskControlled: null, assessed: 0 });
  });
});

describe('risk decisions feed the incident', () => {
  it('suggests fda.riskControlled and a known adverse event from the linked pairs, and the markets', async () => {
    await api(editor, 'PATCH', `/products/${productId}`, { markets: ['US', 'DE'] });
    const incident = await api(editor, 'POST', '/incidents', {
      title: 'wolfSSL exploited on CardioLink',
      kind: 'exploited_vulnerability',
      productVersionIds: [oldVersion],
      vulnerabilities: ['CVE-2022-39173'],
      detectedAt: new Date(clock.now().getTime() - 3_600_000).toISOString(),
    });
    expect(incident.statusCode, incident.body).toBe(201);
    const id = incident.json().id;
    const controlled = (await api(viewer, 'GET', `/incidents/${id}/facts/suggestions`)).json();
    expect(controlled).toMatchObject({
      product: { markets: ['DE', 'US'] },
      fda: { riskControlled: true, seriousAdverseEventKnown: null },
      risk: { assessed: 1, unassessed: 0 },
    });
    await api(editor, 'PATCH', `/incidents/${id}`, { productVersionIds: [oldVersion, newVersion] });
    const uncontrolled = (await api(viewer, 'GET', `/incidents/${id}/facts/suggestions`)).json();
    expect(uncontrolled.fda).toEqual({ riskControlled: false, seriousAdverseEventKnown: true });
    expect(uncontrolled.basis.join(' ')).toContain('at least one is uncontrolled');
  });
});
