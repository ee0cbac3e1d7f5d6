/**
 * The one error type of Candor. Domain code and services throw it; `platform/http` maps `code` to an
 * HTTP status in one table, the CLI prints `message`. Anything that is not a DomainError is a bug and
 * becomes a 500 with a generic message (the details go to the log only).
 */
export const domainErrorCodes = [
  'not_found',
  'conflict',
  'forbidden',
  'unauthenticated',
  'invalid',
  'precondition_failed',
  'rate_limited',
  'payload_too_large',
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
