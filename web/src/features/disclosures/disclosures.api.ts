import {
  type Disclosure,
  DisclosurePreviewSchema,
  DisclosureSchema,
  type DraftDisclosureInput,
  type ExternalAdvisory,
  ExternalAdvisorySchema,
  type PublicDisclosure,
  PublicDisclosureSchema,
  PublicRevisionSchema,
  type UpdateDisclosureInput,
} from '@contracts/disclosures/disclosures.contracts.ts';
import { pageOf } from '@shared/contract-helpers.ts';
import { z } from 'zod';
import type { ApiClient } from '../../api/client.ts';
import { orgCollection } from '../../api/org-collection.ts';
import type { Page } from '../../api/use-paged-list.ts';

export type DisclosurePreview = z.infer<typeof DisclosurePreviewSchema>;
export type PreviewDocument = DisclosurePreview['documents'][number];
export type Revision = z.infer<typeof PublicRevisionSchema>;

const PublicDisclosurePageSchema = pageOf(PublicDisclosureSchema);
const ExternalAdvisoryPageSchema = pageOf(ExternalAdvisorySchema);
const RevisionListSchema = z.object({ items: z.array(PublicRevisionSchema) });

/** The public list's filters as the address holds them; empty strings mean "any". */
export interface PublicDisclosureFilters {
  manufacturer: string;
  product: string;
  cve: string;
  severity: string;
  kind: string;
  from: string;
  to: string;
}

export const publicFilterKeys = ['manufacturer', 'product', 'cve', 'severity', 'kind', 'from', 'to'] as const;

export function listPublicDisclosures(
  api: ApiClient,
  filters: PublicDisclosureFilters,
  cursor: string | null,
  signal: AbortSignal,
  limit = 25,
): Promise<Page<PublicDisclosure>> {
  const query: Record<string, string | number | null> = { limit, cursor };
  for (const key of publicFilterKeys) {
    const value = filters[key].trim();
    if (value) query[key] = value;
  }
  return api.get('/api/v1/public/disclosures', PublicDisclosurePageSchema, { query, signal });
}

export function getPublicDisclosure(
  api: ApiClient,
  id: string,
  signal: AbortSignal,
): Promise<PublicDisclosure> {
  return api.get(`/api/v1/public/disclosures/${encodeURIComponent(id)}`, PublicDisclosureSchema, { signal });
}

/** The published CSAF document, read for its computed CVSS scores (the page shows them). */
export function getCsafDocument(
  api: ApiClient,
  url: string,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  return api.get(url, z.record(z.string(), z.unknown()), { signal });
}

export const externalAdvisoryCsafUrl = (id: string) =>
  `/api/v1/public/external-advisories/${encodeURIComponent(id)}/csaf`;

export function listExternalAdvisories(
  api: ApiClient,
  query: { cve?: string; publisher?: string; q?: string },
  cursor: string | null,
  signal: AbortSignal,
): Promise<Page<ExternalAdvisory>> {
  return api.get('/api/v1/public/external-advisories', ExternalAdvisoryPageSchema, {
    query: { limit: 10, cursor, ...query },
    signal,
  });
}

const disclosures = orgCollection<Disclosure, DraftDisclosureInput>('disclosures', DisclosureSchema, 50);

export const listDisclosures = disclosures.list;
export const draftDisclosure = disclosures.create;

const disclosurePath = (orgId: string, id: string) =>
  `/api/v1/orgs/${orgId}/disclosures/${encodeURIComponent(id)}`;

export function getDisclosure(api: ApiClient, orgId: string, id: string, signal: AbortSignal) {
  return api.get(disclosurePath(orgId, id), DisclosureSchema, { signal });
}

/** Saves the changed fields; on a published record this starts a new revision (a draft again). */
export function updateDisclosure(
  api: ApiClient,
  orgId: string,
  id: string,
  input: UpdateDisclosureInput,
): Promise<Disclosure> {
  return api.patch(disclosurePath(orgId, id), DisclosureSchema, { body: input });
}

/** The CSAF documents the record would publish with these unsaved fields, and their validation. */
export function previewDisclosure(
  api: ApiClient,
  orgId: string,
  id: string,
  input: Partial<UpdateDisclosureInput>,
  signal: AbortSignal,
): Promise<DisclosurePreview> {
  return api.post(`${disclosurePath(orgId, id)}/preview`, DisclosurePreviewSchema, { body: input, signal });
}

export function listRevisions(
  api: ApiClient,
  orgId: string,
  id: string,
  signal: AbortSignal,
): Promise<Revision[]> {
  return api
    .get(`${disclosurePath(orgId, id)}/revisions`, RevisionListSchema, { signal })
    .then((list) => list.items);
}

export function approveDisclosure(api: ApiClient, orgId: string, id: string): Promise<Disclosure | null> {
  return api.postAction(`${disclosurePath(orgId, id)}/approve`, DisclosureSchema);
}

export function publishDisclosure(api: ApiClient, orgId: string, id: string): Promise<Disclosure | null> {
  return api.postAction(`${disclosurePath(orgId, id)}/publish`, DisclosureSchema);
}

export function withdrawDisclosure(
  api: ApiClient,
  orgId: string,
  id: string,
  reason: string,
): Promise<Disclosure | null> {
  return api.postAction(`${disclosurePath(orgId, id)}/withdraw`, DisclosureSchema, { body: { reason } });
}
