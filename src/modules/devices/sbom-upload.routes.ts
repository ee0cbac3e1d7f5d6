import fastifyMultipart from '@fastify/multipart';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess } from '../../shared/access.ts';
import { DomainError } from '../../shared/errors.ts';
import { ProductVersionParamsSchema, SbomImportResultSchema } from './devices.contracts.ts';
import { importSbom } from './service/import-sbom.ts';

/** Media types an SBOM may be sent as, raw in the body; the bytes are kept exactly as sent. */
const rawSbomTypes = [
  'application/json',
  'application/vnd.cyclonedx+json',
  'application/spdx+json',
  'application/xml',
  'text/xml',
  'application/vnd.cyclonedx+xml',
  'text/spdx',
  'text/plain',
  'application/octet-stream',
];

/**
 * The SBOM upload, in its own encapsulated context: here JSON and XML bodies are not parsed by the
 * framework but kept as bytes (the original document is stored and hashed), multipart/form-data is
 * accepted with one `file` part, and the body limit is the SBOM limit rather than the API's.
 */
export async function registerSbomUploadRoute(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const limit = deps.config.sbomLimitBytes;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(rawSbomTypes, { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) =>
    done(null, body),
  );
  await app.register(fastifyMultipart, { limits: { fileSize: limit, files: 1, fields: 5, parts: 6 } });

  app.post(
    '/api/v1/orgs/:orgId/products/:productId/versions/:versionId/sboms',
    {
      bodyLimit: limit,
      config: { access: organizationAccess('editor', ['manufacturer']) },
      schema: {
        tags: ['devices'],
        summary:
          'Upload an SBOM (CycloneDX 1.2–1.6 JSON/XML, SPDX 2.2/2.3 JSON or tag-value) as the raw body or as multipart `file`',
        description: `Accepts ${rawSbomTypes.join(', ')} or multipart/form-data. The same bytes uploaded again change nothing.`,
        params: ProductVersionParamsSchema,
        response: {
          200: SbomImportResultSchema,
          201: SbomImportResultSchema,
          ...problemResponses(404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      let bytes: Uint8Array;
      if (request.isMultipart()) {
        const file = await request.file();
        if (file?.fieldname !== 'file')
          throw new DomainError('invalid', 'Send the SBOM in a part named "file".');
        bytes = await file.toBuffer();
      } else {
        if (!(request.body instanceof Buffer))
          throw new DomainError('invalid', 'Send the SBOM document as the body.');
        bytes = request.body;
      }
      const { orgId, productId, versionId } = request.params;
      const result = await importSbom(
        deps,
        actorOf(request),
        { organizationId: orgId, productId, versionId },
        bytes,
      );
      return reply.code(result.alreadyImported ? 200 : 201).send(result);
    },
  );
}
