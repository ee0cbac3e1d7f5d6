import type { Product, ProductVersion } from '@contracts/devices/devices.contracts.ts';
import { type ReactNode, useId } from 'react';
import type { TextKeys } from '../../api/bind-field.ts';
import type { EditorValues, FieldErrors } from './editor-state.ts';

/** A version of one of the organisation's products, as the editor's pickers offer it. */
export interface VersionOption {
  id: string;
  productId: string;
  productName: string;
  label: string;
  /** "Product 1.2.3": unique, so every checkbox and option has its own accessible name. */
  name: string;
}

export function versionOptionsOf(
  products: readonly Product[],
  versions: ReadonlyMap<string, readonly ProductVersion[]>,
): VersionOption[] {
  return products.flatMap((product) =>
    (versions.get(product.id) ?? []).map((version) => ({
      id: version.id,
      productId: product.id,
      productName: product.name,
      label: version.label,
      name: `${product.name} ${version.label}`,
    })),
  );
}

/** What every editor section receives: the values, their setter, the errors by path, the registry. */
export interface SectionProps {
  values: EditorValues;
  setValues(update: (current: EditorValues) => EditorValues): void;
  errors: FieldErrors;
  products: readonly Product[];
  versions: readonly VersionOption[];
}

/** Replaces the item with `key` by `change(item)`. */
export function updateItem<T extends { key: string }>(
  items: readonly T[],
  key: string,
  change: (item: T) => T,
) {
  return items.map((item) => (item.key === key ? change(item) : item));
}

interface ChecklistProps {
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: readonly { value: string; label: string }[];
  value: readonly string[];
  onChange(value: string[]): void;
  emptyText: string;
}

/** Checkboxes in a fieldset, with the fieldset's error read with it (required lists, unlike CheckboxGroup). */
export function Checklist({ legend, hint, error, options, value, onChange, emptyText }: ChecklistProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset
      className="field field--group"
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {options.length === 0 ? <p className="field__hint">{emptyText}</p> : null}
      <div className="checkbox-group">
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="checkbox"
              className="checkbox__input"
              checked={value.includes(option.value)}
              onChange={(event) =>
                onChange(
                  event.currentTarget.checked
                    ? [...value, option.value]
                    : value.filter((item) => item !== option.value),
                )
              }
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <FieldMessage id={`${id}-error`} error={error} />
    </fieldset>
  );
}

interface RadioGroupProps<V extends string> {
  legend: string;
  name: string;
  value: V;
  options: readonly { value: V; label: string; description?: ReactNode }[];
  onChange(value: V): void;
  error?: string | undefined;
}

/** Radios in a fieldset; each option may carry a sentence that explains it. */
export function RadioGroup<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  error,
}: RadioGroupProps<V>) {
  const id = useId();
  return (
    <fieldset
      className="field field--group"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="field__label">{legend}</legend>
      <div className="editor-radios">
        {options.map((option) => (
          <label key={option.value} className="checkbox editor-radio">
            <input
              type="radio"
              className="checkbox__input"
              name={`${id}-${name}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>
              <span className="editor-radio__label">{option.label}</span>
              {option.description ? (
                <span className="editor-radio__description small muted"> {option.description}</span>
              ) : null}
            </span>
          </label>
        ))}
      </div>
      <FieldMessage id={`${id}-error`} error={error} />
    </fieldset>
  );
}

function FieldMessage({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p className="field__error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  ) : null;
}

/** The first error at `path` or below it (a list's own error, or one of its items'). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  const own = errors.get(path);
  if (own) return own;
  for (const [key, message] of errors) if (key.startsWith(`${path}.`)) return message;
  return undefined;
}

/**
 * Binds text inputs to the string fields of one list item: `bind(key)` gives the input its value, the
 * error at `<path>.<key>` and an onChange that sets that field through `change`. (`bindField` does the
 * same for a form's top-level fields and its problem's errors; the editor's errors are live-validation
 * paths into lists.)
 */
export function itemTextBinding<T>(
  item: T,
  path: string,
  errors: FieldErrors,
  change: (update: (item: T) => T) => void,
) {
  return (key: TextKeys<T>) => ({
    value: item[key] as string,
    error: errorAt(errors, `${path}.${key}`),
    onChange(event: { currentTarget: { value: string } }) {
      const { value } = event.currentTarget;
      change((current) => ({ ...current, [key]: value }));
    },
  });
}
