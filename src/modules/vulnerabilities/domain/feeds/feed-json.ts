/**
 * Small readers shared by the feed parsers: they look at `unknown` JSON without trusting it, and the
 * mappings every feed needs (instants, CVSS type, reference type, CWE ids). Pure, no I/O.
 */
import { DomainError } from '../../../../shared/errors.ts';
import type { AdvisorySeverity } from '../advisory-model.ts';

export type JsonObject = Record<string, unknown>;

/**
 * Where a parser reports what it skipped: `"<path>: <what and why>"`, one string per skipped part.
 * Every parser takes an optional array and appends to it, so the return types stay plain
 * (`Advisory`, `Advisory[]`, …) and a caller that does not care simply passes nothing.
 */
export type FeedWarnings = string[];

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string (after trimming), else null. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function textList(value: unknown): string[] {
  return list(value).flatMap((item) => text(item) ?? []);
}

/** Throws DomainError('invalid') naming the document path that is not what the parser reads. */
export function invalid(path: string, expected: string): never {
  throw new DomainError('invalid', `${path}: expected ${expected}`, { path });
}

/** The object at `path`, or an `invalid` error: used only for a document's defining fields. */
export function requireObject(value: unknown, path: string, expected = 'an object'): JsonObject {
  return isObject(value) ? value : invalid(path, expected);
}

/**
 * An ISO 8601 instant. NVD publishes UTC times without a zone (`2022-09-29T01:15:11.373`, legacy
 * `2022-01-18T17:15Z`), so a zone-less date-time gets `Z`; a date alone stays as it is.
 */
export function instant(value: unknown): string | null {
  const raw = text(value)?.trim();
  if (!raw) return null;
  return /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(raw) ? `${raw}Z` : raw;
}

/** CVSS severity type from the vector's prefix (`CVSS:3.x/`, `CVSS:4.0/`, bare v2 `AV:N/…`). */
export function cvssType(vector: string): AdvisorySeverity['type'] {
  if (vector.startsWith('CVSS:3.')) return 'CVSS_V3';
  if (vector.startsWith('CVSS:4.')) return 'CVSS_V4';
  if (/^\(?AV:[LAN]\/AC:[HML]\/Au:/.test(vector)) return 'CVSS_V2';
  return 'OTHER';
}

/** A score as published: a finite number in 0–10, else null. */
export function score(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 10 ? value : null;
}

/** `CWE-79` style ids only (drops NVD's `NVD-CWE-Other`/`NVD-CWE-noinfo`), first occurrence kept. */
export function cweIds(values: Iterable<unknown>): string[] {
  const found = new Set<string>();
  for (const value of values) {
    const id = text(value)?.trim().toUpperCase();
    if (id && /^CWE-\d+$/.test(id)) found.add(id);
  }
  return [...found];
}

// NVD tags ("Patch", "Vendor Advisory") and CVE 5 tags ("patch", "vendor-advisory", "x_refsource_…")
// mapped to OSV reference types (OSV schema, `references[].type`); the first tag that maps wins.
const referenceTypes: Record<string, string> = {
  patch: 'FIX',
  'vendor advisory': 'ADVISORY',
  'vendor-advisory': 'ADVISORY',
  'third party advisory': 'ADVISORY',
  'third-party-advisory': 'ADVISORY',
  'us government resource': 'ADVISORY',
  exploit: 'EVIDENCE',
  'issue tracking': 'REPORT',
  'issue-tracking': 'REPORT',
  'mailing list': 'DISCUSSION',
  'mailing-list': 'DISCUSSION',
  'release notes': 'ARTICLE',
  'release-notes': 'ARTICLE',
  'technical description': 'ARTICLE',
  'technical-description': 'ARTICLE',
  product: 'PACKAGE',
};

export function referenceType(tags: unknown): string {
  for (const tag of textList(tags)) {
    const type = referenceTypes[tag.toLowerCase()];
    if (type) return type;
  }
  return 'WEB';
}

/** `{ url, tags }` references (NVD 2.0, CVE 5) as `{ type, url }`; entries without a URL are skipped. */
export function taggedReferences(value: unknown): { type: string; url: string }[] {
  return list(value).flatMap((item) => {
    if (!isObject(item)) return [];
    const url = text(item.url);
    return url ? [{ type: referenceType(item.tags), url }] : [];
  });
}

/** The English text of a `[{ lang, value }]` list (`en`, `en-US`, …), else the first one. */
export function englishText(value: unknown, key = 'value'): string | null {
  const entries = list(value).filter(isObject);
  const english = entries.find((entry) => text(entry.lang)?.toLowerCase().startsWith('en'));
  return text((english ?? entries[0])?.[key]);
}
