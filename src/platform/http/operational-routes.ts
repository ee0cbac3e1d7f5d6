import type { Registry } from 'prom-client';
import { z } from 'zod';
import { publicAccess } from '../../shared/access.ts';
import type { HttpApp } from './build-http-app.ts';

const ReadinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.record(z.string(), z.string()),
});

/** Liveness, readiness, Prometheus metrics and the OpenAPI document: public by design, no tenant data. */
export function registerOperationalRoutes(
  app: HttpApp,
  deps: { metrics: Registry; checkReadiness(): Promise<{ ready: boolean; checks: Record<string, string> }> },
): void {
  app.get(
    '/healthz',
    {
      config: { access: publicAccess },
      schema: {
        tags: ['operations'],
        summary: 'Liveness',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: publicAccess },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: database reachable and migrations current',
        response: { 200: ReadinessSchema, 503: ReadinessSchema },
      },
    },
    async (_request, reply) => {
      const result = await deps.checkReadiness();
      return reply
        .code(result.ready ? 200 : 503)
        .send({ status: result.ready ? ('ready' as const) : ('not_ready' as const), checks: result.checks });
    },
  );

  app.get('/metrics', { config: { access: publicAccess }, schema: { hide: true } }, async (_request, reply) =>
    reply.type(deps.metrics.contentType).send(await deps.metrics.metrics()),
  );

  app.get('/api/openapi.json', { config: { access: publicAccess }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
