import type { Deps } from '../../../platform/deps.ts';
import { parseSbom } from '../../devices/index.ts';
import { listScannedVulnerabilities } from '../candidates.repository.ts';
import { isBareComponent, loadMatchCandidates, matchCandidates } from './match-candidates.ts';

export interface ScanFinding {
  component: { name: string; version: string | null; purl: string | null; cpe: string | null; ref: string };
  vulnerability: {
    id: string;
    ids: string[];
    summary: string | null;
    cvssScore: number | null;
    cvssVector: string | null;
    kevDateAdded: string | null;
    epss: number | null;
  };
  confidence: 'high' | 'medium' | 'low';
  matchedBy: string;
  reasons: string[];
  fixedIn: string | null;
}

export interface ScanResult {
  sbom: { format: string; specVersion: string; subject: { name: string; version: string | null } | null };
  components: number;
  findings: ScanFinding[];
}

const rank = { low: 1, medium: 2, high: 3 } as const;

export interface ScanOptions {
  /**
   * Also match components with neither purl nor CPE by their name: low confidence, and said so in the
   * reasons (the organisation setting of the same name, for a one-shot scan). Off by default.
   */
  allowNameMatching?: boolean;
}

/**
 * Matches an SBOM against the local advisory store without saving anything: the offline, one-shot
 * scan a release pipeline runs. Throws `invalid` for a document that is not a supported SBOM.
 */
export async function scanSbom(
  deps: Pick<Deps, 'db'>,
  bytes: Uint8Array,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const sbom = parseSbom(bytes);
  const nameMatching = options.allowNameMatching === true;
  const candidates = await loadMatchCandidates(deps.db, sbom.components, () => nameMatching);
  const byKey = new Map<
    string,
    {
      component: (typeof sbom.components)[number];
      vulnerabilityId: string;
      finding: Omit<ScanFinding, 'component' | 'vulnerability'>;
    }
  >();
  const { components } = sbom;
  for (const index of candidates.positionsWithCandidates()) {
    const component = components[index] as (typeof components)[number];
    const byName = nameMatching && isBareComponent(component);
    for (const match of matchCandidates(component, candidates, byName, index)) {
      const vulnerabilityId = candidates.vulnerabilityOf(match);
      if (!vulnerabilityId) continue;
      const key = `${component.ref}\u0000${vulnerabilityId}`;
      const current = byKey.get(key);
      const reasons = match.reasons.map((r) => `${match.advisorySource}:${match.advisoryId}: ${r}`);
      if (!current) {
        byKey.set(key, {
          component,
          vulnerabilityId,
          finding: {
            confidence: match.confidence,
            matchedBy: match.matchedBy,
            reasons,
            fixedIn: match.fixedIn,
          },
        });
      } else {
        current.finding.reasons.push(...reasons);
        if (rank[match.confidence] > rank[current.finding.confidence])
          current.finding.confidence = match.confidence;
        current.finding.fixedIn ??= match.fixedIn;
      }
    }
  }
  const vulnerabilities = new Map(
    (
      await listScannedVulnerabilities(deps.db, [
        ...new Set([...byKey.values()].map((f) => f.vulnerabilityId)),
      ])
    ).map((v) => [v.id, v]),
  );
  const findings: ScanFinding[] = [];
  for (const { component, vulnerabilityId, finding } of byKey.values()) {
    const v = vulnerabilities.get(vulnerabilityId);
    if (!v || v.withdrawn) continue;
    findings.push({
      component: {
        name: component.name,
        version: component.version,
        purl: component.purl,
        cpe: component.cpe,
        ref: component.ref,
      },
      vulnerability: {
        id: v.displayId,
        ids: v.ids,
        summary: v.summary,
        cvssScore: v.cvssScore,
        cvssVector: v.cvssVector,
        kevDateAdded: v.kevDateAdded,
        epss: v.epss,
      },
      ...finding,
    });
  }
  findings.sort(
    (a, b) =>
      (b.vulnerability.cvssScore ?? -1) - (a.vulnerability.cvssScore ?? -1) ||
      a.component.name.localeCompare(b.component.name),
  );
  return {
    sbom: { format: sbom.format, specVersion: sbom.specVersion, subject: sbom.subject },
    components: sbom.components.length,
    findings,
  };
}
