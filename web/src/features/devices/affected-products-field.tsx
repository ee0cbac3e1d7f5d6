import type { Product } from '@contracts/devices/devices.contracts.ts';
import { CheckboxGroup } from '../../components/checkbox-group.tsx';

interface AffectedProductsFieldProps {
  products: readonly Product[];
  value: readonly string[];
  error: string | undefined;
  onChange(productIds: string[]): void;
}

/** Which of the organisation's products something (an incident, a disclosure) affects. */
export function AffectedProductsField({ products, value, error, onChange }: AffectedProductsFieldProps) {
  return (
    <CheckboxGroup
      legend="Affected products"
      options={products.map((product) => ({ value: product.id, label: product.name }))}
      value={value}
      error={error}
      emptyText="Add products first to link them here."
      onChange={onChange}
    />
  );
}
