import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allJobs } from '../src/main/deps.ts';
import { createProduct, createProductVersion, importSbom } from '../src/modules/devices/index.ts';
import type { DraftDisclosureInputRaw } from '../src/modules/disclosures/disclosures.contracts.ts';
import {
  approveDisclosure,
  draftDisclosure,
  publishDisclosure,
  publishDueDisclosures,
  updateDisclosure,
  withdrawDisclosure,
} from '../src/modules/disclosures/index.ts';
import { grantCustomerAccess } from '../src/modules/disclosures/service/customer-grants.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { preloadCsafValidator } from '../src/shared/csaf-validation.ts';
import { createTestOrganization, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';
import { userActor } from './support/translog.ts';

const clock = fixedClock(new Date('2026-11-02T09:00:00Z'));
let harness: Awaited<ReturnType<typeof createTestApp>>;

// The validator library takes seconds to load: once, before the tests' own time limits start.
beforeAll(() => preloadCsafValidator('mandatory'), 300_000);

beforeEach(async () => {
  clock.set(new Date('2026-11-02T09:00:00Z'));
  harness = await createTestApp({ clock, env: { PUBLIC_URL: 'https://candor.example' } });
});
afterEach(async () => harness.close());

const get = (url: string) => harness.app.inject({ method: 'GET', url });
const rows = async (query: ReturnType<typeof sql>) => (await harness.deps.db.execute(query)).rows;

/** A manufacturer with a pump in two versions (4.0 affected, 4.1 fixing it). */
async function manufacturer() {
  const deps = harness.deps;
  const { organization, users } = await createTestOrganization(deps, 'manufacturer');
  const editor = userActor(users.editor.id);
  const admin = userActor(users.admin.id);
  const product = await createProduct(deps, editor, organization.id, {
    name: 'Volumetric infusion pump',
    modelNumbers: ['VIP-200'],
  });
  const version = (label: string) =>
    createProductVersion(deps, editor, organization.id, product.id, {
      label,
      releasedOn: null,
      supportPhase: 'supported',
      endOfSupportOn: null,
    });
  const affected = await version('4.0');
  const fixed = await version('4.1');
  const advisory = (overrides: Partial<DraftDisclosureInputRaw> = {}): DraftDisclosureInputRaw => ({
    title: 'Buffer overflow in the pump TLS stack',
    summary: 'A crafted TLS handshake can stop the pump network module.',
    body: 'The network module restarts; infusion continues.',
    severity: 'high',
    productVersionIds: [affected.id],
    content: {
      vulnerabilities: [
        {
          cve: 'CVE-2022-39173',
          title: 'wolfSSL buffer overflow',
          description: 'wolfSSL before 5.5.1 overflows a buffer during TLS 1.3 resumption.',
          cwe: { id: 'CWE-787', name: 'Out-of-bounds Write' },
          cvssV3: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
          productStatus: [{ productVersionId: affected.id, status: 'known_affected' }],
        },
      ],
      remediations: [
        {
          category: 'vendor_fix',
          details: 'Install firmware 4.1.',
          productVersionIds: [affected.id],
          fixedVersionId: fixed.id,
        },
      ],
      patientHarm: 'The risk to patients is controlled: infusion continues without the network.',
      compensatingControls: ['Keep the pump on an isolated network segment.'],
    },
    ...overrides,
  });
  return { organization, users, editor, admin, product, affected, fixed, advisory };
}

async function publishNew(m: Awaited<ReturnType<typeof manufacturer>>, input = m.advisory()) {
  const draft = await draftDisclosure(harness.deps, m.editor, m.organization.id, input);
  await approveDisclosure(harness.deps, m.admin, m.organization.id, draft.id);
  return publishDisclosure(harness.deps, m.admin, m.organization.id, draft.id);
}

describe('publishing a disclosure', () => {
  it('publishes a validated, signed CSAF advisory and a public record that names the versions', async () => {
    const m = await manufacturer();
    const published = await publishNew(m);
    expect(published).toMatchObject({ status: 'published', revision: 1, publishedRevision: 1 });
    expect(published.trackingId).toBe(`${m.organization.slug.toUpperCase()}-2026-0001`);

    const record = (await get(`/api/v1/public/disclosures/${published.id}`)).json();
    expect(record).toMatchObject({
      kind: 'advisory',
      status: 'published',
      cves: ['CVE-2022-39173'],
      revision: 1,
      revisions: [{ number: 1, action: 'published', summary: 'Initial version' }],
    });
    expect(record.productVersions.map((v: { version: string }) => v.version).sort()).toEqual(['4.0', '4.1']);
    expect(record.content.patientHarm).toMatch(/controlled/);

    const [stored] = await rows(
      sql`SELECT tlp, path, document, sha256 FROM disclosures_csaf_documents WHERE disclosure_id = ${published.id}`,
    );
    expect(stored?.tlp).toBe('WHITE');
    expect(record.csaf.json).toBe(`https://candor.example/.well-known/csaf/white/${stored?.path}`);
    const document = JSON.parse(String(stored?.document));
    expect(document.document.category).toBe('csaf_security_advisory');
    expect(document.document.tracking).toMatchObject({
      id: published.trackingId,
      version: '1',
      status: 'final',
    });
    expect(document.vulnerabilities[0].product_status.fixed).toHaveLength(1);
    expect(createHash('sha256').update(String(stored?.document)).digest('hex')).toBe(stored?.sha256);

    const [entry] = await rows(sql`SELECT statement FROM translog_entries`);
    expect((entry?.statement as { csafSha256: string } | undefined)?.csafSha256).toBe(stored?.sha256);
  });

  it('refuses publication when the CSAF document fails a mandatory test, naming it', async () => {
    const m = await manufacturer();
    const input = m.advisory();
    const [vulnerability] = input.content?.vulnerabilities ?? [];
    if (vulnerability) vulnerability.cwe = { id: 'CWE-787', name: 'Not the name of CWE-787' };
    const draft = await draftDisclosure(harness.deps, m.editor, m.organization.id, input);
    await approveDisclosure(harness.deps, m.admin, m.organization.id, draft.id);
    await expect(publishDisclosure(harness.deps, m.admin, m.organization.id, draft.id)).rejects.toThrow(
      /mandatoryTest_6_1_11/,
    );
    expect(await rows(sql`SELECT 1 FROM disclosures_revisions`)).toHaveLength(0);
    expect(await rows(sql`SELECT 1 FROM translog_entries`)).toHaveLength(0);
    expect((await get(`/api/v1/public/disclosures/${draft.id}`)).statusCode).toBe(404);
  });
});

describe('revisions and withdrawal', () => {
  it('keeps the published revision public while the next one is drafted, approved and published', async () => {
    const m = await manufacturer();
    const published = await publishNew(m);
    const editing = await updateDisclosure(harness.deps, m.editor, m.organization.id, published.id, {
      summary: 'A crafted TLS handshake can stop the network module; firmware 4.1 fixes it.',
    });
    expect(editing).toMatchObject({ status: 'draft', revision: 2, publishedRevision: 1 });
    expect((await get(`/api/v1/public/disclosures/${published.id}`)).json().revision).toBe(1);

    await expect(approveDisclosure(harness.deps, m.admin, m.organization.id, published.id)).rejects.toThrow(
      /needs a summary/,
    );
    await updateDisclosure(harness.deps, m.editor, m.organization.id, published.id, {
      revisionSummary: 'Summary names the fixed firmware.',
    });
    await expect(approveDisclosure(harness.deps, m.editor, m.organization.id, published.id)).rejects.toThrow(
      /author cannot approve/,
    );
    await approveDisclosure(harness.deps, m.admin, m.organization.id, published.id);
    clock.advance(3_600_000);
    await publishDisclosure(harness.deps, m.admin, m.organization.id, published.id);

    const record = (await get(`/api/v1/public/disclosures/${published.id}`)).json();
    expect(record.revision).toBe(2);
    expect(record.summary).toMatch(/firmware 4.1 fixes it/);
    expect(record.revisions.map((r: { action: string }) => r.action)).toEqual(['published', 'revised']);
    expect(record.initialReleaseAt).toBe('2026-11-02T09:00:00.000Z');
    const documents = await rows(
      sql`SELECT document FROM disclosures_csaf_documents WHERE disclosure_id = ${published.id} ORDER BY revision_number`,
    );
    const latest = JSON.parse(String(documents.at(-1)?.document));
    expect(latest.document.tracking.version).toBe('2');
    expect(latest.document.tracking.revision_history.map((r: { summary: string }) => r.summary)).toEqual([
      'Initial version',
      'Summary names the fixed firmware.',
    ]);
    const statements = await rows(sql`SELECT statement FROM translog_entries ORDER BY index`);
    expect(statements.map((s) => (s.statement as { action: string }).action)).toEqual([
      'published',
      'revised',
    ]);
  });

  it('keeps the audience of a published record: no TLP change, which would unpublish it unlogged', async () => {
    const m = await manufacturer();
    const published = await publishNew(m);
    await expect(
      updateDisclosure(harness.deps, m.editor, m.organization.id, published.id, { tlp: 'AMBER' }),
    ).rejects.toThrow(/keeps its audience \(TLP:CLEAR\)/);
    // A draft still chooses its audience freely.
    const draft = await draftDisclosure(harness.deps, m.editor, m.organization.id, m.advisory());
    expect(
      (await updateDisclosure(harness.deps, m.editor, m.organization.id, draft.id, { tlp: 'AMBER' })).tlp,
    ).toBe('AMBER');
  });

  it('links the SBOM of each version in its CSAF document, readable by members and granted customers only', async () => {
    const m = await manufacturer();
    const sbom = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [] });
    await importSbom(
      harness.deps,
      m.editor,
      { organizationId: m.organization.id, productId: m.product.id, versionId: m.affected.id },
      new TextEncoder().encode(sbom),
    );
    const published = await publishNew(m);
    const [stored] = await rows(
      sql`SELECT document FROM disclosures_csaf_documents WHERE disclosure_id = ${published.id} AND tlp = 'WHITE'`,
    );
    const urls = JSON.stringify(JSON.parse(String(stored?.document)).product_tree).match(
      /https:\/\/candor\.example(\/api\/v1\/customer-channel\/[^"]+)/,
    );
    expect(urls, 'an sbom_urls entry').not.toBeNull();
    const path = (urls as RegExpMatchArray)[1] as string;

    const hospital = await createTestOrganization(harness.deps, 'hdo');
    const other = await createTestOrganization(harness.deps, 'hdo');
    const asUser = async (email: string) =>
      harness.app.inject({
        method: 'GET',
        url: path,
        headers: { ...(await signInHeaders(harness.app, email)) },
      });
    expect((await get(path)).statusCode).toBe(401);
    const member = await asUser(m.users.viewer.email);
    expect(member.statusCode).toBe(200);
    expect(member.body).toBe(sbom);
    expect((await asUser(hospital.users.viewer.email)).statusCode).toBe(404);
    await grantCustomerAccess(harness.deps, m.admin, m.organization.id, {
      recipientOrganizationSlug: hospital.organization.slug,
    });
    const granted = await asUser(hospital.users.viewer.email);
    expect(granted.statusCode).toBe(200);
    expect(granted.headers.etag).toBe(`"${createHash('sha256').update(sbom).digest('hex')}"`);
    const refused = await asUser(other.users.viewer.email);
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });

  it('withdraws with a reason in a final revision, and refuses edits afterwards', async () => {
    const m = await manufacturer();
    const published = await publishNew(m);
    const withdrawn = await withdrawDisclosure(
      harness.deps,
      m.admin,
      m.organization.id,
      published.id,
      'Issued in error.',
    );
    expect(withdrawn).toMatchObject({ status: 'withdrawn', publishedRevision: 2 });
    const record = (await get(`/api/v1/public/disclosures/${published.id}`)).json();
    expect(record).toMatchObject({ status: 'withdrawn', revision: 2 });
    expect(record.revisions.at(-1)).toMatchObject({
      action: 'withdrawn',
      summary: 'Withdrawn: Issued in error.',
    });
    const [last] = await rows(
      sql`SELECT document FROM disclosures_csaf_documents WHERE disclosure_id = ${published.id} ORDER BY revision_number DESC LIMIT 1`,
    );
    expect(JSON.parse(String(last?.document)).document.title).toMatch(/^WITHDRAWN: /);
    await expect(
      updateDisclosure(harness.deps, m.editor, m.organization.id, published.id, { title: 'Back again' }),
    ).rejects.toThrow(/withdrawn/);
    await expect(
      withdrawDisclosure(harness.deps, m.admin, m.organization.id, published.id, 'again'),
    ).rejects.toThrow(/withdrawn already/);
  });

  it('refuses UPDATE and DELETE of published revisions', async () => {
    const m = await manufacturer();
    await publishNew(m);
    const failure = (query: ReturnType<typeof sql>) =>
      harness.deps.db.execute(query).then(
        () => 'no error',
        (error: Error & { cause?: Error }) => `${error.message} ${error.cause?.message ?? ''}`,
      );
    expect(await failure(sql`UPDATE disclosures_revisions SET title = 'edited'`)).toMatch(/append-only/);
    expect(await failure(sql`DELETE FROM disclosures_csaf_documents`)).toMatch(/append-only/);
  });
});

describe('embargo', () => {
  it('publishes an approved record automatically when its embargo ends, not before', async () => {
    const m = await manufacturer();
    const draft = await draftDisclosure(
      harness.deps,
      m.editor,
      m.organization.id,
      m.advisory({ embargoUntil: '2026-11-03T12:00:00Z' }),
    );
    await approveDisclosure(harness.deps, m.admin, m.organization.id, draft.id);
    await expect(publishDisclosure(harness.deps, m.admin, m.organization.id, draft.id)).rejects.toThrow(
      /embargo/,
    );
    expect(await publishDueDisclosures(harness.deps)).toEqual({ published: 0, failed: 0 });
    // One that will fail validation when its embargo ends (a CWE id with another CWE's name).
    const failing = m.advisory({ embargoUntil: '2026-11-03T12:00:00Z' });
    const [vulnerability] = failing.content?.vulnerabilities ?? [];
    if (vulnerability) vulnerability.cwe = { id: 'CWE-787', name: 'Not the name of CWE-787' };
    const broken = await draftDisclosure(harness.deps, m.editor, m.organization.id, failing);
    await approveDisclosure(harness.deps, m.admin, m.organization.id, broken.id);

    // The server runs it as the scheduled job every minute.
    const job = allJobs(harness.deps).find((j) => j.name === 'disclosures.publish-due');
    expect(job?.schedule).toBe('* * * * *');
    clock.set(new Date('2026-11-03T12:00:00Z'));
    await job?.handler({});
    const record = (await get(`/api/v1/public/disclosures/${draft.id}`)).json();
    expect(record.publishedAt).toBe('2026-11-03T12:00:00.000Z');
    // The failing one stays approved and private, and the failure is audited.
    expect((await get(`/api/v1/public/disclosures/${broken.id}`)).statusCode).toBe(404);
    const [state] = await rows(sql`SELECT status FROM disclosures_disclosures WHERE id = ${broken.id}`);
    expect(state?.status).toBe('approved');
    const failures = await rows(
      sql`SELECT 1 FROM audit_events WHERE action = 'disclosure.publication_failed' AND entity_id = ${broken.id}`,
    );
    expect(failures).toHaveLength(1);
  });
});

describe('public reads', () => {
  it('filters by manufacturer, product, CVE, severity, kind and date; never shows customer-only records', async () => {
    const m = await manufacturer();
    const other = await manufacturer();
    const pump = await publishNew(m);
    clock.advance(86_400_000);
    const notice = await publishNew(other, {
      ...other.advisory(),
      kind: 'incident_notice',
      title: 'Ransomware at a service partner',
      severity: 'medium',
      content: { incident: { whatHappened: 'A service partner was attacked.' } },
      productVersionIds: [],
      productIds: [other.product.id],
    });
    const amber = await publishNew(m, {
      ...m.advisory(),
      tlp: 'AMBER',
      title: 'Customer-only advisory',
      content: { ...m.advisory().content, customer: { tlp: 'AMBER', details: 'Secret workaround' } },
    });
    const ids = async (query: string) =>
      (await get(`/api/v1/public/disclosures?${query}`)).json().items.map((d: { id: string }) => d.id);

    expect(await ids('')).toEqual([notice.id, pump.id]);
    expect(await ids(`manufacturer=${m.organization.slug}`)).toEqual([pump.id]);
    expect(await ids('manufacturer=nobody')).toEqual([]);
    expect(await ids(`product=${other.product.id}`)).toEqual([notice.id]);
    expect(await ids('cve=CVE-2022-39173')).toEqual([pump.id]);
    expect(await ids('severity=medium')).toEqual([notice.id]);
    expect(await ids('kind=incident_notice')).toEqual([notice.id]);
    expect(await ids('from=2026-11-03')).toEqual([notice.id]);
    expect(await ids('to=2026-11-02')).toEqual([pump.id]);
    expect((await get('/api/v1/public/disclosures?cve=log4shell')).statusCode).toBe(400);
    expect((await get(`/api/v1/public/disclosures/${amber.id}`)).statusCode).toBe(404);
    expect(JSON.stringify((await get('/api/v1/public/disclosures')).json())).not.toMatch(/Secret workaround/);

    const feed = await get('/disclosures/feed.atom');
    expect(feed.headers['content-type']).toMatch(/application\/atom\+xml/);
    expect(feed.body).toContain(`urn:uuid:${pump.id}`);
    expect(feed.body).toContain('Ransomware at a service partner');
    expect(feed.body).not.toContain('Customer-only advisory');
    // Links go to pages the portal has: its home page lists the publications.
    expect(feed.body).toContain('<link rel="alternate" type="text/html" href="https://candor.example/"/>');
    const [amberDocument] = await rows(
      sql`SELECT document FROM disclosures_csaf_documents WHERE disclosure_id = ${amber.id}`,
    );
    expect(String(amberDocument?.document)).toContain(
      `https://candor.example/?manufacturer=${m.organization.slug}`,
    );
  });

  it('puts customer-only details into a companion document, never into the public one', async () => {
    const m = await manufacturer();
    const published = await publishNew(m, {
      ...m.advisory(),
      content: { ...m.advisory().content, customer: { tlp: 'GREEN', details: 'Service-menu workaround' } },
    });
    const documents = await rows(
      sql`SELECT tlp, tracking_id, document FROM disclosures_csaf_documents WHERE disclosure_id = ${published.id} ORDER BY tlp`,
    );
    expect(documents.map((d) => [d.tlp, d.tracking_id])).toEqual([
      ['GREEN', `${published.trackingId}-CUSTOMER`],
      ['WHITE', published.trackingId],
    ]);
    expect(String(documents[0]?.document)).toContain('Service-menu workaround');
    expect(String(documents[1]?.document)).not.toContain('Service-menu workaround');
    expect((await get(`/api/v1/public/disclosures/${published.id}`)).body).not.toContain(
      'Service-menu workaround',
    );
  });
});
