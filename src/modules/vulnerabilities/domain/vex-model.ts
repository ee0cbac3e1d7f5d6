/**
 * VEX statements: what a manufacturer says about one vulnerability in one product version. Statuses and
 * justifications follow CSAF 2.0 §3.2.3.12/§3.2.3.5 and CycloneDX 1.6 `analysis` (mapped in the codecs).
 */
export const vexStatuses = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;
export type VexStatus = (typeof vexStatuses)[number];

/** CSAF 2.0 flag labels (the VEX justifications), the common vocabulary of the three formats. */
export const vexJustifications = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'vulnerable_code_not_in_execute_path',
  'inline_mitigations_already_exist',
] as const;
export type VexJustification = (typeof vexJustifications)[number];

export interface VexStatement {
  /** CVE id (or other alias) the statement is about. */
  vulnerabilityId: string;
  /** What the statement is about: the product version (and optionally one component of it). */
  product: { name: string; version: string | null; purl: string | null; cpe: string | null };
  /** Set when the statement is about one component inside the product (its purl). */
  subcomponentPurl: string | null;
  status: VexStatus;
  /** Required by all three formats when status is not_affected. */
  justification: VexJustification | null;
  /** Free text: why not affected, or what the impact is. */
  impactStatement: string | null;
  /** For affected: what users should do. */
  actionStatement: string | null;
  /** ISO 8601 time the statement was made. */
  timestamp: string | null;
}

export interface VexDocument {
  format: 'cyclonedx' | 'csaf' | 'openvex';
  /** Author / publisher as the document states it. */
  author: string | null;
  statements: VexStatement[];
}
