import {
  type Disclosure,
  DisclosureSchema,
  type DraftDisclosureInput,
  type PublicDisclosure,
  PublicDisclosureSchema,
} from '@contracts/disclosures/disclosures.contracts.ts';
import { pageOf } from '@shared/contract-helpers.ts';
import type { ApiClient } from '../../api/client.ts';
import type { Page } from '../../api/use-paged-list.ts';

const PublicDisclosurePageSchema = pageOf(PublicDisclosureSchema);
const DisclosurePageSchema = pageOf(DisclosureSchema);

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

export function listDisclosures(
  api: ApiClient,
  orgId: string,
  cursor: string | null,
  signal: AbortSignal,
): Promise<Page<Disclosure>> {
  return api.get(`/api/v1/orgs/${orgId}/disclosures`, DisclosurePageSchema, {
    query: { limit: 50, cursor },
    signal,
  });
}

export function draftDisclosure(
  api: ApiClient,
  orgId: string,
  input: DraftDisclosureInput,
): Promise<Disclosure> {
  return api.post(`/api/v1/orgs/${orgId}/disclosures`, DisclosureSchema, { body: input });
}

export function approveDisclosure(api: ApiClient, orgId: string, id: string): Promise<Disclosure | null> {
  return api.postAction(`/api/v1/orgs/${orgId}/disclosures/${id}/approve`, DisclosureSchema);
}

export function publishDisclosure(api: ApiClient, orgId: string, id: string): Promise<Disclosure | null> {
  return api.postAction(`/api/v1/orgs/${orgId}/disclosures/${id}/publish`, DisclosureSchema);
}
