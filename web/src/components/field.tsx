import { useId } from 'react';

export interface FieldProps {
  label: string;
  /** Shown under the label; read with the field. */
  hint?: string | undefined;
  /** Shown under the field and read with it; marks the field invalid. */
  error?: string | undefined;
  /** Marks the label "optional" instead of marking every required field. */
  optional?: boolean;
}

/** Ids that tie a field to its hint and error, for aria-describedby. */
export function useFieldIds(hint: string | undefined, error: string | undefined) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

export function FieldLabel({
  htmlFor,
  label,
  optional,
}: {
  htmlFor: string;
  label: string;
  optional?: boolean;
}) {
  return (
    <label className="field__label" htmlFor={htmlFor}>
      {label}
      {optional ? <span className="field__optional"> (optional)</span> : null}
    </label>
  );
}

export function FieldHint({ id, hint }: { id: string; hint: string | undefined }) {
  return hint ? (
    <p className="field__hint" id={id}>
      {hint}
    </p>
  ) : null;
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p className="field__error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  ) : null;
}
