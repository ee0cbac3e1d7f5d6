import { CreateProductInputSchema, type Product } from '@contracts/devices/devices.contracts.ts';
import { Link } from 'react-router-dom';
import { useCreateForm } from '../../api/use-create-form.ts';
import { FormPanel } from '../../components/form-panel.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { createProduct } from './devices.api.ts';

function splitList(text: string, normalize: (item: string) => string = (item) => item): string[] {
  return text
    .split(',')
    .map((item) => normalize(item.trim()))
    .filter(Boolean);
}

export function CreateProductForm({
  orgId,
  onCreated,
}: {
  orgId: string;
  onCreated(product: Product): void;
}) {
  const api = useApi();
  const form = useCreateForm({
    fields: ['name', 'description', 'modelNumbers', 'deviceClass', 'udiDi', 'intendedUse', 'markets'],
    initial: () => ({
      name: '',
      description: '',
      modelNumbers: '',
      deviceClass: '',
      udiDi: '',
      intendedUse: '',
      markets: '',
    }),
    schema: CreateProductInputSchema,
    toInput: (values) => ({
      ...values,
      modelNumbers: splitList(values.modelNumbers),
      deviceClass: values.deviceClass.trim() || null,
      udiDi: values.udiDi.trim() || null,
      markets: splitList(values.markets, (code) => code.toUpperCase()),
    }),
    send: (data) => createProduct(api, orgId, data),
    onCreated,
  });
  const marketsField = form.field('markets');

  return (
    <FormPanel
      title="Add a product"
      form={form}
      problemTitle="The product was not added"
      success={
        form.created ? (
          <>
            Added <Link to={`/console/${orgId}/products/${form.created.id}`}>{form.created.name}</Link>.
          </>
        ) : null
      }
      submitLabel="Add product"
    >
      <div className="form__row">
        <TextField label="Name" {...form.field('name')} />
        <TextField
          label="Model numbers"
          hint="Separate several with commas."
          optional
          {...form.field('modelNumbers')}
        />
      </div>
      <div className="form__row">
        <TextField
          label="Device class"
          hint="As the regulator names it, e.g. IIb (EU MDR) or Class II (FDA)."
          optional
          {...form.field('deviceClass')}
        />
        <TextField
          label="UDI-DI"
          hint="The device identifier part of the unique device identification."
          optional
          spellCheck={false}
          {...form.field('udiDi')}
        />
        <TextField
          label="Markets"
          hint="ISO 3166 country codes or EU, separated by commas, e.g. EU, US, CH."
          optional
          spellCheck={false}
          autoCapitalize="characters"
          {...marketsField}
          error={
            marketsField.error
              ? 'Use two-letter ISO 3166 country codes (such as DE or US) or EU, separated by commas.'
              : undefined
          }
        />
      </div>
      <TextArea label="Intended use" optional rows={3} {...form.field('intendedUse')} />
      <TextArea label="Description" optional rows={3} {...form.field('description')} />
    </FormPanel>
  );
}
