import type { Deps } from '../../../platform/deps.ts';
import { getOrganization } from '../../accounts/index.ts';
import {
  type DisclosedProduct,
  type DisclosedProductVersion,
  describeProductsForDisclosure,
  describeVersionsForDisclosure,
} from '../../devices/index.ts';
import type { DisclosureContent } from '../disclosures.contracts.ts';
import type { DisclosureRow } from '../disclosures.repository.ts';
import type { CsafBuildInput, CsafRevision } from '../domain/csaf/csaf-input.ts';
import { csafFileName, csafTlpLabel } from '../domain/csaf/file-name.ts';
import { customerSbomUrl } from '../domain/provider/provider-paths.ts';
import { referencedVersionIds } from '../domain/referenced-versions.ts';
import { contentOf } from './records.ts';

/** What the generator field of every document says. */
export const CANDOR_GENERATOR = { name: 'Candor', version: '0.1.0' } as const;

/** The registry facts a record refers to, resolved once per publication. */
export interface RegistrySnapshot {
  publisher: { id: string; name: string; slug: string };
  versions: DisclosedProductVersion[];
  /** Products named without any of their versions. */
  productsWithoutVersions: DisclosedProduct[];
  allProducts: { id: string; name: string }[];
}

export async function registrySnapshot(
  deps: Pick<Deps, 'db'>,
  row: Pick<DisclosureRow, 'organizationId' | 'productIds' | 'productVersionIds'>,
  content: DisclosureContent,
): Promise<RegistrySnapshot> {
  const organization = await getOrganization(deps, row.organizationId);
  const versions = await describeVersionsForDisclosure(deps, row.organizationId, [
    ...row.productVersionIds,
    ...referencedVersionIds(content),
  ]);
  const products = await describeProductsForDisclosure(deps, row.organizationId, [
    ...row.productIds,
    ...versions.map((v) => v.productId),
  ]);
  const withVersions = new Set(versions.map((v) => v.productId));
  return {
    publisher: { id: organization.id, name: organization.name, slug: organization.slug },
    versions,
    productsWithoutVersions: products.filter((p) => !withVersions.has(p.productId)),
    allProducts: products.map((p) => ({ id: p.productId, name: p.productName })),
  };
}

export interface CsafDocumentPlan {
  /** CSAF 2.0 label: WHITE is the public TLP:CLEAR document. */
  tlp: 'WHITE' | 'GREEN' | 'AMBER';
  trackingId: string;
  fileName: string;
  input: CsafBuildInput;
}

export interface CsafPlanOptions {
  status: 'final' | 'draft';
  revisions: CsafRevision[];
  initialReleaseDate: Date;
  currentReleaseDate: Date;
  withdrawn: { reason: string } | null;
}

type PlannedRow = Pick<
  DisclosureRow,
  'id' | 'kind' | 'trackingId' | 'title' | 'summary' | 'body' | 'severity' | 'tlp' | 'content'
>;

/**
 * The CSAF documents one revision publishes: a public TLP:CLEAR record makes a TLP:WHITE document, plus
 * a TLP:GREEN/AMBER companion with the customer-only details when it has them (its tracking id gets
 * `-CUSTOMER`: one identity per document); a GREEN/AMBER record makes only its customer document.
 */
export function planCsafDocuments(
  config: Pick<Deps['config'], 'publicUrl'>,
  row: PlannedRow,
  registry: RegistrySnapshot,
  options: CsafPlanOptions,
): CsafDocumentPlan[] {
  const content = contentOf(row as DisclosureRow);
  const year = options.initialReleaseDate.getUTCFullYear();
  const documents: {
    tlp: 'WHITE' | 'GREEN' | 'AMBER';
    trackingId: string;
    customerDetails: string | null;
  }[] =
    row.tlp === 'CLEAR'
      ? [
          { tlp: 'WHITE', trackingId: row.trackingId, customerDetails: null },
          ...(content.customer
            ? [
                {
                  tlp: content.customer.tlp,
                  trackingId: `${row.trackingId}-CUSTOMER`,
                  customerDetails: content.customer.details,
                },
              ]
            : []),
        ]
      : [
          {
            tlp: csafTlpLabel(row.tlp as 'GREEN' | 'AMBER'),
            trackingId: row.trackingId,
            customerDetails: content.customer?.details ?? null,
          },
        ];
  const base = config.publicUrl.replace(/\/+$/, '');
  return documents.map((d) => {
    const fileName = csafFileName(d.trackingId);
    return {
      tlp: d.tlp,
      trackingId: d.trackingId,
      fileName,
      input: {
        trackingId: d.trackingId,
        kind: row.kind as CsafBuildInput['kind'],
        title: row.title,
        summary: row.summary,
        body: row.body,
        severity: row.severity as CsafBuildInput['severity'],
        tlp: d.tlp,
        publisher: {
          name: registry.publisher.name,
          slug: registry.publisher.slug,
          namespace: `${base}/publishers/${registry.publisher.slug}`,
        },
        content,
        products: registry.productsWithoutVersions.map((p) => ({
          productId: p.productId,
          productName: p.productName,
          productSlug: p.productSlug,
          modelNumbers: p.modelNumbers,
          udiDi: p.udiDi,
        })),
        productVersions: registry.versions.map((v) => ({
          productVersionId: v.productVersionId,
          productId: v.productId,
          productName: v.productName,
          productSlug: v.productSlug,
          versionLabel: v.versionLabel,
          modelNumbers: v.modelNumbers,
          udiDi: v.udiDi,
          sbomUrl: v.latestSbomId ? customerSbomUrl(base, registry.publisher.id, v.latestSbomId) : null,
        })),
        revisions: options.revisions,
        status: options.status,
        initialReleaseDate: options.initialReleaseDate.toISOString(),
        currentReleaseDate: options.currentReleaseDate.toISOString(),
        withdrawn: options.withdrawn,
        customerDetails: d.tlp === 'WHITE' ? null : d.customerDetails,
        selfUrl: `${base}/.well-known/csaf/${d.tlp.toLowerCase()}/${year}/${fileName}`,
        // Customer-only records have no public page: their external reference is the publisher's
        // public disclosures (the portal's list, filtered to it).
        pageUrl:
          row.tlp === 'CLEAR'
            ? `${base}/disclosures/${row.id}`
            : `${base}/?manufacturer=${encodeURIComponent(registry.publisher.slug)}`,
        generator: { ...CANDOR_GENERATOR, date: options.currentReleaseDate.toISOString() },
      },
    };
  });
}
