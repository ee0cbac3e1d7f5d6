import * as openpgp from 'openpgp';
import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { systemActor } from '../../../shared/actor.ts';
import { getOrganization } from '../../accounts/index.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import {
  findPublicSigningKeyByFingerprint,
  findSigningKey,
  insertSigningKeyIfAbsent,
  listPublicSigningKeys,
  type SigningKeyRow,
} from '../csaf-documents.repository.ts';

type KeyDeps = Pick<Deps, 'db' | 'clock'>;

/** What anyone may know of an organisation's CSAF signing key. */
export interface PublicSigningKey {
  /** Upper-case hex, as provider-metadata.json lists it. */
  fingerprint: string;
  /** ASCII-armored public key. */
  publicKey: string;
}

/**
 * The organisation's stored key row, made on first need. Kept private to this file: the row holds the
 * private key, which only `signDetached` uses and no exported function returns.
 *
 * Two first publications at once (two processes) store one key: the insert does nothing when a row
 * exists, and the re-read returns the winner's key. Called inside a transaction, the insert waits for a
 * concurrent uncommitted insert and then sees its row.
 */
async function ensureSigningKey(deps: KeyDeps, organizationId: string): Promise<SigningKeyRow> {
  const stored = await findSigningKey(deps.db, organizationId);
  if (stored) return stored;
  const organization = await getOrganization(deps, organizationId);
  const now = deps.clock.now();
  // Ed25519 (EdDSA) primary key with a Curve25519 encryption subkey, as v4 keys: what gpg, the Go CSAF
  // tools (ProtonMail go-crypto) and Sequoia all verify. The key does not expire: signatures must stay
  // verifiable for as long as the documents are served.
  const generated = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: `${organization.name} CSAF signing` }],
    date: now,
    format: 'object',
  });
  const fingerprint = generated.privateKey.getFingerprint().toUpperCase();
  await withTransaction(deps.db, async (tx) => {
    const inserted = await insertSigningKeyIfAbsent(tx, {
      organizationId,
      fingerprint,
      publicKey: generated.publicKey.armor(),
      privateKey: generated.privateKey.armor(),
      createdAt: now,
    });
    if (inserted)
      await recordAuditEvent(tx, deps.clock, systemActor('disclosures'), {
        action: 'disclosures.signing-key-generated',
        organizationId,
        entityType: 'csaf-signing-key',
        entityId: fingerprint,
        after: { fingerprint },
      });
  });
  const winner = await findSigningKey(deps.db, organizationId);
  if (!winner) throw new Error('The CSAF signing key was not stored.');
  return winner;
}

/** The organisation's public signing key, made (and audited) on first need. */
export async function organizationSigningKey(
  deps: KeyDeps,
  organizationId: string,
): Promise<PublicSigningKey> {
  const key = await ensureSigningKey(deps, organizationId);
  return { fingerprint: key.fingerprint, publicKey: key.publicKey };
}

/**
 * An ASCII-armored detached OpenPGP signature (CSAF 2.0 §7.1.19) of `text`'s UTF-8 bytes by the
 * organisation's key. A binary signature, so it verifies the exact bytes served (a text-mode signature
 * would canonicalise line endings).
 */
export async function signDetached(deps: KeyDeps, organizationId: string, text: string): Promise<string> {
  const key = await ensureSigningKey(deps, organizationId);
  const signingKey = await openpgp.readPrivateKey({ armoredKey: key.privateKey });
  const message = await openpgp.createMessage({ binary: new TextEncoder().encode(text) });
  return openpgp.sign({
    message,
    signingKeys: signingKey,
    detached: true,
    format: 'armored',
    date: deps.clock.now(),
  });
}

/** Every organisation's public key fingerprint (for the provider metadata), oldest key first. */
export async function listSigningKeyFingerprints(
  deps: Pick<Deps, 'db'>,
): Promise<{ organizationId: string; fingerprint: string; createdAt: Date }[]> {
  return listPublicSigningKeys(deps.db);
}

/** The armored public key with this fingerprint, or null. */
export async function findPublicKeyByFingerprint(
  deps: Pick<Deps, 'db'>,
  fingerprint: string,
): Promise<string | null> {
  const key = await findPublicSigningKeyByFingerprint(deps.db, fingerprint.toUpperCase());
  return key?.publicKey ?? null;
}
