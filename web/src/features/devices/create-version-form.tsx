import {
  CreateProductVersionInputSchema,
  type ProductVersion,
  supportPhases,
} from '@contracts/devices/devices.contracts.ts';
import { Link } from 'react-router-dom';
import { useCreateForm } from '../../api/use-create-form.ts';
import { FormPanel } from '../../components/form-panel.tsx';
import { Select } from '../../components/select.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { createProductVersion } from './devices.api.ts';
import { supportPhaseLabels } from './devices-display.tsx';

export function CreateVersionForm({
  orgId,
  productId,
  onCreated,
}: {
  orgId: string;
  productId: string;
  onCreated(version: ProductVersion): void;
}) {
  const api = useApi();
  const form = useCreateForm({
    fields: ['label', 'releasedOn', 'supportPhase', 'endOfSupportOn'],
    initial: (): { label: string; releasedOn: string; supportPhase: string; endOfSupportOn: string } => ({
      label: '',
      releasedOn: '',
      supportPhase: 'supported',
      endOfSupportOn: '',
    }),
    schema: CreateProductVersionInputSchema,
    toInput: (values) => ({
      label: values.label,
      releasedOn: values.releasedOn || null,
      supportPhase: values.supportPhase,
      endOfSupportOn: values.endOfSupportOn || null,
    }),
    send: (data) => createProductVersion(api, orgId, productId, data),
    onCreated,
  });

  return (
    <FormPanel
      title="Add a version"
      form={form}
      problemTitle="The version was not added"
      success={
        form.created ? (
          <>
            Added version{' '}
            <Link to={`/console/${orgId}/products/${productId}/versions/${form.created.id}`}>
              {form.created.label}
            </Link>
            . Open it to upload its SBOM.
          </>
        ) : null
      }
      submitLabel="Add version"
    >
      <div className="form__row">
        <TextField
          label="Version label"
          hint="As printed on the device or its release notes, e.g. 2.4.1."
          spellCheck={false}
          {...form.field('label')}
        />
        <Select
          label="Support phase"
          options={supportPhases.map((phase) => ({ value: phase, label: supportPhaseLabels[phase] }))}
          {...form.field('supportPhase')}
        />
      </div>
      <div className="form__row">
        <TextField label="Released on" type="date" optional {...form.field('releasedOn')} />
        <TextField label="End of support" type="date" optional {...form.field('endOfSupportOn')} />
      </div>
    </FormPanel>
  );
}
