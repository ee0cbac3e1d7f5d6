import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess } from '../../shared/access.ts';
import { IdSchema, PageQuerySchema, pageOf, TimestampSchema } from '../../shared/contract-helpers.ts';
import { listAuditEventsForOrganization } from './audit.service.ts';

const AuditEventSchema = z.object({
  seq: z.number().int(),
  id: IdSchema,
  occurredAt: TimestampSchema,
  actorType: z.string(),
  actorId: z.string(),
  organizationId: IdSchema.nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  requestId: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

export async function auditRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  app.get(
    '/api/v1/orgs/:orgId/audit-events',
    {
      config: { access: organizationAccess('admin') },
      schema: {
        tags: ['audit'],
        summary: "The organisation's audit trail, newest first",
        params: z.strictObject({ orgId: IdSchema }),
        querystring: PageQuerySchema,
        response: { 200: pageOf(AuditEventSchema), ...problemResponses() },
      },
    },
    async (request) => listAuditEventsForOrganization(options.deps, request.params.orgId, request.query),
  );
}
