import type { Product } from '@contracts/devices/devices.contracts.ts';
import {
  type Disclosure,
  DraftDisclosureInputSchema,
  severities,
} from '@contracts/disclosures/disclosures.contracts.ts';
import type { Incident } from '@contracts/incidents/incidents.contracts.ts';
import { type FormEvent, useState } from 'react';
import { useFormSubmit } from '../../api/use-form-submit.ts';
import { Alert } from '../../components/alert.tsx';
import { severityLabels } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup } from '../../components/checkbox-group.tsx';
import { Select } from '../../components/select.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { draftDisclosure } from './disclosures.api.ts';

const fields = ['incidentId', 'title', 'summary', 'body', 'severity', 'productIds'] as const;
const empty = {
  incidentId: '',
  title: '',
  summary: '',
  body: '',
  severity: 'medium' as Disclosure['severity'],
  productIds: [] as string[],
};

interface DraftDisclosureFormProps {
  orgId: string;
  products: readonly Product[];
  incidents: readonly Incident[];
  onDrafted(disclosure: Disclosure): void;
}

export function DraftDisclosureForm({ orgId, products, incidents, onDrafted }: DraftDisclosureFormProps) {
  const api = useApi();
  const form = useFormSubmit(fields);
  const [values, setValues] = useState(empty);
  const [drafted, setDrafted] = useState<Disclosure | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDrafted(null);
    const input = { ...values, incidentId: values.incidentId || null };
    const disclosure = await form.submit(DraftDisclosureInputSchema, input, (data) =>
      draftDisclosure(api, orgId, data),
    );
    if (disclosure) {
      onDrafted(disclosure);
      setDrafted(disclosure);
      setValues(empty);
    }
  }

  return (
    <details className="panel">
      <summary className="panel__summary">Draft a disclosure</summary>
      <form
        className="form panel__body"
        ref={form.formRef}
        onSubmit={handleSubmit}
        noValidate
        aria-label="Draft a disclosure"
      >
        {form.problem ? (
          <Alert tone="error" title="The draft was not saved">
            {form.problem.message}
          </Alert>
        ) : null}
        {drafted ? (
          <Alert tone="success">Saved the draft “{drafted.title}”. Another member must approve it.</Alert>
        ) : null}
        <TextField
          label="Title"
          name="title"
          value={values.title}
          error={form.problem?.fieldErrors.title}
          onChange={(event) => setValues({ ...values, title: event.currentTarget.value })}
        />
        <div className="form__row">
          <Select
            label="Severity"
            name="severity"
            value={values.severity}
            error={form.problem?.fieldErrors.severity}
            options={[...severities]
              .reverse()
              .map((severity) => ({ value: severity, label: severityLabels[severity] }))}
            onChange={(event) =>
              setValues({ ...values, severity: event.currentTarget.value as Disclosure['severity'] })
            }
          />
          <Select
            label="Incident"
            name="incidentId"
            optional
            value={values.incidentId}
            error={form.problem?.fieldErrors.incidentId}
            options={[
              { value: '', label: 'Not linked to an incident' },
              ...incidents.map((incident) => ({ value: incident.id, label: incident.title })),
            ]}
            onChange={(event) => setValues({ ...values, incidentId: event.currentTarget.value })}
          />
        </div>
        <TextArea
          label="Summary"
          name="summary"
          hint="One or two sentences: what is affected and what to do. Shown in lists."
          rows={2}
          value={values.summary}
          error={form.problem?.fieldErrors.summary}
          onChange={(event) => setValues({ ...values, summary: event.currentTarget.value })}
        />
        <TextArea
          label="Details"
          name="body"
          optional
          hint="Plain text. Leave a blank line between paragraphs."
          rows={8}
          value={values.body}
          error={form.problem?.fieldErrors.body}
          onChange={(event) => setValues({ ...values, body: event.currentTarget.value })}
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
            Save draft
          </Button>
        </div>
      </form>
    </details>
  );
}
