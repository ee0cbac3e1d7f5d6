import type { ObligationTask } from '@contracts/incidents/incidents.contracts.ts';
import { useId } from 'react';
import { Badge } from '../../components/badge.tsx';
import { DateText } from '../../components/format.tsx';
import { Countdown, DueTimes, UrgencyBadge, useNow } from './countdown.tsx';
import { ObligationDraftView } from './obligation-draft-view.tsx';
import { ObligationStatusActions } from './obligation-status-actions.tsx';
import { SubmissionForm, SubmissionList } from './obligation-submissions.tsx';
import type { ObligationTarget } from './obligations.api.ts';
import { formatCalendarDate, formatInZone, urgencyOf } from './urgency.ts';

export const obligationStatusText: Record<ObligationTask['status'], string> = {
  due: 'To do',
  drafted: 'Drafted',
  submitted: 'Submitted',
  waived: 'Waived',
  not_applicable: 'Not applicable',
};
export const obligationStatusTone = {
  due: 'info',
  drafted: 'info',
  submitted: 'success',
  waived: 'neutral',
  not_applicable: 'neutral',
} as const;

export function ObligationStatusBadge({ status }: { status: ObligationTask['status'] }) {
  return (
    <Badge tone={obligationStatusTone[status]} label="Status">
      {obligationStatusText[status]}
    </Badge>
  );
}

/** "Provisional", "Unconfirmed rule", "Public": what to keep in mind about a deadline. */
export function ObligationFlags({
  task,
}: {
  task: Pick<ObligationTask, 'provisional' | 'confirmed' | 'public'>;
}) {
  return (
    <>
      {task.provisional ? (
        <Badge tone="warning">
          <span title="The date will move: its clock has not started, or it hangs on a report not yet filed">
            Provisional
          </span>
        </Badge>
      ) : null}
      {task.confirmed ? null : (
        <Badge tone="caution">
          <span title="The rule is not confirmed by a primary source: check it">Unconfirmed rule</span>
        </Badge>
      )}
      {task.public ? <Badge tone="neutral">Public</Badge> : null}
    </>
  );
}

interface ObligationCardProps {
  task: ObligationTask;
  target: ObligationTarget;
  canWrite: boolean;
  /** Bumped when the incident's record changed, so an open draft is read again. */
  epoch: number;
  onChanged(task: ObligationTask, options?: { reloadAll?: boolean }): void;
}

/**
 * One mandatory report: a live countdown coloured by urgency, the deadline in the jurisdiction's zone
 * and the user's, why it applies and its legal source, how its deadline moved, and what to do next.
 */
export function ObligationCard({ task, target, canWrite, epoch, onChanged }: ObligationCardProps) {
  const headingId = useId();
  const now = useNow(15_000);
  const urgency = urgencyOf(task, now);
  return (
    <article className={`obligation obligation--${urgency}`} aria-labelledby={headingId}>
      <header className="obligation__header">
        <div className="obligation__heading">
          <h3 className="obligation__title" id={headingId}>
            {task.title} — {task.jurisdiction}
          </h3>
          <p className="obligation__meta">
            {task.regime} · to {task.recipient}
          </p>
        </div>
        <div className="obligation__badges">
          <UrgencyBadge urgency={urgency} />
          <ObligationStatusBadge status={task.status} />
          <ObligationFlags task={task} />
        </div>
      </header>

      <div className="obligation__due">
        {task.dueAt ? (
          <>
            {urgency !== 'done' ? (
              <p className="obligation__countdown">
                <Countdown dueAt={task.dueAt} />
              </p>
            ) : null}
            <p>
              <span className="obligation__label">Due </span>
              <DueTimes dueAt={task.dueAt} timeZone={task.timeZone} />
            </p>
          </>
        ) : (
          <p className="obligation__countdown">No fixed deadline</p>
        )}
        <p className="small muted">{task.dueRule}</p>
      </div>

      <dl className="facts obligation__facts">
        <div>
          <dt>Why it applies</dt>
          <dd>{task.basis}</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>{task.source}</dd>
        </div>
        {task.statusReason ? (
          <div>
            <dt>{obligationStatusText[task.status]} because</dt>
            <dd>{task.statusReason}</dd>
          </div>
        ) : null}
        {task.submission ? (
          <div>
            <dt>Submitted</dt>
            <dd>
              <DateText iso={task.submission.submittedAt} withTime />, reference {task.submission.reference}
              {task.submission.version > 1 ? ` (version ${task.submission.version})` : ''}
            </dd>
          </div>
        ) : null}
        {task.owner ? (
          <div>
            <dt>Owner</dt>
            <dd>{task.owner.name}</dd>
          </div>
        ) : null}
      </dl>

      <DeadlineHistory task={task} />

      <div className="obligation__work">
        {canWrite && task.applicable && task.status !== 'submitted' ? (
          <ObligationStatusActions task={task} target={target} onChanged={(next) => onChanged(next)} />
        ) : null}
        <ObligationDraftView target={target} epoch={epoch} />
        {task.submission ? <SubmissionList target={target} version={task.submission.version} /> : null}
        {canWrite && task.applicable ? (
          <SubmissionForm
            task={task}
            target={target}
            onSubmitted={(next) => onChanged(next, { reloadAll: true })}
          />
        ) : null}
      </div>
    </article>
  );
}

/** Every deadline the report has had, oldest first: shown once a later fact moved it. */
function DeadlineHistory({ task }: { task: ObligationTask }) {
  if (task.deadlines.length < 2) return null;
  return (
    <details className="obligation__history">
      <summary>Deadline history ({task.deadlines.length} deadlines; it moved when the facts changed)</summary>
      <ol className="plain-list obligation__history-list">
        {task.deadlines.map((deadline) => (
          <li key={`${deadline.factsRevision}:${deadline.computedAt}`}>
            <span className="obligation__label">Facts revision {deadline.factsRevision}: </span>
            {!deadline.applicable
              ? 'no longer applied'
              : deadline.dueAt
                ? `due ${formatInZone(deadline.dueAt, task.timeZone)}`
                : deadline.dueDate
                  ? `due ${formatCalendarDate(deadline.dueDate)}`
                  : 'no fixed deadline'}
            <span className="muted">
              {' '}
              (computed <DateText iso={deadline.computedAt} withTime />)
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
