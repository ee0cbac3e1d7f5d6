import type { Product } from '@contracts/devices/devices.contracts.ts';
import { CreateIncidentInputSchema, type Incident } from '@contracts/incidents/incidents.contracts.ts';
import { Link } from 'react-router-dom';
import { useCreateForm } from '../../api/use-create-form.ts';
import { FormPanel } from '../../components/form-panel.tsx';
import { Select } from '../../components/select.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { AffectedProductsField } from '../devices/affected-products-field.tsx';
import { incidentKindOptions } from './incident-labels.ts';
import { recordIncident } from './incidents.api.ts';

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
  const form = useCreateForm({
    fields: ['title', 'description', 'kind', 'productIds', 'detectedAt'],
    initial: () => ({
      title: '',
      description: '',
      kind: 'unauthorized_access' as string,
      productIds: [] as string[],
      detectedAt: localNow(),
    }),
    schema: CreateIncidentInputSchema,
    toInput: (values) => ({ ...values, detectedAt: toIsoTimestamp(values.detectedAt) }),
    send: (data) => recordIncident(api, orgId, data),
    onCreated: onRecorded,
  });

  return (
    <FormPanel
      title="Record an incident"
      form={form}
      problemTitle="The incident was not recorded"
      success={
        form.created ? (
          <>
            Recorded “<Link to={`/console/${orgId}/incidents/${form.created.id}`}>{form.created.title}</Link>
            ”: open it to enter its facts and see the reports they make mandatory.
          </>
        ) : null
      }
      submitLabel="Record incident"
    >
      <div className="form__row">
        <TextField label="Title" {...form.field('title')} />
        <TextField
          label="Detected at"
          type="datetime-local"
          hint="Your local time."
          {...form.field('detectedAt')}
        />
      </div>
      <Select label="Kind" options={incidentKindOptions} {...form.field('kind')} />
      <TextArea label="Description" optional rows={3} {...form.field('description')} />
      <AffectedProductsField products={products} {...form.listField('productIds')} />
    </FormPanel>
  );
}
