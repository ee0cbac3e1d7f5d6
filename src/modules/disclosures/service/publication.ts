import { joinTransaction, withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { systemActor } from '../../../shared/actor.ts';
import { validateCsafDocument } from '../../../shared/csaf-validation.ts';
import { DomainError, isDomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import { appendPublication } from '../../translog/index.ts';
import type { Disclosure, PublicDisclosure } from '../disclosures.contracts.ts';
import {
  type DisclosureRow,
  findDisclosureForUpdate,
  insertRevision,
  listDueDisclosures,
  listRevisions,
  type RevisionRow,
  updateDisclosure as updateDisclosureRow,
} from '../disclosures.repository.ts';
import { buildCsafDocument } from '../domain/csaf/build-csaf.ts';
import type { CsafRevision } from '../domain/csaf/csaf-input.ts';
import { serializeCsaf } from '../domain/csaf/serialize.ts';
import { assertCanPublish, assertCanWithdraw, publicationAction } from '../domain/disclosure-workflow.ts';
import { cvesOf } from '../domain/referenced-versions.ts';
import { storeCsafDocument } from './csaf-files.ts';
import { type CsafDocumentPlan, planCsafDocuments, registrySnapshot } from './csaf-snapshot.ts';
import { publicRecordOf, storedRecordOf } from './public-record.ts';
import { contentOf, toDisclosure, userIdOf } from './records.ts';

type PublishDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

function revisionHistory(previous: RevisionRow[], next: CsafRevision): CsafRevision[] {
  return [
    ...previous.map((r) => ({ number: r.number, date: r.publishedAt.toISOString(), summary: r.summary })),
    next,
  ];
}

/**
 * Builds and validates the CSAF documents of a revision; refuses (412, listing the failing tests) when
 * any fails the schema or a mandatory test, so nothing invalid is ever published.
 */
async function validatedDocuments(plans: CsafDocumentPlan[]) {
  const documents = [];
  for (const plan of plans) {
    const document = buildCsafDocument(plan.input);
    const validation = await validateCsafDocument(document, 'mandatory');
    if (!validation.valid) {
      const tests = [...new Set(validation.errors.map((e) => e.test))];
      throw new DomainError(
        'precondition_failed',
        `The TLP:${plan.tlp} CSAF document fails ${tests.join(', ')}: fix the record before publishing.`,
        {
          errors: validation.errors.map((e) => ({ path: `${e.test} ${e.path}`.trim(), message: e.message })),
        },
      );
    }
    documents.push({ plan, text: serializeCsaf(document) });
  }
  return documents;
}

interface RevisionChange {
  action: string;
  withdrawn: { reason: string } | null;
  check: (row: DisclosureRow, now: Date) => void;
}

/**
 * Publishes the record's pending revision (or its withdrawal): the revision row, its CSAF documents
 * (hashed and signed) and, for public records, the transparency-log entry are written in one
 * transaction — published if and only if logged.
 */
async function releaseRevision(
  deps: PublishDeps,
  actor: Actor,
  organizationId: string,
  disclosureId: string,
  change: RevisionChange,
): Promise<Disclosure> {
  return withTransaction(deps.db, async (tx) => {
    const inTx = joinTransaction(deps, tx);
    const before = await findDisclosureForUpdate(tx, organizationId, disclosureId);
    if (!before) throw new DomainError('not_found', 'No such disclosure.');
    const now = deps.clock.now();
    change.check(before, now);
    const number = change.withdrawn ? before.publishedRevision + 1 : before.revision;
    const action = publicationAction(number, change.withdrawn !== null);
    const summary = change.withdrawn
      ? `Withdrawn: ${change.withdrawn.reason}`
      : number === 1
        ? 'Initial version'
        : before.revisionSummary;
    const previous = await listRevisions(tx, disclosureId);
    const initialRelease = before.publishedAt ?? now;
    const content = contentOf(before);
    const registry = await registrySnapshot(inTx, before, content);
    const plans = planCsafDocuments(deps.config, before, registry, {
      status: 'final',
      revisions: revisionHistory(previous, { number, date: now.toISOString(), summary }),
      initialReleaseDate: initialRelease,
      currentReleaseDate: now,
      withdrawn: change.withdrawn,
    });
    const documents = await validatedDocuments(plans);

    const revisionId = newId();
    const stored = [];
    for (const { plan, text } of documents) {
      stored.push(
        await storeCsafDocument(inTx, {
          revisionId,
          disclosureId,
          organizationId,
          revisionNumber: number,
          tlp: plan.tlp,
          trackingId: plan.trackingId,
          fileName: plan.fileName,
          initialReleaseAt: initialRelease,
          currentReleaseAt: now,
          document: text,
        }),
      );
    }
    const publicDocument = stored.find((d) => d.tlp === 'WHITE') ?? null;
    const revisions = [
      ...previous.map((r) => ({
        number: r.number,
        action: r.action,
        summary: r.summary,
        publishedAt: r.publishedAt.toISOString(),
      })),
      { number, action, summary, publishedAt: now.toISOString() },
    ];
    const record: PublicDisclosure = publicRecordOf(deps.config, {
      row: before,
      content,
      registry,
      number,
      status: change.withdrawn ? 'withdrawn' : 'published',
      publishedAt: now,
      initialReleaseAt: initialRelease,
      revisions,
      csafPath: publicDocument?.path ?? null,
    });
    const stored_ = storedRecordOf(record);
    await insertRevision(tx, {
      id: revisionId,
      disclosureId,
      organizationId,
      number,
      action,
      summary,
      kind: before.kind,
      tlp: before.tlp,
      severity: before.severity,
      title: before.title,
      cves: cvesOf(content),
      productIds: record.products.map((p) => p.id),
      record: stored_.record,
      contentSha256: stored_.contentSha256,
      initialReleaseAt: initialRelease,
      publishedAt: now,
      publishedByUserId: userIdOf(actor),
      approvedByUserId: before.approvedByUserId,
    });
    const after: DisclosureRow = {
      ...before,
      status: change.withdrawn ? 'withdrawn' : 'published',
      revision: number,
      publishedRevision: number,
      revisionSummary: '',
      embargoUntil: null,
      publishedByUserId: userIdOf(actor),
      publishedAt: initialRelease,
      updatedAt: now,
    };
    await updateDisclosureRow(tx, after);
    const disclosure = toDisclosure(after);
    // The audit event before the log entry: the log's lock is always taken after the audit lock.
    await recordAuditEvent(tx, deps.clock, actor, {
      action: change.action,
      organizationId,
      entityType: 'disclosure',
      entityId: disclosureId,
      before: toDisclosure(before),
      after: {
        ...disclosure,
        csafDocuments: stored.map((d) => ({ tlp: d.tlp, path: d.path, sha256: d.sha256 })),
      },
    });
    if (before.tlp === 'CLEAR') {
      await appendPublication(inTx, {
        action,
        recordType: 'disclosure',
        organizationId,
        record,
        csafSha256: publicDocument?.sha256 ?? null,
      });
    }
    return disclosure;
  });
}

/** Publishes an approved record (its first publication or a revision) once its embargo has ended. */
export async function publishDisclosure(
  deps: PublishDeps,
  actor: Actor,
  organizationId: string,
  disclosureId: string,
): Promise<Disclosure> {
  return releaseRevision(deps, actor, organizationId, disclosureId, {
    action: 'disclosure.published',
    withdrawn: null,
    check: (row, now) => assertCanPublish(row, now),
  });
}

/**
 * Withdraws a published record: a final revision saying so, with its reason, in the CSAF documents, on
 * the page and in the log. A pending, unpublished revision must be published or reverted first, so that
 * the withdrawal states what the public last saw.
 */
export async function withdrawDisclosure(
  deps: PublishDeps,
  actor: Actor,
  organizationId: string,
  disclosureId: string,
  reason: string,
): Promise<Disclosure> {
  return releaseRevision(deps, actor, organizationId, disclosureId, {
    action: 'disclosure.withdrawn',
    withdrawn: { reason },
    check: (row) => {
      assertCanWithdraw(row);
      if (row.status !== 'published') {
        throw new DomainError(
          'precondition_failed',
          `Revision ${row.revision} is pending (${row.status}): publish it first, so that the withdrawal states what the public last saw.`,
        );
      }
    },
  });
}

/**
 * The scheduler's side of embargoes: approved records whose embargo has ended are published, by the
 * system, with the approval they had. A record that cannot be published (e.g. its CSAF now fails a
 * test) stays approved and the failure is audited.
 */
export async function publishDueDisclosures(
  deps: PublishDeps & Pick<Deps, 'logger'>,
): Promise<{ published: number; failed: number }> {
  const due = await listDueDisclosures(deps.db, deps.clock.now(), 100);
  const actor = systemActor('embargo-scheduler');
  let published = 0;
  let failed = 0;
  for (const { id, organizationId } of due) {
    try {
      await publishDisclosure(deps, actor, organizationId, id);
      published++;
    } catch (error) {
      failed++;
      deps.logger.warn({ disclosureId: id, err: error }, 'embargoed disclosure could not be published');
      await recordAuditEvent(deps.db, deps.clock, actor, {
        action: 'disclosure.publication_failed',
        organizationId,
        entityType: 'disclosure',
        entityId: id,
        after: { reason: isDomainError(error) ? error.message : 'unexpected error' },
      });
    }
  }
  return { published, failed };
}
