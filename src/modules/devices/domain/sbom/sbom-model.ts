/**
 * The normalised shape every SBOM format is read into, and every export is written from. Pure types.
 */
export const sbomFormats = ['cyclonedx-json', 'cyclonedx-xml', 'spdx-json', 'spdx-tag-value'] as const;
export type SbomFormat = (typeof sbomFormats)[number];

/** Something the import understood only partly, or left out; `path` is a JSON pointer or an XML path. */
export interface SbomIssue {
  path: string;
  message: string;
}

export interface SbomHash {
  /** Upper-case algorithm as CycloneDX names it: SHA-1, SHA-256, SHA-512, MD5, … */
  algorithm: string;
  value: string;
}

export interface SbomComponent {
  /** The element's own id (CycloneDX bom-ref, SPDX SPDXID), or a generated one when it has none. */
  ref: string;
  name: string;
  version: string | null;
  supplier: string | null;
  /** CycloneDX component type (library, firmware, operating-system, device, application, …) or null. */
  type: string | null;
  /** Canonical purl (packageurl-js toString after repair), or null. */
  purl: string | null;
  /** CPE 2.3 formatted string (a CPE 2.2 URI is converted), or null. */
  cpe: string | null;
  swidTagId: string | null;
  hashes: SbomHash[];
  /** SPDX licence expression, validated; null when absent or unparseable (then a warning is raised). */
  licenseExpression: string | null;
  /** Where the component came from in the original document (JSON pointer or XML path). */
  sourcePath: string;
  /**
   * A vendor/product guessed from the name alone when there is neither purl nor CPE: flagged low
   * confidence, never used as an identifier.
   */
  identityHint: { vendor: string | null; product: string; confidence: 'low' } | null;
}

export interface SbomDependency {
  /** `ref` of the component that depends … */
  from: string;
  /** … on this one. */
  to: string;
}

export interface ParsedSbom {
  format: SbomFormat;
  /** As declared: '1.4' for CycloneDX, '2.3' for SPDX. */
  specVersion: string;
  /** Tools and authors that made the document, joined; null when the document names none. */
  author: string | null;
  /** The document's creation time (ISO 8601), when it has one. */
  createdAt: string | null;
  documentName: string | null;
  /** What the SBOM describes (CycloneDX metadata.component, SPDX documentDescribes). */
  subject: { name: string; version: string | null } | null;
  components: SbomComponent[];
  dependencies: SbomDependency[];
  /** Understood with reservations (bad purl repaired, licence unparseable, cycle found, …). */
  warnings: SbomIssue[];
  /** Elements left out, with why (no name, duplicate, …). */
  skipped: SbomIssue[];
}
