import type { TextareaHTMLAttributes } from 'react';
import { FieldError, FieldHint, FieldLabel, type FieldProps, useFieldIds } from './field.tsx';

type TextAreaProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

export function TextArea({
  label,
  hint,
  error,
  optional = false,
  className,
  rows = 4,
  ...textarea
}: TextAreaProps) {
  const ids = useFieldIds(hint, error);
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <FieldLabel htmlFor={ids.id} label={label} optional={optional} />
      <FieldHint id={ids.hintId} hint={hint} />
      <textarea
        {...textarea}
        rows={rows}
        id={ids.id}
        className="field__control field__control--multiline"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
      <FieldError id={ids.errorId} error={error} />
    </div>
  );
}
