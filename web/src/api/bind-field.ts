import type { ChangeEvent, Dispatch, SetStateAction } from 'react';
import type { FormProblem } from './problem.ts';

/** The keys of `V` that hold any string (not a union of literals, which free text could break). */
export type TextKeys<V> = {
  [K in keyof V]: V[K] extends string ? (string extends V[K] ? K : never) : never;
}[keyof V] &
  string;

/** The keys of `V` that hold a list of strings (ids chosen in a CheckboxGroup, say). */
export type ListKeys<V> = { [K in keyof V]: V[K] extends string[] ? K : never }[keyof V] & string;

type TextControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export interface BoundField<K extends string> {
  name: K;
  value: string;
  error: string | undefined;
  onChange(event: ChangeEvent<TextControl>): void;
}

/**
 * Wires a text control (TextField, TextArea, Select) to one key of a form's values and to the error
 * the form's problem reports for it: spread the result onto the control.
 */
export function bindField<V, F extends string, K extends TextKeys<V> & F>(
  values: V,
  setValues: Dispatch<SetStateAction<V>>,
  problem: FormProblem<F> | null,
  name: K,
): BoundField<K> {
  return {
    name,
    value: values[name] as string,
    error: problem?.fieldErrors[name],
    onChange(event) {
      const { value } = event.currentTarget;
      setValues((current) => ({ ...current, [name]: value }));
    },
  };
}

/** Like `bindField`, for a list of strings edited as a whole (a CheckboxGroup): `{ value, error, onChange }`. */
export function bindList<V, F extends string, K extends ListKeys<V> & F>(
  values: V,
  setValues: Dispatch<SetStateAction<V>>,
  problem: FormProblem<F> | null,
  name: K,
): { value: string[]; error: string | undefined; onChange(value: string[]): void } {
  return {
    value: values[name] as string[],
    error: problem?.fieldErrors[name],
    onChange(value) {
      setValues((current) => ({ ...current, [name]: value }));
    },
  };
}
