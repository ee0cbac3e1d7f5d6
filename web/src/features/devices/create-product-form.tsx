import { CreateProductInputSchema, type Product } from '@contracts/devices/devices.contracts.ts';
import { useCreateForm } from '../../api/use-create-form.ts';
import { FormPanel } from '../../components/form-panel.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { createProduct } from './devices.api.ts';

export function CreateProductForm({
  orgId,
  onCreated,
}: {
  orgId: string;
  onCreated(product: Product): void;
}) {
  const api = useApi();
  const form = useCreateForm({
    fields: ['name', 'description', 'modelNumber'],
    initial: () => ({ name: '', description: '', modelNumber: '' }),
    schema: CreateProductInputSchema,
    toInput: (values) => ({ ...values, modelNumber: values.modelNumber.trim() || null }),
    send: (data) => createProduct(api, orgId, data),
    onCreated,
  });

  return (
    <FormPanel
      title="Add a product"
      form={form}
      problemTitle="The product was not added"
      success={form.created ? <>Added “{form.created.name}”.</> : null}
      submitLabel="Add product"
    >
      <div className="form__row">
        <TextField label="Name" {...form.field('name')} />
        <TextField label="Model number" optional {...form.field('modelNumber')} />
      </div>
      <TextArea label="Description" optional rows={3} {...form.field('description')} />
    </FormPanel>
  );
}
