import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess } from '../../shared/access.ts';
import { IdSchema } from '../../shared/contract-helpers.ts';
import { exportVersionVex, importVexDocument } from './service/vex-documents.ts';
import { VexExportQuerySchema, VexImportResultSchema } from './vulnerabilities.contracts.ts';

const VersionParamsSchema = z.strictObject({ orgId: IdSchema, productId: IdSchema, versionId: IdSchema });

/** VEX documents in and out; in its own context so the import can take any JSON document as its body. */
export async function registerVexDocumentRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['vulnerabilities'];

  app.get(
    '/api/v1/orgs/:orgId/products/:productId/versions/:versionId/vex/export',
    {
      config: {
        access: organizationAccess('viewer'),
        binaryResponse: {
          description: 'The VEX document',
          contentTypes: ['application/vnd.cyclonedx+json', 'application/json'],
        },
      },
      schema: {
        tags,
        summary: "The version's VEX statements as CycloneDX 1.6 VEX, OpenVEX or CSAF 2.0 VEX",
        params: VersionParamsSchema,
        querystring: VexExportQuerySchema,
        response: problemResponses(404),
      },
    },
    async (request, reply) => {
      const { orgId, productId, versionId } = request.params;
      const exported = await exportVersionVex(
        deps,
        { organizationId: orgId, productId, versionId },
        request.query.format,
      );
      return reply
        .type(exported.contentType)
        .header('content-disposition', `attachment; filename="${exported.fileName}"`)
        .send(exported.body as never);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/products/:productId/versions/:versionId/vex/import',
    {
      bodyLimit: 10 * 1024 * 1024,
      config: { access: organizationAccess('editor', ['manufacturer']) },
      schema: {
        tags,
        summary: 'Apply a VEX document (CycloneDX, CSAF or OpenVEX JSON) to this version',
        params: VersionParamsSchema,
        body: z.record(z.string(), z.unknown()),
        response: { 200: VexImportResultSchema, ...problemResponses(404, 413) },
      },
    },
    async (request) => {
      const { orgId, productId, versionId } = request.params;
      return importVexDocument(
        deps,
        actorOf(request),
        { organizationId: orgId, productId, versionId },
        request.body,
      );
    },
  );
}
