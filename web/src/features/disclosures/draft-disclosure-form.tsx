import type { Product } from '@contracts/devices/devices.contracts.ts';
import {
  type Disclosure,
  DraftDisclosureInputSchema,
  disclosureKinds,
  severities,
} from '@contracts/disclosures/disclosures.contracts.ts';
import type { Incident } from '@contracts/incidents/incidents.contracts.ts';
import { Link } from 'react-router-dom';
import { useCreateForm } from '../../api/use-create-form.ts';
import { severityLabels } from '../../components/badge.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { Select } from '../../components/select.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { AffectedProductsField } from '../devices/affected-products-field.tsx';
import { kindLabels } from './disclosure-labels.tsx';
import { draftDisclosure } from './disclosures.api.ts';

const empty = {
  kind: 'advisory' as Disclosure['kind'],
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
  const form = useCreateForm({
    fields: ['kind', 'incidentId', 'title', 'summary', 'body', 'severity', 'productIds'],
    initial: () => empty,
    schema: DraftDisclosureInputSchema,
    toInput: (values) => ({ ...values, incidentId: values.incidentId || null }),
    send: (data) => draftDisclosure(api, orgId, data),
    onCreated: onDrafted,
  });

  return (
    <FormPanel
      title="Draft a disclosure"
      form={form}
      problemTitle="The draft was not saved"
      success={
        form.created ? (
          <>
            Saved the draft “{form.created.title}”.{' '}
            <Link to={`/console/${orgId}/disclosures/${form.created.id}`}>Open it in the editor</Link> to add
            vulnerabilities and remediations; another member must approve it.
          </>
        ) : null
      }
      submitLabel="Save draft"
    >
      <TextField label="Title" {...form.field('title')} />
      <div className="form__row">
        <Select
          label="Kind"
          name="kind"
          value={form.values.kind}
          error={form.problem?.fieldErrors.kind}
          options={disclosureKinds.map((kind) => ({ value: kind, label: kindLabels[kind] }))}
          onChange={(event) =>
            form.setValues({ ...form.values, kind: event.currentTarget.value as Disclosure['kind'] })
          }
        />
        <Select
          label="Severity"
          name="severity"
          value={form.values.severity}
          error={form.problem?.fieldErrors.severity}
          options={[...severities]
            .reverse()
            .map((severity) => ({ value: severity, label: severityLabels[severity] }))}
          onChange={(event) =>
            form.setValues({ ...form.values, severity: event.currentTarget.value as Disclosure['severity'] })
          }
        />
        <Select
          label="Incident"
          optional
          options={[
            { value: '', label: 'Not linked to an incident' },
            ...incidents.map((incident) => ({ value: incident.id, label: incident.title })),
          ]}
          {...form.field('incidentId')}
        />
      </div>
      <TextArea
        label="Summary"
        hint="One or two sentences: what is affected and what to do. Shown in lists."
        rows={2}
        {...form.field('summary')}
      />
      <TextArea
        label="Details"
        optional
        hint="Plain text. Leave a blank line between paragraphs."
        rows={8}
        {...form.field('body')}
      />
      <AffectedProductsField products={products} {...form.listField('productIds')} />
    </FormPanel>
  );
}
