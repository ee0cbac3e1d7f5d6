/**
 * An Atom 1.0 feed (RFC 4287) of publications. Written by hand: a feed is a few escaped elements, and
 * the XML builder the project has (xmlbuilder2) would add nothing but weight here.
 */
export interface AtomEntry {
  id: string;
  title: string;
  summary: string;
  url: string;
  updated: string;
  published: string;
  author: string;
  categories: string[];
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function atomFeed(feed: {
  id: string;
  title: string;
  selfUrl: string;
  pageUrl: string;
  updated: string;
  entries: AtomEntry[];
}): string {
  const entries = feed.entries.map((e) =>
    [
      '  <entry>',
      `    <id>${escapeXml(e.id)}</id>`,
      `    <title>${escapeXml(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(e.url)}"/>`,
      `    <updated>${escapeXml(e.updated)}</updated>`,
      `    <published>${escapeXml(e.published)}</published>`,
      `    <author><name>${escapeXml(e.author)}</name></author>`,
      ...e.categories.map((c) => `    <category term="${escapeXml(c)}"/>`),
      `    <summary>${escapeXml(e.summary)}</summary>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
    `  <updated>${escapeXml(feed.updated)}</updated>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
