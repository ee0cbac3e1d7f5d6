/**
 * How the worklist orders and dates open (product version, vulnerability) pairs. Pure: the service
 * gathers the facts. Order, most urgent first, as issue 5 lists the criteria: the patient-harm decision
 * (uncontrolled, then not yet assessed, then controlled), the SSVC supplier priority, KEV listing, EPSS,
 * fleet exposure (units in the field), then the score.
 */
export type SlaSeverity = 'critical' | 'high' | 'medium' | 'low';

export interface RankFacts {
  decision: 'controlled' | 'uncontrolled' | null;
  supplier: 'defer' | 'scheduled' | 'out-of-cycle' | 'immediate' | null;
  kev: boolean;
  epss: number | null;
  unitsInField: number | null;
  score: number | null;
  displayId: string;
}

const decisionRank = (d: RankFacts['decision']) => (d === 'uncontrolled' ? 2 : d === null ? 1 : 0);
const supplierRank: Record<NonNullable<RankFacts['supplier']> | 'none', number> = {
  immediate: 4,
  'out-of-cycle': 3,
  scheduled: 2,
  none: 1,
  defer: 0,
};

/** Array.sort comparator: the more urgent pair first. */
export function compareUrgency(a: RankFacts, b: RankFacts): number {
  return (
    decisionRank(b.decision) - decisionRank(a.decision) ||
    supplierRank[b.supplier ?? 'none'] - supplierRank[a.supplier ?? 'none'] ||
    Number(b.kev) - Number(a.kev) ||
    (b.epss ?? -1) - (a.epss ?? -1) ||
    (b.unitsInField ?? 0) - (a.unitsInField ?? 0) ||
    (b.score ?? -1) - (a.score ?? -1) ||
    a.displayId.localeCompare(b.displayId)
  );
}

/** CVSS qualitative severity of a score (the bands are the same in v3.x and v4.0). */
export function severityOfScore(score: number | null): 'none' | SlaSeverity | null {
  if (score === null) return null;
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return score > 0 ? 'low' : 'none';
}

/**
 * FDA's postmarket guidance (§VII) expects uncontrolled risk remediated within 60 days of learning of it
 * for the enforcement-discretion path; an uncontrolled pair is never due later than that.
 */
export const uncontrolledRemediationDays = 60;

/**
 * The remediation due date: first seen + the SLA days of its severity (unscored: medium; CVSS "none":
 * low), capped at 60 days when the decision is uncontrolled.
 */
export function remediationDueOn(
  firstSeen: Date,
  severity: 'none' | SlaSeverity | null,
  slaDays: Record<SlaSeverity, number>,
  decision: RankFacts['decision'],
): string {
  const band: SlaSeverity = severity === null ? 'medium' : severity === 'none' ? 'low' : severity;
  let days = slaDays[band];
  if (decision === 'uncontrolled') days = Math.min(days, uncontrolledRemediationDays);
  return new Date(firstSeen.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
