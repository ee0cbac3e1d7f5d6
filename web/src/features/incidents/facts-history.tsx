import { type FormEvent, useId, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useResource } from '../../api/use-resource.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { DateText, formatDateTime } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { fromLocalInput } from './date-input.ts';
import { FactsSections } from './facts-sections.tsx';
import { type FactsRevision, getFacts, listFactsRevisions } from './incident-record.api.ts';

interface FactsHistoryProps {
  orgId: string;
  incidentId: string;
  /** Bumped after a save, so the revisions are read again. */
  epoch: number;
}

type Shown = { asOf: string | null; revision: FactsRevision | null };

/** Every revision of the facts, and the facts as they stood at any past moment, read-only. */
export function FactsHistory({ orgId, incidentId, epoch }: FactsHistoryProps) {
  const api = useApi();
  const { resource, reload } = useResource(
    `facts-revisions:${incidentId}:${epoch}`,
    (signal) => listFactsRevisions(api, orgId, incidentId, signal),
    { keepWhileReloading: true },
  );
  const [at, setAt] = useState('');
  const [atError, setAtError] = useState<string | undefined>();
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function showAsOf(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const instant = fromLocalInput(at);
    if (!at || Number.isNaN(Date.parse(instant))) {
      setAtError('Choose a date and time.');
      return;
    }
    setAtError(undefined);
    setBusy(true);
    setProblem(null);
    try {
      const revision = await getFacts(api, orgId, incidentId, new AbortController().signal, instant);
      setShown({ asOf: instant, revision });
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack facts-history">
      <h3 className="facts-history__title">History of the facts</h3>
      <form className="form facts-history__as-of" onSubmit={showAsOf} noValidate aria-label="Facts as of">
        <div className="form__row">
          <TextField
            label="Facts as of"
            type="datetime-local"
            hint="Your local time. Shows the facts as they stood then, read-only."
            value={at}
            error={atError}
            onChange={(event) => setAt(event.currentTarget.value)}
          />
        </div>
        <div className="form__actions">
          <Button type="submit" variant="secondary" size="small" busy={busy}>
            Show the facts as of then
          </Button>
        </div>
      </form>
      {problem ? (
        <Alert tone="error" title="The facts could not be loaded">
          {problem}
        </Alert>
      ) : null}
      {resource.status === 'loading' ? <LoadingState label="Loading the revisions…" /> : null}
      {resource.status === 'error' ? (
        <Alert tone="error" title="The revisions could not be loaded">
          <p>{describeError(resource.error)}</p>
          <Button variant="secondary" size="small" onClick={reload}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {resource.status === 'ready' && resource.data.length > 0 ? (
        <DataTable
          caption="Facts revisions"
          rows={[...resource.data].reverse()}
          rowKey={(revision) => String(revision.revision)}
          columns={[
            { header: 'Revision', isRowHeader: true, cell: (r) => r.revision },
            { header: 'Changed', cell: (r) => <DateText iso={r.changedAt} withTime /> },
            { header: 'By', cell: (r) => r.changedBy ?? <span className="muted">—</span> },
            {
              header: 'Note',
              className: 'table__wide',
              cell: (r) => r.note || <span className="muted">—</span>,
            },
            {
              header: 'Facts',
              cell: (r) => (
                <Button
                  variant="quiet"
                  size="small"
                  aria-label={`Show revision ${r.revision}`}
                  onClick={() => setShown({ asOf: null, revision: r })}
                >
                  Show
                </Button>
              ),
            },
          ]}
        />
      ) : null}
      {shown ? <PastFacts shown={shown} onClose={() => setShown(null)} /> : null}
    </div>
  );
}

function PastFacts({ shown, onClose }: { shown: Shown; onClose(): void }) {
  const titleId = useId();
  const { revision, asOf } = shown;
  const title = asOf ? `Facts as of ${formatDateTime(asOf)}` : `Facts revision ${revision?.revision ?? ''}`;
  return (
    <section className="facts-past" aria-labelledby={titleId}>
      <div className="card__header">
        <div>
          <h3 className="facts-past__title" id={titleId}>
            {title}
          </h3>
          {revision ? (
            <p className="small muted">
              Revision {revision.revision}, saved {formatDateTime(revision.changedAt)}
              {revision.changedBy ? ` by ${revision.changedBy}` : ''}
              {revision.note ? `: ${revision.note}` : ''}. Read-only.
            </p>
          ) : null}
        </div>
        <Button variant="quiet" size="small" onClick={onClose}>
          Close
        </Button>
      </div>
      {revision ? (
        <fieldset className="facts-form__all" disabled key={revision.revision}>
          <FactsSections b={{ facts: revision.facts, issues: new Map(), set: () => {} }} />
        </fieldset>
      ) : (
        <p>No facts had been recorded by then.</p>
      )}
    </section>
  );
}
