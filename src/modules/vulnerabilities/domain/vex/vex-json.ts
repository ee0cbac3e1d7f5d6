/**
 * Small readers shared by the VEX codecs: untyped JSON access and product identity from a purl or CPE.
 * Pure: no I/O.
 */
import { PackageURL } from 'packageurl-js';
import type { VexStatement } from '../vex-model.ts';

export type JsonRecord = Record<string, unknown>;
export type VexProduct = VexStatement['product'];

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The trimmed string, or null when the value is not a non-empty string. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function records(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.flatMap((v) => (text(v) === null ? [] : [text(v) as string])) : [];
}

/** Name and version of a purl (purl-spec: `pkg:type/namespace/name@version`), or null when it does not parse. */
export function purlParts(purl: string): { name: string; version: string | null } | null {
  try {
    const parsed = PackageURL.fromString(purl);
    return { name: parsed.name, version: parsed.version ?? null };
  } catch {
    return null;
  }
}

/** Product and version fields of a CPE 2.3 formatted string or a CPE 2.2 URI (NISTIR 7695 §6). */
export function cpeParts(cpe: string): { name: string; version: string | null } | null {
  const parts = cpe.startsWith('cpe:2.3:')
    ? cpe.split(/(?<!\\):/).slice(2)
    : cpe.startsWith('cpe:/')
      ? cpe.slice(5).split(':')
      : null;
  const name = parts?.[2];
  if (!parts || !name || name === '*' || name === '-') return null;
  const version = parts[3];
  return { name, version: version && version !== '*' && version !== '-' ? version : null };
}

/** A product known only by identifiers: name and version come from the purl, else from the CPE. */
export function productFromIdentifiers(
  purl: string | null,
  cpe: string | null,
  fallbackName: string,
): VexProduct {
  const parts = (purl ? purlParts(purl) : null) ?? (cpe ? cpeParts(cpe) : null);
  return { name: parts?.name ?? fallbackName, version: parts?.version ?? null, purl, cpe };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
