import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.ts';
import { DomainError } from '../../../shared/errors.ts';
import { describeProductVersions, getProductVersion } from '../../devices/index.ts';
import type { Finding, VulnerabilitySummary } from '../vulnerabilities.contracts.ts';
import {
  type FindingRow,
  findKevAndEpss,
  findVulnerabilitiesSharingIds,
  listFindingsOfVersion,
  listVexOfVersion,
  type VexStatementRow,
  type VulnerabilityRow,
} from '../vulnerabilities.repository.ts';
import { vulnerabilitiesFindings, vulnerabilitiesVulnerabilities } from '../vulnerabilities.tables.ts';

type ReadDeps = Pick<Deps, 'db'>;

async function loadVulnerabilities(
  deps: ReadDeps,
  ids: string[],
): Promise<Map<string, VulnerabilitySummary>> {
  if (ids.length === 0) return new Map();
  const rows: VulnerabilityRow[] = await deps.db
    .select()
    .from(vulnerabilitiesVulnerabilities)
    .where(inArray(vulnerabilitiesVulnerabilities.id, [...new Set(ids)]));
  const cves = rows.flatMap((r) => r.ids.filter((id) => id.startsWith('CVE-')));
  const { kev, epss } = await findKevAndEpss(deps.db, cves);
  return new Map(
    rows.map((r) => {
      const cve = r.ids.find((id) => id.startsWith('CVE-'));
      const score = cve ? epss.get(cve) : undefined;
      return [
        r.id,
        {
          id: r.id,
          displayId: r.displayId,
          ids: r.ids,
          summary: r.summary,
          cvssScore: r.cvssScore,
          cvssVector: r.cvssVector,
          kevDateAdded: cve ? (kev.get(cve) ?? null) : null,
          epss: score?.epss ?? null,
          epssPercentile: score?.percentile ?? null,
          withdrawn: r.withdrawn?.toISOString() ?? null,
        },
      ];
    }),
  );
}

function toFinding(
  row: FindingRow,
  vulnerability: VulnerabilitySummary,
  vex: VexStatementRow | undefined,
): Finding {
  return {
    id: row.id,
    productVersionId: row.productVersionId,
    vulnerability,
    component: {
      name: row.componentName,
      version: row.componentVersion,
      purl: row.componentPurl,
      cpe: row.componentCpe,
    },
    matchedBy: row.matchedBy,
    confidence: row.confidence as Finding['confidence'],
    reasons: row.reasons as Finding['reasons'],
    status: row.status as Finding['status'],
    firstSeen: row.firstSeen.toISOString(),
    lastSeen: row.lastSeen.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    closeReason: row.closeReason,
    vex: vex
      ? {
          status: vex.status as NonNullable<Finding['vex']>['status'],
          justification: vex.justification as NonNullable<Finding['vex']>['justification'],
          impactStatement: vex.impactStatement,
          actionStatement: vex.actionStatement,
          source: vex.source,
          updatedAt: vex.updatedAt.toISOString(),
        }
      : null,
    suppressedByVex: vex?.status === 'not_affected' || vex?.status === 'fixed',
  };
}

const order = (a: Finding, b: Finding) =>
  (b.vulnerability.cvssScore ?? -1) - (a.vulnerability.cvssScore ?? -1) ||
  a.vulnerability.displayId.localeCompare(b.vulnerability.displayId) ||
  a.component.name.localeCompare(b.component.name);

/** A product version's findings (open by default), worst first, with KEV/EPSS and VEX. */
export async function listVersionFindings(
  deps: ReadDeps,
  target: { organizationId: string; productId: string; versionId: string },
  status: 'open' | 'closed' | 'all',
): Promise<Finding[]> {
  await getProductVersion(deps, target.organizationId, target.productId, target.versionId);
  const rows = (await listFindingsOfVersion(deps.db, target.versionId)).filter(
    (r) => status === 'all' || r.status === status,
  );
  const vulnerabilities = await loadVulnerabilities(
    deps,
    rows.map((r) => r.vulnerabilityId),
  );
  const vex = new Map((await listVexOfVersion(deps.db, target.versionId)).map((v) => [v.vulnerabilityId, v]));
  return rows
    .flatMap((r) => {
      const v = vulnerabilities.get(r.vulnerabilityId);
      return v ? [toFinding(r, v, vex.get(r.vulnerabilityId))] : [];
    })
    .sort(order);
}

/** "Where is CVE-X?": the organisation's open findings of one vulnerability, by any of its ids. */
export async function findVulnerabilityInPortfolio(
  deps: ReadDeps,
  organizationId: string,
  vulnerabilityRef: string,
) {
  const [vulnerability] = await findVulnerabilitiesSharingIds(deps.db, [
    vulnerabilityRef.toUpperCase(),
    vulnerabilityRef,
  ]);
  if (!vulnerability)
    throw new DomainError('not_found', `${vulnerabilityRef} is not in the vulnerability store.`);
  const rows = await deps.db
    .select()
    .from(vulnerabilitiesFindings)
    .where(
      and(
        eq(vulnerabilitiesFindings.organizationId, organizationId),
        eq(vulnerabilitiesFindings.vulnerabilityId, vulnerability.id),
        eq(vulnerabilitiesFindings.status, 'open'),
      ),
    );
  const summaries = await loadVulnerabilities(deps, [vulnerability.id]);
  const summary = summaries.get(vulnerability.id) as VulnerabilitySummary;
  const versions = await describeProductVersions(
    deps,
    organizationId,
    rows.map((r) => r.productVersionId),
  );
  // One VEX lookup per version, not per finding.
  const vexByVersion = new Map<string, VexStatementRow | undefined>();
  for (const versionId of new Set(rows.map((r) => r.productVersionId))) {
    const statements = await listVexOfVersion(deps.db, versionId);
    vexByVersion.set(
      versionId,
      statements.find((v) => v.vulnerabilityId === vulnerability.id),
    );
  }
  const items = [];
  for (const row of rows) {
    const version = versions.get(row.productVersionId);
    if (!version) continue;
    const vex = vexByVersion.get(row.productVersionId);
    items.push({
      ...toFinding(row, summary, vex),
      product: { id: version.productId, name: version.productName, slug: version.productSlug },
      productVersion: { id: version.versionId, label: version.label },
    });
  }
  return { vulnerability: summary, items };
}

export { loadVulnerabilities };
