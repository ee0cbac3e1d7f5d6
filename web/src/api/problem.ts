import type { z } from 'zod';
import { isApiError } from './client.ts';

/** An error shaped for a form: one message for the Alert, and messages for the fields they concern. */
export interface FormProblem<F extends string> {
  message: string;
  fieldErrors: Partial<Record<F, string>>;
}

/**
 * Maps a failed submission onto a form. The server reports field paths as `body.<field>[.<index>]`
 * (see platform/http/problem.ts); only paths naming one of `fields` land on a field.
 */
export function toFormProblem<F extends string>(error: unknown, fields: readonly F[]): FormProblem<F> {
  if (!isApiError(error)) {
    return { message: 'Something went wrong. Try again.', fieldErrors: {} };
  }
  const { problem } = error;
  const fieldErrors: Partial<Record<F, string>> = {};
  for (const issue of problem.errors ?? []) {
    const field = fieldOf(issue.path, fields);
    if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
  }
  return { message: problem.detail ?? problem.title, fieldErrors };
}

/** Client-side check with the same contract the server applies, so both speak of the same fields. */
export function validateWith<S extends z.ZodType, F extends string>(
  schema: S,
  value: unknown,
  fields: readonly F[],
): { ok: true; data: z.output<S> } | { ok: false; problem: FormProblem<F> } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Partial<Record<F, string>> = {};
  for (const issue of result.error.issues) {
    const field = fieldOf(issue.path.map(String).join('.'), fields);
    if (field && !fieldErrors[field]) fieldErrors[field] = friendlyMessage(issue);
  }
  return { ok: false, problem: { message: 'Check the highlighted fields.', fieldErrors } };
}

function fieldOf<F extends string>(path: string, fields: readonly F[]): F | undefined {
  const segments = path.split(/[./]/).filter(Boolean);
  const name = segments[0] === 'body' ? segments[1] : segments[0];
  return fields.find((field) => field === name);
}

function friendlyMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && Number(issue.minimum) === 1 && issue.origin === 'string') {
    return 'Required.';
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return `At most ${String(issue.maximum)} characters.`;
  }
  return issue.message;
}
