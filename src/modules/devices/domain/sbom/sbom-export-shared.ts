/**
 * What the CycloneDX and SPDX exports share: their input, the checks on it, the dependency graph seen from
 * the device, and the hash-algorithm names. Pure.
 */
import { DomainError } from '../../../../shared/errors.ts';
import type { SbomComponent, SbomDependency } from './sbom-model.ts';

/** One released version of a product, as an SBOM export needs it. */
export interface SbomExportInput {
  product: { name: string; manufacturer: string; modelNumber: string | null };
  version: { label: string; releasedAt: string | null };
  /** RFC 4122 URN (`urn:uuid:…`, lower case): the CycloneDX serialNumber, and the seed of the SPDX namespace. */
  serialNumber: string;
  /** When the document was made (ISO 8601). */
  generatedAt: string;
  components: SbomComponent[];
  dependencies: SbomDependency[];
}

/** The input, checked, with the graph resolved. */
export interface PreparedSbomExport {
  generatedAt: Date;
  /** bom-ref of the device itself; never equal to a component ref. */
  deviceRef: string;
  byRef: ReadonlyMap<string, SbomComponent>;
  /** Edges whose two ends are components of the input, without self-loops and duplicates, in input order. */
  edges: SbomDependency[];
  /** Refs the device contains directly (see {@link topLevelRefs}), in input order. */
  topLevel: string[];
}

const serialNumberPattern = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Checks the input and resolves the graph.
 *
 * @throws DomainError `invalid` when the serial number is not a lower-case `urn:uuid:` (CycloneDX 1.6
 *   `serialNumber` pattern), `generatedAt` is not a date, or two components share one ref.
 */
export function prepareSbomExport(input: SbomExportInput): PreparedSbomExport {
  if (!serialNumberPattern.test(input.serialNumber)) {
    throw new DomainError('invalid', 'The SBOM serial number must be a lower-case urn:uuid.', {
      serialNumber: input.serialNumber,
    });
  }
  const generatedAt = new Date(input.generatedAt);
  if (Number.isNaN(generatedAt.getTime())) {
    throw new DomainError('invalid', 'The SBOM generation time is not a date.', {
      generatedAt: input.generatedAt,
    });
  }
  const byRef = new Map<string, SbomComponent>();
  for (const component of input.components) {
    if (byRef.has(component.ref)) {
      throw new DomainError('invalid', `Two components share the ref "${component.ref}".`, {
        ref: component.ref,
      });
    }
    byRef.set(component.ref, component);
  }
  const seen = new Set<string>();
  const edges = input.dependencies.filter((edge) => {
    const key = JSON.stringify([edge.from, edge.to]);
    if (edge.from === edge.to || !byRef.has(edge.from) || !byRef.has(edge.to) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  let deviceRef = 'candor-device';
  for (let n = 2; byRef.has(deviceRef); n++) deviceRef = `candor-device-${n}`;
  return { generatedAt, deviceRef, byRef, edges, topLevel: topLevelRefs(input.components, edges) };
}

/**
 * The components the device contains directly: those no other component depends on, plus, so that every
 * component stays reachable from the device, the first member (in input order) of each group that is
 * reachable only through a cycle (A → B → A with nothing above them).
 */
export function topLevelRefs(
  components: readonly SbomComponent[],
  edges: readonly SbomDependency[],
): string[] {
  const children = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const { from, to } of edges) {
    const list = children.get(from);
    if (list) list.push(to);
    else children.set(from, [to]);
    hasParent.add(to);
  }
  const reached = new Set<string>();
  const visit = (start: string): void => {
    const stack = [start];
    while (stack.length > 0) {
      const ref = stack.pop()!;
      if (reached.has(ref)) continue;
      reached.add(ref);
      stack.push(...(children.get(ref) ?? []));
    }
  };
  const roots = components.filter((c) => !hasParent.has(c.ref)).map((c) => c.ref);
  for (const ref of roots) visit(ref);
  for (const { ref } of components) {
    if (reached.has(ref)) continue;
    roots.push(ref);
    visit(ref);
  }
  const order = new Map(components.map((c, i) => [c.ref, i]));
  return roots.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

/** CycloneDX 1.6 `hashAlg` names, with the SPDX 2.3 `Checksum.algorithm` name where SPDX has one. */
const hashAlgorithms: ReadonlyArray<readonly [cycloneDx: string, spdx: string | null]> = [
  ['MD5', 'MD5'],
  ['SHA-1', 'SHA1'],
  ['SHA-256', 'SHA256'],
  ['SHA-384', 'SHA384'],
  ['SHA-512', 'SHA512'],
  ['SHA3-256', 'SHA3-256'],
  ['SHA3-384', 'SHA3-384'],
  ['SHA3-512', 'SHA3-512'],
  ['BLAKE2b-256', 'BLAKE2b-256'],
  ['BLAKE2b-384', 'BLAKE2b-384'],
  ['BLAKE2b-512', 'BLAKE2b-512'],
  ['BLAKE3', 'BLAKE3'],
  ['Streebog-256', null],
  ['Streebog-512', null],
];

const squash = (name: string): string => name.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * The CycloneDX and SPDX names of a hash algorithm written in any usual way (`SHA-256`, `sha256`,
 * `SHA_256`), or null when CycloneDX 1.6 does not know it. `spdx` is null when SPDX 2.3 has no such name.
 */
export function hashAlgorithmNames(name: string): { cycloneDx: string; spdx: string | null } | null {
  const wanted = squash(name);
  const found = hashAlgorithms.find(([cycloneDx]) => squash(cycloneDx) === wanted);
  return found ? { cycloneDx: found[0], spdx: found[1] } : null;
}

/** True when the expression is one licence or a `LicenseRef-`, i.e. has no operator or parenthesis. */
export function isSingleLicense(expression: string): boolean {
  return !/[()\s]/.test(expression.trim());
}
