import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { type FormProblem, toFormProblem, validateWith } from './problem.ts';

/**
 * The life of a form submission: check with the contract, send, map the server's problem back onto
 * the fields, and put focus on the first field that needs attention.
 */
export function useFormSubmit<F extends string>(fields: readonly F[]) {
  const [problem, setProblem] = useState<FormProblem<F> | null>(null);
  const [isBusy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!problem) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    // A fieldset is not focusable: focus its first control instead.
    const target = invalid?.matches('fieldset') ? invalid.querySelector<HTMLElement>('input') : invalid;
    target?.focus();
  }, [problem]);

  async function submit<S extends z.ZodType, T>(
    schema: S,
    values: unknown,
    send: (input: z.output<S>) => Promise<T>,
  ): Promise<T | null> {
    const checked = validateWith(schema, values, fields);
    if (!checked.ok) {
      setProblem(checked.problem);
      return null;
    }
    setBusy(true);
    setProblem(null);
    try {
      return await send(checked.data);
    } catch (error) {
      setProblem(toFormProblem(error, fields));
      return null;
    } finally {
      setBusy(false);
    }
  }

  return { problem, isBusy, formRef, submit, clearProblem: () => setProblem(null) };
}
