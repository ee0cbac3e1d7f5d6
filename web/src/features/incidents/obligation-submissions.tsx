import {
  type ObligationTask,
  SubmitObligationInputSchema,
} from '@contracts/incidents/incidents.contracts.ts';
import { type FormEvent, useState } from 'react';
import { bindField } from '../../api/bind-field.ts';
import { describeError } from '../../api/describe-error.ts';
import { useFormSubmit } from '../../api/use-form-submit.ts';
import { useResource } from '../../api/use-resource.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { fromLocalInput, localInputNow } from './date-input.ts';
import { downloadText } from './obligation-draft-view.tsx';
import { listSubmissions, type ObligationTarget, submitObligation } from './obligations.api.ts';

const fields = ['submittedAt', 'reference', 'note'] as const;
const blank = () => ({ submittedAt: localInputNow(), reference: '', note: '' });

interface SubmissionFormProps {
  task: ObligationTask;
  target: ObligationTarget;
  onSubmitted(task: ObligationTask): void;
}

/**
 * "Record submission": when the report went out and the recipient's reference. The submission keeps
 * the draft as it then stood and cannot change; submitting again records a correction (a new version).
 */
export function SubmissionForm({ task, target, onSubmitted }: SubmissionFormProps) {
  const api = useApi();
  const form = useFormSubmit(fields);
  const [values, setValues] = useState(blank);
  const [done, setDone] = useState<string | null>(null);
  const title = task.submission ? 'Record a correction' : 'Record submission';

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const input = { ...values, submittedAt: fromLocalInput(values.submittedAt) };
    const updated = await form.submit(SubmitObligationInputSchema, input, (data) =>
      submitObligation(api, target, data),
    );
    if (updated) {
      setValues(blank());
      setDone(
        `Recorded as submitted (version ${updated.submission?.version ?? 1}, reference ${updated.submission?.reference ?? input.reference}).`,
      );
      onSubmitted(updated);
    }
  }

  const field = (name: (typeof fields)[number]) => bindField(values, setValues, form.problem, name);
  return (
    <details className="panel">
      <summary className="panel__summary">{title}</summary>
      <form
        className="form panel__body"
        ref={form.formRef}
        onSubmit={handleSubmit}
        noValidate
        aria-label={`${title}: ${task.title}`}
      >
        {form.problem ? (
          <Alert tone="error" title="The submission was not recorded">
            {form.problem.message}
          </Alert>
        ) : null}
        {done ? <Alert tone="success">{done}</Alert> : null}
        {task.submission ? (
          <p className="small muted">
            The submitted report stays as it was; this records a corrected version beside it.
          </p>
        ) : null}
        <div className="form__row">
          <TextField
            label="Submitted at"
            type="datetime-local"
            hint="Your local time."
            {...field('submittedAt')}
          />
          <TextField
            label="Reference"
            hint="The recipient's case or receipt number."
            {...field('reference')}
          />
        </div>
        <TextArea label="Note" optional rows={2} {...field('note')} />
        <div className="form__actions">
          <Button type="submit" size="small" busy={form.isBusy}>
            {task.submission ? 'Record the correction' : 'Record the submission'}
          </Button>
        </div>
      </form>
    </details>
  );
}

/** Every submitted version of the report, oldest first, each with the report as it was sent. */
export function SubmissionList({ target, version }: { target: ObligationTarget; version: number }) {
  const api = useApi();
  const { resource, reload } = useResource(
    `obligation-submissions:${target.obligationId}:${version}`,
    (signal) => listSubmissions(api, target, signal),
    { keepWhileReloading: true },
  );
  if (resource.status === 'loading') return <LoadingState label="Loading the submissions…" />;
  if (resource.status === 'error') {
    return (
      <Alert tone="error" title="The submissions could not be loaded">
        <p>{describeError(resource.error)}</p>
        <Button variant="secondary" size="small" onClick={reload}>
          Try again
        </Button>
      </Alert>
    );
  }
  return (
    <DataTable
      caption="Submitted versions"
      rows={resource.data}
      rowKey={(submission) => String(submission.version)}
      columns={[
        {
          header: 'Version',
          isRowHeader: true,
          cell: (s) => (s.version > 1 ? `${s.version} (correction)` : '1'),
        },
        { header: 'Submitted', cell: (s) => <DateText iso={s.submittedAt} withTime /> },
        { header: 'Reference', cell: (s) => s.reference },
        { header: 'By', cell: (s) => s.submittedBy ?? <span className="muted">—</span> },
        { header: 'Note', cell: (s) => s.note || <span className="muted">—</span> },
        {
          header: 'As sent',
          cell: (s) => (
            <Button
              variant="quiet"
              size="small"
              aria-label={`Download version ${s.version} as sent (.md)`}
              onClick={() =>
                downloadText(
                  `report-v${s.version}-${s.reference.replace(/[^A-Za-z0-9._-]+/g, '-')}.md`,
                  s.content.markdown,
                  'text/markdown',
                )
              }
            >
              .md
            </Button>
          ),
        },
      ]}
    />
  );
}
