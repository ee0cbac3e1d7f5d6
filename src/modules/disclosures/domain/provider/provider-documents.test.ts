import { describe, expect, it } from 'vitest';
import { formatChangesCsv, formatDirectoryListing, formatHashFile, formatIndexTxt } from './listings.ts';
import { buildProviderMetadata } from './provider-metadata.ts';
import { csafDocumentPath, csafFileName, parseDocumentFileName, providerUrls } from './provider-paths.ts';
import { buildRolieFeed, buildRolieServiceDocument } from './rolie.ts';
import { formatSecurityTxt } from './security-txt.ts';

const urls = providerUrls('https://candor.example/');

describe('provider paths', () => {
  it('names files after CSAF 2.0 §5.1 and puts them in the UTC year of the initial release', () => {
    expect(csafFileName('ACME-2024-0001')).toBe('acme-2024-0001.json');
    expect(csafFileName('2022_#01-A')).toBe('2022_01-a.json');
    expect(csafFileName('Example Company -- 2020-YH4711')).toBe('example_company_--_2020-yh4711.json');
    expect(csafDocumentPath(new Date('2024-12-31T23:30:00-02:00'), 'a.json')).toBe('2025/a.json');
  });

  it('splits a requested file into document path and kind, refusing anything else', () => {
    expect(parseDocumentFileName('2024', 'acme-2024-0001.json')).toEqual({
      path: '2024/acme-2024-0001.json',
      suffix: '',
    });
    expect(parseDocumentFileName('2024', 'acme-2024-0001.json.sha512')).toEqual({
      path: '2024/acme-2024-0001.json',
      suffix: '.sha512',
    });
    expect(parseDocumentFileName('2024', 'acme-2024-0001.json.asc')?.suffix).toBe('.asc');
    for (const [year, file] of [
      ['24', 'a.json'],
      ['2024', 'A.json'],
      ['2024', 'a.json.md5'],
      ['2024', '../a.json'],
      ['2024', 'a.txt'],
    ] as const)
      expect(parseDocumentFileName(year, file), `${year}/${file}`).toBeNull();
  });

  it('builds absolute URLs under /.well-known/csaf of the public URL', () => {
    expect(urls.providerMetadata).toBe('https://candor.example/.well-known/csaf/provider-metadata.json');
    expect(urls.feed('AMBER')).toBe('https://candor.example/.well-known/csaf/amber/csaf-feed-tlp-amber.json');
    expect(urls.document('WHITE', '2024/a.json')).toBe(
      'https://candor.example/.well-known/csaf/white/2024/a.json',
    );
    expect(urls.securityTxt).toBe('https://candor.example/.well-known/security.txt');
  });
});

describe('provider metadata', () => {
  it('declares a trusted provider with one ROLIE feed per TLP label and every key', () => {
    const metadata = buildProviderMetadata({
      urls,
      providerName: 'Candor',
      namespace: 'https://candor.example',
      securityContact: 'mailto:security@candor.example',
      lastUpdated: new Date('2024-05-01T10:00:00Z'),
      fingerprints: ['A'.repeat(40)],
    });
    expect(metadata).toMatchObject({
      canonical_url: urls.providerMetadata,
      metadata_version: '2.0',
      role: 'csaf_trusted_provider',
      last_updated: '2024-05-01T10:00:00.000Z',
      publisher: { category: 'other', name: 'Candor', namespace: 'https://candor.example' },
      public_openpgp_keys: [{ fingerprint: 'A'.repeat(40), url: urls.openPgpKey('A'.repeat(40)) }],
    });
    const [distribution] = metadata.distributions as { rolie: { feeds: { tlp_label: string }[] } }[];
    expect(distribution?.rolie.feeds.map((f) => f.tlp_label)).toEqual(['WHITE', 'GREEN', 'AMBER']);
  });
});

