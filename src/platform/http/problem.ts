import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type DomainErrorCode, isDomainError } from '../../shared/errors.ts';

/** The one table from domain error codes to HTTP statuses. */
const statusByCode: Record<DomainErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  precondition_failed: 412,
  rate_limited: 429,
};

const titleByStatus: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors?: { path: string; message: string }[];
}

export function problem(status: number, code: string, detail?: string, extra?: Partial<Problem>): Problem {
  return {
    type: `https://candor.dev/problems/${code.replace(/_/g, '-')}`,
    title: titleByStatus[status] ?? 'Error',
    status,
    code,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Maps fastify's own client errors (parser, size, media type) to stable codes. */
const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'invalid',
  FST_PARTS_LIMIT: 'invalid',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
};

/**
 * RFC 9457 for every error. Domain errors keep their message; client errors from the framework keep
 * theirs; anything else is a bug: a generic 500 for the caller, the full error in the log.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const instance = request.url.split('?')[0];
  if (isDomainError(error)) {
    const status = statusByCode[error.code];
    if (error.code === 'rate_limited' && error.details?.retryAfterSeconds) {
      reply.header('retry-after', String(error.details.retryAfterSeconds));
    }
    // A service may name the fields at fault, as schema validation does: `details.errors`.
    const errors = fieldErrorsOf(error.details?.errors);
    return sendProblem(
      reply,
      problem(status, error.code, error.message, errors ? { instance, errors } : { instance }),
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((issue) => ({
      path: [error.validationContext, ...String(issue.instancePath).split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'invalid',
    }));
    return sendProblem(
      reply,
      problem(400, 'invalid', `The request ${error.validationContext ?? 'input'} is not valid.`, {
        instance,
        errors,
      }),
    );
  }
  // A unique constraint that a concurrent request won first: the same answer as the service's own
  // check would have given (PostgreSQL's unique_violation, possibly wrapped by the query builder).
  if (sqlStateOf(error) === '23505') {
    return sendProblem(
      reply,
      problem(409, 'conflict', 'This conflicts with an existing record; reload and try again.', { instance }),
    );
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    return sendProblem(reply, problem(500, 'internal', 'An unexpected error occurred.', { instance }));
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return sendProblem(
      reply,
      problem(400, 'malformed_json', 'The request body is not valid JSON.', { instance }),
    );
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = fastifyCodes[error.code] ?? (status === 429 ? 'rate_limited' : 'invalid');
    return sendProblem(reply, problem(status, code, error.message, { instance }));
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, problem(500, 'internal', 'An unexpected error occurred.', { instance }));
}

function sqlStateOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function fieldErrorsOf(value: unknown): { path: string; message: string }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const errors = value.filter(
    (e): e is { path: string; message: string } =>
      typeof e === 'object' && e !== null && typeof e.path === 'string' && typeof e.message === 'string',
  );
  return errors.length > 0 ? errors.map(({ path, message }) => ({ path, message })) : undefined;
}
