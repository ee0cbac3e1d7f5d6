import type { Product } from '@contracts/devices/devices.contracts.ts';
import { type Incident, UpdateIncidentInputSchema } from '@contracts/incidents/incidents.contracts.ts';
import { type FormEvent, useState } from 'react';
import { bindField, bindList } from '../../api/bind-field.ts';
import { useFormSubmit } from '../../api/use-form-submit.ts';
import { useResource } from '../../api/use-resource.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup } from '../../components/checkbox-group.tsx';
import { Select } from '../../components/select.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { AffectedProductsField } from '../devices/affected-products-field.tsx';
import { incidentKindOptions } from './incident-labels.ts';
import { type Member, updateIncident, versionsOf } from './incident-record.api.ts';

const fields = [
  'title',
  'description',
  'kind',
  'ownerUserId',
  'productIds',
  'productVersionIds',
  'vulnerabilities',
] as const;

const valuesOf = (incident: Incident) => ({
  title: incident.title,
  description: incident.description,
  kind: incident.kind as string,
  ownerUserId: incident.owner?.id ?? '',
  productIds: [...incident.productIds],
  productVersionIds: [...incident.productVersionIds],
  vulnerabilities: incident.vulnerabilities.map((vulnerability) => vulnerability.displayId).join(', '),
});

interface EditIncidentFormProps {
  orgId: string;
  incident: Incident;
  products: readonly Product[];
  members: readonly Member[];
  onUpdated(incident: Incident): void;
}

/** "Edit details": title, kind, owner, affected products and versions, linked vulnerabilities. */
export function EditIncidentForm({ orgId, incident, products, members, onUpdated }: EditIncidentFormProps) {
  const api = useApi();
  const form = useFormSubmit(fields);
  const [values, setValues] = useState(() => valuesOf(incident));
  const [done, setDone] = useState(false);
  const { resource: versions } = useResource(
    `incident-edit-versions:${orgId}:${values.productIds.join(',')}`,
    (signal) => versionsOf(api, orgId, values.productIds, signal),
    { keepWhileReloading: true },
  );
  const versionOptions =
    versions.status === 'ready'
      ? values.productIds.flatMap((productId) => {
          const name = products.find((product) => product.id === productId)?.name ?? 'Product';
          return (versions.data.get(productId) ?? []).map((version) => ({
            value: version.id,
            label: `${name} ${version.label}`,
          }));
        })
      : [];

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const offered = new Set(versionOptions.map((option) => option.value));
    const input = {
      ...values,
      ownerUserId: values.ownerUserId || null,
      productVersionIds: values.productVersionIds.filter((id) => offered.has(id)),
      vulnerabilities: values.vulnerabilities
        .split(/[\s,;]+/)
        .map((id) => id.trim())
        .filter(Boolean),
    };
    const updated = await form.submit(UpdateIncidentInputSchema, input, (data) =>
      updateIncident(api, orgId, incident.id, data),
    );
    if (updated) {
      setValues(valuesOf(updated));
      setDone(true);
      onUpdated(updated);
    }
  }

  const field = (name: 'title' | 'description' | 'ownerUserId' | 'vulnerabilities' | 'kind') =>
    bindField(values, setValues, form.problem, name);
  return (
    <details className="panel">
      <summary className="panel__summary">Edit details</summary>
      <form
        className="form panel__body"
        ref={form.formRef}
        onSubmit={handleSubmit}
        noValidate
        aria-label="Edit details"
      >
        {form.problem ? (
          <Alert tone="error" title="The changes were not saved">
            {form.problem.message}
          </Alert>
        ) : null}
        {done ? <Alert tone="success">Saved.</Alert> : null}
        <TextField label="Title" {...field('title')} />
        <div className="form__row">
          <Select label="Kind" options={incidentKindOptions} {...field('kind')} />
          <Select
            label="Owner"
            optional
            options={[
              { value: '', label: 'Nobody' },
              ...members.map((member) => ({ value: member.user.id, label: member.user.name })),
            ]}
            {...field('ownerUserId')}
          />
        </div>
        <TextArea label="Description" optional rows={3} {...field('description')} />
        <AffectedProductsField
          products={products}
          {...bindList(values, setValues, form.problem, 'productIds')}
        />
        <CheckboxGroup
          legend="Affected versions"
          options={versionOptions}
          emptyText="Choose affected products to pick their versions."
          {...bindList(values, setValues, form.problem, 'productVersionIds')}
        />
        <TextField
          label="Vulnerabilities"
          optional
          hint="CVE or GHSA ids, separated by commas."
          {...field('vulnerabilities')}
        />
        <div className="form__actions">
          <Button type="submit" size="small" busy={form.isBusy}>
            Save details
          </Button>
        </div>
      </form>
    </details>
  );
}
