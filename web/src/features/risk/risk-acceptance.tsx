import { RiskAcceptanceInputSchema } from '@contracts/risk/risk.contracts.ts';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useFormSubmit } from '../../api/use-form-submit.ts';
import { Alert } from '../../components/alert.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { DateText } from '../../components/format.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { acceptRisk, type PairTarget, removeRiskAcceptance, type Triage } from './risk.api.ts';

const fields = ['until', 'reason', 'compensatingControls'] as const;

interface RiskAcceptanceProps {
  target: PairTarget;
  acceptance: Triage['acceptance'];
  isAdmin: boolean;
  onChanged(triage: Triage): void;
}

/** The accepted risk, if any; organisation admins accept it until a date, with a reason and controls. */
export function RiskAcceptance({ target, acceptance, isAdmin, onChanged }: RiskAcceptanceProps) {
  const api = useApi();
  const form = useFormSubmit(fields);
  const [until, setUntil] = useState(acceptance?.until ?? '');
  const [reason, setReason] = useState(acceptance?.reason ?? '');
  const [controls, setControls] = useState((acceptance?.compensatingControls ?? []).join('\n'));
  const [notice, setNotice] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    const input = {
      until,
      reason,
      compensatingControls: controls
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    };
    const result = await form.submit(RiskAcceptanceInputSchema, input, (checked) =>
      acceptRisk(api, target, checked),
    );
    if (result) {
      setNotice('The risk is accepted.');
      onChanged(result);
    }
  }

  async function remove() {
    setRemoving(true);
    setRemoveError(null);
    setNotice(null);
    try {
      const result = await removeRiskAcceptance(api, target);
      setUntil('');
      setReason('');
      setControls('');
      setNotice('The risk acceptance was removed.');
      onChanged(result);
    } catch (error) {
      setRemoveError(describeError(error));
    } finally {
      setRemoving(false);
    }
  }

  const errors = form.problem?.fieldErrors ?? {};
  return (
    <section className="risk-acceptance" aria-label="Risk acceptance">
      <h3 className="subsection-title">Risk acceptance</h3>
      {acceptance ? (
        <dl className="facts facts--grid">
          <div>
            <dt>Accepted until</dt>
            <dd>
              <DateText iso={acceptance.until} />{' '}
              {acceptance.active ? <Badge tone="info">Active</Badge> : <Badge tone="neutral">Expired</Badge>}
            </dd>
          </div>
          <div className="facts__wide">
            <dt>Reason</dt>
            <dd className="pre-line">{acceptance.reason}</dd>
          </div>
          <div className="facts__wide">
            <dt>Compensating controls</dt>
            <dd>
              <ul className="plain-list">
                {acceptance.compensatingControls.map((control) => (
                  <li key={control}>{control}</li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted small">No risk is accepted for this finding.</p>
      )}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {isAdmin ? (
        <form
          className="form risk-subform"
          ref={form.formRef}
          onSubmit={handleSubmit}
          noValidate
          aria-label="Accept the risk"
        >
          {form.problem ? (
            <Alert tone="error" title="The risk acceptance was not saved">
              {form.problem.message}
            </Alert>
          ) : null}
          {removeError ? (
            <Alert tone="error" title="The risk acceptance was not removed">
              {removeError}
            </Alert>
          ) : null}
          <TextField
            label="Accepted until"
            type="date"
            value={until}
            error={errors.until}
            onChange={(event) => setUntil(event.currentTarget.value)}
          />
          <TextArea
            label="Reason"
            rows={2}
            value={reason}
            error={errors.reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          <TextArea
            label="Compensating controls relied on"
            hint="One control a line; at least one."
            rows={3}
            value={controls}
            error={errors.compensatingControls}
            onChange={(event) => setControls(event.currentTarget.value)}
          />
          <div className="form__actions">
            <Button type="submit" busy={form.isBusy}>
              {acceptance ? 'Update the acceptance' : 'Accept the risk'}
            </Button>
            {acceptance ? (
              <Button variant="danger" busy={removing} onClick={() => void remove()}>
                Remove the acceptance
              </Button>
            ) : null}
          </div>
        </form>
      ) : (
        <p className="muted small">Only administrators of this organisation accept risk.</p>
      )}
    </section>
  );
}
