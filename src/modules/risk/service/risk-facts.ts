import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.ts';
import type { AssessmentResults } from '../risk.contracts.ts';
import { riskAssessments } from '../risk.tables.ts';

/**
 * What the risk decisions of some (product version, vulnerability) pairs say, as an incident's facts
 * need it (issue 6: `fda.riskControlled` decides whether FDA must be told): uncontrolled as soon as one
 * pair is; controlled only when every pair is assessed controlled; unknown (null) otherwise. The FDA
 * enforcement-discretion path is closed when any decision says a serious adverse event is known.
 */
export async function riskDecisionFacts(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  pairs: { productVersionId: string; vulnerabilityId: string }[],
): Promise<{
  riskControlled: boolean | null;
  enforcementDiscretionAvailable: boolean;
  assessed: number;
  unassessed: number;
}> {
  const versionIds = [...new Set(pairs.map((p) => p.productVersionId))];
  const rows =
    versionIds.length === 0
      ? []
      : await deps.db
          .select({
            productVersionId: riskAssessments.productVersionId,
            vulnerabilityId: riskAssessments.vulnerabilityId,
            decision: riskAssessments.decision,
            results: riskAssessments.results,
          })
          .from(riskAssessments)
          .where(
            and(
              eq(riskAssessments.organizationId, organizationId),
              inArray(riskAssessments.productVersionId, versionIds),
            ),
          );
  const byPair = new Map(rows.map((r) => [`${r.productVersionId}\u0000${r.vulnerabilityId}`, r]));
  let assessed = 0;
  let uncontrolled = false;
  let discretion = true;
  for (const pair of pairs) {
    const row = byPair.get(`${pair.productVersionId}\u0000${pair.vulnerabilityId}`);
    if (!row?.decision) continue;
    assessed++;
    if (row.decision === 'uncontrolled') uncontrolled = true;
    if ((row.results as AssessmentResults).decision?.enforcementDiscretionAvailable === false)
      discretion = false;
  }
  const unassessed = pairs.length - assessed;
  return {
    riskControlled: uncontrolled ? false : unassessed === 0 && assessed > 0 ? true : null,
    enforcementDiscretionAvailable: discretion,
    assessed,
    unassessed,
  };
}
