import type { Deps } from '../../../platform/deps.ts';
import { publicRecordDigest } from '../../translog/index.ts';
import {
  type DisclosureContent,
  DisclosureContentSchema,
  type PublicDisclosure,
} from '../disclosures.contracts.ts';
import type { DisclosureRow, RevisionRow } from '../disclosures.repository.ts';
import { cvesOf } from '../domain/referenced-versions.ts';
import type { RegistrySnapshot } from './csaf-snapshot.ts';

interface PublicRecordParts {
  row: DisclosureRow;
  content: DisclosureContent;
  registry: RegistrySnapshot;
  number: number;
  status: 'published' | 'withdrawn';
  publishedAt: Date;
  initialReleaseAt: Date;
  revisions: PublicDisclosure['revisions'];
  /** Path of the TLP:WHITE CSAF document under /.well-known/csaf/white/, when there is one. */
  csafPath: string | null;
}

function base(config: Pick<Deps['config'], 'publicUrl'>) {
  return config.publicUrl.replace(/\/+$/, '');
}

export function csafLinks(config: Pick<Deps['config'], 'publicUrl'>, path: string | null) {
  if (!path) return null;
  const json = `${base(config)}/.well-known/csaf/white/${path}`;
  return { json, sha256: `${json}.sha256`, sha512: `${json}.sha512`, signature: `${json}.asc` };
}

/** The public record of one revision, as published: customer-only content is left out. */
export function publicRecordOf(
  config: Pick<Deps['config'], 'publicUrl'>,
  parts: PublicRecordParts,
): PublicDisclosure {
  const { customer: _customerOnly, ...publicContent } = parts.content;
  return {
    id: parts.row.id,
    kind: parts.row.kind as PublicDisclosure['kind'],
    trackingId: parts.row.trackingId,
    title: parts.row.title,
    summary: parts.row.summary,
    body: parts.row.body,
    severity: parts.row.severity as PublicDisclosure['severity'],
    status: parts.status,
    publisher: { name: parts.registry.publisher.name, slug: parts.registry.publisher.slug },
    products: parts.registry.allProducts,
    productVersions: parts.registry.versions.map((v) => ({
      id: v.productVersionId,
      productId: v.productId,
      productName: v.productName,
      version: v.versionLabel,
    })),
    content: publicContent,
    cves: cvesOf(parts.content),
    revision: parts.number,
    publishedAt: parts.publishedAt.toISOString(),
    initialReleaseAt: parts.initialReleaseAt.toISOString(),
    revisions: parts.revisions,
    csaf: csafLinks(config, parts.csafPath),
    url: `${base(config)}/disclosures/${parts.row.id}`,
  };
}

/**
 * What a revision row keeps: the record without its deployment-dependent links (rebuilt from
 * PUBLIC_URL on read) and the CSAF path, plus the content hash the transparency log holds.
 */
export function storedRecordOf(record: PublicDisclosure) {
  const { url: _url, csaf, ...rest } = record;
  const csafPath = csaf ? csaf.json.slice(csaf.json.indexOf('/.well-known/csaf/white/') + 24) : null;
  return { record: { ...rest, csafPath }, contentSha256: publicRecordDigest(record) };
}

/** A revision row back into the public record (rows from before revisions existed get defaults). */
export function publicRecordFromRevision(
  config: Pick<Deps['config'], 'publicUrl'>,
  revision: RevisionRow,
  publisher: { name: string; slug: string },
  productNames: Map<string, string>,
): PublicDisclosure {
  const stored = revision.record as Partial<PublicDisclosure> & {
    csafPath?: string | null;
    productIds?: string[];
  };
  const { customer: _none, ...content } = DisclosureContentSchema.parse(stored.content ?? {});
  return {
    id: revision.disclosureId,
    kind: (stored.kind ?? revision.kind) as PublicDisclosure['kind'],
    trackingId: stored.trackingId ?? '',
    title: stored.title ?? revision.title,
    summary: stored.summary ?? '',
    body: stored.body ?? '',
    severity: (stored.severity ?? revision.severity) as PublicDisclosure['severity'],
    status: stored.status ?? (revision.action === 'withdrawn' ? 'withdrawn' : 'published'),
    publisher: stored.publisher ?? publisher,
    products:
      stored.products ??
      revision.productIds.map((id) => ({ id, name: productNames.get(id) ?? 'unknown product' })),
    productVersions: stored.productVersions ?? [],
    content,
    cves: stored.cves ?? revision.cves,
    revision: revision.number,
    publishedAt: stored.publishedAt ?? revision.publishedAt.toISOString(),
    initialReleaseAt: stored.initialReleaseAt ?? revision.initialReleaseAt.toISOString(),
    revisions: stored.revisions ?? [
      {
        number: revision.number,
        action: revision.action,
        summary: revision.summary,
        publishedAt: revision.publishedAt.toISOString(),
      },
    ],
    csaf: csafLinks(config, stored.csafPath ?? null),
    url: `${base(config)}/disclosures/${revision.disclosureId}`,
  };
}
