import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { newId } from '../../../shared/ids.ts';
import {
  type ComponentForMatching,
  describeProductVersions,
  listComponentsForMatching,
} from '../../devices/index.ts';
import type { ComponentMatch } from '../domain/match/match-component.ts';
import { componentKeyOf } from '../domain/package-identity.ts';
import {
  closeFindings,
  type FindingRefresh,
  type FindingState,
  insertFindings,
  listFindingStatesOfVersions,
  refreshFindings,
} from '../findings.repository.ts';
import { type FindingRow, insertNotifications, type NotificationRow } from '../vulnerabilities.repository.ts';
import { isBareComponent, loadMatchCandidates, type MatchCandidates, MatchMemo } from './match-candidates.ts';
import { enqueueNoticeDeliveries, type StoredNotice } from './notice-delivery.ts';
import { loadVulnerabilitySettings } from './settings.ts';

const confidenceRank = { low: 1, medium: 2, high: 3 } as const;
type Confidence = keyof typeof confidenceRank;

/** Versions re-matched together: one read of their components, one transaction for their findings. */
const versionsPerBatch = 50;

const closeReason =
  'no longer matches: the component changed or left the SBOM, or the advisory was changed or withdrawn';

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
 * Components with neither purl nor CPE are matched by name (low confidence) in organisations that turned
 * on `allowNameMatching`. Versions go 50 at a time: a few statements per batch, whatever its findings.
 */
export async function matchProductVersions(
  deps: Pick<Deps, 'db' | 'clock'> & Partial<Pick<Deps, 'jobs' | 'config'>>,
  productVersionIds: string[],
): Promise<MatchOutcome> {
  const outcome: MatchOutcome = { versions: 0, components: 0, opened: 0, closed: 0, open: 0 };
  const memo = new MatchMemo();
  const versionIds = [...new Set(productVersionIds)];
  // A batch's findings are written while the next batch is read and matched (PostgreSQL runs the
  // writes in its own process); at most one write is in flight, so memory holds two batches at most.
  let writing: Promise<void> | null = null;
  try {
    for (let i = 0; i < versionIds.length; i += versionsPerBatch) {
      const batch = versionIds.slice(i, i + versionsPerBatch);
      const components = await listComponentsForMatching(deps, batch);
      for (const component of components) outcome.components += component.productVersionIds.length;
      const settings = await loadVulnerabilitySettings(
        deps.db,
        components.map((c) => c.organizationId),
      );
      const nameMatching = (c: ComponentForMatching) =>
        settings.get(c.organizationId)?.allowNameMatching === true;
      const candidates = await loadMatchCandidates(deps.db, components, nameMatching);

      const plans = planVersions(batch, components, candidates, nameMatching, memo);
      const subjects = await describeVersions(deps, plans);
      if (writing) await writing;
      writing = (async () => {
        const result = await reconcile(deps, plans, subjects);
        await enqueueNoticeDeliveries(deps, result.notices);
        outcome.versions += plans.length;
        outcome.opened += result.opened;
        outcome.closed += result.closed;
        outcome.open += result.open;
      })();
      // Handled here so that a failure is not reported as unhandled before it is awaited.
      writing.catch(() => {});
    }
    if (writing) await writing;
  } finally {
    // A failure while preparing a batch must not leave the previous batch's write running unobserved.
    await writing?.catch(() => {});
  }
  return outcome;
}

interface VersionPlan {
  versionId: string;
  /** From the version's components; a version without components takes it from its findings. */
  organizationId: string | null;
  desired: Map<string, DesiredFinding>;
}

/**
 * The findings each version of the batch should have, keyed by vulnerability and component identity:
 * each distinct component is matched once (memo) and its matches go to every version holding it.
 */
