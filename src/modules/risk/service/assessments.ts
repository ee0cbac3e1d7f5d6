import { joinTransaction, withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { newId } from '../../../shared/ids.ts';
import { userNamesById } from '../../accounts/index.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import {
  type AdvisoryRiskSubject,
  type AssessmentContext,
  advisoryRiskStatement,
  type CvssScore,
  computeAssessment,
} from '../domain/index.ts';
import type { Assessment, AssessmentInput, AssessmentResults, RiskPair } from '../risk.contracts.ts';
import {
  type AssessmentRow,
  findAssessment,
  findTriage,
  listAssessmentRevisions,
  saveAssessmentRevision,
} from '../risk.repository.ts';
import {
  assessmentContext,
  dueOnOfPair,
  type LoadedPair,
  loadPair,
  openPairOf,
  type PairTarget,
} from './risk-pair.ts';
import { loadRiskMethod } from './risk-settings.ts';
import { toTriageView } from './triage.ts';

function scoreView(score: CvssScore | null) {
  return score
    ? {
        version: score.version,
        vector: score.vector,
        baseScore: score.baseScore,
        baseSeverity: score.baseSeverity,
        overallScore: score.overallScore,
        overallSeverity: score.overallSeverity,
        environmentalScore: score.environmentalScore,
      }
    : null;
}

/** The domain's computation as the API shows and stores it (plain JSON, no library objects). */
export function computeResults(
  input: AssessmentInput,
  context: AssessmentContext,
  subject: AdvisoryRiskSubject,
): AssessmentResults {
  const r = computeAssessment(input, context);
  const decision = r.decision;
  const advisoryText = advisoryRiskStatement(
    subject,
    decision
      ? {
          outcome: decision.outcome,
          compensatingControls: decision.compensatingControls,
          cadence: r.ssvc.cadence,
        }
      : null,
  );
  return {
    base: scoreView(r.base),
    environmental: scoreView(r.environmental),
    environmentSource: r.environmentSource,
    rubric: r.rubric
      ? {
          complete: r.rubric.complete,
          missing: r.rubric.missing,
          ignored: r.rubric.ignored,
          vector: r.rubric.vector,
          extendedVector: r.rubric.extendedVector,
          explanations: r.rubric.explanations.map((e) => ({
            metric: e.metric,
            value: e.value,
            text: e.text,
          })),
          mapping: r.rubric.mapping,
        }
      : null,
    score: r.score,
    severity: r.severity,
    exploitability:
      'overridden' in r.exploitability
        ? {
            level: r.exploitability.level,
            overridden: true,
            explanations: [`exploitability ${r.exploitability.level}, set by the assessor`],
          }
        : { level: r.exploitability.level, overridden: false, explanations: r.exploitability.explanations },
    decision: decision
      ? {
          outcome: decision.outcome,
          rule: decision.decidedBy.rule,
          matrix:
            decision.decidedBy.rule === 'matrix'
              ? { label: decision.decidedBy.matrix, confirmed: decision.decidedBy.matrixConfirmed }
              : null,
          enforcementDiscretionAvailable: decision.enforcementDiscretionAvailable,
          explanations: decision.explanations,
        }
      : null,
    ssvc: r.ssvc,
    missing: r.missing,
    advisoryText,
    context: {
      publishedVector: context.publishedVector,
      kev: context.kev,
      epss: context.epss?.probability ?? null,
      epssPercentile: context.epss?.percentile ?? null,
    },
  };
}

const subjectOf = (pair: LoadedPair): AdvisoryRiskSubject => ({
  product: pair.product.name,
  version: pair.version.label,
  vulnerability: pair.vulnerability.displayId,
});

/** The live score: what saving these inputs would record, without saving anything. */
export async function previewAssessment(
  deps: Pick<Deps, 'db' | 'clock'>,
  target: PairTarget,
  input: AssessmentInput,
): Promise<AssessmentResults> {
  const pair = await loadPair(deps, target);
  const method = await loadRiskMethod(deps.db, target.organizationId);
  return computeResults(input, assessmentContext(pair, method), subjectOf(pair));
}

async function toAssessmentView(
  deps: Pick<Deps, 'db'>,
  row: AssessmentRow,
  pair: Pick<LoadedPair, 'vulnerability'>,
): Promise<Assessment> {
  const names = await userNamesById(deps, row.decidedByUserId ? [row.decidedByUserId] : []);
  return {
    vulnerability: {
      id: pair.vulnerability.id,
      displayId: pair.vulnerability.displayId,
      summary: pair.vulnerability.summary,
    },
    productVersionId: row.productVersionId,
    revision: row.revision,
    inputs: row.inputs as AssessmentInput,
    results: row.results as AssessmentResults,
    decidedBy: {
      userId: row.decidedByUserId,
      name: row.decidedByUserId ? (names.get(row.decidedByUserId) ?? null) : null,
    },
    decidedAt: row.decidedAt.toISOString(),
  };
}

