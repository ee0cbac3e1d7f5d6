import { AddTimelineEntryInputSchema } from '@contracts/incidents/incidents.contracts.ts';
import { type FormEvent, useState } from 'react';
import { bindField } from '../../api/bind-field.ts';
import { describeError } from '../../api/describe-error.ts';
import { useFormSubmit } from '../../api/use-form-submit.ts';
import { useResource } from '../../api/use-resource.ts';
import { Alert } from '../../components/alert.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { fromLocalInput, localInputNow } from './date-input.ts';
import { addTimelineEntry, listTimeline } from './incident-record.api.ts';

const kindText: Record<string, string> = {
  detected: 'Detected',
  note: 'Note',
  status: 'Status',
  facts: 'Facts',
  obligation: 'Report',
  submission: 'Submitted',
};

interface TimelineSectionProps {
  orgId: string;
  incidentId: string;
  canWrite: boolean;
  /** Bumped when something else on the page changed the record (facts, reports, status). */
  epoch: number;
}

/** What happened and what was done, oldest first; editors add notes. */
export function TimelineSection({ orgId, incidentId, canWrite, epoch }: TimelineSectionProps) {
  const api = useApi();
  const [added, setAdded] = useState(0);
  const { resource, reload } = useResource(
    `incident-timeline:${incidentId}:${epoch}:${added}`,
    (signal) => listTimeline(api, orgId, incidentId, signal),
    { keepWhileReloading: true },
  );
  return (
    <Card title="Timeline" id="timeline" description="What happened and what was done, oldest first.">
      {resource.status === 'loading' ? <LoadingState label="Loading the timeline…" /> : null}
      {resource.status === 'error' ? (
        <Alert tone="error" title="The timeline could not be loaded">
          <p>{describeError(resource.error)}</p>
          <Button variant="secondary" size="small" onClick={reload}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {resource.status === 'ready' ? (
        <ol className="timeline" aria-label="Timeline entries">
          {[...resource.data]
            .sort(
              (a, b) =>
                Date.parse(a.at) - Date.parse(b.at) || Date.parse(a.createdAt) - Date.parse(b.createdAt),
            )
            .map((entry) => (
              <li key={entry.id} className="timeline__entry">
                <p className="timeline__meta">
                  <DateText iso={entry.at} withTime />
                  <Badge tone="neutral">{kindText[entry.kind] ?? entry.kind}</Badge>
                  {entry.createdBy ? <span>{entry.createdBy}</span> : null}
                </p>
                <p className="timeline__text">{entry.text}</p>
              </li>
            ))}
        </ol>
      ) : null}
      {canWrite ? (
        <AddNoteForm orgId={orgId} incidentId={incidentId} onAdded={() => setAdded((n) => n + 1)} />
      ) : null}
    </Card>
  );
}

const fields = ['at', 'text'] as const;

function AddNoteForm({ orgId, incidentId, onAdded }: { orgId: string; incidentId: string; onAdded(): void }) {
  const api = useApi();
  const form = useFormSubmit(fields);
  const [values, setValues] = useState(() => ({ at: localInputNow(), text: '' }));
  const [done, setDone] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const entry = await form.submit(
      AddTimelineEntryInputSchema,
      { ...values, at: fromLocalInput(values.at) },
      (input) => addTimelineEntry(api, orgId, incidentId, input),
    );
    if (entry) {
      setValues({ at: localInputNow(), text: '' });
      setDone(true);
      onAdded();
    }
  }

  const field = (name: (typeof fields)[number]) => bindField(values, setValues, form.problem, name);
  return (
    <details className="panel">
      <summary className="panel__summary">Add a note</summary>
      <form
        className="form panel__body"
        ref={form.formRef}
        onSubmit={handleSubmit}
        noValidate
        aria-label="Add a note"
      >
        {form.problem ? (
          <Alert tone="error" title="The note was not added">
            {form.problem.message}
          </Alert>
        ) : null}
        {done ? <Alert tone="success">Added to the timeline.</Alert> : null}
        <div className="form__row">
          <TextField label="When" type="datetime-local" hint="Your local time." {...field('at')} />
        </div>
        <TextArea label="Note" rows={3} {...field('text')} />
        <div className="form__actions">
          <Button type="submit" size="small" busy={form.isBusy}>
            Add the note
          </Button>
        </div>
      </form>
    </details>
  );
}
