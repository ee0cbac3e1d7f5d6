/**
 * The part of the CSAF 2.0 JSON model (csaf_json_schema.json, §3) that Candor emits. Property names are the
 * schema's own (snake_case, and camelCase inside FIRST's CVSS objects) because these objects are the JSON.
 */

export type CsafCategory =
  | 'csaf_security_advisory'
  | 'csaf_informational_advisory'
  | 'csaf_security_incident_response'
  | 'csaf_vex';
export type CsafTlpLabel = 'WHITE' | 'GREEN' | 'AMBER';

export type CsafNoteCategory =
  | 'description'
  | 'details'
  | 'faq'
  | 'general'
  | 'legal_disclaimer'
  | 'other'
  | 'summary';

export interface CsafNote {
  category: CsafNoteCategory;
  text: string;
  title?: string;
}

export interface CsafReference {
  category: 'external' | 'self';
  summary: string;
  url: string;
}

export interface CsafAcknowledgment {
  names?: string[];
  organization?: string;
  summary?: string;
}

export interface CsafRevisionEntry {
  date: string;
  number: string;
  summary: string;
}

export interface CsafTracking {
  current_release_date: string;
  generator: { date: string; engine: { name: string; version: string } };
  id: string;
  initial_release_date: string;
  revision_history: CsafRevisionEntry[];
  status: 'draft' | 'final' | 'interim';
  version: string;
}

export interface CsafDocumentSection {
  acknowledgments?: CsafAcknowledgment[];
  aggregate_severity: { text: string };
  category: CsafCategory;
  csaf_version: '2.0';
  distribution: { text: string; tlp: { label: CsafTlpLabel; url: string } };
  lang: 'en';
  notes: CsafNote[];
  publisher: { category: 'vendor'; name: string; namespace: string };
  references: CsafReference[];
  title: string;
  tracking: CsafTracking;
}

export interface CsafGenericUri {
  namespace: string;
  uri: string;
}

export interface CsafProductIdentificationHelper {
  cpe?: string;
  model_numbers?: string[];
  purl?: string;
  sbom_urls?: string[];
  skus?: string[];
  x_generic_uris?: CsafGenericUri[];
}

export interface CsafFullProductName {
  name: string;
  product_id: string;
  product_identification_helper?: CsafProductIdentificationHelper;
}

export interface CsafBranch {
  branches?: CsafBranch[];
  category: 'vendor' | 'product_name' | 'product_version';
  name: string;
  product?: CsafFullProductName;
}

export interface CsafProductTree {
  branches: CsafBranch[];
}

export const csafProductStatusGroups = [
  'fixed',
  'known_affected',
  'known_not_affected',
  'under_investigation',
] as const;
export type CsafProductStatusGroup = (typeof csafProductStatusGroups)[number];
export type CsafProductStatus = Partial<Record<CsafProductStatusGroup, string[]>>;

/** FIRST CVSS v3.0/v3.1 JSON: the scores, severities and every metric the vector defines (6.1.9, 6.1.10). */
export interface CsafCvssV3 {
  version: '3.0' | '3.1';
  vectorString: string;
  baseScore: number;
  baseSeverity: string;
  [metric: string]: string | number;
}

export interface CsafScore {
  cvss_v3: CsafCvssV3;
  products: string[];
}

export interface CsafFlag {
  label: string;
  product_ids: string[];
}

export interface CsafThreat {
  category: 'impact';
  details: string;
  product_ids: string[];
}

export interface CsafRemediation {
  category: 'vendor_fix' | 'workaround' | 'mitigation' | 'none_available' | 'no_fix_planned';
  details: string;
  product_ids: string[];
  url?: string;
}

export interface CsafVulnerability {
  cve?: string;
  cwe?: { id: string; name: string };
  flags?: CsafFlag[];
  ids?: { system_name: string; text: string }[];
  notes: CsafNote[];
  product_status?: CsafProductStatus;
  remediations?: CsafRemediation[];
  scores?: CsafScore[];
  threats?: CsafThreat[];
  title?: string;
}

// A type alias, not an interface: callers hand the document on as plain JSON (Record<string, unknown>),
// which only an alias is assignable to.
export type CsafDocument = {
  document: CsafDocumentSection;
  product_tree?: CsafProductTree;
  vulnerabilities?: CsafVulnerability[];
};
