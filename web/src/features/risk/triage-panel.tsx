import {
  closedTriageStates,
  TriageInputSchema,
  triageStateValues,
  vexJustificationValues,
} from '@contracts/risk/risk.contracts.ts';
import { type FormEvent, useState } from 'react';
import { useFormSubmit } from '../../api/use-form-submit.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { DateText } from '../../components/format.tsx';
import { Select } from '../../components/select.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { useApi } from '../accounts/session.tsx';
import { vexJustificationLabels } from '../vulnerabilities/vulnerability-display.tsx';
import { type PairTarget, setTriage, type Triage } from './risk.api.ts';
import { RiskAcceptance } from './risk-acceptance.tsx';
import { DueDate, TriageBadge, type TriageState, today, triageStateLabels } from './risk-display.tsx';

const fields = ['state', 'justification', 'note'] as const;

const stateOptions = triageStateValues.map((value) => ({ value, label: triageStateLabels[value] }));
const justificationOptions = [
  { value: '', label: 'Choose a justification…' },
  ...vexJustificationValues.map((value) => ({ value, label: vexJustificationLabels[value] })),
];

export function isOverdue(triage: Triage): boolean {
  const closed = (closedTriageStates as readonly string[]).includes(triage.state);
  return !closed && !triage.acceptance?.active && triage.dueOn !== null && triage.dueOn < today();
}

interface TriagePanelProps {
  target: PairTarget;
  triage: Triage;
  canWrite: boolean;
  isAdmin: boolean;
  onChanged(triage: Triage): void;
}

/** Where the pair stands (triage state, due date, risk acceptance), and the controls that change it. */
export function TriagePanel({ target, triage, canWrite, isAdmin, onChanged }: TriagePanelProps) {
  return (
    <Card
      title="Triage"
      description="Where this finding stands, when its remediation is due, and any accepted risk."
    >
      <dl className="facts facts--grid">
        <div>
          <dt>State</dt>
          <dd>
            <TriageBadge state={triage.state} />
          </dd>
        </div>
        {triage.justification ? (
          <div>
            <dt>Justification</dt>
            <dd>{vexJustificationLabels[triage.justification]}</dd>
          </div>
        ) : null}
        <div>
          <dt>Remediation due</dt>
          <dd>
            <DueDate dueOn={triage.dueOn} overdue={isOverdue(triage)} />
          </dd>
        </div>
        {triage.updatedAt ? (
          <div>
            <dt>Updated</dt>
            <dd>
              <DateText iso={triage.updatedAt} withTime />
            </dd>
          </div>
        ) : null}
        {triage.note ? (
          <div className="facts__wide">
            <dt>Note</dt>
            <dd className="pre-line">{triage.note}</dd>
          </div>
        ) : null}
      </dl>
      {canWrite ? <TriageForm target={target} triage={triage} onSaved={onChanged} /> : null}
      <RiskAcceptance
        target={target}
        acceptance={triage.acceptance}
        isAdmin={isAdmin}
        onChanged={onChanged}
      />
    </Card>
  );
}

function TriageForm({
  target,
  triage,
  onSaved,
}: {
  target: PairTarget;
  triage: Triage;
  onSaved(triage: Triage): void;
}) {
  const api = useApi();
  const form = useFormSubmit(fields);
  const [state, setState] = useState<TriageState>(triage.state);
  const [justification, setJustification] = useState<string>(triage.justification ?? '');
  const [note, setNote] = useState(triage.note ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    // The contract leaves it optional; the server requires it for not_affected (it becomes the VEX statement's).
    if (state === 'not_affected' && !justification) {
      setLocalError('Choose why this version is not affected: it becomes the VEX statement’s justification.');
      form.formRef.current?.querySelector<HTMLElement>('select[name="justification"]')?.focus();
      return;
    }
    setLocalError(null);
    const input = {
      state,
      justification: state === 'not_affected' ? justification : null,
      note: note.trim() === '' ? null : note,
    };
    const result = await form.submit(TriageInputSchema, input, (checked) => setTriage(api, target, checked));
    if (result) {
      setSaved(`Triage state set to ${triageStateLabels[result.state].toLowerCase()}.`);
      onSaved(result);
    }
  }

  const errors = form.problem?.fieldErrors ?? {};
  return (
    <form
      className="form risk-subform"
      ref={form.formRef}
      onSubmit={handleSubmit}
      noValidate
      aria-label="Change the triage state"
    >
      {form.problem ? (
        <Alert tone="error" title="The triage state was not saved">
          {form.problem.message}
        </Alert>
      ) : null}
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      <div className="form__row">
        <Select
          label="Triage state"
          name="state"
          options={stateOptions}
          value={state}
          error={errors.state}
          onChange={(event) => setState(event.currentTarget.value as TriageState)}
        />
        {state === 'not_affected' ? (
          <Select
            label="Justification"
            name="justification"
            hint="Recorded as the VEX not_affected statement’s justification."
            options={justificationOptions}
            value={justification}
            error={localError ?? errors.justification}
            onChange={(event) => setJustification(event.currentTarget.value)}
          />
        ) : null}
      </div>
      <TextArea
        label="Note"
        optional
        rows={2}
        value={note}
        error={errors.note}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
      <div className="form__actions">
        <Button type="submit" busy={form.isBusy}>
          Save triage
        </Button>
      </div>
    </form>
  );
}
