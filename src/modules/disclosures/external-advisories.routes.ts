import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { publicAccess } from '../../shared/access.ts';
import { IdSchema, PageQuerySchema, pageOf } from '../../shared/contract-helpers.ts';
import { CveIdSchema, ExternalAdvisorySchema } from './disclosures.contracts.ts';
import {
  getExternalAdvisory,
  getExternalAdvisoryDocument,
  listExternalAdvisories,
} from './service/external-advisories.ts';

const ExternalAdvisoryQuerySchema = PageQuerySchema.extend({
  /** Publisher name (any case) or namespace URL. */
  publisher: z.string().trim().min(1).max(300).optional(),
  cve: CveIdSchema.optional(),
  /** Words in the title, tracking id, summary or product names. */
  q: z.string().trim().min(1).max(200).optional(),
});
const ExternalAdvisoryParamsSchema = z.strictObject({ id: IdSchema });

/**
 * CSAF advisories of other publishers (CISA, vendors' providers) that `candor import csaf` brought in:
 * public, read-only, each with its source; the document is served as imported, never re-signed.
 */
export async function externalAdvisoriesRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['disclosures'];

  app.get(
    '/api/v1/public/external-advisories',
    {
      config: { access: publicAccess },
      schema: {
        tags,
        summary: 'Republished CSAF advisories of other publishers, newest release first',
        querystring: ExternalAdvisoryQuerySchema,
        response: { 200: pageOf(ExternalAdvisorySchema), 400: problemResponses()[400] },
      },
    },
    async (request) => listExternalAdvisories(deps, request.query),
  );

  app.get(
    '/api/v1/public/external-advisories/:id',
    {
      config: { access: publicAccess },
      schema: {
        tags,
        summary: 'One republished advisory of another publisher',
        params: ExternalAdvisoryParamsSchema,
        response: {
          200: ExternalAdvisorySchema,
          400: problemResponses()[400],
          404: problemResponses(404)[404],
        },
      },
    },
    async (request) => getExternalAdvisory(deps, request.params.id),
  );

  app.get(
    '/api/v1/public/external-advisories/:id/csaf',
    {
      config: {
        access: publicAccess,
        binaryResponse: {
          description: 'The CSAF document as imported (canonical JSON: keys sorted)',
          contentTypes: ['application/json'],
        },
      },
      schema: {
        tags,
        summary: 'The CSAF document of a republished advisory (its SHA-256 in the ETag)',
        params: ExternalAdvisoryParamsSchema,
        response: { 400: problemResponses()[400], 404: problemResponses(404)[404] },
      },
    },
    async (request, reply) => {
      const csaf = await getExternalAdvisoryDocument(deps, request.params.id);
      return (
        reply
          .type('application/json; charset=utf-8')
          .header('etag', `"${csaf.sha256}"`)
          .header('content-disposition', `inline; filename="${csaf.fileName}"`)
          // Bytes bypass the schema'd serialiser (only the problem responses are typed): hence the cast.
          .send(Buffer.from(csaf.json, 'utf8') as never)
      );
    },
  );
}
