import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../shared/ids.ts';
import {
  type ComponentForMatching,
  describeProductVersions,
  listComponentsForMatching,
} from '../../devices/index.ts';
import type { Advisory } from '../domain/advisory-model.ts';
import { matchComponent } from '../domain/match/match-component.ts';
import {
  componentKeyOf,
  componentLookupKeys,
  indexAdvisoriesByKey,
  type LookupKey,
} from '../domain/package-identity.ts';
import {
  type FindingRow,
  findAdvisoriesByKeys,
  insertFindings,
  insertNotifications,
  listFindingsOfVersion,
  updateFinding,
} from '../vulnerabilities.repository.ts';
import { enqueueNoticeDeliveries } from './notice-delivery.ts';

const confidenceRank = { low: 1, medium: 2, high: 3 } as const;
type Confidence = keyof typeof confidenceRank;

interface DesiredFinding {
  vulnerabilityId: string;
  component: ComponentForMatching;
  componentKey: string;
  matchedBy: string;
  confidence: Confidence;
  reasons: {
    advisory: string;
    matchedBy: string;
    confidence: Confidence;
    reasons: string[];
    fixedIn: string | null;
  }[];
}

export interface MatchOutcome {
  versions: number;
  components: number;
  opened: number;
  closed: number;
  open: number;
}

/**
 * Recomputes the findings of product versions: their components are looked up in the advisory index,
 * matched by the pure matcher, and reconciled with what is stored — new findings open, vanished ones
 * close with a reason, findings that match again reopen. The owning organisation is notified of changes.
 */
export async function matchProductVersions(
  deps: Pick<Deps, 'db' | 'clock'> & Partial<Pick<Deps, 'jobs' | 'config'>>,
  productVersionIds: string[],
): Promise<MatchOutcome> {
  const outcome: MatchOutcome = { versions: 0, components: 0, opened: 0, closed: 0, open: 0 };
  for (let i = 0; i < productVersionIds.length; i += 50) {
    const batch = productVersionIds.slice(i, i + 50);
    const components = await listComponentsForMatching(deps, batch);
    outcome.components += components.length;
    const keys = new Map<string, LookupKey>();
    for (const component of components) {
      for (const key of componentLookupKeys(component))
        keys.set(`${key.kind}\u0000${key.namespace}\u0000${key.name}`, key);
    }
    const advisoryRows = await findAdvisoriesByKeys(deps.db, [...keys.values()]);
    const candidatesFor = indexAdvisoriesByKey(advisoryRows.map((row) => row.record as Advisory));
    const vulnerabilityOf = new Map(
      advisoryRows.map((row) => [`${row.source}\u0000${row.sourceId}`, row.vulnerabilityId]),
    );

    const byVersion = new Map<string, ComponentForMatching[]>(batch.map((id) => [id, []]));
    for (const component of components) byVersion.get(component.productVersionId)?.push(component);
    for (const [versionId, versionComponents] of byVersion) {
      const desired = new Map<string, DesiredFinding>();
      for (const component of versionComponents) {
        const componentKey = componentKeyOf(component);
        const matches = matchComponent({ key: componentKey, ...component }, candidatesFor(component));
        for (const match of matches) {
          const vulnerabilityId = vulnerabilityOf.get(`${match.advisorySource}\u0000${match.advisoryId}`);
          if (!vulnerabilityId) continue;
          const key = `${vulnerabilityId}\u0000${componentKey}`;
          const reason = {
            advisory: `${match.advisorySource}:${match.advisoryId}`,
            matchedBy: match.matchedBy,
            confidence: match.confidence,
            reasons: match.reasons,
            fixedIn: match.fixedIn,
          };
          const current = desired.get(key);
          if (!current) {
            desired.set(key, {
              vulnerabilityId,
              component,
              componentKey,
              matchedBy: match.matchedBy,
              confidence: match.confidence,
              reasons: [reason],
            });
          } else {
            current.reasons.push(reason);
            if (confidenceRank[match.confidence] > confidenceRank[current.confidence]) {
              current.confidence = match.confidence;
              current.matchedBy = match.matchedBy;
            }
          }
        }
      }
      const organizationId = versionComponents[0]?.organizationId ?? null;
      const described = organizationId
        ? (await describeProductVersions(deps, organizationId, [versionId])).get(versionId)
        : undefined;
      const subject: Record<string, string> = described
        ? {
            productId: described.productId,
            productName: described.productName,
            versionLabel: described.label,
          }
        : {};
      const result = await reconcile(deps, versionId, organizationId, desired, subject);
      if (result.notice) await enqueueNoticeDeliveries(deps, [result.notice]);
      outcome.versions++;
      outcome.opened += result.opened;
      outcome.closed += result.closed;
      outcome.open += result.open;
    }
  }
  return outcome;
}

async function reconcile(
  deps: Pick<Deps, 'db' | 'clock'>,
  versionId: string,
  organizationIdHint: string | null,
  desired: Map<string, DesiredFinding>,
  subject: Record<string, string>,
): Promise<{
  opened: number;
  closed: number;
  open: number;
  notice: { id: string; organizationId: string } | null;
}> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const existing = await listFindingsOfVersion(tx, versionId);
    const existingByKey = new Map(existing.map((f) => [`${f.vulnerabilityId}\u0000${f.componentKey}`, f]));
    const inserts: FindingRow[] = [];
    let opened = 0;
    let closed = 0;
    for (const [key, want] of desired) {
      const found = existingByKey.get(key);
      const fields = {
        componentName: want.component.name,
        componentVersion: want.component.version,
        componentPurl: want.component.purl,
        componentCpe: want.component.cpe,
        matchedBy: want.matchedBy,
        confidence: want.confidence,
        reasons: want.reasons,
        lastSeen: now,
      };
      if (!found) {
        inserts.push({
          id: newId(),
          organizationId: want.component.organizationId,
          productVersionId: versionId,
          vulnerabilityId: want.vulnerabilityId,
          componentKey: want.componentKey,
          ...fields,
          status: 'open',
          firstSeen: now,
          closedAt: null,
          closeReason: null,
        });
        opened++;
      } else {
        if (found.status === 'closed') opened++;
        await updateFinding(tx, { ...found, ...fields, status: 'open', closedAt: null, closeReason: null });
      }
    }
    for (const finding of existing) {
      if (
        finding.status === 'open' &&
        !desired.has(`${finding.vulnerabilityId}\u0000${finding.componentKey}`)
      ) {
        await updateFinding(tx, {
          ...finding,
          status: 'closed',
          closedAt: now,
          closeReason:
            'no longer matches: the component changed or left the SBOM, or the advisory was changed or withdrawn',
        });
        closed++;
      }
    }
    await insertFindings(tx, inserts);
    const organizationId = organizationIdHint ?? existing[0]?.organizationId ?? null;
    let notice: { id: string; organizationId: string } | null = null;
    if (organizationId && (opened > 0 || closed > 0)) {
      notice = { id: newId(), organizationId };
      await insertNotifications(tx, [
        {
          id: notice.id,
          organizationId,
          kind: 'findings.changed',
          title:
            opened > 0
              ? `${opened} new vulnerability finding${opened === 1 ? '' : 's'}${closed > 0 ? `, ${closed} closed` : ''}`
              : `${closed} vulnerability finding${closed === 1 ? '' : 's'} closed`,
          payload: { productVersionId: versionId, ...subject, opened, closed },
          createdAt: now,
          readAt: null,
          emailedAt: null,
          emailStatus: null,
        },
      ]);
    }
    return { opened, closed, open: desired.size, notice };
  });
}
