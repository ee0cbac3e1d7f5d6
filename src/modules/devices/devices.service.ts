import { withTransaction } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { Actor } from '../../shared/actor.ts';
import type { PageQuery } from '../../shared/contract-helpers.ts';
import { DomainError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { decodeCursor, pageFrom } from '../../shared/pagination.ts';
import { recordAuditEvent } from '../audit/index.ts';
import type { CreateProductInput, Product } from './devices.contracts.ts';
import {
  findProduct,
  findProductByName,
  insertProduct,
  listProductsByIds,
  listProductsPage,
  type ProductRow,
} from './devices.repository.ts';

function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    description: row.description,
    modelNumber: row.modelNumber,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Registers a product of a manufacturer; throws `conflict` when the organisation has one by that name. */
export async function createProduct(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  input: CreateProductInput,
): Promise<Product> {
  return withTransaction(deps.db, async (tx) => {
    if (await findProductByName(tx, organizationId, input.name)) {
      throw new DomainError('conflict', `A product named "${input.name}" exists already.`);
    }
    const now = deps.clock.now();
    const row: ProductRow = { id: newId(), organizationId, ...input, createdAt: now, updatedAt: now };
    await insertProduct(tx, row);
    const product = toProduct(row);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'product.created',
      organizationId,
      entityType: 'product',
      entityId: row.id,
      after: product,
    });
    return product;
  });
}

export async function getProduct(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  productId: string,
): Promise<Product> {
  const row = await findProduct(deps.db, organizationId, productId);
  if (!row) throw new DomainError('not_found', 'No such product.');
  return toProduct(row);
}

export async function listProducts(deps: Pick<Deps, 'db'>, organizationId: string, page: PageQuery) {
  const rows = await listProductsPage(deps.db, organizationId, decodeCursor(page.cursor), page.limit + 1);
  return pageFrom(rows, page.limit, (r) => ({ at: r.createdAt, id: r.id }), toProduct);
}

/**
 * Checks that every id names a product of this organisation; throws `invalid` naming the others.
 * Other modules call this before they refer to products.
 */
export async function assertOwnProducts(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  productIds: string[],
): Promise<void> {
  const unique = [...new Set(productIds)];
  const rows = await listProductsByIds(deps.db, unique);
  const own = new Set(rows.filter((r) => r.organizationId === organizationId).map((r) => r.id));
  const unknown = unique.filter((id) => !own.has(id));
  if (unknown.length > 0) throw new DomainError('invalid', `Unknown products: ${unknown.join(', ')}.`);
}

/** Names of products by id, for public views. */
export async function productNamesById(
  deps: Pick<Deps, 'db'>,
  productIds: string[],
): Promise<Map<string, string>> {
  const rows = await listProductsByIds(deps.db, [...new Set(productIds)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}
