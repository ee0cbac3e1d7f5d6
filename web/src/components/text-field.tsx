import type { InputHTMLAttributes } from 'react';
import { FieldError, FieldHint, FieldLabel, type FieldProps, useFieldIds } from './field.tsx';

type TextFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

export function TextField({ label, hint, error, optional = false, className, ...input }: TextFieldProps) {
  const ids = useFieldIds(hint, error);
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <FieldLabel htmlFor={ids.id} label={label} optional={optional} />
      <FieldHint id={ids.hintId} hint={hint} />
      <input
        {...input}
        id={ids.id}
        className="field__control"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
      <FieldError id={ids.errorId} error={error} />
    </div>
  );
}
