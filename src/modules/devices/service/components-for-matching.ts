import type { Deps } from '../../../platform/deps.ts';
import {
  describeVersions,
  findVersionIdsByBareNames,
  findVersionIdsByKeys,
  listComponentsOfVersions,
  listVersionIdsOfOrganization,
} from '../devices.repository.ts';

/**
 * What matching needs of a component; other modules read components only through these functions.
 * One entry per distinct component of the versions asked for, with the versions that hold it (a
 * version holding it twice is listed twice).
 */
export interface ComponentForMatching {
  organizationId: string;
  name: string;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  productVersionIds: string[];
}

export async function listComponentsForMatching(
  deps: Pick<Deps, 'db'>,
  productVersionIds: string[],
): Promise<ComponentForMatching[]> {
  return listComponentsOfVersions(deps.db, productVersionIds);
}

/** Product versions with a component under one of the keys: the re-match after new advisories. */
export async function findProductVersionsByComponentKeys(
  deps: Pick<Deps, 'db'>,
  keys: { kind: 'purl' | 'cpe'; namespace: string; name: string }[],
): Promise<string[]> {
  return findVersionIdsByKeys(deps.db, keys);
}

/** Product and label of versions of one organisation, for showing findings. */
export async function describeProductVersions(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  versionIds: string[],
) {
  const rows = await describeVersions(deps.db, organizationId, [...new Set(versionIds)]);
  return new Map(rows.map((r) => [r.versionId, r]));
}

/** Product versions of name-matching organisations whose bare-named components carry one of `names`. */
export async function findProductVersionsByBareComponentNames(
  deps: Pick<Deps, 'db'>,
  organizationIds: string[],
  names: string[],
): Promise<string[]> {
  return findVersionIdsByBareNames(deps.db, organizationIds, [...new Set(names)]);
}

/** Every product version of an organisation (a whole-portfolio re-match after a matching setting changed). */
export async function listProductVersionIdsOfOrganization(deps: Pick<Deps, 'db'>, organizationId: string) {
  return listVersionIdsOfOrganization(deps.db, organizationId);
}
