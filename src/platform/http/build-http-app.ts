import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { type AccessRule, type Principal, publicAccess } from '../../shared/access.ts';
import { DomainError } from '../../shared/errors.ts';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/database.ts';
import { registerHttpMetrics } from './metrics.ts';
import { registerOperationalRoutes } from './operational-routes.ts';
import { handleError, problem, sendProblem } from './problem.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route. Required: the app refuses to start when a route has none. */
    access?: AccessRule;
    /** For downloads (documents sent as bytes, not JSON): how the OpenAPI document describes the 200. */
    binaryResponse?: { description: string; contentTypes: readonly string[] };
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every route with its access rule, for the route-authorization test and docs. */
    registeredRoutes(): { method: string; url: string; access: AccessRule | undefined }[];
  }
}

export type HttpApp = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AccessControl {
  /**
   * Resolves the caller and applies the route's rule; throws DomainError('unauthenticated' | 'forbidden').
   * Returns the principal (null for anonymous callers of public routes).
   */
  check(request: FastifyRequest, rule: AccessRule): Promise<Principal | null>;
}

export interface HttpAppOptions {
  config: Config;
  db: Db;
  logger: Logger;
  accessControl: AccessControl;
  /** Readiness beyond "the process is up": database reachable, migrations current. */
  checkReadiness(): Promise<{ ready: boolean; checks: Record<string, string> }>;
  registerRoutes(app: HttpApp): Promise<void>;
}

/** Whether a parsed query, params or JSON body holds a string with U+0000 (binary bodies are not read). */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > 64 || Buffer.isBuffer(value)) return false;
  if (Array.isArray(value)) return value.some((item) => holdsNul(item, depth + 1));
  for (const [key, item] of Object.entries(value))
    if (key.includes('\u0000') || holdsNul(item, depth + 1)) return true;
  return false;
}

/** Routes that plugins register (API reference assets, the web app's files): public by design. */
const pluginOwnedPublicPrefixes = ['/api/docs'];

