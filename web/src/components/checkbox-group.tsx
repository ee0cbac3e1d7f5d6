import { useId } from 'react';
import type { SelectOption } from './select.tsx';

interface CheckboxGroupProps {
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  options: readonly SelectOption[];
  value: readonly string[];
  onChange(value: string[]): void;
  /** Said when there is nothing to choose from. */
  emptyText?: string;
}

/** A set of checkboxes in a fieldset: for choosing several products, say. */
export function CheckboxGroup({
  legend,
  hint,
  error,
  options,
  value,
  onChange,
  emptyText,
}: CheckboxGroupProps) {
  const id = useId();
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  function toggle(option: string, checked: boolean) {
    onChange(checked ? [...value, option] : value.filter((v) => v !== option));
  }
  return (
    <fieldset
      className="field field--group"
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">
        {legend}
        <span className="field__optional"> (optional)</span>
      </legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {options.length === 0 ? (
        <p className="field__hint">{emptyText ?? 'Nothing to choose from yet.'}</p>
      ) : null}
      <div className="checkbox-group">
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="checkbox"
              className="checkbox__input"
              checked={value.includes(option.value)}
              onChange={(event) => toggle(option.value, event.currentTarget.checked)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
