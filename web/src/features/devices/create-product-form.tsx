import { CreateProductInputSchema, type Product } from '@contracts/devices/devices.contracts.ts';
import { type FormEvent, useState } from 'react';
import { useFormSubmit } from '../../api/use-form-submit.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { createProduct } from './devices.api.ts';

const fields = ['name', 'description', 'modelNumber'] as const;
const empty = { name: '', description: '', modelNumber: '' };

export function CreateProductForm({
  orgId,
  onCreated,
}: {
  orgId: string;
  onCreated(product: Product): void;
}) {
  const api = useApi();
  const form = useFormSubmit(fields);
  const [values, setValues] = useState(empty);
  const [created, setCreated] = useState<Product | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    const input = { ...values, modelNumber: values.modelNumber.trim() || null };
    const product = await form.submit(CreateProductInputSchema, input, (data) =>
      createProduct(api, orgId, data),
    );
    if (product) {
      onCreated(product);
      setCreated(product);
      setValues(empty);
    }
  }

  return (
    <details className="panel">
      <summary className="panel__summary">Add a product</summary>
      <form
        className="form panel__body"
        ref={form.formRef}
        onSubmit={handleSubmit}
        noValidate
        aria-label="Add a product"
      >
        {form.problem ? (
          <Alert tone="error" title="The product was not added">
            {form.problem.message}
          </Alert>
        ) : null}
        {created ? <Alert tone="success">Added “{created.name}”.</Alert> : null}
        <div className="form__row">
          <TextField
            label="Name"
            name="name"
            value={values.name}
            error={form.problem?.fieldErrors.name}
            onChange={(event) => setValues({ ...values, name: event.currentTarget.value })}
          />
          <TextField
            label="Model number"
            name="modelNumber"
            optional
            value={values.modelNumber}
            error={form.problem?.fieldErrors.modelNumber}
            onChange={(event) => setValues({ ...values, modelNumber: event.currentTarget.value })}
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
        <div className="form__actions">
          <Button type="submit" busy={form.isBusy}>
            Add product
          </Button>
        </div>
      </form>
    </details>
  );
}
