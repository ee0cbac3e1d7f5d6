import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, parseCheckpoint } from './checkpoint.ts';
import { EMPTY_TREE_ROOT, hashLeaf } from './merkle.ts';
import {
  ed25519PublicKeyBytes,
  ed25519Signer,
  ed25519Verifier,
  formatVerifierKey,
  openNote,
  parseNote,
  parseVerifierKey,
  signNote,
} from './signed-note.ts';

/**
 * The example key and note of the Go reference implementation, golang.org/x/mod/sumdb/note
 * (note_test.go, "PeterNeumann"). Ed25519 is deterministic (RFC 8032), so signing the text with the
 * private key must give the published signature byte for byte.
 */
const vkey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const skey = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const text =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const signed = `${text}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

/** Go's private key text: PRIVATE+KEY+<name>+<id>+base64(0x01 ‖ 32-byte seed). */
function goPrivateKey(text: string) {
  const parts = text.split('+');
  const name = parts[2] ?? '';
  // The base64 key material may itself hold '+'.
  const seed = Buffer.from(parts.slice(4).join('+'), 'base64').subarray(1);
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return { name, key: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }) };
}

describe('signed notes', () => {
  it('matches the Go reference key ID, verifier key and signature byte for byte', () => {
    const { name, key } = goPrivateKey(skey);
    const signer = ed25519Signer(name, key);
    expect(signer.keyId.toString('hex')).toBe('c74f20a3');
    expect(formatVerifierKey(name, ed25519PublicKeyBytes(key))).toBe(vkey);
    expect(signNote(text, [signer])).toBe(signed);
    expect(openNote(signed, [parseVerifierKey(vkey)])).toEqual({ text, verifiedBy: ['PeterNeumann'] });
  });

  it('round-trips a fresh key through its verifier key', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const signer = ed25519Signer('example.com/log', privateKey);
    const verifier = parseVerifierKey(
      formatVerifierKey('example.com/log', ed25519PublicKeyBytes(privateKey)),
    );
    expect(verifier.keyId).toEqual(signer.keyId);
    const note = signNote('hello\n', [signer]);
    expect(openNote(note, [verifier]).text).toBe('hello\n');
  });

  it('rejects an edited text, a hyphen for the em dash, and a note nobody known signed', () => {
    const verifier = parseVerifierKey(vkey);
    expect(() => openNote(signed.replace('cryptography', 'cryptographY'), [verifier])).toThrow(/not valid/);
    expect(() => openNote(signed.replace('—', '-'), [verifier])).toThrow(/Malformed/);
    const { privateKey } = generateKeyPairSync('ed25519');
    const stranger = ed25519Verifier('Stranger', ed25519PublicKeyBytes(privateKey));
    expect(() => openNote(signed, [stranger])).toThrow(/no signature by a known key/);
  });

  it('ignores signatures of unknown keys beside a known one', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const other = signNote(text, [ed25519Signer('Other', privateKey)]);
    const both = `${signed}${other.slice(other.lastIndexOf('\n\n') + 2)}`;
    expect(parseNote(both).signatures.map((s) => s.name)).toEqual(['PeterNeumann', 'Other']);
    expect(openNote(both, [parseVerifierKey(vkey)]).verifiedBy).toEqual(['PeterNeumann']);
  });

  it('refuses malformed notes and verifier keys', () => {
    for (const bad of [
      text,
      `${text}\n`,
      `${text}\n— PeterNeumann !!!\n`,
      `no newline\n\n— A AAAAAAA=\n`.slice(0, -1),
    ])
      expect(() => parseNote(bad)).toThrow();
    expect(() => signNote('no final newline', [])).toThrow();
    expect(() => signNote('bell\u0007\n', [])).toThrow();
    for (const bad of [
      'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      'PeterNeumann+c74f20a3+AhRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T',
      'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      vkey.slice(0, -1),
      '',
    ])
      expect(() => parseVerifierKey(bad)).toThrow();
  });
});

describe('the example in docs/decisions/0011-transparency-log.md', () => {
  it('is what this code produces from the documented seed', () => {
    const seed = createHash('sha256').update('candor documentation example key').digest();
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
    const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const origin = 'candor.example/log';
    expect(formatVerifierKey(origin, ed25519PublicKeyBytes(key))).toBe(
      'candor.example/log+e0faf4cb+AZmtjRRIMmxQ47t7TVc9VK+gecVZ/+3bdZ+gL9uLQGbm',
    );
    const body = formatCheckpoint({ origin, size: 1, rootHash: hashLeaf(Buffer.from('x')) });
    expect(signNote(body, [ed25519Signer(origin, key)])).toBe(
      'candor.example/log\n1\nPH6byTDck/AfppmF7yQtn56GHzxTVaokzl70tLinDMs=\n\n' +
        '— candor.example/log 4Pr0y10y/Dqe9OnYGb3TvBuBIbrNLtRGSZWkdgpPoWVUTYhy/qW4fPvyAvr6tK4oJgtNK65dUTKZ9vkVN71HLNCQygQ=\n',
    );
  });
});

describe('checkpoints', () => {
  it('formats origin, size and base64 root, each line ending in a newline, and reads them back', () => {
    const body = formatCheckpoint({ origin: 'example.com/log', size: 5, rootHash: EMPTY_TREE_ROOT });
    expect(body).toBe('example.com/log\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n');
    expect(parseCheckpoint(body)).toEqual({
      origin: 'example.com/log',
      size: 5,
      rootHash: EMPTY_TREE_ROOT,
      extensions: [],
    });
  });

  it('keeps extension lines and refuses malformed bodies', () => {
    const root = hashLeaf(Buffer.from('x')).toString('base64');
    expect(parseCheckpoint(`o\n1\n${root}\next\n`).extensions).toEqual(['ext']);
    for (const bad of [
      `o\n01\n${root}\n`,
      `o\n1\n${root}`,
      `\n1\n${root}\n`,
      'o\n1\nAAAA\n',
      `o\n-1\n${root}\n`,
    ])
      expect(() => parseCheckpoint(bad)).toThrow();
  });

  it('signs a checkpoint as a note that opens with the log key', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const body = formatCheckpoint({ origin: 'example.com/log', size: 0, rootHash: EMPTY_TREE_ROOT });
    const note = signNote(body, [ed25519Signer('example.com/log', privateKey)]);
    const verifier = parseVerifierKey(
      formatVerifierKey('example.com/log', ed25519PublicKeyBytes(privateKey)),
    );
    expect(parseCheckpoint(openNote(note, [verifier]).text).size).toBe(0);
    expect(note).toMatch(
      /^example\.com\/log\n0\n[A-Za-z0-9+/=]{44}\n\n— example\.com\/log [A-Za-z0-9+/=]+\n$/,
    );
  });
});
