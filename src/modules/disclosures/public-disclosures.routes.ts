import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { publicAccess } from '../../shared/access.ts';
import { pageOf } from '../../shared/contract-helpers.ts';
import {
  PublicDisclosureParamsSchema,
  PublicDisclosureQuerySchema,
  PublicDisclosureSchema,
} from './disclosures.contracts.ts';
import { publicationsAtomFeed } from './service/preview.ts';
import { getPublicDisclosure, listPublicDisclosures } from './service/public-records.ts';

/** What anyone may read: the current revision of every published TLP:CLEAR record, and their feed. */
export async function publicDisclosuresRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['disclosures'];

  app.get(
    '/api/v1/public/disclosures',
    {
      config: { access: publicAccess },
      schema: {
        tags,
        summary:
          'Published advisories and incident notices of every organisation, newest first, filtered by manufacturer (slug), product, CVE, severity, kind and first-publication date',
        querystring: PublicDisclosureQuerySchema,
        response: { 200: pageOf(PublicDisclosureSchema), 400: problemResponses()[400] },
      },
    },
    async (request) => listPublicDisclosures(deps, request.query),
  );

  app.get(
    '/api/v1/public/disclosures/:disclosureId',
    {
      config: { access: publicAccess },
      schema: {
        tags,
        summary: 'One published disclosure, as its latest revision says',
        params: PublicDisclosureParamsSchema,
        response: {
          200: PublicDisclosureSchema,
          400: problemResponses()[400],
          404: problemResponses(404)[404],
        },
      },
    },
    async (request) => getPublicDisclosure(deps, request.params.disclosureId),
  );

  app.get(
    '/disclosures/feed.atom',
    {
      config: { access: publicAccess },
      schema: {
        tags,
        summary: 'Atom feed of the latest publications, revisions and withdrawals',
        response: { 200: z.string(), 400: problemResponses()[400] },
      },
    },
    async (_request, reply) =>
      reply
        .type('application/atom+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(await publicationsAtomFeed(deps)),
  );
}
