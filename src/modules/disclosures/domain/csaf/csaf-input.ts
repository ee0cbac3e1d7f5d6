import type { DisclosureContent } from '../../disclosures.contracts.ts';

/**
 * Everything the CSAF builder needs, resolved by the service from the record, the device registry and
 * the revision history. Pure data: the builder reads nothing else.
 */
export interface CsafProductVersion {
  productVersionId: string;
  productId: string;
  productName: string;
  productSlug: string;
  versionLabel: string;
  modelNumbers: string[];
  /** The product's UDI-DI, when registered. */
  udiDi: string | null;
  /** Where the version's SBOM can be fetched (access-controlled), when one was uploaded. */
  sbomUrl: string | null;
}

export interface CsafProduct {
  productId: string;
  productName: string;
  productSlug: string;
  modelNumbers: string[];
  udiDi: string | null;
}

export interface CsafRevision {
  number: number;
  /** ISO timestamp. */
  date: string;
  summary: string;
}

export interface CsafBuildInput {
  trackingId: string;
  kind: 'advisory' | 'incident_notice';
  title: string;
  summary: string;
  body: string;
  severity: 'none' | 'low' | 'medium' | 'high' | 'critical';
  /** TLP label of this document as CSAF 2.0 writes it. */
  tlp: 'WHITE' | 'GREEN' | 'AMBER';
  publisher: {
    name: string;
    slug: string;
    /** `document.publisher.namespace`: the organisation's page on this installation. */
    namespace: string;
  };
  content: DisclosureContent;
  /** Products named by the record without a version (incident notices may name only products). */
  products: CsafProduct[];
  /** Every product version the record refers to (affected, not affected, fixed, remediations). */
  productVersions: CsafProductVersion[];
  /** Released revisions, oldest first, including the one being built; empty for a preview of a draft. */
  revisions: CsafRevision[];
  /** `final` for a publication; `draft` (version 0) for previews of a never-published record. */
  status: 'final' | 'draft';
  initialReleaseDate: string;
  currentReleaseDate: string;
  /** A withdrawn record: the document says so in a note and the title. */
  withdrawn: { reason: string } | null;
  /** Customer-only details to include (only in GREEN/AMBER documents). */
  customerDetails: string | null;
  /** The document's own URL (CSAF `self` reference, optional test 6.2.11) and the public page. */
  selfUrl: string;
  pageUrl: string | null;
  generator: { name: string; version: string; date: string };
}
