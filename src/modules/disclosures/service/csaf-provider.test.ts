import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization } from '../../../../test/factories/accounts.ts';
import { createTestDeps, type TestDeps } from '../../../../test/support/test-deps.ts';
import type { Principal } from '../../../shared/access.ts';
import { newId } from '../../../shared/ids.ts';
import { storeCsafDocument } from './csaf-files.ts';
import { csafReaderOf, getChangesCsv, getCsafFeed, getCsafFile, getIndexTxt } from './csaf-provider.ts';
import { grantCustomerAccess } from './customer-grants.ts';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps({ env: { PUBLIC_URL: 'https://candor.example' } });
});
afterAll(async () => deps?.close());

/** A stand-in document: the provider serves bytes, so only the label and tracking id matter here. */
async function store(
  organizationId: string,
  disclosureId: string,
  revisionNumber: number,
  tlp: 'WHITE' | 'GREEN' | 'AMBER',
  trackingId: string,
  currentReleaseAt: string,
) {
  await storeCsafDocument(deps, {
    revisionId: newId(),
    disclosureId,
    organizationId,
    revisionNumber,
    tlp,
    trackingId,
    fileName: `${trackingId.toLowerCase()}.json`,
    initialReleaseAt: new Date('2024-01-01T00:00:00Z'),
    currentReleaseAt: new Date(currentReleaseAt),
    document: JSON.stringify({
      document: { title: trackingId, distribution: { tlp: { label: tlp } }, tracking: { id: trackingId } },
    }),
  });
}

const ids = async (tlp: 'WHITE' | 'GREEN' | 'AMBER', reader: ReturnType<typeof csafReaderOf>) =>
  (JSON.parse((await getCsafFeed(deps, tlp, reader)).body).feed.entry as { id: string }[]).map((e) => e.id);

describe('csafReaderOf', () => {
  const memberships = [
    { organizationId: 'a', organizationKind: 'hdo' as const, role: 'viewer' as const },
    { organizationId: 'b', organizationKind: 'hdo' as const, role: 'admin' as const },
  ];
  it('reads for every membership of a session, and only the organisation of an API token', () => {
    const session: Principal = { userId: 'u', via: 'session', memberships };
    expect(csafReaderOf(session)).toEqual({ organizationIds: ['a', 'b'] });
    const token: Principal = {
      ...session,
      via: 'token',
      token: { id: 't', organizationId: 'b', scopes: ['read'] },
    };
    expect(csafReaderOf(token)).toEqual({ organizationIds: ['b'] });
    expect(csafReaderOf(null)).toBeNull();
  });
});

describe('served documents', () => {
  it('serves only the latest revision of a disclosure, and only the labels that revision carries', async () => {
    const { organization } = await createTestOrganization(deps);
    const reader = { organizationIds: [organization.id] };
    const disclosure = newId();
    await store(organization.id, disclosure, 1, 'WHITE', 'LATEST-1', '2024-01-01T00:00:00Z');
    await store(organization.id, disclosure, 1, 'AMBER', 'LATEST-1', '2024-01-01T00:00:00Z');
    expect(await ids('AMBER', reader)).toEqual(['LATEST-1']);
    // Revision 2 has no customer companion: the AMBER document of revision 1 is withdrawn with it.
    await store(organization.id, disclosure, 2, 'WHITE', 'LATEST-1', '2024-02-01T00:00:00Z');
    expect(await ids('AMBER', reader)).toEqual([]);
    await expect(getCsafFile(deps, 'AMBER', reader, '2024', 'latest-1.json')).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await getChangesCsv(deps, 'WHITE', null)).body).toBe(
      '"2024/latest-1.json","2024-02-01T00:00:00.000Z"\n',
    );
    expect((await getIndexTxt(deps, 'WHITE', null)).body).toBe('2024/latest-1.json\n');
  });

  it('shows AMBER to the publisher and its grantees only; refuses anonymous readers of customer labels', async () => {
    const manufacturer = await createTestOrganization(deps);
    const hospital = await createTestOrganization(deps, 'hdo');
    await store(manufacturer.organization.id, newId(), 1, 'AMBER', 'AMBER-9', '2024-03-01T00:00:00Z');
    await store(manufacturer.organization.id, newId(), 1, 'GREEN', 'GREEN-9', '2024-03-01T00:00:00Z');
    const hospitalReader = { organizationIds: [hospital.organization.id] };
    expect(await ids('AMBER', { organizationIds: [manufacturer.organization.id] })).toContain('AMBER-9');
    expect(await ids('AMBER', hospitalReader)).not.toContain('AMBER-9');
    expect(await ids('GREEN', hospitalReader)).toContain('GREEN-9');
    await grantCustomerAccess(deps, { kind: 'system', name: 'test' }, manufacturer.organization.id, {
      recipientOrganizationSlug: hospital.organization.slug,
    });
    expect(await ids('AMBER', hospitalReader)).toContain('AMBER-9');
    const file = await getCsafFile(deps, 'AMBER', hospitalReader, '2024', 'amber-9.json.sha256');
    expect(file.body).toMatch(/^[0-9a-f]{64} {2}amber-9\.json\n$/);
    await expect(getCsafFeed(deps, 'GREEN', null)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(getCsafFile(deps, 'AMBER', null, '2024', 'amber-9.json')).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });
});
