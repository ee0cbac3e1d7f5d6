import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.ts';
import { vulnerabilitiesFindings, vulnerabilitiesVexStatements } from '../vulnerabilities.tables.ts';

const confidenceRank = { low: 1, medium: 2, high: 3 } as const;
type Confidence = keyof typeof confidenceRank;

/**
 * The open findings of an organisation gathered per (product version, vulnerability): the unit people
 * triage and assess (a vulnerability in two components of one version is one decision), with the
 * components it was found in and the manufacturer's VEX statement, if any.
 */
export interface OpenFindingPair {
  productVersionId: string;
  vulnerabilityId: string;
  components: { name: string; version: string | null; purl: string | null }[];
  /** The strongest confidence of its findings. */
  confidence: Confidence;
  /** When the first of its findings was seen: the start of the remediation clock. */
  firstSeen: Date;
  vex: { status: string; justification: string | null } | null;
}

export async function listOpenFindingPairs(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  options: { productVersionIds?: string[] } = {},
): Promise<OpenFindingPair[]> {
  const versions = options.productVersionIds;
  if (versions && versions.length === 0) return [];
  const rows = await deps.db
    .select({
      productVersionId: vulnerabilitiesFindings.productVersionId,
      vulnerabilityId: vulnerabilitiesFindings.vulnerabilityId,
      componentName: vulnerabilitiesFindings.componentName,
      componentVersion: vulnerabilitiesFindings.componentVersion,
      componentPurl: vulnerabilitiesFindings.componentPurl,
      confidence: vulnerabilitiesFindings.confidence,
      firstSeen: vulnerabilitiesFindings.firstSeen,
    })
    .from(vulnerabilitiesFindings)
    .where(
      and(
        eq(vulnerabilitiesFindings.organizationId, organizationId),
        eq(vulnerabilitiesFindings.status, 'open'),
        versions ? inArray(vulnerabilitiesFindings.productVersionId, versions) : undefined,
      ),
    );
  const vexRows = await deps.db
    .select({
      productVersionId: vulnerabilitiesVexStatements.productVersionId,
      vulnerabilityId: vulnerabilitiesVexStatements.vulnerabilityId,
      status: vulnerabilitiesVexStatements.status,
      justification: vulnerabilitiesVexStatements.justification,
    })
    .from(vulnerabilitiesVexStatements)
    .where(
      and(
        eq(vulnerabilitiesVexStatements.organizationId, organizationId),
        versions ? inArray(vulnerabilitiesVexStatements.productVersionId, versions) : undefined,
      ),
    );
  const key = (versionId: string, vulnerabilityId: string) => `${versionId}\u0000${vulnerabilityId}`;
  const vex = new Map(vexRows.map((v) => [key(v.productVersionId, v.vulnerabilityId), v]));
  const pairs = new Map<string, OpenFindingPair>();
  for (const row of rows) {
    const k = key(row.productVersionId, row.vulnerabilityId);
    const confidence = row.confidence as Confidence;
    const component = { name: row.componentName, version: row.componentVersion, purl: row.componentPurl };
    const pair = pairs.get(k);
    if (!pair) {
      const statement = vex.get(k);
      pairs.set(k, {
        productVersionId: row.productVersionId,
        vulnerabilityId: row.vulnerabilityId,
        components: [component],
        confidence,
        firstSeen: row.firstSeen,
        vex: statement ? { status: statement.status, justification: statement.justification } : null,
      });
      continue;
    }
    pair.components.push(component);
    if (confidenceRank[confidence] > confidenceRank[pair.confidence]) pair.confidence = confidence;
    if (row.firstSeen < pair.firstSeen) pair.firstSeen = row.firstSeen;
  }
  return [...pairs.values()];
}
