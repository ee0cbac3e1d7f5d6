import { ProblemSchema } from '@shared/contract-helpers.ts';
import type { z } from 'zod';

export type Problem = z.infer<typeof ProblemSchema>;

/** Every failed call: the server's RFC 9457 problem, or one made up here for network and parse failures. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

type Query = Record<string, string | number | undefined | null>;

interface CallOptions {
  query?: Query;
  signal?: AbortSignal;
}

interface WriteOptions extends CallOptions {
  body?: unknown;
}

export interface ApiClient {
  get<S extends z.ZodType>(path: string, schema: S, options?: CallOptions): Promise<z.output<S>>;
  post<S extends z.ZodType>(path: string, schema: S, options?: WriteOptions): Promise<z.output<S>>;
  put<S extends z.ZodType>(path: string, schema: S, options?: WriteOptions): Promise<z.output<S>>;
  patch<S extends z.ZodType>(path: string, schema: S, options?: WriteOptions): Promise<z.output<S>>;
  delete<S extends z.ZodType>(path: string, schema: S, options?: CallOptions): Promise<z.output<S>>;
  /** For endpoints that answer 204 No Content. */
  postEmpty(path: string, options?: WriteOptions): Promise<void>;
  deleteEmpty(path: string, options?: CallOptions): Promise<void>;
  /** For actions that may answer with the changed resource or with 204 (then null). */
  postAction<S extends z.ZodType>(
    path: string,
    schema: S,
    options?: WriteOptions,
  ): Promise<z.output<S> | null>;
}

/**
 * The only place the web app calls fetch. Cookies ride along (same origin); every write carries the
 * session's CSRF token, read at call time so a client outlives sign-in and sign-out.
 */
export function createApiClient(getCsrfToken: () => string | null): ApiClient {
  async function send(method: string, path: string, options: WriteOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') {
      const token = getCsrfToken();
      if (token) headers['x-csrf-token'] = token;
    }
    const hasBody = options.body !== undefined;
    if (hasBody) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(withQuery(path, options.query), {
        method,
        headers,
        credentials: 'same-origin',
        ...(hasBody ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError({
        type: 'about:blank',
        title: 'Network error',
        status: 0,
        code: 'network',
        detail: 'Candor could not be reached. Check your connection and try again.',
      });
    }
    if (!response.ok) throw new ApiError(await readProblem(response));
    return response;
  }

  async function parse<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
    const json: unknown = await response.json().catch(() => undefined);
    const result = schema.safeParse(json);
    if (result.success) return result.data;
    console.error('Unexpected response from', response.url, result.error.issues);
    throw new ApiError({
      type: 'about:blank',
      title: 'Unexpected response',
      status: response.status,
      code: 'invalid_response',
      detail: 'The server sent a response this page does not understand. Reload the page and try again.',
    });
  }

  return {
    async get(path, schema, options) {
      return parse(await send('GET', path, options), schema);
    },
    async post(path, schema, options) {
      return parse(await send('POST', path, options), schema);
    },
    async put(path, schema, options) {
      return parse(await send('PUT', path, options), schema);
    },
    async patch(path, schema, options) {
      return parse(await send('PATCH', path, options), schema);
    },
    async delete(path, schema, options) {
      return parse(await send('DELETE', path, options), schema);
    },
    async postEmpty(path, options) {
      await send('POST', path, options);
    },
    async deleteEmpty(path, options) {
      await send('DELETE', path, options);
    },
    async postAction(path, schema, options) {
      const response = await send('POST', path, options);
      return response.status === 204 ? null : parse(response, schema);
    },
  };
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readProblem(response: Response): Promise<Problem> {
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = ProblemSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    code: response.status >= 500 ? 'internal' : 'unknown',
    detail: `The server answered ${response.status}.`,
  };
}
