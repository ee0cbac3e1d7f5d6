import { z } from 'zod';

/** A feed of CANDOR_FEED_URLS with what its last polls left; credentials in its URL are redacted. */
export const FeedSourceViewSchema = z.object({
  kind: z.string(),
  url: z.string(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  contentSha256: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastChangedAt: z.string().nullable(),
  /** imported | not-modified | unchanged | error; null before the first poll. */
  lastStatus: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type FeedSourceView = z.infer<typeof FeedSourceViewSchema>;

export const FeedSourceListSchema = z.object({ items: z.array(FeedSourceViewSchema) });
