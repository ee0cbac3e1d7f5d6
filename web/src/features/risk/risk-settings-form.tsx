import {
  type RiskSettingsInput,
  RiskSettingsInputSchema,
  type RiskSettingsSchema,
} from '@contracts/risk/risk.contracts.ts';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { z } from 'zod';
import { useFormSubmit } from '../../api/use-form-submit.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';

export type RiskSettings = z.infer<typeof RiskSettingsSchema>;
export type SettingsSave = (input: RiskSettingsInput) => Promise<RiskSettings>;

type SettingsField = keyof RiskSettingsInput;

interface SettingsFormProps {
  /** The form's name and its submit button's text. */
  label: string;
  canEdit: boolean;
  save: SettingsSave;
  input(): RiskSettingsInput;
  /** Back to the shipped default; null when already there. */
  reset: (() => RiskSettingsInput) | null;
  fields: readonly SettingsField[];
  children(errors: Partial<Record<SettingsField, string>>): ReactNode;
}

/** One part of the risk settings, saved on its own (the PUT changes only the parts it is given). */
export function SettingsForm({ label, canEdit, save, input, reset, fields, children }: SettingsFormProps) {
  const form = useFormSubmit(fields);
  const [notice, setNotice] = useState<string | null>(null);

  async function send(value: RiskSettingsInput, done: string) {
    setNotice(null);
    const saved = await form.submit(RiskSettingsInputSchema, value, save);
    if (saved) setNotice(done);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send(input(), 'Saved.');
  }

  return (
    <form className="form" ref={form.formRef} onSubmit={handleSubmit} noValidate aria-label={label}>
      {form.problem ? (
        <Alert tone="error" title="Not saved">
          {form.problem.message}
        </Alert>
      ) : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <fieldset className="risk-fieldset" disabled={!canEdit}>
        <legend className="visually-hidden">{label}</legend>
        <div className="form">{children(form.problem?.fieldErrors ?? {})}</div>
      </fieldset>
      {canEdit ? (
        <div className="form__actions">
          <Button type="submit" busy={form.isBusy}>
            {label}
          </Button>
          {reset ? (
            <Button variant="secondary" onClick={() => void send(reset(), 'Back to the shipped default.')}>
              Reset to the default
            </Button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
