import {
  type Finding,
  SetVexInputSchema,
  vexJustificationValues,
  vexStatusValues,
} from '@contracts/vulnerabilities/vulnerabilities.contracts.ts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { bindField } from '../../api/bind-field.ts';
import { useFormSubmit } from '../../api/use-form-submit.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Select } from '../../components/select.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { useApi } from '../accounts/session.tsx';
import { setVexStatement, type VersionTarget, type VexStatement } from './vulnerabilities.api.ts';
import { vexJustificationLabels, vexStatusLabels } from './vulnerability-display.tsx';

const fields = ['status', 'justification', 'impactStatement', 'actionStatement'] as const;

interface VexValues {
  status: string;
  justification: string;
  impactStatement: string;
  actionStatement: string;
}

const statusOptions = vexStatusValues.map((value) => ({ value, label: vexStatusLabels[value] }));
const justificationOptions = [
  { value: '', label: 'Choose a justification…' },
  ...vexJustificationValues.map((value) => ({ value, label: vexJustificationLabels[value] })),
];

function initialValues(finding: Finding): VexValues {
  return {
    status: finding.vex?.status ?? 'under_investigation',
    justification: finding.vex?.justification ?? '',
    impactStatement: finding.vex?.impactStatement ?? '',
    actionStatement: finding.vex?.actionStatement ?? '',
  };
}

/** Blank text means "not stated"; fields hidden for the chosen status are not sent. */
function toInput(values: VexValues) {
  const text = (value: string) => (value.trim() === '' ? null : value);
  return {
    status: values.status,
    justification: values.status === 'not_affected' && values.justification ? values.justification : null,
    impactStatement: text(values.impactStatement),
    actionStatement: values.status === 'affected' ? text(values.actionStatement) : null,
  };
}

interface VexFormProps {
  target: VersionTarget;
  finding: Finding;
  onSaved(statement: VexStatement): void;
  onCancel(): void;
}

/**
 * The VEX statement of one vulnerability in this version: checked with the same contract as the server,
 * whose field errors land on the same fields.
 */
export function VexForm({ target, finding, onSaved, onCancel }: VexFormProps) {
  const api = useApi();
  const form = useFormSubmit(fields);
  const [values, setValues] = useState(() => initialValues(finding));
  const statusRef = useRef<HTMLSelectElement>(null);
  const headingId = useId();
  const field = <K extends (typeof fields)[number]>(name: K) =>
    bindField(values, setValues, form.problem, name);
  const vulnerability = finding.vulnerability.displayId;

  useEffect(() => {
    statusRef.current?.focus();
  }, []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const saved = await form.submit(SetVexInputSchema, toInput(values), (input) =>
      setVexStatement(api, target, vulnerability, input),
    );
    if (saved) onSaved(saved);
  }

  return (
    <form
      className="form vex-form"
      ref={form.formRef}
      onSubmit={handleSubmit}
      noValidate
      aria-labelledby={headingId}
    >
      <h4 className="vex-form__title" id={headingId}>
        VEX statement for {vulnerability}
      </h4>
      <p className="small muted">
        Say whether this version is affected by {vulnerability} in {finding.component.name}. “Not affected”
        and “Fixed” keep the finding on record but no longer count it as exposure.
      </p>
      {form.problem ? (
        <Alert tone="error" title="The VEX statement was not saved">
          {form.problem.message}
        </Alert>
      ) : null}
      <div className="form__row">
        <Select label="Status" options={statusOptions} ref={statusRef} {...field('status')} />
        {values.status === 'not_affected' ? (
          <Select
            label="Justification"
            hint="Why the vulnerability cannot be exploited here. Give a justification or an impact statement."
            options={justificationOptions}
            {...field('justification')}
          />
        ) : null}
      </div>
      <TextArea
        label="Impact statement"
        optional
        rows={2}
        hint="How the vulnerability affects, or does not affect, this version."
        {...field('impactStatement')}
      />
      {values.status === 'affected' ? (
        <TextArea
          label="Action statement"
          rows={2}
          hint="What users should do: update, configure, mitigate."
          {...field('actionStatement')}
        />
      ) : null}
      <div className="form__actions">
        <Button type="submit" busy={form.isBusy}>
          Save VEX statement
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
