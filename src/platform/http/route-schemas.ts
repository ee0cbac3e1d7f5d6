import { ProblemSchema } from '../../shared/contract-helpers.ts';

/** The problem+json responses a route can give, for its OpenAPI schema. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries([400, 401, 403, ...statuses].map((s) => [s, ProblemSchema]));
}
