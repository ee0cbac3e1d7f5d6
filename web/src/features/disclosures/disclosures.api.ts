import {
  type Disclosure,
  DisclosureSchema,
  type DraftDisclosureInput,
  type PublicDisclosure,
  PublicDisclosureSchema,
} from '@contracts/disclosures/disclosures.contracts.ts';
import { pageOf } from '@shared/contract-helpers.ts';
import type { ApiClient } from '../../api/client.ts';
import { orgCollection } from '../../api/org-collection.ts';
import type { Page } from '../../api/use-paged-list.ts';

const PublicDisclosurePageSchema = pageOf(PublicDisclosureSchema);

export function listPublicDisclosures(
  api: ApiClient,
  cursor: string | null,
  signal: AbortSignal,
): Promise<Page<PublicDisclosure>> {
  return api.get('/api/v1/public/disclosures', PublicDisclosurePageSchema, {
    query: { limit: 25, cursor },
    signal,
  });
}

export function getPublicDisclosure(
  api: ApiClient,
  id: string,
  signal: AbortSignal,
): Promise<PublicDisclosure> {
  return api.get(`/api/v1/public/disclosures/${encodeURIComponent(id)}`, PublicDisclosureSchema, { signal });
}

const disclosures = orgCollection<Disclosure, DraftDisclosureInput>('disclosures', DisclosureSchema, 50);

export const listDisclosures = disclosures.list;
export const draftDisclosure = disclosures.create;

export function approveDisclosure(api: ApiClient, orgId: string, id: string): Promise<Disclosure | null> {
  return api.postAction(`/api/v1/orgs/${orgId}/disclosures/${id}/approve`, DisclosureSchema);
}

export function publishDisclosure(api: ApiClient, orgId: string, id: string): Promise<Disclosure | null> {
  return api.postAction(`/api/v1/orgs/${orgId}/disclosures/${id}/publish`, DisclosureSchema);
}
