import { eq } from 'drizzle-orm';
import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import type {
  CreateProductVersionInput,
  ProductVersion,
  UpdateProductVersionInput,
} from '../devices.contracts.ts';
import {
  findProduct,
  findProductVersion,
  findProductVersionByLabel,
  insertProductVersion,
  listProductVersionRows,
  type ProductVersionRow,
  summariseVersions,
} from '../devices.repository.ts';
import { devicesProductVersions } from '../devices.tables.ts';
import { toProductVersion } from './mappers.ts';

/**
 * Adds a released (or planned) version of a product. Throws `not_found` for an unknown product,
 * `conflict` for a label it has already, `invalid` when end of support precedes the release.
 */
export async function createProductVersion(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  productId: string,
  input: CreateProductVersionInput,
): Promise<ProductVersion> {
  if (input.releasedOn && input.endOfSupportOn && input.endOfSupportOn < input.releasedOn) {
    throw new DomainError('invalid', 'endOfSupportOn lies before releasedOn.');
  }
  return withTransaction(deps.db, async (tx) => {
    if (!(await findProduct(tx, organizationId, productId)))
      throw new DomainError('not_found', 'No such product.');
    if (await findProductVersionByLabel(tx, productId, input.label)) {
      throw new DomainError('conflict', `The product has a version "${input.label}" already.`);
    }
    const now = deps.clock.now();
    const row: ProductVersionRow = {
      id: newId(),
      organizationId,
      productId,
      ...input,
      unitsInField: input.unitsInField ?? null,
      createdAt: now,
      updatedAt: now,
    };
    await insertProductVersion(tx, row);
    const version = toProductVersion(row, 0, undefined);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'product_version.created',
      organizationId,
      entityType: 'product_version',
      entityId: row.id,
      after: version,
    });
    return version;
  });
}

export async function listProductVersions(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  productId: string,
): Promise<ProductVersion[]> {
  if (!(await findProduct(deps.db, organizationId, productId)))
    throw new DomainError('not_found', 'No such product.');
  const rows = await listProductVersionRows(deps.db, productId);
  const { counts, latest } = await summariseVersions(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toProductVersion(row, counts.get(row.id) ?? 0, latest.get(row.id)));
}

/** One version; throws `not_found` unless it belongs to this product of this organisation. */
export async function getProductVersion(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  productId: string,
  versionId: string,
): Promise<ProductVersion> {
  const row = await findProductVersion(deps.db, organizationId, productId, versionId);
  if (!row) throw new DomainError('not_found', 'No such product version.');
  const { counts, latest } = await summariseVersions(deps.db, [row.id]);
  return toProductVersion(row, counts.get(row.id) ?? 0, latest.get(row.id));
}

/** The version with this label, created (as `supported`) when the product has none. */
export async function ensureProductVersion(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  productId: string,
  label: string,
): Promise<ProductVersion> {
  const existing = await findProductVersionByLabel(deps.db, productId, label);
  if (existing) return getProductVersion(deps, organizationId, productId, existing.id);
  return createProductVersion(deps, actor, organizationId, productId, {
    label,
    releasedOn: null,
    supportPhase: 'supported',
    endOfSupportOn: null,
  });
}

/**
 * Changes a version's release data, support phase or units in the field (fleet exposure for the risk
 * worklist). Audited; end of support may not precede the release.
 */
export async function updateProductVersion(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  productId: string,
  versionId: string,
  input: UpdateProductVersionInput,
): Promise<ProductVersion> {
  return withTransaction(deps.db, async (tx) => {
    const before = await findProductVersion(tx, organizationId, productId, versionId);
    if (!before) throw new DomainError('not_found', 'No such product version.');
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const after: ProductVersionRow = { ...before, ...changes, updatedAt: deps.clock.now() };
    if (after.releasedOn && after.endOfSupportOn && after.endOfSupportOn < after.releasedOn)
      throw new DomainError('invalid', 'endOfSupportOn lies before releasedOn.', {
        errors: [{ path: 'endOfSupportOn', message: 'lies before releasedOn' }],
      });
    await tx.update(devicesProductVersions).set(after).where(eq(devicesProductVersions.id, versionId));
    const { counts, latest } = await summariseVersions(tx, [versionId]);
    const version = toProductVersion(after, counts.get(versionId) ?? 0, latest.get(versionId));
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'product_version.updated',
      organizationId,
      entityType: 'product_version',
      entityId: versionId,
      before: toProductVersion(before, counts.get(versionId) ?? 0, latest.get(versionId)),
      after: version,
    });
    return version;
  });
}
