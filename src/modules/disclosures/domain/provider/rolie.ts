import { type CsafTlpLabel, csafTlpLabels, type ProviderUrls, tlpFolder } from './provider-paths.ts';

/** One served document as the feed lists it. */
export interface FeedEntry {
  trackingId: string;
  title: string;
  path: string;
  initialReleaseAt: Date;
  currentReleaseAt: Date;
}

const informationTypeCategory = { scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' };

function feedTitle(providerName: string, tlp: CsafTlpLabel): string {
  return `${providerName} CSAF feed (TLP:${tlp})`;
}

/**
 * A ROLIE feed (RFC 8322, JSON as CSAF 2.0 §7.1.15 shows it) of one TLP label: each entry links the
 * document, its hash files and its signature. `updated` is the newest entry's, else `now`.
 */
export function buildRolieFeed(input: {
  urls: ProviderUrls;
  providerName: string;
  tlp: CsafTlpLabel;
  entries: FeedEntry[];
  now: Date;
}): Record<string, unknown> {
  const { urls, tlp } = input;
  const newest = input.entries.reduce<Date | null>(
    (latest, e) => (!latest || e.currentReleaseAt > latest ? e.currentReleaseAt : latest),
    null,
  );
  return {
    feed: {
      id: `candor-csaf-feed-tlp-${tlpFolder(tlp)}`,
      title: feedTitle(input.providerName, tlp),
      link: [{ rel: 'self', href: urls.feed(tlp) }],
      category: [informationTypeCategory],
      updated: (newest ?? input.now).toISOString(),
      entry: input.entries.map((e) => {
        const href = urls.document(tlp, e.path);
        return {
          id: e.trackingId,
          title: e.title,
          link: [
            { rel: 'self', href },
            { rel: 'hash', href: `${href}.sha256` },
            { rel: 'hash', href: `${href}.sha512` },
            { rel: 'signature', href: `${href}.asc` },
          ],
          published: e.initialReleaseAt.toISOString(),
          updated: e.currentReleaseAt.toISOString(),
          content: { type: 'application/json', src: href },
          format: {
            schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json',
            version: '2.0',
          },
        };
      }),
    },
  };
}

/** The ROLIE service document (CSAF 2.0 §7.1.16): the public feed, and the customer feeds apart. */
export function buildRolieServiceDocument(input: {
  urls: ProviderUrls;
  providerName: string;
}): Record<string, unknown> {
  const collection = (tlp: CsafTlpLabel) => ({
    title: feedTitle(input.providerName, tlp),
    href: input.urls.feed(tlp),
    categories: {
      category:
        tlp === 'WHITE'
          ? [informationTypeCategory]
          : [informationTypeCategory, { scheme: 'https://www.first.org/tlp/', term: tlp }],
    },
  });
  return {
    service: {
      workspace: [
        { title: 'Public CSAF feed', collection: [collection('WHITE')] },
        {
          title: 'Customer CSAF feeds (authentication required)',
          collection: csafTlpLabels.filter((tlp) => tlp !== 'WHITE').map(collection),
        },
      ],
    },
  };
}
