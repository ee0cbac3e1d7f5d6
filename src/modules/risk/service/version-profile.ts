import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { getProductVersion } from '../../devices/index.ts';
import { assertVersionEnvironment, type VersionEnvironment } from '../domain/index.ts';
import type { RiskProfile, RiskProfileInput } from '../risk.contracts.ts';
import { findVersionProfile, upsertVersionProfile, type VersionProfileRow } from '../risk.repository.ts';

interface VersionTarget {
  organizationId: string;
  productId: string;
  versionId: string;
}

function toProfileView(row: VersionProfileRow | null): RiskProfile {
  return {
    environmentV3: (row?.environmentV3 as Record<string, string> | undefined) ?? {},
    environmentV4: (row?.environmentV4 as Record<string, string> | undefined) ?? {},
    description: row?.description ?? '',
    isSet: row !== null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** The version's exposure as assessments use it, or null when none was set. */
export async function loadVersionEnvironment(
  deps: Pick<Deps, 'db'>,
  versionId: string,
): Promise<VersionEnvironment | null> {
  const row = await findVersionProfile(deps.db, versionId);
  return row
    ? { v3: row.environmentV3 as Record<string, string>, v4: row.environmentV4 as Record<string, string> }
    : null;
}

export async function getVersionProfile(deps: Pick<Deps, 'db'>, target: VersionTarget): Promise<RiskProfile> {
  await getProductVersion(deps, target.organizationId, target.productId, target.versionId);
  return toProfileView(await findVersionProfile(deps.db, target.versionId));
}

/** Sets the version's exposure profile (checked metric by metric, audited). */
export async function setVersionProfile(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  target: VersionTarget,
  input: RiskProfileInput,
): Promise<RiskProfile> {
  assertVersionEnvironment({ v3: input.environmentV3, v4: input.environmentV4 });
  await getProductVersion(deps, target.organizationId, target.productId, target.versionId);
  return withTransaction(deps.db, async (tx) => {
    const before = await findVersionProfile(tx, target.versionId);
    const row: VersionProfileRow = {
      productVersionId: target.versionId,
      organizationId: target.organizationId,
      environmentV3: input.environmentV3,
      environmentV4: input.environmentV4,
      description: input.description,
      updatedByUserId: actor.kind === 'user' ? actor.userId : null,
      updatedAt: deps.clock.now(),
    };
    await upsertVersionProfile(tx, row);
    const view = toProfileView(row);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'risk_profile.set',
      organizationId: target.organizationId,
      entityType: 'product_version',
      entityId: target.versionId,
      before: before ? toProfileView(before) : null,
      after: view,
    });
    return view;
  });
}
