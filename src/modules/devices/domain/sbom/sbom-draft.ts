import { normaliseCpe } from './cpe.ts';
import { guessIdentityHint } from './identity-hint.ts';
import { normalisePurl } from './purl.ts';
import type { SbomComponent, SbomFormat, SbomHash, SbomIssue } from './sbom-model.ts';

/**
 * What each format reader hands to the shared assembly step (dedupe, refs, dependency graph): the
 * document fields, components whose identifiers are already normalised, and raw dependency edges.
 */
export type DraftComponent = Omit<SbomComponent, 'ref'> & { ref: string | null };

export interface DraftEdge {
  from: string;
  to: string;
  /** Where the edge was declared. */
  path: string;
}

export interface SbomDraft {
  format: SbomFormat;
  specVersion: string;
  author: string | null;
  createdAt: string | null;
  documentName: string | null;
  subject: { name: string; version: string | null } | null;
  components: DraftComponent[];
  edges: DraftEdge[];
  /** Ids of elements that exist but are not components (subject, SPDX document/files): edges to them are dropped silently. */
  nonComponentRefs: Set<string>;
  warnings: SbomIssue[];
  skipped: SbomIssue[];
}

/** The component fields as a reader found them; purl and CPE still raw. */
export interface ComponentFields {
  ref: string | null;
  name: string;
  version: string | null;
  supplier: string | null;
  type: string | null;
  purl: string | null;
  cpe: string | null;
  swidTagId: string | null;
  hashes: { algorithm: string | null; value: string | null }[];
  licenseExpression: string | null;
  sourcePath: string;
}

/** A trimmed, non-empty string, or null for anything else. */
export function textOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

/** The value as a plain object, or null. */
export function objectOrNull(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** The value as an array (a single value becomes a one-element array; nothing becomes []). */
export function arrayOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

const hashAlgorithms = new Map(
  [
    'MD5',
    'SHA-1',
    'SHA-256',
    'SHA-384',
    'SHA-512',
    'SHA3-256',
    'SHA3-384',
    'SHA3-512',
    'BLAKE2b-256',
    'BLAKE2b-384',
    'BLAKE2b-512',
    'BLAKE3',
  ].map((name) => [name.toUpperCase().replaceAll('-', ''), name]),
);

/** Algorithm as written → as {@link normaliseHashAlgorithm} spells it. */
const algorithmSpellings = new Map<string, string>();

/**
 * Spells a hash algorithm as CycloneDX 1.6 `hash-alg` does (`SHA1` and `sha-1` → `SHA-1`, SPDX 2.3
 * §7.10 names included); unknown algorithms are upper-cased.
 */
export function normaliseHashAlgorithm(algorithm: string): string {
  let normalised = algorithmSpellings.get(algorithm);
  if (normalised === undefined) {
    const upper = algorithm.trim().toUpperCase();
    normalised = hashAlgorithms.get(upper.replaceAll('-', '')) ?? upper;
    // An SBOM spells its algorithms a few ways, 10,000 times over. Bounded against hostile input, and
    // only short names (all real ones are): V8 copies substrings under 13 characters rather than
    // slicing them, so a cached name never keeps a whole XML or tag-value document alive.
    if (algorithm.length <= 12) {
      if (algorithmSpellings.size >= 1000) algorithmSpellings.clear();
      algorithmSpellings.set(algorithm, normalised);
    }
  }
  return normalised;
}

function normaliseHashes(hashes: ComponentFields['hashes']): SbomHash[] {
  const out: SbomHash[] = [];
  if (hashes.length === 0) return out;
  if (hashes.length === 1) {
    const [hash] = hashes as [ComponentFields['hashes'][number]];
    if (hash.algorithm !== null && hash.value !== null) {
      out.push({ algorithm: normaliseHashAlgorithm(hash.algorithm), value: hash.value.toLowerCase() });
    }
    return out;
  }
  const seen = new Set<string>();
  for (const hash of hashes) {
    if (hash.algorithm === null || hash.value === null) continue;
    const algorithm = normaliseHashAlgorithm(hash.algorithm);
    // Hex digests are case-insensitive; one spelling lets duplicates merge.
    const value = hash.value.toLowerCase();
    const key = `${algorithm}:${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ algorithm, value });
  }
  return out;
}

/**
 * Builds a component from reader fields: canonical purl (with repairs), CPE 2.3, hashes, and an
 * identity hint when there is neither purl nor CPE. Repairs and refusals go to `warnings` at the
 * component's path. Never throws.
 */
export function draftComponent(fields: ComponentFields, warnings: SbomIssue[]): DraftComponent {
  const path = fields.sourcePath;
  let purl: string | null = null;
  if (fields.purl !== null) {
    const result = normalisePurl(fields.purl, fields.version);
    purl = result.purl;
    for (const message of result.warnings) warnings.push({ path, message });
  }
  let cpe: string | null = null;
  if (fields.cpe !== null) {
    const result = normaliseCpe(fields.cpe);
    cpe = result.cpe;
    for (const message of result.warnings) warnings.push({ path, message });
  }
  return {
    ref: fields.ref,
    name: fields.name,
    version: fields.version,
    supplier: fields.supplier,
    type: fields.type,
    purl,
    cpe,
    swidTagId: fields.swidTagId,
    hashes: normaliseHashes(fields.hashes),
    licenseExpression: fields.licenseExpression,
    sourcePath: path,
    identityHint: purl === null && cpe === null ? guessIdentityHint(fields.name) : null,
  };
}
