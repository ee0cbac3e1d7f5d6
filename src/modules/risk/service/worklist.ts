import type { Deps } from '../../../platform/deps.ts';
import { describeProductVersions } from '../../devices/index.ts';
import { listOpenFindingPairs, loadVulnerabilities } from '../../vulnerabilities/index.ts';
import { compareUrgency, remediationDueOn, severityOfScore } from '../domain/index.ts';
import { closedTriageStates, type WorklistItem, type WorklistQuery } from '../risk.contracts.ts';
import { listAssessmentsOfOrganization, listTriageOfOrganization } from '../risk.repository.ts';
import { loadRiskMethod } from './risk-settings.ts';
import { dayOf, toTriageView } from './triage.ts';

type AssessmentSummary = NonNullable<WorklistItem['assessment']>;

const pairKey = (versionId: string, vulnerabilityId: string) => `${versionId}\u0000${vulnerabilityId}`;
/** VEX statuses that settle a pair as far as remediation goes. */
const settledVex = new Set(['not_affected', 'fixed']);

/**
 * Every open finding of the organisation as (product version, vulnerability) pairs, with their
 * assessment, triage, KEV/EPSS and fleet exposure; filtered, ranked most urgent first (domain/worklist-rank)
 * and paged. By default, pairs triaged as not affected, false positive or resolved, and pairs a VEX
 * statement settles (not_affected, fixed) are left out; asking for states explicitly shows them.
 */
export async function buildWorklist(
  deps: Pick<Deps, 'db' | 'clock'>,
  organizationId: string,
  query: WorklistQuery,
): Promise<{ total: number; items: WorklistItem[] }> {
  const now = deps.clock.now();
  const today = dayOf(now);
  const pairs = await listOpenFindingPairs(deps, organizationId);
  const versions = await describeProductVersions(
    deps,
    organizationId,
    pairs.map((p) => p.productVersionId),
  );
  const vulnerabilities = await loadVulnerabilities(
    deps,
    pairs.map((p) => p.vulnerabilityId),
  );
  const assessments = new Map(
    (await listAssessmentsOfOrganization(deps.db, organizationId)).map((a) => [
      pairKey(a.productVersionId, a.vulnerabilityId),
      a,
    ]),
  );
  const triage = new Map(
    (await listTriageOfOrganization(deps.db, organizationId)).map((t) => [
      pairKey(t.productVersionId, t.vulnerabilityId),
      t,
    ]),
  );
  const method = await loadRiskMethod(deps.db, organizationId);
  const states = query.state ?? null;
  const needle = query.q?.toLowerCase() ?? null;

  const items: Omit<WorklistItem, 'rank'>[] = [];
  for (const pair of pairs) {
    const version = versions.get(pair.productVersionId);
    const vulnerability = vulnerabilities.get(pair.vulnerabilityId);
    if (!version || !vulnerability || vulnerability.withdrawn) continue;
    const key = pairKey(pair.productVersionId, pair.vulnerabilityId);
    const assessment = assessments.get(key);
    const triageRow = triage.get(key) ?? null;
    const state = (triageRow?.state ?? 'new') as WorklistItem['triage']['state'];
    if (states ? !states.includes(state) : (closedTriageStates as readonly string[]).includes(state))
      continue;
    if (!states && pair.vex && settledVex.has(pair.vex.status)) continue;
    const decision = (assessment?.decision ?? null) as AssessmentSummary['decision'];
    const supplier = (assessment?.ssvcSupplier ?? null) as NonNullable<
      WorklistItem['assessment']
    >['supplier'];
    const slaSeverity = assessment?.severity
      ? (assessment.severity as NonNullable<WorklistItem['slaSeverity']>)
      : severityOfScore(vulnerability.cvssScore);
    const dueOn = remediationDueOn(pair.firstSeen, slaSeverity, method.remediationSlaDays, decision);
    const triageView = toTriageView(triageRow, now, dueOn);
    const resolved = (closedTriageStates as readonly string[]).includes(state);
    const overdue = !resolved && dueOn < today && !triageView.acceptance?.active;

    if (query.decision && (query.decision === 'unassessed' ? decision !== null : decision !== query.decision))
      continue;
    if (query.supplier && supplier !== query.supplier) continue;
    if (query.kev && (vulnerability.kevDateAdded !== null) !== (query.kev === 'true')) continue;
    if (query.overdue && overdue !== (query.overdue === 'true')) continue;
    if (query.productId && version.productId !== query.productId) continue;
    if (query.minEpss !== undefined && (vulnerability.epss ?? 0) < query.minEpss) continue;
    if (needle) {
      const haystack = [
        ...vulnerability.ids,
        vulnerability.summary ?? '',
        version.productName,
        version.label,
        ...pair.components.map((c) => c.name),
      ]
        .join('\n')
        .toLowerCase();
      if (!haystack.includes(needle)) continue;
    }
    items.push({
      product: { id: version.productId, name: version.productName },
      productVersion: { id: version.versionId, label: version.label, unitsInField: version.unitsInField },
      vulnerability: {
        id: vulnerability.id,
        displayId: vulnerability.displayId,
        summary: vulnerability.summary,
        cvssScore: vulnerability.cvssScore,
        kevDateAdded: vulnerability.kevDateAdded,
        epss: vulnerability.epss,
        epssPercentile: vulnerability.epssPercentile,
      },
      components: pair.components,
      confidence: pair.confidence,
      firstSeen: pair.firstSeen.toISOString(),
      vex: pair.vex,
      assessment: assessment
        ? {
            revision: assessment.revision,
            score: assessment.score,
            severity: assessment.severity as AssessmentSummary['severity'],
            decision,
            supplier,
            coordinator: assessment.ssvcCoordinator as AssessmentSummary['coordinator'],
            decidedAt: assessment.decidedAt.toISOString(),
          }
        : null,
      triage: triageView,
      slaSeverity,
      overdue,
    });
  }
  const ranked = items
    .map((item) => ({
      item,
      facts: {
        decision: item.assessment?.decision ?? null,
        supplier: item.assessment?.supplier ?? null,
        kev: item.vulnerability.kevDateAdded !== null,
        epss: item.vulnerability.epss,
        unitsInField: item.productVersion.unitsInField,
        score: item.assessment?.score ?? item.vulnerability.cvssScore,
        displayId: item.vulnerability.displayId,
      },
    }))
    .sort((a, b) => compareUrgency(a.facts, b.facts))
    .map(({ item }, index) => ({ ...item, rank: index + 1 }));
  return { total: ranked.length, items: ranked.slice(query.offset, query.offset + query.limit) };
}
