import { isApiError } from './client.ts';

/** One sentence for a person: the server's detail when it gave one, else its title. */
export function describeError(error: unknown): string {
  if (isApiError(error)) return error.problem.detail ?? error.problem.title;
  return 'Something went wrong. Try again.';
}
