import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { DomainError } from '../../../shared/errors.ts';

/**
 * C2SP signed notes (c2sp.org/signed-note), as golang.org/x/mod/sumdb/note reads and writes them: a
 * UTF-8 text ending in a newline, an empty line, then one line per signature,
 * `— <key name> <base64(4-byte key ID ‖ signature)>`, with U+2014 (a hyphen is not accepted).
 * Ed25519 keys have type byte 0x01 and sign the text itself.
 */
export const ED25519_KEY_TYPE = 0x01;
const EM_DASH = '\u2014';
const MAX_SIGNATURES = 100;

export interface NoteSigner {
  name: string;
  keyId: Buffer;
  sign(message: Buffer): Buffer;
}

export interface NoteVerifier {
  name: string;
  keyId: Buffer;
  verify(message: Buffer, signature: Buffer): boolean;
}

export interface NoteSignature {
  name: string;
  keyId: Buffer;
  /** The signature bytes after the key ID. */
  signature: Buffer;
}

/** Key names are non-empty UTF-8 without Unicode spaces, control characters or `+`. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+\p{Cc}]/u.test(name) && !name.includes('\uFFFD');
}

/** Key ID = the first 4 bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key). */
export function computeKeyId(name: string, type: number, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(Buffer.from(`${name}\n`, 'utf8'))
    .update(Buffer.from([type]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

/** The raw 32 bytes of an Ed25519 key (a private key gives its public half). */
export function ed25519PublicKeyBytes(key: KeyObject): Buffer {
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
    throw new DomainError('invalid', 'Not an Ed25519 key.');
  return Buffer.from(jwk.x, 'base64url');
}

function ed25519KeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
}

function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) throw new DomainError('invalid', `"${name}" is not a valid key name.`);
}

export function ed25519Signer(name: string, privateKey: KeyObject): NoteSigner {
  assertKeyName(name);
  const publicKey = ed25519PublicKeyBytes(privateKey);
  return {
    name,
    keyId: computeKeyId(name, ED25519_KEY_TYPE, publicKey),
    sign: (message) => sign(null, message, privateKey),
  };
}

export function ed25519Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  assertKeyName(name);
  if (publicKey.length !== 32) throw new DomainError('invalid', 'An Ed25519 public key is 32 bytes.');
  const key = ed25519KeyObject(publicKey);
  return {
    name,
    keyId: computeKeyId(name, ED25519_KEY_TYPE, publicKey),
    verify: (message, signature) => signature.length === 64 && verify(null, message, key, signature),
  };
}

/** The verifier key text: `<name>+<8 hex key ID>+<base64(0x01 ‖ public key)>`. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  assertKeyName(name);
  const keyId = computeKeyId(name, ED25519_KEY_TYPE, publicKey);
  const material = Buffer.concat([Buffer.from([ED25519_KEY_TYPE]), publicKey]).toString('base64');
  return `${name}+${keyId.toString('hex')}+${material}`;
}

function strictBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** Reads a verifier key; throws `invalid` for anything but a well-formed Ed25519 key whose ID matches. */
export function parseVerifierKey(text: string): NoteVerifier & { publicKey: Buffer } {
  const parts = text.trim().split('+');
  // The name has no '+', the ID is hex; base64 may hold '+': re-join everything after the second '+'.
  const [name = '', id = '', ...rest] = parts;
  const material = strictBase64(rest.join('+'));
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(id) || !material)
    throw new DomainError('invalid', 'Malformed verifier key: expected <name>+<8 hex key ID>+<base64 key>.');
  if (material[0] !== ED25519_KEY_TYPE || material.length !== 33)
    throw new DomainError('invalid', 'Unsupported verifier key: only Ed25519 (type 0x01) keys are read.');
  const publicKey = material.subarray(1);
  const verifier = ed25519Verifier(name, publicKey);
  if (verifier.keyId.toString('hex') !== id)
    throw new DomainError('invalid', 'Verifier key ID does not match the name and key.');
  return { ...verifier, publicKey };
}

function assertNoteText(text: string): void {
  if (!text.endsWith('\n')) throw new DomainError('invalid', 'A note text ends with a newline.');
  if (/[\p{Cc}]/u.test(text.replace(/\n/g, '')) || text.includes('\uFFFD'))
    throw new DomainError('invalid', 'A note text has no control characters other than newlines.');
}

/** Signs `text` (which must end in a newline) with each signer, in order. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  assertNoteText(text);
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => {
    const blob = Buffer.concat([signer.keyId, signer.sign(message)]).toString('base64');
    return `${EM_DASH} ${signer.name} ${blob}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/** Splits a note into its text and signature lines; throws `invalid` when it is malformed. */
export function parseNote(note: string): { text: string; signatures: NoteSignature[] } {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new DomainError('invalid', 'Malformed note: no empty line before the signatures.');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  assertNoteText(text);
  if (!block.endsWith('\n')) throw new DomainError('invalid', 'Malformed note: no signature lines.');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new DomainError('invalid', 'Malformed note: too many signatures.');
  const signatures = lines.map((line) => {
    const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
    const blob = match ? strictBase64(match[2] as string) : null;
    if (!match || !blob || blob.length < 5 || !isValidKeyName(match[1] as string))
      throw new DomainError('invalid', `Malformed note signature line: ${JSON.stringify(line.slice(0, 80))}`);
    return { name: match[1] as string, keyId: blob.subarray(0, 4), signature: blob.subarray(4) };
  });
  return { text, signatures };
}

/**
 * Opens a signed note (signed-note §Verification): signatures by unknown (name, key ID) pairs are
 * ignored, a known key's failing signature rejects the note, and at least one known key must have
 * signed it. Returns the text and the names of the keys that verified; throws `invalid` otherwise.
 */
export function openNote(
  note: string,
  verifiers: readonly NoteVerifier[],
): { text: string; verifiedBy: string[] } {
  const { text, signatures } = parseNote(note);
  const message = Buffer.from(text, 'utf8');
  const verifiedBy: string[] = [];
  for (const signature of signatures) {
    const verifier = verifiers.find((v) => v.name === signature.name && v.keyId.equals(signature.keyId));
    if (!verifier) continue;
    if (!verifier.verify(message, signature.signature))
      throw new DomainError('invalid', `The signature of ${signature.name} on the note is not valid.`);
    verifiedBy.push(signature.name);
  }
  if (verifiedBy.length === 0)
    throw new DomainError('invalid', 'The note carries no signature by a known key.');
  return { text, verifiedBy };
}
