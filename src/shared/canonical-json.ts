import { createHash } from 'node:crypto';

/**
 * Deterministic JSON: object keys sorted, no whitespace, Dates as ISO strings, undefined dropped.
 * Hand-written because the digest of an audit row must not depend on key order, and RFC 8785 (JCS)
 * libraries add number formatting rules we do not need for these values.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortValue(value));
}

function sortValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortValue);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortValue(v)]));
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** SHA-256 hex of the canonical JSON of a value; `null` stays `null` (nothing to digest). */
export function digestOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return sha256Hex(canonicalJson(value));
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
