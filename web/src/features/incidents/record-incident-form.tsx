import type { Product } from '@contracts/devices/devices.contracts.ts';
import { CreateIncidentInputSchema, type Incident } from '@contracts/incidents/incidents.contracts.ts';
import { type FormEvent, useState } from 'react';
import { useFormSubmit } from '../../api/use-form-submit.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup } from '../../components/checkbox-group.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { recordIncident } from './incidents.api.ts';

const fields = ['title', 'description', 'productIds', 'detectedAt'] as const;

/** `datetime-local` wants local wall-clock time without a zone. */
function localNow(): string {
  const now = new Date();
  now.setSeconds(0, 0);
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The local time the user picked, as an ISO timestamp with offset (UTC), as the contract asks. */
function toIsoTimestamp(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

interface RecordIncidentFormProps {
  orgId: string;
  products: readonly Product[];
  onRecorded(incident: Incident): void;
}

export function RecordIncidentForm({ orgId, products, onRecorded }: RecordIncidentFormProps) {
  const api = useApi();
  const form = useFormSubmit(fields);
  const [values, setValues] = useState(() => ({
    title: '',
    description: '',
    productIds: [] as string[],
    detectedAt: localNow(),
  }));
  const [recorded, setRecorded] = useState<Incident | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRecorded(null);
    const input = { ...values, detectedAt: toIsoTimestamp(values.detectedAt) };
    const incident = await form.submit(CreateIncidentInputSchema, input, (data) =>
      recordIncident(api, orgId, data),
    );
    if (incident) {
      onRecorded(incident);
      setRecorded(incident);
      setValues({ title: '', description: '', productIds: [], detectedAt: localNow() });
    }
  }

  return (
    <details className="panel">
      <summary className="panel__summary">Record an incident</summary>
      <form
        className="form panel__body"
        ref={form.formRef}
        onSubmit={handleSubmit}
        noValidate
        aria-label="Record an incident"
      >
        {form.problem ? (
          <Alert tone="error" title="The incident was not recorded">
            {form.problem.message}
          </Alert>
        ) : null}
        {recorded ? <Alert tone="success">Recorded “{recorded.title}”.</Alert> : null}
        <div className="form__row">
          <TextField
            label="Title"
            name="title"
            value={values.title}
            error={form.problem?.fieldErrors.title}
            onChange={(event) => setValues({ ...values, title: event.currentTarget.value })}
          />
          <TextField
            label="Detected at"
            name="detectedAt"
            type="datetime-local"
            hint="Your local time."
            value={values.detectedAt}
            error={form.problem?.fieldErrors.detectedAt}
            onChange={(event) => setValues({ ...values, detectedAt: event.currentTarget.value })}
          />
        </div>
        <TextArea
          label="Description"
          name="description"
          optional
          rows={3}
          value={values.description}
          error={form.problem?.fieldErrors.description}
          onChange={(event) => setValues({ ...values, description: event.currentTarget.value })}
        />
        <CheckboxGroup
          legend="Affected products"
          options={products.map((product) => ({ value: product.id, label: product.name }))}
          value={values.productIds}
          error={form.problem?.fieldErrors.productIds}
          emptyText="Add products first to link them here."
          onChange={(productIds) => setValues({ ...values, productIds })}
        />
        <div className="form__actions">
          <Button type="submit" busy={form.isBusy}>
            Record incident
          </Button>
        </div>
      </form>
    </details>
  );
}
