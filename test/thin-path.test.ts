import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preloadCsafValidator } from '../src/shared/csaf-validation.ts';
import {
  createTestOrganization,
  createTestUserIn,
  type SessionHeaders,
  signInHeaders,
} from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/**
 * Issue #2's thin path over HTTP: a manufacturer admin creates a product, records an incident and
 * drafts a disclosure; a second person approves it; it is published and public — drafts never are.
 */
let harness: Awaited<ReturnType<typeof createTestApp>>;
let orgId: string;
let otherOrgId: string;
let author: SessionHeaders;
let approver: SessionHeaders;
let outsider: SessionHeaders;

// Validating CSAF loads the validator's tests: seconds, once, outside the tests' time limits.
beforeAll(() => preloadCsafValidator('mandatory'), 300_000);

beforeAll(async () => {
  harness = await createTestApp();
  const acme = await createTestOrganization(harness.deps, 'manufacturer');
  const other = await createTestOrganization(harness.deps, 'manufacturer');
  orgId = acme.organization.id;
  otherOrgId = other.organization.id;
  author = await signInHeaders(harness.app, acme.users.admin.email);
  const second = await createTestUserIn(harness.deps, orgId, 'editor', 'second-person');
  approver = await signInHeaders(harness.app, second.email);
  outsider = await signInHeaders(harness.app, other.users.admin.email);
});

afterAll(async () => harness?.close());

async function request(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  who?: SessionHeaders,
  payload?: object,
) {
  const response = await harness.app.inject({
    method,
    url,
    headers: { ...(who ?? {}) },
    ...(payload ? { payload } : {}),
  });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}

