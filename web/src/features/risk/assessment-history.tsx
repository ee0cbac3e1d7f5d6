import { describeError } from '../../api/describe-error.ts';
import { useResource } from '../../api/use-resource.ts';
import { useSessionGuard } from '../../app/console-context.ts';
import { Alert } from '../../components/alert.tsx';
import { SeverityBadge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { useApi } from '../accounts/session.tsx';
import { None } from '../devices/devices-display.tsx';
import { getAssessmentHistory, type PairTarget } from './risk.api.ts';
import { DecisionBadge, SupplierBadge } from './risk-display.tsx';

/** Every saved revision of the assessment, newest first: who decided what, and when. */
export function AssessmentHistory({ target, epoch }: { target: PairTarget; epoch: number }) {
  const api = useApi();
  const { resource, reload } = useResource(
    `risk-history:${target.versionId}:${target.vulnerability}:${epoch}`,
    (signal) => getAssessmentHistory(api, target, signal),
    { keepWhileReloading: true },
  );
  useSessionGuard(resource.status === 'error' ? resource.error : null);
  return (
    <Card title="History" description="Every saved revision of this assessment, newest first.">
      {resource.status === 'loading' ? <LoadingState label="Loading the history…" /> : null}
      {resource.status === 'error' ? (
        <Alert tone="error" title="The history could not be loaded">
          <p>{describeError(resource.error)}</p>
          <Button variant="secondary" size="small" onClick={reload}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {resource.status === 'ready' && resource.data.length === 0 ? (
        <EmptyState title="Not assessed yet">
          <p>Each saved assessment is kept here as a revision.</p>
        </EmptyState>
      ) : null}
      {resource.status === 'ready' && resource.data.length > 0 ? (
        <DataTable
          caption="Assessment history"
          hideCaption
          rows={resource.data}
          rowKey={(revision) => String(revision.revision)}
          columns={[
            {
              header: 'Revision',
              isRowHeader: true,
              className: 'table__number',
              cell: (revision) => revision.revision,
            },
            {
              header: 'Decided by',
              cell: (revision) => revision.decidedBy.name ?? <None text="Unknown" />,
            },
            { header: 'When', cell: (revision) => <DateText iso={revision.decidedAt} withTime /> },
            {
              header: 'Decision',
              cell: (revision) => <DecisionBadge decision={revision.results.decision?.outcome ?? null} />,
            },
            {
              header: 'Score',
              cell: (revision) =>
                revision.results.score === null ? (
                  <None text="No score" />
                ) : (
                  <span className="cvss">
                    <span className="cvss__score">{revision.results.score.toFixed(1)}</span>
                    {revision.results.severity ? (
                      <SeverityBadge severity={revision.results.severity} />
                    ) : null}
                  </span>
                ),
            },
            {
              header: 'SSVC',
              cell: (revision) => <SupplierBadge priority={revision.results.ssvc.supplier} />,
            },
            {
              header: 'Rationale',
              className: 'table__wide',
              cell: (revision) =>
                revision.inputs.rationale ? (
                  <span className="pre-line small">{revision.inputs.rationale}</span>
                ) : (
                  <None text="None given" />
                ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
