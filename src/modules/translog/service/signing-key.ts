import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { systemActor } from '../../../shared/actor.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import {
  ed25519PublicKeyBytes,
  ed25519Signer,
  ed25519Verifier,
  formatVerifierKey,
  type NoteSigner,
  type NoteVerifier,
} from '../domain/signed-note.ts';
import {
  findFirstStoredKey,
  findLatestCheckpoint,
  findStoredKey,
  insertKeyIfAbsent,
} from '../translog.repository.ts';

/** The log's key: its name is the origin; the private half is only reachable through `signer.sign`. */
export interface LogKey {
  origin: string;
  signer: NoteSigner;
  verifier: NoteVerifier;
  /** `<origin>+<key ID>+<base64(0x01 ‖ public key)>`, as /log/key serves it. */
  verifierKey: string;
}

function logKeyFrom(origin: string, privateKey: KeyObject): LogKey {
  const publicKey = ed25519PublicKeyBytes(privateKey);
  return {
    origin,
    signer: ed25519Signer(origin, privateKey),
    verifier: ed25519Verifier(origin, publicKey),
    verifierKey: formatVerifierKey(origin, publicKey),
  };
}

function configuredKey(value: string): KeyObject {
  return value.includes('-----BEGIN')
    ? createPrivateKey(value)
    : createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' });
}

/**
 * The log's origin (its name, and its key's): CANDOR_LOG_ORIGIN when set; else the one the log already
 * has (its latest checkpoint's, else its stored key's), so that a later PUBLIC_URL does not rename it;
 * else `<PUBLIC_URL host and path>/log`, taken when the log starts.
 */
export async function resolveLogOrigin(deps: Pick<Deps, 'db' | 'config'>): Promise<string> {
  if (deps.config.logOrigin) return deps.config.logOrigin;
  const latest = await findLatestCheckpoint(deps.db);
  const signed = latest?.note.slice(0, latest.note.indexOf('\n'));
  if (signed) return signed;
  const stored = await findFirstStoredKey(deps.db);
  if (stored) return stored.origin;
  const url = new URL(deps.config.publicUrl);
  return `${url.host}${url.pathname.replace(/\/+$/, '')}/log`;
}

/**
 * The key the log signs with: CANDOR_LOG_SIGNING_KEY when set; otherwise the one stored for this origin,
 * generated and stored (audited) on first use. Two processes that start at once store one key: the
 * loser of the insert reads the winner's. Call it before taking the log lock (key generation records an
 * audit event, and the audit lock is always taken before the log lock).
 */
export async function loadLogKey(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<LogKey> {
  const origin = await resolveLogOrigin(deps);
  if (deps.config.logSigningKey) return logKeyFrom(origin, configuredKey(deps.config.logSigningKey));
  const stored = await findStoredKey(deps.db, origin);
  if (stored)
    return logKeyFrom(
      origin,
      createPrivateKey({ key: stored.privateKeyPkcs8, format: 'der', type: 'pkcs8' }),
    );

  const { privateKey } = generateKeyPairSync('ed25519');
  const generated = logKeyFrom(origin, privateKey);
  await withTransaction(deps.db, async (tx) => {
    const inserted = await insertKeyIfAbsent(tx, {
      origin,
      keyId: generated.verifier.keyId.toString('hex'),
      publicKey: ed25519PublicKeyBytes(privateKey),
      privateKeyPkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }),
      createdAt: deps.clock.now(),
    });
    if (inserted)
      await recordAuditEvent(tx, deps.clock, systemActor('translog'), {
        action: 'translog.key-generated',
        organizationId: null,
        entityType: 'translog-key',
        entityId: generated.verifier.keyId.toString('hex'),
        after: { origin, verifierKey: generated.verifierKey },
      });
  });
  const winner = await findStoredKey(deps.db, origin);
  if (!winner) throw new Error('The transparency log key was not stored.');
  return logKeyFrom(origin, createPrivateKey({ key: winner.privateKeyPkcs8, format: 'der', type: 'pkcs8' }));
}

/** The log's origin and the verifier of its key, without generating one (verifier null: no key yet). */
export async function findLogVerifier(
  deps: Pick<Deps, 'db' | 'config'>,
): Promise<{ origin: string; verifier: NoteVerifier | null }> {
  const origin = await resolveLogOrigin(deps);
  if (deps.config.logSigningKey)
    return { origin, verifier: logKeyFrom(origin, configuredKey(deps.config.logSigningKey)).verifier };
  const stored = await findStoredKey(deps.db, origin);
  return { origin, verifier: stored ? ed25519Verifier(origin, stored.publicKey) : null };
}
