import type { ComponentPropsWithRef } from 'react';
import { FieldError, FieldHint, FieldLabel, type FieldProps, useFieldIds } from './field.tsx';

/** `ref` reaches the input (React 19 passes it as a prop), for focusing it or clearing a file input. */
type TextFieldProps = FieldProps & Omit<ComponentPropsWithRef<'input'>, 'id'>;

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
