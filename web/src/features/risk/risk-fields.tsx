import { type ReactNode, useId } from 'react';
import { FieldError, FieldHint } from '../../components/field.tsx';

export interface RadioOption<V extends string> {
  value: V;
  label: string;
  description?: string;
}

interface RadioGroupProps<V extends string> {
  legend: ReactNode;
  hint?: string | undefined;
  error?: string | undefined;
  options: readonly RadioOption<V>[];
  value: V | '';
  onChange(value: V): void;
  /** Options side by side (yes / no / unknown) rather than one a line. */
  inline?: boolean;
  className?: string;
}

/** Radios in a fieldset: the legend names the group, the hint and the error are read with it. */
export function RadioGroup<V extends string>({
  legend,
  hint,
  error,
  options,
  value,
  onChange,
  inline = false,
  className,
}: RadioGroupProps<V>) {
  const id = useId();
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={['field', 'field--group', className].filter(Boolean).join(' ')}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">{legend}</legend>
      <FieldHint id={`${id}-hint`} hint={hint} />
      <div className={inline ? 'checkbox-group' : 'risk-radios'}>
        {options.map((option) => (
          <label key={option.value} className="checkbox risk-radio">
            <input
              type="radio"
              className="checkbox__input"
              name={id}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>
              {option.label}
              {option.description ? (
                <span className="risk-radio__description small muted"> — {option.description}</span>
              ) : null}
            </span>
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}

/** One checkbox with its label, and an error read with it. */
export function CheckboxField({
  label,
  hint,
  error,
  checked,
  onChange,
}: {
  label: string;
  hint?: string;
  error?: string | undefined;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  const id = useId();
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="checkbox">
        <input
          type="checkbox"
          className="checkbox__input"
          checked={checked}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <span>{label}</span>
      </label>
      <FieldHint id={`${id}-hint`} hint={hint} />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