function planVersions(
  versionIds: string[],
  components: ComponentForMatching[],
  candidates: MatchCandidates,
  nameMatching: (c: ComponentForMatching) => boolean,
  memo: MatchMemo,
): VersionPlan[] {
  const plans = new Map<string, VersionPlan>(
    versionIds.map((versionId) => [versionId, { versionId, organizationId: null, desired: new Map() }]),
  );
  for (const component of components) {
    const componentKey = componentKeyOf(component);
    const byName = nameMatching(component) && isBareComponent(component);
    const found: {
      vulnerabilityId: string;
      match: ComponentMatch;
      reason: DesiredFinding['reasons'][number];
    }[] = [];
    for (const match of memo.matches(component, candidates, byName)) {
      const vulnerabilityId = candidates.vulnerabilityOf(match);
      if (!vulnerabilityId) continue;
      const reason = {
        advisory: `${match.advisorySource}:${match.advisoryId}`,
        matchedBy: match.matchedBy,
        confidence: match.confidence,
        reasons: match.reasons,
        fixedIn: match.fixedIn,
      };
      found.push({ vulnerabilityId, match, reason });
    }
    for (const versionId of component.productVersionIds) {
      const plan = plans.get(versionId);
      if (!plan) continue;
      plan.organizationId ??= component.organizationId;
      for (const { vulnerabilityId, match, reason } of found) {
        const key = `${vulnerabilityId}\u0000${componentKey}`;
        const current = plan.desired.get(key);
        if (!current) {
          plan.desired.set(key, {
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
  }
  return [...plans.values()];
}

/** Product name and version label of each version, for the notices (one query per organisation). */
async function describeVersions(
  deps: Pick<Deps, 'db'>,
  plans: VersionPlan[],
): Promise<Map<string, Record<string, string>>> {
  const byOrganization = new Map<string, string[]>();
  for (const plan of plans) {
    if (plan.organizationId === null) continue;
    byOrganization.set(plan.organizationId, [
      ...(byOrganization.get(plan.organizationId) ?? []),
      plan.versionId,
    ]);
  }
  const subjects = new Map<string, Record<string, string>>();
  for (const [organizationId, versionIds] of byOrganization) {
    for (const [versionId, described] of await describeProductVersions(deps, organizationId, versionIds)) {
      subjects.set(versionId, {
        productId: described.productId,
        productName: described.productName,
        versionLabel: described.label,
      });
    }
  }
  return subjects;
}

/**
 * Reconciles the desired findings of a batch of versions with the stored ones in one transaction:
 * one read, one insert, one refresh, one close and one notices insert for the whole batch.
 */
async function reconcile(
  deps: Pick<Deps, 'db' | 'clock'>,
  plans: VersionPlan[],
  subjects: Map<string, Record<string, string>>,
): Promise<{ opened: number; closed: number; open: number; notices: StoredNotice[] }> {
  if (plans.length === 0) return { opened: 0, closed: 0, open: 0, notices: [] };
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const existingByVersion = new Map<string, FindingState[]>();
    for (const finding of await listFindingStatesOfVersions(
      tx,
      plans.map((p) => p.versionId),
    )) {
      const list = existingByVersion.get(finding.productVersionId);
      if (list) list.push(finding);
      else existingByVersion.set(finding.productVersionId, [finding]);
    }
    const inserts: FindingRow[] = [];
    const refreshes: FindingRefresh[] = [];
    const closing: string[] = [];
    const notifications: NotificationRow[] = [];
    const totals = { opened: 0, closed: 0, open: 0 };
    for (const { versionId, organizationId: hint, desired } of plans) {
      const existing = existingByVersion.get(versionId) ?? [];
      const existingByKey = new Map(existing.map((f) => [`${f.vulnerabilityId}\u0000${f.componentKey}`, f]));
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
          refreshes.push({ id: found.id, ...fields });
        }
      }
      for (const finding of existing) {
        if (
          finding.status === 'open' &&
          !desired.has(`${finding.vulnerabilityId}\u0000${finding.componentKey}`)
        ) {
          closing.push(finding.id);
          closed++;
        }
      }
      const organizationId = hint ?? existing[0]?.organizationId ?? null;
      if (organizationId && (opened > 0 || closed > 0)) {
        notifications.push({
          id: newId(),
          organizationId,
          kind: 'findings.changed',
          title:
            opened > 0
              ? `${opened} new vulnerability finding${opened === 1 ? '' : 's'}${closed > 0 ? `, ${closed} closed` : ''}`
              : `${closed} vulnerability finding${closed === 1 ? '' : 's'} closed`,
          payload: { productVersionId: versionId, ...(subjects.get(versionId) ?? {}), opened, closed },
          createdAt: now,
          readAt: null,
          emailedAt: null,
          emailStatus: null,
        });
      }
      totals.opened += opened;
      totals.closed += closed;
      totals.open += desired.size;
    }
    await refreshFindings(tx, refreshes);
    await closeFindings(tx, closing, now, closeReason);
    await insertFindings(tx, inserts);
    await insertNotifications(tx, notifications);
    return {
      ...totals,
      notices: notifications.map((n) => ({ id: n.id, organizationId: n.organizationId })),
    };
  });
}
