import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { publicAccess, signedInAccess } from '../../shared/access.ts';
import {
  type CsafTlpLabel,
  csafTlpLabels,
  feedFileName,
  tlpFolder,
  wellKnownCsafPath,
} from './domain/provider/provider-paths.ts';
import {
  csafReaderOf,
  getChangesCsv,
  getCsafFeed,
  getCsafFile,
  getIndexTxt,
  getOpenPgpPublicKey,
  getProviderListing,
  getProviderMetadata,
  getRolieServiceDocument,
  getSecurityTxt,
  getTlpFolderListing,
  getYearFolderListing,
  type ProviderFile,
} from './service/csaf-provider.ts';

type Audience = 'public' | 'customer';

/**
 * Public files carry `Access-Control-Allow-Origin: *` (CSAF 2.1 requirement 25) so browser-based
 * tools can fetch them; customer files are never stored by shared caches.
 */
function sendFile(reply: FastifyReply, file: ProviderFile, audience: Audience, maxAgeSeconds = 300) {
  if (audience === 'public')
    reply
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', `public, max-age=${maxAgeSeconds}`);
  else reply.header('cache-control', 'private, no-store').header('vary', 'authorization, cookie');
  // Bytes as stored (hashed and signed): they bypass the serialiser, so the cast.
  return reply.type(file.contentType).send(file.body as never);
}

const described = (description: string, ...contentTypes: string[]) => ({ description, contentTypes });

/**
 * The CSAF trusted provider (CSAF 2.0 §7.1, requirements 1–20): provider metadata, security.txt, the
 * ROLIE service document, public keys, and one folder per TLP label. TLP:WHITE is public; TLP:GREEN
 * and TLP:AMBER (the customer channel) answer only signed-in callers, AMBER only what the caller's
 * organisations may read (anything else is 404, as if it did not exist).
 */
export async function csafProviderRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['CSAF provider'];

  app.get(
    '/.well-known/security.txt',
    {
      config: { access: publicAccess, binaryResponse: described('RFC 9116 security.txt', 'text/plain') },
      schema: { tags, summary: 'security.txt with the CSAF: line (RFC 9116)', response: problemResponses() },
    },
    async (_request, reply) => sendFile(reply, getSecurityTxt(deps), 'public', 3600),
  );

  app.get(
    `${wellKnownCsafPath}/provider-metadata.json`,
    {
      config: {
        access: publicAccess,
        binaryResponse: described('CSAF provider metadata (provider_json_schema.json)', 'application/json'),
      },
      schema: {
        tags,
        summary: 'CSAF provider metadata (role csaf_trusted_provider)',
        response: problemResponses(),
      },
    },
    async (_request, reply) => sendFile(reply, await getProviderMetadata(deps), 'public', 300),
  );

  app.get(
    `${wellKnownCsafPath}/service.json`,
    {
      config: {
        access: publicAccess,
        binaryResponse: described('ROLIE service document', 'application/json'),
      },
      schema: {
        tags,
        summary: 'ROLIE service document listing the CSAF feeds',
        response: problemResponses(),
      },
    },
    async (_request, reply) => sendFile(reply, getRolieServiceDocument(deps), 'public', 3600),
  );

  app.get(
    `${wellKnownCsafPath}/`,
    {
      config: { access: publicAccess, binaryResponse: described('Directory listing', 'text/html') },
      schema: { tags, summary: 'Listing of the CSAF provider folder', response: problemResponses() },
    },
    async (_request, reply) => sendFile(reply, getProviderListing(), 'public', 3600),
  );

  app.get(
    `${wellKnownCsafPath}/openpgp/:file`,
    {
      config: {
        access: publicAccess,
        binaryResponse: described('ASCII-armored public key', 'application/pgp-keys'),
      },
      schema: {
        tags,
        summary: "An organisation's public OpenPGP key: <FINGERPRINT>.asc",
        params: z.strictObject({ file: z.string().max(100) }),
        response: problemResponses(404),
      },
    },
    async (request, reply) =>
      sendFile(reply, await getOpenPgpPublicKey(deps, request.params.file), 'public', 86_400),
  );

  for (const tlp of csafTlpLabels) registerTlpFolder(app, deps, tlp);
}