export async function buildHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const { config } = options;
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: config.bodyLimitBytes,
    // A well-formed x-request-id (from a proxy) is kept for correlation; anything else gets a fresh id,
    // so a caller cannot write arbitrary text into logs and audit rows.
    requestIdHeader: false,
    genReqId: (request) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(sent) ? sent : crypto.randomUUID();
    },
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false } },
    // The router's own refusals (malformed percent-encoding, a path parameter over 100 characters)
    // answer in problem+json like every other error.
    frameworkErrors: (error, _request, reply) =>
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? sendProblem(reply, problem(414, 'uri_too_long', 'A part of the path is too long.'))
        : sendProblem(reply, problem(400, 'bad_url', 'The path is not a valid URL.')),
  }).withTypeProvider<ZodTypeProvider>() as unknown as HttpApp;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // The API takes JSON only: without fastify's default text/plain parser, other bodies get 415.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('principal', null);

  const routes: RouteOptions[] = [];
  app.decorate('registeredRoutes', () =>
    routes.flatMap((r) =>
      (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({
        method: String(method),
        url: r.url,
        access: r.config?.access,
      })),
    ),
  );
  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (!route.config?.access && pluginOwnedPublicPrefixes.some((p) => url.startsWith(p))) {
      route.config = { ...route.config, access: publicAccess };
    }
    routes.push(route as RouteOptions);
    const access = route.config?.access;
    if (access && route.schema && !route.schema.hide) {
      route.schema = {
        ...route.schema,
        ...(access.kind === 'public' ? {} : { security: [{ sessionCookie: [] }, { bearerToken: [] }] }),
        description: [route.schema.description, describeAccess(access)].filter(Boolean).join('\n\n'),
      };
    }
  });
  app.addHook('onReady', async () => {
    const missing = routes.filter((r) => !r.config?.access).map((r) => `${String(r.method)} ${r.url}`);
    if (missing.length > 0) throw new Error(`Routes without an access rule: ${missing.join(', ')}`);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.publicUrl.startsWith('https:') ? [] : null,
      },
    },
    strictTransportSecurity: config.publicUrl.startsWith('https:'),
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  // After helmet and cookies, so that refusals carry the security headers too.
  // PostgreSQL text cannot hold NUL: refused here, as a 400, rather than failing in a statement.
  app.addHook('preValidation', async (request) => {
    if (holdsNul(request.query) || holdsNul(request.params) || holdsNul(request.body))
      throw new DomainError('invalid', 'Text must not contain NUL characters (U+0000).');
  });
  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config?.access;
    // Unmatched URLs (404 handler) have no rule: the not-found handler serves only public material.
    if (!rule) return;
    request.principal = await options.accessControl.check(request, rule);
  });

  await app.register(fastifyRateLimit, {
    global: false,
    store: databaseRateLimitStore(options.db),
    errorResponseBuilder: (_request, context) =>
      new DomainError(
        'rate_limited',
        `Too many attempts; try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
        {
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
        },
      ),
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Candor API',
        version: '1',
        description:
          'Medical-device cybersecurity disclosure. Errors are RFC 9457 problem+json. Writes with a session cookie must send the `x-csrf-token` header.',
      },
      components: {
        securitySchemes: {
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'candor_session' },
          bearerToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    // Downloads bypass the JSON serialiser, so their 200 is described here from the route's config.
    transformObject: (documentObject) => {
      const document = (
        'openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject
      ) as {
        paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
      };
      for (const route of routes) {
        const binary = route.config?.binaryResponse;
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
        for (const method of methods) {
          const operation = binary ? document.paths?.[path]?.[String(method).toLowerCase()] : undefined;
          if (!operation || !binary) continue;
          operation.responses = {
            200: {
              description: binary.description,
              content: Object.fromEntries(
                binary.contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
              ),
            },
            ...operation.responses,
          };
        }
      }
      return document as never;
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  const metrics = registerHttpMetrics(app);
  registerOperationalRoutes(app, { metrics, checkReadiness: options.checkReadiness });

  await options.registerRoutes(app);
  await registerWebApp(app, config.webDistDir);
  return app;
}

function describeAccess(rule: AccessRule): string {
  if (rule.kind === 'public') return 'Access: public.';
  if (rule.kind === 'signed-in') return 'Access: any signed-in user.';
  if (rule.kind === 'operator')
    return 'Access: administrators of an operator organisation (CANDOR_OPERATOR_ORGS).';
  const kinds = rule.organizationKinds ? ` of a ${rule.organizationKinds.join(' or ')} organisation` : '';
  return `Access: members${kinds} with role ${rule.minRole} or higher, in the organisation of the path.`;
}

/** The built React app: its files, and index.html for any other GET outside the API (client routing). */
async function registerWebApp(app: HttpApp, distDir: string): Promise<void> {
  const indexPath = join(distDir, 'index.html');
  const hasWeb = existsSync(indexPath);
  if (hasWeb) {
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = { ...route.config, access: publicAccess };
      });
      await scope.register(fastifyStatic, { root: distDir, prefix: '/', wildcard: true, index: false });
    });
  }
  const sendIndex = async (reply: import('fastify').FastifyReply) => {
    const html = await readFile(indexPath, 'utf8');
    return reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  };
  if (hasWeb)
    app.get('/', { config: { access: publicAccess }, schema: { hide: true } }, (_request, reply) =>
      sendIndex(reply),
    );
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi =
      /^\/(api|log|taxii2|\.well-known)(\/|$)/.test(path) ||
      ['/healthz', '/readyz', '/metrics'].includes(path);
    if (!isApi && (request.method === 'GET' || request.method === 'HEAD') && hasWeb) return sendIndex(reply);
    return sendProblem(
      reply,
      problem(404, 'not_found', `No route for ${request.method} ${path}.`, { instance: path }),
    );
  });
}
