import {
  type CreateProductInput,
  type Product,
  ProductSchema,
} from '@contracts/devices/devices.contracts.ts';
import { pageOf } from '@shared/contract-helpers.ts';
import type { ApiClient } from '../../api/client.ts';
import type { Page } from '../../api/use-paged-list.ts';

const ProductPageSchema = pageOf(ProductSchema);

export function listProducts(
  api: ApiClient,
  orgId: string,
  cursor: string | null,
  signal: AbortSignal,
): Promise<Page<Product>> {
  return api.get(`/api/v1/orgs/${orgId}/products`, ProductPageSchema, {
    query: { limit: 100, cursor },
    signal,
  });
}

export function createProduct(api: ApiClient, orgId: string, input: CreateProductInput): Promise<Product> {
  return api.post(`/api/v1/orgs/${orgId}/products`, ProductSchema, { body: input });
}