/**
 * Records an assessment: the server computes the results from the inputs (the client's live score is
 * only a preview), stores them as a new revision with who and when, and audits the change.
 */
export async function saveAssessment(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  target: PairTarget,
  input: AssessmentInput,
): Promise<Assessment> {
  const pair = await loadPair(deps, target);
  return withTransaction(deps.db, async (tx) => {
    const method = await loadRiskMethod(tx, target.organizationId);
    const results = computeResults(input, assessmentContext(pair, method), subjectOf(pair));
    const before = await findAssessment(tx, pair.version.id, pair.vulnerability.id, { forUpdate: true });
    const row: AssessmentRow = {
      id: before?.id ?? newId(),
      organizationId: target.organizationId,
      productVersionId: pair.version.id,
      vulnerabilityId: pair.vulnerability.id,
      revision: (before?.revision ?? 0) + 1,
      inputs: input,
      results,
      baseVector: results.base?.vector ?? null,
      environmentalVector: results.environmental?.vector ?? null,
      score: results.score,
      severity: results.severity,
      decision: results.decision?.outcome ?? null,
      ssvcSupplier: results.ssvc.supplier,
      ssvcCoordinator: results.ssvc.coordinator,
      decidedByUserId: actor.kind === 'user' ? actor.userId : null,
      decidedAt: deps.clock.now(),
    };
    await saveAssessmentRevision(tx, row, before === null);
    const summary = (r: Pick<AssessmentRow, 'revision' | 'score' | 'decision' | 'ssvcSupplier'>) => ({
      revision: r.revision,
      score: r.score,
      decision: r.decision,
      ssvcSupplier: r.ssvcSupplier,
    });
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'risk_assessment.saved',
      organizationId: target.organizationId,
      entityType: 'risk_assessment',
      entityId: `${pair.version.id}:${pair.vulnerability.id}`,
      before: before ? summary(before) : null,
      after: { ...summary(row), vulnerability: pair.vulnerability.displayId },
    });
    return toAssessmentView(joinTransaction(deps, tx), row, pair);
  });
}

/** Everything the assessment page shows about one pair. */
export async function getRiskPair(deps: Pick<Deps, 'db' | 'clock'>, target: PairTarget): Promise<RiskPair> {
  const pair = await loadPair(deps, target);
  const row = await findAssessment(deps.db, pair.version.id, pair.vulnerability.id);
  const triage = await findTriage(deps.db, pair.version.id, pair.vulnerability.id);
  const v = pair.vulnerability;
  return {
    product: pair.product,
    productVersion: {
      id: pair.version.id,
      label: pair.version.label,
      unitsInField: pair.version.unitsInField,
    },
    vulnerability: {
      id: v.id,
      displayId: v.displayId,
      summary: v.summary,
      cvssScore: v.cvssScore,
      cvssVector: v.cvssVector,
      kevDateAdded: v.kevDateAdded,
      epss: v.epss,
      epssPercentile: v.epssPercentile,
    },
    components: (await openPairOf(deps, target.organizationId, pair.version.id, v.id))?.components ?? [],
    assessment: row ? await toAssessmentView(deps, row, pair) : null,
    triage: toTriageView(triage, deps.clock.now(), await dueOnOfPair(deps, target.organizationId, pair)),
  };
}

/** Every saved revision of the pair's assessment, newest first (the history is append-only). */
export async function listAssessmentHistory(deps: Pick<Deps, 'db' | 'clock'>, target: PairTarget) {
  const pair = await loadPair(deps, target);
  const row = await findAssessment(deps.db, pair.version.id, pair.vulnerability.id);
  if (!row) return [];
  const revisions = await listAssessmentRevisions(deps.db, row.id);
  const names = await userNamesById(
    deps,
    revisions.flatMap((r) => (r.decidedByUserId ? [r.decidedByUserId] : [])),
  );
  return revisions.map((r) => ({
    revision: r.revision,
    inputs: r.inputs as AssessmentInput,
    results: r.results as AssessmentResults,
    decidedBy: {
      userId: r.decidedByUserId,
      name: r.decidedByUserId ? (names.get(r.decidedByUserId) ?? null) : null,
    },
    decidedAt: r.decidedAt.toISOString(),
  }));
}
