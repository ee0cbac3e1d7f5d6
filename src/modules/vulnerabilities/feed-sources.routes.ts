import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { operatorAccess } from '../../shared/access.ts';
import { FeedSourceListSchema } from './feed-sources.contracts.ts';
import { listFeedSources } from './service/import-feed-url.ts';

/** The feeds read from URLs (CANDOR_FEED_URLS) and how their last polls went, for operators. */
export async function feedSourcesRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  app.get(
    '/api/v1/operator/feed-sources',
    {
      config: { access: operatorAccess },
      schema: {
        tags: ['vulnerabilities'],
        summary: 'The configured feed URLs with their last check, status and error (credentials redacted)',
        response: { 200: FeedSourceListSchema, ...problemResponses() },
      },
    },
    async () => ({ items: await listFeedSources(deps) }),
  );
}
