import type { ComponentPropsWithRef } from 'react';
import { FieldError, FieldHint, FieldLabel, type FieldProps, useFieldIds } from './field.tsx';

export interface SelectOption {
  value: string;
  label: string;
}

/** `ref` reaches the select (React 19 passes it as a prop), for focusing it. */
type SelectProps = FieldProps &
  Omit<ComponentPropsWithRef<'select'>, 'id' | 'children'> & {
    options: readonly SelectOption[];
    /** Lay the label beside the control (for compact toolbars such as the header). */
    inline?: boolean;
  };

export function Select({
  label,
  hint,
  error,
  optional = false,
  options,
  inline = false,
  className,
  ...select
}: SelectProps) {
  const ids = useFieldIds(hint, error);
  return (
    <div className={['field', inline ? 'field--inline' : null, className].filter(Boolean).join(' ')}>
      <FieldLabel htmlFor={ids.id} label={label} optional={optional} />
      <FieldHint id={ids.hintId} hint={hint} />
      <select
        {...select}
        id={ids.id}
        className="field__control field__control--select"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={ids.errorId} error={error} />
    </div>
  );
}