describe('ROLIE', () => {
  const entries = [
    {
      trackingId: 'ACME-2024-0001',
      title: 'Pump advisory',
      path: '2024/acme-2024-0001.json',
      initialReleaseAt: new Date('2024-01-02T00:00:00Z'),
      currentReleaseAt: new Date('2024-03-04T00:00:00Z'),
    },
  ];

  it('links each entry to its document, both hash files and its signature', () => {
    const { feed } = buildRolieFeed({
      urls,
      providerName: 'Candor',
      tlp: 'WHITE',
      entries,
      now: new Date(),
    }) as {
      feed: Record<string, unknown> & { entry: Record<string, unknown>[] };
    };
    expect(feed.updated).toBe('2024-03-04T00:00:00.000Z');
    expect(feed.category).toEqual([
      { scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' },
    ]);
    const href = urls.document('WHITE', '2024/acme-2024-0001.json');
    expect(feed.entry[0]).toEqual({
      id: 'ACME-2024-0001',
      title: 'Pump advisory',
      link: [
        { rel: 'self', href },
        { rel: 'hash', href: `${href}.sha256` },
        { rel: 'hash', href: `${href}.sha512` },
        { rel: 'signature', href: `${href}.asc` },
      ],
      published: '2024-01-02T00:00:00.000Z',
      updated: '2024-03-04T00:00:00.000Z',
      content: { type: 'application/json', src: href },
      format: { schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json', version: '2.0' },
    });
  });

  it('dates an empty feed now, and lists every feed in the service document', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const empty = buildRolieFeed({ urls, providerName: 'Candor', tlp: 'AMBER', entries: [], now }) as {
      feed: { updated: string; entry: unknown[] };
    };
    expect(empty.feed).toMatchObject({ updated: now.toISOString(), entry: [] });
    const service = JSON.stringify(buildRolieServiceDocument({ urls, providerName: 'Candor' }));
    for (const tlp of ['WHITE', 'GREEN', 'AMBER'] as const) expect(service).toContain(urls.feed(tlp));
  });
});

describe('plain-text files', () => {
  const documents = [
    { path: '2023/old.json', currentReleaseAt: new Date('2023-05-01T00:00:00Z') },
    { path: '2024/b"q.json', currentReleaseAt: new Date('2024-06-01T12:00:00Z') },
    { path: '2024/a.json', currentReleaseAt: new Date('2024-06-01T12:00:00Z') },
  ];

  it('lists index.txt and changes.csv newest first, changes.csv quoted without a header', () => {
    expect(formatIndexTxt(documents)).toBe('2024/a.json\n2024/b"q.json\n2023/old.json\n');
    expect(formatChangesCsv(documents)).toBe(
      [
        '"2024/a.json","2024-06-01T12:00:00.000Z"',
        '"2024/b""q.json","2024-06-01T12:00:00.000Z"',
        '"2023/old.json","2023-05-01T00:00:00.000Z"',
        '',
      ].join('\n'),
    );
    expect(formatIndexTxt([])).toBe('');
  });

  it('writes hash files as sha256sum does, and escapes listings', () => {
    expect(formatHashFile('ab12', 'a.json')).toBe('ab12  a.json\n');
    const listing = formatDirectoryListing('/.well-known/csaf/white/', ['2024/', '<x>']);
    expect(listing).toContain('<a href="/.well-known/csaf/white/2024/">2024/</a>');
    expect(listing).toContain('&lt;x&gt;');
    expect(listing).not.toContain('<x>');
  });

  it('writes security.txt with Contact, Expires under a year ahead, Canonical and CSAF', () => {
    const text = formatSecurityTxt({
      contact: 'mailto:security@candor.example',
      canonicalUrl: urls.securityTxt,
      providerMetadataUrl: urls.providerMetadata,
      now: new Date('2024-05-01T10:00:00.123Z'),
    });
    expect(text).toBe(
      [
        'Contact: mailto:security@candor.example',
        'Expires: 2025-04-30T10:00:00Z',
        `Canonical: ${urls.securityTxt}`,
        'Preferred-Languages: en',
        `CSAF: ${urls.providerMetadata}`,
        '',
      ].join('\n'),
    );
  });
});
