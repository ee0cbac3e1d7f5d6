import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { operatorAccess } from '../../shared/access.ts';
import { DomainError } from '../../shared/errors.ts';
import { feedKinds } from './service/import-feed.ts';
import { importUploadedFeed } from './service/import-feed-upload.ts';

const feedTypes = [
  'application/json',
  'text/csv',
  'application/zip',
  'application/gzip',
  'application/octet-stream',
];
const FeedImportReportSchema = z.object({
  kind: z.enum(feedKinds),
  files: z.number().int(),
  records: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  withdrawn: z.number().int(),
  warnings: z.array(z.string()),
  /** Documents not imported, with why (CSAF: the mandatory tests they fail). */
  rejected: z.array(
    z.object({ document: z.string(), reason: z.string(), failingTests: z.array(z.string()) }),
  ),
  rematch: z
    .object({
      versions: z.number(),
      components: z.number(),
      opened: z.number(),
      closed: z.number(),
      open: z.number(),
    })
    .nullable(),
});

/** Feed uploads by operators: the body is the feed file itself (JSON, CSV, .zip or .gz), kept as bytes. */
export async function registerFeedUploadRoute(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const limit = deps.config.feedUploadLimitBytes;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(feedTypes, { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/api/v1/operator/feeds/:kind',
    {
      bodyLimit: limit,
      config: { access: operatorAccess },
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Import a vulnerability feed file (OSV, NVD, CVE 5, CSAF, KEV, EPSS) into the shared store',
        description: `Body: the file as ${feedTypes.join(', ')}. Re-matches affected product versions.`,
        params: z.strictObject({ kind: z.enum(feedKinds) }),
        response: { 200: FeedImportReportSchema, ...problemResponses(413, 415) },
      },
    },
    async (request) => {
      if (!(request.body instanceof Buffer) || request.body.length === 0)
        throw new DomainError('invalid', 'Send the feed file as the body.');
      return importUploadedFeed(
        deps,
        actorOf(request),
        request.params.kind,
        request.headers['content-type'] ?? '',
        request.body,
      );
    },
  );
}
