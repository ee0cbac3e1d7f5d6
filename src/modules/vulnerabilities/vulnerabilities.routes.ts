import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess } from '../../shared/access.ts';
import { IdSchema, OrganizationParamsSchema } from '../../shared/contract-helpers.ts';
import { registerFeedUploadRoute } from './feed-upload.routes.ts';
import { findVulnerabilityInPortfolio, listVersionFindings } from './service/findings.ts';
import { listOrganizationNotifications, markOrganizationNotificationRead } from './service/notifications.ts';
import { listVexStatements, setVexStatement } from './service/vex.ts';
import { deleteWebhook, getWebhook, setWebhook } from './service/webhooks.ts';
import { registerVexDocumentRoutes } from './vex-document.routes.ts';
import {
  FindingFilterSchema,
  FindingSchema,
  NotificationSchema,
  PortfolioFindingSchema,
  SetVexInputSchema,
  VexParamsSchema,
  VexStatementViewSchema,
  VulnerabilitySummarySchema,
  WhereIsQuerySchema,
} from './vulnerabilities.contracts.ts';

const VersionParamsSchema = z.strictObject({ orgId: IdSchema, productId: IdSchema, versionId: IdSchema });
const member = organizationAccess('viewer');
const manufacturerEditor = organizationAccess('editor', ['manufacturer']);

export async function vulnerabilitiesRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['vulnerabilities'];

  app.get(
    '/api/v1/orgs/:orgId/products/:productId/versions/:versionId/findings',
    {
      config: { access: member },
      schema: {
        tags,
        summary: "The version's vulnerability findings, worst first, with why each matched, KEV/EPSS and VEX",
        params: VersionParamsSchema,
        querystring: FindingFilterSchema,
        response: { 200: z.object({ items: z.array(FindingSchema) }), ...problemResponses(404) },
      },
    },
    async (request) => ({
      items: await listVersionFindings(
        deps,
        {
          organizationId: request.params.orgId,
          productId: request.params.productId,
          versionId: request.params.versionId,
        },
        request.query.status,
      ),
    }),
  );

  app.get(
    '/api/v1/orgs/:orgId/findings',
    {
      config: { access: member },
      schema: {
        tags,
        summary:
          'Where is CVE-X? Open findings of one vulnerability (by any of its ids) across the portfolio',
        params: OrganizationParamsSchema,
        querystring: WhereIsQuerySchema,
        response: {
          200: z.object({
            vulnerability: VulnerabilitySummarySchema,
            items: z.array(PortfolioFindingSchema),
          }),
          ...problemResponses(404),
        },
      },
    },
    async (request) => findVulnerabilityInPortfolio(deps, request.params.orgId, request.query.vulnerability),
  );

  app.get(
    '/api/v1/orgs/:orgId/products/:productId/versions/:versionId/vex',
    {
      config: { access: member },
      schema: {
        tags,
        summary: "The version's VEX statements",
        params: VersionParamsSchema,
        response: {
          200: z.object({ items: z.array(VexStatementViewSchema.extend({ vulnerability: z.string() })) }),
          ...problemResponses(404),
        },
      },
    },
    async (request) => ({
      items: await listVexStatements(deps, {
        organizationId: request.params.orgId,
        productId: request.params.productId,
        versionId: request.params.versionId,
      }),
    }),
  );

  app.put(
    '/api/v1/orgs/:orgId/products/:productId/versions/:versionId/vex/:vulnerability',
    {
      config: { access: manufacturerEditor },
      schema: {
        tags,
        summary:
          'State the VEX status of a vulnerability in this version (not_affected needs a justification)',
        params: VexParamsSchema,
        body: SetVexInputSchema,
        response: {
          200: VexStatementViewSchema.extend({ vulnerability: z.string() }),
          ...problemResponses(404),
        },
      },
    },
    async (request) =>
      setVexStatement(
        deps,
        actorOf(request),
        {
          organizationId: request.params.orgId,
          productId: request.params.productId,
          versionId: request.params.versionId,
        },
        request.params.vulnerability,
        request.body,
      ),
  );

  await app.register(registerVexDocumentRoutes, { deps });
  await app.register(registerFeedUploadRoute, { deps });

  const WebhookSchema = z.object({
    configured: z.boolean(),
    url: z.string().nullable(),
    lastDeliveryAt: z.string().nullable(),
    lastDeliveryStatus: z.string().nullable(),
  });
  app.get(
    '/api/v1/orgs/:orgId/webhook',
    {
      config: { access: organizationAccess('admin') },
      schema: {
        tags,
        summary: "The organisation's notification webhook (never its secret)",
        params: OrganizationParamsSchema,
        response: { 200: WebhookSchema, ...problemResponses() },
      },
    },
    async (request) => getWebhook(deps, request.params.orgId),
  );
  app.put(
    '/api/v1/orgs/:orgId/webhook',
    {
      config: { access: organizationAccess('admin') },
      schema: {
        tags,
        summary:
          'Send notices to this https URL, signed x-candor-signature: sha256=HMAC(secret, body); the secret is shown once',
        params: OrganizationParamsSchema,
        body: z.strictObject({ url: z.string().min(8).max(2000) }),
        response: { 200: z.object({ url: z.string(), secret: z.string() }), ...problemResponses() },
      },
    },
    async (request) => setWebhook(deps, actorOf(request), request.params.orgId, request.body.url),
  );
  app.delete(
    '/api/v1/orgs/:orgId/webhook',
    {
      config: { access: organizationAccess('admin') },
      schema: {
        tags,
        summary: 'Stop sending notices to the webhook',
        params: OrganizationParamsSchema,
        response: { 204: z.null(), ...problemResponses() },
      },
    },
    async (request, reply) => {
      await deleteWebhook(deps, actorOf(request), request.params.orgId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/notifications',
    {
      config: { access: member },
      schema: {
        tags,
        summary: "The organisation's notices (new and closed findings), newest first",
        params: OrganizationParamsSchema,
        querystring: z.strictObject({ unread: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ items: z.array(NotificationSchema) }), ...problemResponses() },
      },
    },
    async (request) => ({
      items: await listOrganizationNotifications(deps, request.params.orgId, request.query.unread === 'true'),
    }),
  );

  app.post(
    '/api/v1/orgs/:orgId/notifications/:notificationId/read',
    {
      config: { access: member },
      schema: {
        tags,
        summary: 'Mark a notice read',
        params: z.strictObject({ orgId: IdSchema, notificationId: IdSchema }),
        body: z.strictObject({}).nullish(),
        response: { 204: z.null(), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      await markOrganizationNotificationRead(
        deps,
        actorOf(request),
        request.params.orgId,
        request.params.notificationId,
      );
      return reply.code(204).send(null);
    },
  );
}
