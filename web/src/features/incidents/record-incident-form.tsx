import type { Product } from '@contracts/devices/devices.contracts.ts';
import { CreateIncidentInputSchema, type Incident } from '@contracts/incidents/incidents.contracts.ts';
import { useCreateForm } from '../../api/use-create-form.ts';
import { FormPanel } from '../../components/form-panel.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { AffectedProductsField } from '../devices/affected-products-field.tsx';
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
    fields: ['title', 'description', 'productIds', 'detectedAt'],
    initial: () => ({ title: '', description: '', productIds: [] as string[], detectedAt: localNow() }),
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
      success={form.created ? <>Recorded “{form.created.title}”.</> : null}
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
      <TextArea label="Description" optional rows={3} {...form.field('description')} />
      <AffectedProductsField products={products} {...form.listField('productIds')} />
    </FormPanel>
  );
}
