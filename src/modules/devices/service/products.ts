import type { z } from 'zod';
import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import type { PageQuery } from '../../../shared/contract-helpers.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { decodeCursor, pageFrom } from '../../../shared/pagination.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import {
  type CreateProductInput,
  CreateProductInputSchema,
  type Product,
  type UpdateProductInput,
} from '../devices.contracts.ts';
import {
  findProduct,
  findProductByNameOrSlug,
  findProductBySlug,
  insertProduct,
  listProductsByIds,
  listProductsPage,
  type ProductRow,
  updateProductRow,
} from '../devices.repository.ts';
import { slugFromName } from '../domain/product-slug.ts';
import { toProduct } from './mappers.ts';

/** Registers a product; throws `conflict` when the organisation has one by that name or slug. */
export async function createProduct(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  request: z.input<typeof CreateProductInputSchema>,
): Promise<Product> {
  // Routes pass validated input; the CLI, seeding and other modules may leave the defaults out.
  const input: CreateProductInput = CreateProductInputSchema.parse(request);
  const slug = input.slug ?? slugFromName(input.name);
  return withTransaction(deps.db, async (tx) => {
    const existing = await findProductByNameOrSlug(tx, organizationId, input.name, slug);
    if (existing) {
      throw new DomainError(
        'conflict',
        existing.name === input.name
          ? `A product named "${input.name}" exists already.`
          : `A product with the slug "${slug}" exists already; choose another slug.`,
      );
    }
    const now = deps.clock.now();
    const row: ProductRow = { id: newId(), organizationId, ...input, slug, createdAt: now, updatedAt: now };
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

/** Changes the fields sent; throws `conflict` when the new name or slug is taken. */
export async function updateProduct(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  productId: string,
  input: UpdateProductInput,
): Promise<Product> {
  return withTransaction(deps.db, async (tx) => {
    const before = await findProduct(tx, organizationId, productId);
    if (!before) throw new DomainError('not_found', 'No such product.');
    const after: ProductRow = { ...before, ...stripUndefined(input), updatedAt: deps.clock.now() };
    const clash = await findProductByNameOrSlug(tx, organizationId, after.name, after.slug);
    if (clash && clash.id !== productId)
      throw new DomainError('conflict', 'Another product has that name or slug.');
    await updateProductRow(tx, after);
    const product = toProduct(after);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'product.updated',
      organizationId,
      entityType: 'product',
      entityId: productId,
      before: toProduct(before),
      after: product,
    });
    return product;
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
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

export async function findProductBySlugOrNull(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  slug: string,
): Promise<Product | null> {
  const row = await findProductBySlug(deps.db, organizationId, slug);
  return row ? toProduct(row) : null;
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
