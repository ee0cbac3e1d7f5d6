import type { ObligationTask } from '@contracts/incidents/incidents.contracts.ts';
import { Badge } from '../../components/badge.tsx';
import { Card } from '../../components/card.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { useNow } from './countdown.tsx';
import { ObligationCard, ObligationStatusBadge } from './obligation-card.tsx';
import { byDeadline, urgencyOf } from './urgency.ts';

interface ObligationsSectionProps {
  orgId: string;
  incidentId: string;
  tasks: readonly ObligationTask[];
  hasFacts: boolean;
  canWrite: boolean;
  epoch: number;
  onChanged(task: ObligationTask, options?: { reloadAll?: boolean }): void;
}

/** The incident's mandatory reports, soonest first; those that no longer apply folded away below. */
export function ObligationsSection({
  orgId,
  incidentId,
  tasks,
  hasFacts,
  canWrite,
  epoch,
  onChanged,
}: ObligationsSectionProps) {
  const now = useNow(15_000);
  const applicable = tasks.filter((task) => task.applicable).sort(byDeadline);
  const withdrawn = tasks.filter((task) => !task.applicable).sort(byDeadline);
  const urgencies = applicable.map((task) => urgencyOf(task, now));
  const overdue = urgencies.filter((u) => u === 'overdue').length;
  const open = urgencies.filter((u) => u !== 'done').length;
  const summary =
    applicable.length === 0
      ? undefined
      : `${open} of ${applicable.length} report(s) still to make${overdue > 0 ? `, ${overdue} overdue` : ''}.`;

  return (
    <Card
      title="Obligations"
      id="obligations"
      description={
        summary ?? 'Which reports the facts make mandatory, to whom and by when, and why each applies.'
      }
    >
      {applicable.length === 0 ? (
        <EmptyState title={hasFacts ? 'No reports are mandatory' : 'No facts recorded yet'}>
          <p>
            {hasFacts
              ? 'The facts as they stand call for no mandatory report. If a fact changes, record it below: the obligations are recomputed.'
              : 'Enter the facts below (markets, where it occurred, patient harm, …): the reports they make mandatory appear here, each with its deadline.'}
          </p>
        </EmptyState>
      ) : (
        <ol className="plain-list obligation-list" aria-label="Mandatory reports">
          {applicable.map((task) => (
            <li key={task.id}>
              <ObligationCard
                task={task}
                target={{ orgId, incidentId, obligationId: task.id }}
                canWrite={canWrite}
                epoch={epoch}
                onChanged={onChanged}
              />
            </li>
          ))}
        </ol>
      )}
      {withdrawn.length > 0 ? (
        <details className="panel">
          <summary className="panel__summary">No longer applies ({withdrawn.length})</summary>
          <ul className="row-list panel__body" aria-label="Reports that no longer apply">
            {withdrawn.map((task) => (
              <li key={task.id} className="row-list__item">
                <div className="row-list__main">
                  <p className="row-list__title">
                    {task.title} — {task.jurisdiction}
                  </p>
                  <p className="row-list__detail">{task.basis}</p>
                  <div className="row-list__meta">
                    {task.status === 'due' || task.status === 'drafted' ? (
                      <Badge tone="neutral" label="Status">
                        Withdrawn
                      </Badge>
                    ) : (
                      <ObligationStatusBadge status={task.status} />
                    )}
                    <span>{task.recipient}</span>
                    {task.submission ? <span>Submitted, reference {task.submission.reference}</span> : null}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}
