import type { Deps } from '../../../platform/deps.ts';
import { DomainError } from '../../../shared/errors.ts';
import { describeProductVersions, getProductVersion } from '../../devices/index.ts';
import {
  listOpenFindingPairs,
  loadVulnerabilities,
  resolveVulnerability,
} from '../../vulnerabilities/index.ts';
import {
  type AssessmentContext,
  remediationDueOn,
  scoreCvssVector,
  severityOfScore,
} from '../domain/index.ts';
import { findAssessment } from '../risk.repository.ts';
import { loadRiskMethod, type RiskMethod } from './risk-settings.ts';
import { loadVersionEnvironment } from './version-profile.ts';

/** A (product version, vulnerability) pair as a route names it. */
export interface PairTarget {
  organizationId: string;
  productId: string;
  versionId: string;
  vulnerabilityRef: string;
}

/**
 * The pair a route names, checked: the version belongs to this product of this organisation (else
 * not_found, so other tenants' ids reveal nothing) and the vulnerability is in the store.
 */
export async function loadPair(deps: Pick<Deps, 'db' | 'clock'>, target: PairTarget) {
  const version = await getProductVersion(deps, target.organizationId, target.productId, target.versionId);
  const row = await resolveVulnerability(deps, target.vulnerabilityRef, false);
  if (!row)
    throw new DomainError('not_found', `${target.vulnerabilityRef} is not in the vulnerability store.`);
  const vulnerability = (await loadVulnerabilities(deps, [row.id])).get(row.id);
  if (!vulnerability)
    throw new DomainError('not_found', `${target.vulnerabilityRef} is not in the vulnerability store.`);
  const described = (await describeProductVersions(deps, target.organizationId, [version.id])).get(
    version.id,
  );
  return {
    version,
    product: { id: target.productId, name: described?.productName ?? '' },
    vulnerability,
    environment: await loadVersionEnvironment(deps, version.id),
  };
}

export type LoadedPair = Awaited<ReturnType<typeof loadPair>>;

/** The published vector when it can be scored; a record's unreadable vector must not fail an assessment. */
export function usablePublishedVector(vector: string | null): string | null {
  if (!vector) return null;
  try {
    scoreCvssVector(vector);
    return vector;
  } catch {
    return null;
  }
}

export function assessmentContext(pair: LoadedPair, method: RiskMethod): AssessmentContext {
  const { vulnerability } = pair;
  return {
    publishedVector: usablePublishedVector(vulnerability.cvssVector),
    kev: vulnerability.kevDateAdded !== null,
    epss:
      vulnerability.epss === null
        ? null
        : { probability: vulnerability.epss, percentile: vulnerability.epssPercentile },
    rubricMapping: method.rubricMapping,
    controlMatrix: method.controlMatrix,
    versionEnvironment: pair.environment,
  };
}

/** The open findings of the vulnerability in the version, gathered (null when none is open). */
export async function openPairOf(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  versionId: string,
  vulnerabilityId: string,
) {
  const pairs = await listOpenFindingPairs(deps, organizationId, { productVersionIds: [versionId] });
  return pairs.find((p) => p.vulnerabilityId === vulnerabilityId) ?? null;
}

/**
 * The pair's remediation due date, as the worklist computes it (decision 0010): null when no finding of
 * it is open.
 */
export async function dueOnOfPair(deps: Pick<Deps, 'db'>, organizationId: string, pair: LoadedPair) {
  const open = await openPairOf(deps, organizationId, pair.version.id, pair.vulnerability.id);
  if (!open) return null;
  const method = await loadRiskMethod(deps.db, organizationId);
  const assessment = await findAssessment(deps.db, pair.version.id, pair.vulnerability.id);
  const severity = assessment?.severity
    ? (assessment.severity as ReturnType<typeof severityOfScore>)
    : severityOfScore(pair.vulnerability.cvssScore);
  return remediationDueOn(
    open.firstSeen,
    severity,
    method.remediationSlaDays,
    (assessment?.decision ?? null) as 'controlled' | 'uncontrolled' | null,
  );
}