describe('thin path: incident → four-eyes disclosure → public page', () => {
  let productId: string;
  let incidentId: string;
  let disclosureId: string;

  it('lets the manufacturer admin create a product and record an incident', async () => {
    const product = await request('POST', `/api/v1/orgs/${orgId}/products`, author, {
      name: 'PulseView Patient Monitor',
      description: 'Bedside monitor',
      modelNumbers: ['PV-9'],
    });
    expect(product.status).toBe(201);
    productId = product.body.id;

    const incident = await request('POST', `/api/v1/orgs/${orgId}/incidents`, author, {
      title: 'Hard-coded service password',
      description: 'Found in firmware 2.1',
      productIds: [productId],
      detectedAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(incident.status).toBe(201);
    expect(incident.body).toMatchObject({ status: 'triage', productIds: [productId] });
    incidentId = incident.body.id;
  });

  it('drafts a disclosure that nobody outside the organisation can see', async () => {
    const draft = await request('POST', `/api/v1/orgs/${orgId}/disclosures`, author, {
      incidentId,
      title: 'PulseView: hard-coded service password',
      summary: 'Update to 2.2',
      body: 'Details.',
      severity: 'critical',
      productIds: [productId],
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', revision: 1, incidentId });
    disclosureId = draft.body.id;

    const publicList = await request('GET', '/api/v1/public/disclosures');
    expect(publicList.body.items.map((d: { id: string }) => d.id)).not.toContain(disclosureId);
    expect((await request('GET', `/api/v1/public/disclosures/${disclosureId}`)).status).toBe(404);
    expect((await request('GET', `/api/v1/orgs/${orgId}/disclosures/${disclosureId}`, outsider)).status).toBe(
      403,
    );
    // Nor through the outsider's own organisation: ids are scoped to their organisation.
    expect(
      (await request('GET', `/api/v1/orgs/${otherOrgId}/disclosures/${disclosureId}`, outsider)).status,
    ).toBe(404);
    expect((await request('GET', `/api/v1/orgs/${otherOrgId}/disclosures`, outsider)).body.items).toEqual([]);
  });

  it('refuses approval by the author and publication before approval', async () => {
    const selfApproval = await request(
      'POST',
      `/api/v1/orgs/${orgId}/disclosures/${disclosureId}/approve`,
      author,
    );
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.detail).toMatch(/author cannot approve/);
    expect(
      (await request('POST', `/api/v1/orgs/${orgId}/disclosures/${disclosureId}/publish`, author)).status,
    ).toBe(412);
  });

  it('withdraws an approval when the text changes after it', async () => {
    expect(
      (await request('POST', `/api/v1/orgs/${orgId}/disclosures/${disclosureId}/approve`, approver)).status,
    ).toBe(200);
    const edited = await request('PATCH', `/api/v1/orgs/${orgId}/disclosures/${disclosureId}`, author, {
      summary: 'Update to firmware 2.2 or later.',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      status: 'draft',
      approvedByUserId: null,
      summary: 'Update to firmware 2.2 or later.',
    });
  });

  it('publishes after a second person approves, and the public sees it', async () => {
    const approved = await request(
      'POST',
      `/api/v1/orgs/${orgId}/disclosures/${disclosureId}/approve`,
      approver,
    );
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    const published = await request(
      'POST',
      `/api/v1/orgs/${orgId}/disclosures/${disclosureId}/publish`,
      author,
    );
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.publishedAt).not.toBeNull();

    const list = await request('GET', '/api/v1/public/disclosures');
    const item = list.body.items.find((d: { id: string }) => d.id === disclosureId);
    expect(item).toMatchObject({
      title: 'PulseView: hard-coded service password',
      severity: 'critical',
      products: [{ id: productId, name: 'PulseView Patient Monitor' }],
      url: `${harness.deps.config.publicUrl}/disclosures/${disclosureId}`,
    });
    expect(item.publisher.slug).toMatch(/^org-/);
    // The public view carries no internal fields.
    expect(Object.keys(item)).not.toContain('authorUserId');
    expect(Object.keys(item)).not.toContain('organizationId');

    const page = await request('GET', `/api/v1/public/disclosures/${disclosureId}`);
    expect(page.status).toBe(200);
    expect(page.body.summary).toBe('Update to firmware 2.2 or later.');
  });

  it('keeps the published text public while an edit starts the next revision, and audits every step', async () => {
    const before = await request('GET', `/api/v1/public/disclosures/${disclosureId}`);
    const edit = await request('PATCH', `/api/v1/orgs/${orgId}/disclosures/${disclosureId}`, author, {
      title: 'x',
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ status: 'draft', revision: 2, publishedRevision: 1 });
    const after = await request('GET', `/api/v1/public/disclosures/${disclosureId}`);
    expect(after.body.title).toBe(before.body.title);
    expect(after.body.revision).toBe(1);

    const audit = await request('GET', `/api/v1/orgs/${orgId}/audit-events?limit=100`, author);
    expect(audit.status).toBe(200);
    const actions = audit.body.items
      .filter((e: { entityId: string }) => e.entityId === disclosureId)
      .map((e: { action: string }) => e.action)
      .reverse();
    expect(actions).toEqual([
      'disclosure.drafted',
      'disclosure.approved',
      'disclosure.edited',
      'disclosure.approved',
      'disclosure.published',
      'disclosure.edited',
    ]);
  });

  it('pages the public list with a cursor', async () => {
    for (const title of ['Second', 'Third']) {
      const draft = await request('POST', `/api/v1/orgs/${orgId}/disclosures`, author, {
        title,
        summary: 's',
        severity: 'low',
      });
      await request('POST', `/api/v1/orgs/${orgId}/disclosures/${draft.body.id}/approve`, approver);
      await request('POST', `/api/v1/orgs/${orgId}/disclosures/${draft.body.id}/publish`, approver);
    }
    const first = await request('GET', '/api/v1/public/disclosures?limit=2');
    expect(first.body.items.map((d: { title: string }) => d.title)).toEqual(['Third', 'Second']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await request('GET', `/api/v1/public/disclosures?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((d: { id: string }) => d.id)).toEqual([disclosureId]);
    expect(second.body.nextCursor).toBeNull();
  });
});
