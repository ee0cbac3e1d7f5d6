import type { FormEvent, ReactNode, RefObject } from 'react';
import { Alert } from './alert.tsx';
import { Button } from './button.tsx';

interface FormPanelProps {
  /** The panel's summary and the form's accessible name. */
  title: string;
  /**
   * The form's state, as `useCreateForm` keeps it. `submit` is called on submit, with the browser's own
   * submission and validation prevented.
   */
  form: {
    problem: { message: string } | null;
    isBusy: boolean;
    formRef: RefObject<HTMLFormElement | null>;
    submit(): void | Promise<void>;
  };
  /** Heads the error Alert when the submission fails. */
  problemTitle: string;
  /** Said after a successful submission; null until then. */
  success: ReactNode;
  submitLabel: string;
  children: ReactNode;
}

/** A collapsed panel holding a create form: its problem and success messages, fields and submit button. */
export function FormPanel({ title, form, problemTitle, success, submitLabel, children }: FormPanelProps) {
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit();
  }

  return (
    <details className="panel">
      <summary className="panel__summary">{title}</summary>
      <form
        className="form panel__body"
        ref={form.formRef}
        onSubmit={handleSubmit}
        noValidate
        aria-label={title}
      >
        {form.problem ? (
          <Alert tone="error" title={problemTitle}>
            {form.problem.message}
          </Alert>
        ) : null}
        {success ? <Alert tone="success">{success}</Alert> : null}
        {children}
        <div className="form__actions">
          <Button type="submit" busy={form.isBusy}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </details>
  );
}
