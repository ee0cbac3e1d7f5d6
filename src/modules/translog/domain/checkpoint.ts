import { DomainError } from '../../../shared/errors.ts';
import type { Hash } from './merkle.ts';

/**
 * A C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint) body: the log's origin line, the tree size in
 * decimal without leading zeros, the base64 RFC 6962 root hash, each ending in a newline. This log
 * writes no extension lines; it reads and keeps any a checkpoint has.
 */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Hash;
  extensions: string[];
}

export function formatCheckpoint(
  checkpoint: Omit<Checkpoint, 'extensions'> & { extensions?: string[] },
): string {
  if (!checkpoint.origin || /[\n\p{Cc}]/u.test(checkpoint.origin))
    throw new DomainError('invalid', 'A checkpoint origin is one non-empty line.');
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0)
    throw new DomainError('invalid', 'A checkpoint size is a whole number.');
  if (checkpoint.rootHash.length !== 32) throw new DomainError('invalid', 'A checkpoint root is 32 bytes.');
  const extensions = (checkpoint.extensions ?? []).map((line) => `${line}\n`).join('');
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.rootHash.toString('base64')}\n${extensions}`;
}

/** Reads a checkpoint body (the text of its signed note); throws `invalid` when it is malformed. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new DomainError('invalid', 'Malformed checkpoint: no final newline.');
  const [origin = '', size = '', root = '', ...extensions] = text.slice(0, -1).split('\n');
  if (!origin) throw new DomainError('invalid', 'Malformed checkpoint: empty origin line.');
  if (!/^(0|[1-9]\d*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw new DomainError('invalid', 'Malformed checkpoint: the size is not a decimal number.');
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root)
    throw new DomainError('invalid', 'Malformed checkpoint: the root is not a base64 SHA-256 hash.');
  if (extensions.some((line) => line === ''))
    throw new DomainError('invalid', 'Malformed checkpoint: empty extension line.');
  return { origin, size: Number(size), rootHash, extensions };
}
