import { pageOf } from '@shared/contract-helpers.ts';
import type { z } from 'zod';
import type { ApiClient } from './client.ts';
import type { Page } from './use-paged-list.ts';

/**
 * The two calls every organisation-owned collection answers at `/api/v1/orgs/{orgId}/{name}`: a page of
 * items (`pageSize` at a time, from `cursor`) and a create that returns the new item.
 */
export function orgCollection<T, I>(name: string, itemSchema: z.ZodType<T>, pageSize: number) {
  const pageSchema = pageOf(itemSchema);
  const path = (orgId: string) => `/api/v1/orgs/${orgId}/${name}`;
  return {
    list(api: ApiClient, orgId: string, cursor: string | null, signal: AbortSignal): Promise<Page<T>> {
      return api.get(path(orgId), pageSchema, { query: { limit: pageSize, cursor }, signal });
    },
    create(api: ApiClient, orgId: string, input: I): Promise<T> {
      return api.post(path(orgId), itemSchema, { body: input });
    },
  };
}
