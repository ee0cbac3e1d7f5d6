import { useState } from 'react';
import type { z } from 'zod';
import { bindField, bindList, type ListKeys, type TextKeys } from './bind-field.ts';
import { useFormSubmit } from './use-form-submit.ts';

interface CreateFormOptions<F extends string, V, S extends z.ZodType, T> {
  /** The contract's fields, for mapping problems onto them. */
  fields: readonly F[];
  /** The values of a blank form: called at first and again after each success. */
  initial(): V;
  /** The contract both sides check. */
  schema: S;
  /** Turns what the form holds into what the contract takes. */
  toInput(values: V): unknown;
  send(input: z.output<S>): Promise<T>;
  onCreated(item: T): void;
}

/**
 * A form that creates one thing: holds its values, submits them through `useFormSubmit`, and after a
 * success tells the caller, remembers what was created (for the success message) and starts blank.
 */
export function useCreateForm<F extends string, V, S extends z.ZodType, T>({
  fields,
  initial,
  schema,
  toInput,
  send,
  onCreated,
}: CreateFormOptions<F, V, S, T>) {
  const form = useFormSubmit(fields);
  const [values, setValues] = useState(initial);
  const [created, setCreated] = useState<T | null>(null);

  async function submit() {
    setCreated(null);
    const item = await form.submit(schema, toInput(values), send);
    if (item) {
      onCreated(item);
      setCreated(item);
      setValues(initial());
    }
  }

  return {
    ...form,
    values,
    setValues,
    created,
    submit,
    /** Props for a TextField, TextArea or Select bound to one text field: spread them onto it. */
    field: <K extends TextKeys<V> & F>(name: K) => bindField(values, setValues, form.problem, name),
    /** Props for a CheckboxGroup bound to one list field. */
    listField: <K extends ListKeys<V> & F>(name: K) => bindList(values, setValues, form.problem, name),
  };
}
