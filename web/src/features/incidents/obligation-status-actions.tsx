import {
  type ObligationTask,
  type UpdateObligationInput,
  UpdateObligationInputSchema,
} from '@contracts/incidents/incidents.contracts.ts';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { useApi } from '../accounts/session.tsx';
import { type ObligationTarget, setObligationStatus } from './obligations.api.ts';

type ReasonStatus = 'waived' | 'not_applicable';

const reasonForm: Record<ReasonStatus, { title: string; submit: string; hint: string }> = {
  waived: {
    title: 'Waive',
    submit: 'Waive the report',
    hint: 'Why the report will not be made (kept on the record, with your name).',
  },
  not_applicable: {
    title: 'Mark not applicable',
    submit: 'Mark not applicable',
    hint: 'Why this report does not apply to this incident, although the rules call for it.',
  },
};

interface ObligationStatusActionsProps {
  task: ObligationTask;
  target: ObligationTarget;
  onChanged(task: ObligationTask): void;
}

/**
 * Moves a report task: drafted, back to due, waived or not applicable (both with a reason). Not shown
 * once the report is submitted: a submission is final, only a correction changes it.
 */
export function ObligationStatusActions({ task, target, onChanged }: ObligationStatusActionsProps) {
  const api = useApi();
  const [mode, setMode] = useState<ReasonStatus | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState<UpdateObligationInput['status'] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function send(input: UpdateObligationInput) {
    setBusy(input.status);
    setProblem(null);
    try {
      const updated = await setObligationStatus(api, target, input);
      setMode(null);
      setReason('');
      onChanged(updated);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(null);
    }
  }

  function submitReason(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!mode) return;
    const checked = UpdateObligationInputSchema.safeParse({ status: mode, reason });
    if (!checked.success) {
      setReasonError('Give the reason.');
      event.currentTarget.querySelector('textarea')?.focus();
      return;
    }
    setReasonError(undefined);
    void send(checked.data);
  }

  return (
    <div className="obligation__actions">
      {problem ? (
        <Alert tone="error" title="The report's status was not changed">
          {problem}
        </Alert>
      ) : null}
      <div className="button-row">
        {task.status === 'due' ? (
          <Button
            variant="secondary"
            size="small"
            busy={busy === 'drafted'}
            disabled={busy !== null}
            onClick={() => send({ status: 'drafted' })}
          >
            Mark as drafted
          </Button>
        ) : (
          <Button
            variant="secondary"
            size="small"
            busy={busy === 'due'}
            disabled={busy !== null}
            onClick={() => send({ status: 'due' })}
          >
            Back to due
          </Button>
        )}
        {(['waived', 'not_applicable'] as const)
          .filter((status) => status !== task.status)
          .map((status) => (
            <Button
              key={status}
              variant="quiet"
              size="small"
              aria-expanded={mode === status}
              disabled={busy !== null}
              onClick={() => {
                setMode(mode === status ? null : status);
                setReasonError(undefined);
              }}
            >
              {`${reasonForm[status].title}…`}
            </Button>
          ))}
      </div>
      {mode ? (
        <form
          className="form obligation__reason"
          aria-label={`${reasonForm[mode].title}: ${task.title}`}
          onSubmit={submitReason}
          noValidate
        >
          <TextArea
            label="Reason"
            rows={2}
            hint={reasonForm[mode].hint}
            value={reason}
            error={reasonError}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          <div className="form__actions">
            <Button type="submit" size="small" busy={busy === mode}>
              {reasonForm[mode].submit}
            </Button>
            <Button variant="quiet" size="small" onClick={() => setMode(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
