import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/describe-error.ts';
import { useResource } from '../../api/use-resource.ts';
import { useConsoleContext, useSessionGuard } from '../../app/console-context.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { Alert } from '../../components/alert.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { Countdown, UrgencyBadge, useNow } from './countdown.tsx';
import { ObligationStatusBadge } from './obligation-card.tsx';
import { type DeadlineEntry, listDeadlines } from './obligations.api.ts';
import { byDeadline, formatCalendarDate, formatInZone, localTimeZone, urgencyOf } from './urgency.ts';
import './incidents.css';

const isDate = (value: string | null): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Entries by their due date (the jurisdiction's calendar date), soonest first; undated ones last. */
function groupByDay(entries: readonly DeadlineEntry[]): [string | null, DeadlineEntry[]][] {
  const groups = new Map<string | null, DeadlineEntry[]>();
  for (const entry of [...entries].sort(byDeadline)) {
    const list = groups.get(entry.dueDate) ?? [];
    list.push(entry);
    groups.set(entry.dueDate, list);
  }
  return [...groups].sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
}

/** `/console/:orgId/deadlines`: the organisation's reporting deadlines across incidents, as an agenda. */
export function DeadlinesPage() {
  const { orgId, membership } = useConsoleContext();
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const from = isDate(params.get('from')) ? (params.get('from') ?? undefined) : undefined;
  const to = isDate(params.get('to')) ? (params.get('to') ?? undefined) : undefined;
  const openOnly = params.get('open') === '1';
  const { resource, reload } = useResource(`deadlines:${orgId}:${from ?? ''}:${to ?? ''}`, (signal) =>
    listDeadlines(api, orgId, { from, to }, signal),
  );
  useSessionGuard(resource.status === 'error' ? resource.error : null);
  useDocumentTitle(`Deadline calendar · ${membership.organization.name}`);
  const now = useNow(15_000);

  const entries =
    resource.status === 'ready'
      ? resource.data.filter((entry) => !openOnly || urgencyOf(entry, now) !== 'done')
      : [];
  const urgencies = entries.map((entry) => urgencyOf(entry, now));
  const overdue = urgencies.filter((u) => u === 'overdue').length;
  const withinDay = urgencies.filter((u) => u === 'day').length;
  const withinDays = urgencies.filter((u) => u === 'days').length;

  return (
    <>
      <PageHeader
        eyebrow="Console"
        title="Deadline calendar"
        description="Every mandatory report across the organisation's incidents, by the day it is due in its jurisdiction."
        meta={
          resource.status === 'ready' ? (
            <>
              <span>{entries.length} report(s)</span>
              {overdue > 0 ? <UrgencyBadge urgency="overdue">{`${overdue} overdue`}</UrgencyBadge> : null}
              {withinDay > 0 ? (
                <UrgencyBadge urgency="day">{`${withinDay} due within 24 h`}</UrgencyBadge>
              ) : null}
              {withinDays > 0 ? (
                <UrgencyBadge urgency="days">{`${withinDays} more within 72 h`}</UrgencyBadge>
              ) : null}
            </>
          ) : null
        }
      />
      <div className="stack">
        <DeadlineFilters
          key={`${from ?? ''}:${to ?? ''}:${openOnly}`}
          from={from ?? ''}
          to={to ?? ''}
          openOnly={openOnly}
          onApply={(next) => {
            const search = new URLSearchParams();
            if (next.from) search.set('from', next.from);
            if (next.to) search.set('to', next.to);
            if (next.openOnly) search.set('open', '1');
            setParams(search);
          }}
        />
        {resource.status === 'loading' ? <LoadingState label="Loading the deadlines…" /> : null}
        {resource.status === 'error' ? (
          <Alert tone="error" title="The deadlines could not be loaded">
            <p>{describeError(resource.error)}</p>
            <Button variant="secondary" size="small" onClick={reload}>
              Try again
            </Button>
          </Alert>
        ) : null}
        {resource.status === 'ready' && entries.length === 0 ? (
          <EmptyState title="No deadlines">
            <p>
              {from || to || openOnly
                ? 'No report is due in this window. Clear the filters to see every deadline.'
                : 'No incident of this organisation calls for a mandatory report yet.'}
            </p>
          </EmptyState>
        ) : null}
        {groupByDay(entries).map(([day, list]) => (
          <Card key={day ?? 'undated'} title={day ? formatCalendarDate(day) : 'No fixed date'}>
            <ul className="plain-list deadline-list">
              {list.map((entry) => (
                <DeadlineItem key={entry.obligationId} orgId={orgId} entry={entry} now={now} />
              ))}
            </ul>
          </Card>
        ))}
      </div>
    </>
  );
}

/** "23:59 UTC+01:00": the wall-clock time the deadline was written in (its jurisdiction's). */
function jurisdictionTime(iso: string): string {
  const match = /T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!match) return '';
  return `${match[1]} ${match[2] === 'Z' ? 'UTC' : `UTC${match[2]}`}`;
}

function DeadlineItem({ orgId, entry, now }: { orgId: string; entry: DeadlineEntry; now: number }) {
  const urgency = urgencyOf(entry, now);
  return (
    <li className={`deadline obligation--${urgency}`}>
      <div className="deadline__main">
        <p className="deadline__title">
          <Link to={`/console/${orgId}/incidents/${entry.incident.id}#obligations`}>
            {entry.title} — {entry.jurisdiction}
          </Link>
        </p>
        <p className="small muted">
          {entry.incident.title} · to {entry.recipient}
        </p>
        <p className="small">
          {entry.dueAt ? (
            <>
              Due {jurisdictionTime(entry.dueAt)} in the jurisdiction;{' '}
              <time dateTime={entry.dueAt}>{formatInZone(entry.dueAt, localTimeZone())}</time> your time
            </>
          ) : (
            'Without a fixed date: see the incident for the rule.'
          )}
        </p>
      </div>
      <div className="deadline__badges">
        <UrgencyBadge urgency={urgency} />
        <ObligationStatusBadge status={entry.status} />
        {entry.provisional ? <Badge tone="warning">Provisional</Badge> : null}
        {entry.dueAt && urgency !== 'done' ? <Countdown dueAt={entry.dueAt} /> : null}
      </div>
    </li>
  );
}

interface Filters {
  from: string;
  to: string;
  openOnly: boolean;
}

function DeadlineFilters({ onApply, ...initial }: Filters & { onApply(filters: Filters): void }) {
  const [values, setValues] = useState(initial);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(values);
  }
  return (
    <form className="card form deadline-filters" onSubmit={submit} aria-label="Deadline filters">
      <div className="form__row">
        <TextField
          label="From"
          type="date"
          optional
          value={values.from}
          onChange={(event) => setValues({ ...values, from: event.currentTarget.value })}
        />
        <TextField
          label="To"
          type="date"
          optional
          value={values.to}
          onChange={(event) => setValues({ ...values, to: event.currentTarget.value })}
        />
      </div>
      <p className="field__hint">
        Dates are the due dates in each report's jurisdiction. With a window, reports without a fixed date are
        left out.
      </p>
      <label className="checkbox">
        <input
          type="checkbox"
          className="checkbox__input"
          checked={values.openOnly}
          onChange={(event) => setValues({ ...values, openOnly: event.currentTarget.checked })}
        />
        <span>Only reports still to make</span>
      </label>
      <div className="form__actions">
        <Button type="submit" size="small">
          Apply filters
        </Button>
        <Button variant="quiet" size="small" onClick={() => onApply({ from: '', to: '', openOnly: false })}>
          Clear filters
        </Button>
      </div>
    </form>
  );
}