function registerTlpFolder(app: HttpApp, deps: Deps, tlp: CsafTlpLabel): void {
  const folder = `${wellKnownCsafPath}/${tlpFolder(tlp)}`;
  const audience: Audience = tlp === 'WHITE' ? 'public' : 'customer';
  const access = audience === 'public' ? publicAccess : signedInAccess;
  const who =
    tlp === 'WHITE'
      ? 'Public.'
      : tlp === 'GREEN'
        ? 'Customer channel: any signed-in caller.'
        : "Customer channel: only documents of the caller's organisations or of publishers that granted them access.";
  const tags = ['CSAF provider'];
  const routeConfig = (description: string, contentType: string) => ({
    access,
    binaryResponse: described(description, contentType),
  });
  const notFound = problemResponses(404);

  app.get(
    `${folder}/${feedFileName(tlp)}`,
    {
      config: routeConfig('ROLIE feed (RFC 8322 JSON)', 'application/json'),
      schema: {
        tags,
        summary: `ROLIE feed of TLP:${tlp} CSAF documents`,
        description: who,
        response: problemResponses(),
      },
    },
    async (request, reply) =>
      sendFile(reply, await getCsafFeed(deps, tlp, csafReaderOf(request.principal)), audience, 60),
  );

  app.get(
    `${folder}/index.txt`,
    {
      config: routeConfig('Paths of the documents, one a line', 'text/plain'),
      schema: {
        tags,
        summary: `index.txt of TLP:${tlp} documents`,
        description: who,
        response: problemResponses(),
      },
    },
    async (request, reply) =>
      sendFile(reply, await getIndexTxt(deps, tlp, csafReaderOf(request.principal)), audience, 60),
  );

  app.get(
    `${folder}/changes.csv`,
    {
      config: routeConfig('"path","current_release_date", newest first', 'text/csv'),
      schema: {
        tags,
        summary: `changes.csv of TLP:${tlp} documents`,
        description: who,
        response: problemResponses(),
      },
    },
    async (request, reply) =>
      sendFile(reply, await getChangesCsv(deps, tlp, csafReaderOf(request.principal)), audience, 60),
  );

  app.get(
    `${folder}/`,
    {
      config: routeConfig('Directory listing', 'text/html'),
      schema: {
        tags,
        summary: `Listing of the TLP:${tlp} folder`,
        description: who,
        response: problemResponses(),
      },
    },
    async (request, reply) =>
      sendFile(reply, await getTlpFolderListing(deps, tlp, csafReaderOf(request.principal)), audience, 60),
  );

  app.get(
    `${folder}/:year/`,
    {
      config: routeConfig('Directory listing', 'text/html'),
      schema: {
        tags,
        summary: `Listing of a TLP:${tlp} year folder`,
        description: who,
        params: z.strictObject({ year: z.string().max(20) }),
        response: notFound,
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await getYearFolderListing(deps, tlp, csafReaderOf(request.principal), request.params.year),
        audience,
        60,
      ),
  );

  app.get(
    `${folder}/:year/:file`,
    {
      config: {
        access,
        binaryResponse: described(
          'The CSAF document, or its .sha256/.sha512 hash file or .asc detached signature',
          'application/json',
          'text/plain',
          'application/pgp-signature',
        ),
      },
      schema: {
        tags,
        summary: `A TLP:${tlp} CSAF document (<name>.json) or its .sha256, .sha512 or .asc file`,
        description: who,
        params: z.strictObject({ year: z.string().max(20), file: z.string().max(300) }),
        response: notFound,
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await getCsafFile(
          deps,
          tlp,
          csafReaderOf(request.principal),
          request.params.year,
          request.params.file,
        ),
        audience,
        300,
      ),
  );
}
