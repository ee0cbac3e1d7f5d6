import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization } from '../../../../test/factories/accounts.ts';
import { createTestDeps, type TestDeps } from '../../../../test/support/test-deps.ts';
import { newId } from '../../../shared/ids.ts';
import { storeCsafDocument } from './csaf-files.ts';
import { findPublicKeyByFingerprint, organizationSigningKey, signDetached } from './signing-keys.ts';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => deps?.close());

const count = async (query: ReturnType<typeof sql>) => Number((await deps.db.execute(query)).rows[0]?.n ?? 0);

function documentText(trackingId: string, tlp: string): string {
  return `${JSON.stringify({ document: { distribution: { tlp: { label: tlp } }, tracking: { id: trackingId } } }, null, 2)}\n`;
}

function input(organizationId: string, trackingId: string, tlp: 'WHITE' | 'GREEN' | 'AMBER') {
  return {
    revisionId: newId(),
    disclosureId: newId(),
    organizationId,
    revisionNumber: 1,
    tlp,
    trackingId,
    fileName: `${trackingId.toLowerCase()}.json`,
    initialReleaseAt: new Date('2023-12-31T23:59:00Z'),
    currentReleaseAt: new Date('2024-01-02T00:00:00Z'),
    document: documentText(trackingId, tlp),
  };
}

describe('signing keys', () => {
  it('makes one key per organisation even when two first uses race, and audits it once', async () => {
    const { organization } = await createTestOrganization(deps);
    const [a, b] = await Promise.all([
      organizationSigningKey(deps, organization.id),
      organizationSigningKey(deps, organization.id),
    ]);
    expect(a).toEqual(b);
    expect(a.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(Object.keys(a).sort()).toEqual(['fingerprint', 'publicKey']);
    expect(a.publicKey).toContain('BEGIN PGP PUBLIC KEY BLOCK');
    expect(a.publicKey).not.toContain('PRIVATE KEY');
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM disclosures_signing_keys WHERE organization_id = ${organization.id}`,
      ),
    ).toBe(1);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'disclosures.signing-key-generated' AND organization_id = ${organization.id}`,
      ),
    ).toBe(1);

    const key = await openpgp.readKey({ armoredKey: a.publicKey });
    expect(key.isPrivate()).toBe(false);
    expect(key.getFingerprint().toUpperCase()).toBe(a.fingerprint);
    expect((await key.getPrimaryUser()).user.userID?.userID).toBe(`${organization.name} CSAF signing`);
    expect(await findPublicKeyByFingerprint(deps, a.fingerprint.toLowerCase())).toBe(a.publicKey);
  });

  it('signs the exact bytes, verifiable with the public key only', async () => {
    const { organization } = await createTestOrganization(deps);
    const text = '{"a": "ü"}\r\n';
    const armoredSignature = await signDetached(deps, organization.id, text);
    const { publicKey } = await organizationSigningKey(deps, organization.id);
    const verificationKeys = await openpgp.readKey({ armoredKey: publicKey });
    const verify = async (bytes: string) => {
      const result = await openpgp.verify({
        message: await openpgp.createMessage({ binary: new TextEncoder().encode(bytes) }),
        signature: await openpgp.readSignature({ armoredSignature }),
        verificationKeys,
      });
      return result.signatures[0]?.verified.then(
        () => true,
        () => false,
      );
    };
    expect(await verify(text)).toBe(true);
    // A text-mode signature would accept other line endings; this one vouches for the bytes.
    expect(await verify('{"a": "ü"}\n')).toBe(false);
  });
});

describe('storeCsafDocument', () => {
  it('stores the document under its initial release year with hashes and a signature', async () => {
    const { organization } = await createTestOrganization(deps);
    const stored = await storeCsafDocument(deps, input(organization.id, 'ACME-2023-0042', 'AMBER'));
    const bytes = Buffer.from(stored.document, 'utf8');
    expect(stored).toMatchObject({
      path: '2023/acme-2023-0042.json',
      tlp: 'AMBER',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sha512: createHash('sha512').update(bytes).digest('hex'),
    });
    expect(stored.signature).toContain('BEGIN PGP SIGNATURE');
    expect(
      await count(sql`SELECT count(*)::int AS n FROM disclosures_csaf_documents WHERE id = ${stored.id}`),
    ).toBe(1);
  });

  it('refuses a file name other than §5.1, and a document labelled or identified otherwise', async () => {
    const { organization } = await createTestOrganization(deps);
    await expect(
      storeCsafDocument(deps, {
        ...input(organization.id, 'ACME-2024-1', 'WHITE'),
        fileName: 'ACME-2024-1.json',
      }),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      storeCsafDocument(deps, {
        ...input(organization.id, 'ACME-2024-2', 'WHITE'),
        document: documentText('ACME-2024-2', 'AMBER'),
      }),
    ).rejects.toMatchObject({ code: 'invalid', message: /labelled AMBER/ });
    await expect(
      storeCsafDocument(deps, {
        ...input(organization.id, 'ACME-2024-3', 'WHITE'),
        document: documentText('ACME-2024-9', 'WHITE'),
      }),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      storeCsafDocument(deps, { ...input(organization.id, 'ACME-2024-4', 'WHITE'), document: '{' }),
    ).rejects.toMatchObject({ code: 'invalid' });
  });
});
