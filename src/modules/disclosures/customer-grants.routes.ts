import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess, signedInAccess } from '../../shared/access.ts';
import { IdSchema, OrganizationParamsSchema, TimestampSchema } from '../../shared/contract-helpers.ts';
import { customerSbomRoute } from './domain/provider/provider-paths.ts';
import { csafReaderOf, getCustomerSbom } from './service/csaf-provider.ts';
import { grantCustomerAccess, listCustomerGrants, revokeCustomerGrant } from './service/customer-grants.ts';

export const CustomerGrantSchema = z.object({
  recipientOrganizationId: IdSchema,
  recipientOrganizationSlug: z.string(),
  recipientOrganizationName: z.string(),
  createdByUserId: IdSchema.nullable(),
  createdAt: TimestampSchema,
});
export const GrantCustomerAccessInputSchema = z.strictObject({
  recipientOrganizationSlug: z.string().trim().min(1).max(100),
});

const managing = organizationAccess('admin', ['manufacturer']);

/**
 * The customer channel's access list: which organisations may read a manufacturer's TLP:AMBER CSAF
 * documents under /.well-known/csaf/amber/ and the SBOMs its CSAF documents link to.
 */
export async function customerGrantsRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['CSAF provider'];

  app.get(
    '/api/v1/orgs/:orgId/customer-grants',
    {
      config: { access: managing },
      schema: {
        tags,
        summary: 'Organisations that may read our TLP:AMBER CSAF documents',
        params: OrganizationParamsSchema,
        response: { 200: z.object({ items: z.array(CustomerGrantSchema) }), ...problemResponses() },
      },
    },
    async (request) => ({ items: await listCustomerGrants(deps, request.params.orgId) }),
  );

  app.post(
    '/api/v1/orgs/:orgId/customer-grants',
    {
      config: { access: managing },
      schema: {
        tags,
        summary: 'Let an organisation (by slug) read our TLP:AMBER CSAF documents',
        params: OrganizationParamsSchema,
        body: GrantCustomerAccessInputSchema,
        response: { 201: CustomerGrantSchema, ...problemResponses(404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await grantCustomerAccess(deps, actorOf(request), request.params.orgId, request.body)),
  );

  app.delete(
    '/api/v1/orgs/:orgId/customer-grants/:recipientOrgId',
    {
      config: { access: managing },
      schema: {
        tags,
        summary: "End an organisation's access to our TLP:AMBER CSAF documents",
        params: z.strictObject({ orgId: IdSchema, recipientOrgId: IdSchema }),
        response: { 204: z.null(), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      await revokeCustomerGrant(deps, actorOf(request), request.params.orgId, request.params.recipientOrgId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    customerSbomRoute,
    {
      config: {
        access: signedInAccess,
        binaryResponse: {
          description: 'The SBOM as the manufacturer uploaded it',
          contentTypes: ['application/json', 'application/xml', 'text/spdx'],
        },
      },
      schema: {
        tags,
        summary: "A manufacturer's SBOM, as its CSAF documents link it (its members and granted customers)",
        params: z.strictObject({ publisherId: IdSchema, sbomId: IdSchema }),
        response: problemResponses(404),
      },
    },
    async (request, reply) => {
      const { publisherId, sbomId } = request.params;
      const sbom = await getCustomerSbom(deps, csafReaderOf(request.principal), publisherId, sbomId);
      return (
        reply
          .type(sbom.contentType)
          .header('etag', `"${sbom.sha256}"`)
          .header('content-disposition', `attachment; filename="${sbom.fileName}"`)
          // Bytes bypass the schema'd serialiser (only the problem responses are typed): hence the cast.
          .send(Buffer.from(sbom.bytes) as never)
      );
    },
  );
}
