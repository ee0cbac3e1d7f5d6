import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/errors.ts';
import {
  csafUrlsOfSecurityTxt,
  directoryDocuments,
  isPublicTlpLabel,
  parseChangesCsv,
  parseHashFile,
  parseIndexTxt,
  parseProviderMetadata,
  parseRolieFeed,
  providerMetadataLocations,
  resolveDirectoryPath,
  updatedSince,
} from './csaf-provider.ts';

const corpus = fileURLToPath(
  new URL('../../../../../../shared/corpus/csaf/oasis/examples/', import.meta.url),
);
const readCorpus = (path: string) => JSON.parse(readFileSync(`${corpus}${path}`, 'utf8'));

describe('providerMetadataLocations (CSAF 2.0 §7.3)', () => {
  it('takes a .json URL as the metadata itself', () => {
    expect(providerMetadataLocations('https://psirt.example.com/csaf/provider-metadata.json')).toEqual({
      metadata: ['https://psirt.example.com/csaf/provider-metadata.json'],
      securityTxt: [],
    });
  });

  it('tries the main domain’s well-known path, then security.txt', () => {
    expect(providerMetadataLocations('https://example.com/some/page')).toEqual({
      metadata: ['https://example.com/.well-known/csaf/provider-metadata.json'],
      securityTxt: ['https://example.com/.well-known/security.txt', 'https://example.com/security.txt'],
    });
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => providerMetadataLocations('/etc/passwd')).toThrow(DomainError);
    expect(() => providerMetadataLocations('file:///etc/passwd')).toThrow(/only http\(s\)/);
  });
});

describe('csafUrlsOfSecurityTxt (RFC 9116, CSAF 2.0 §7.1.8)', () => {
  it('reads every CSAF field, in order, case-insensitively, and resolves relative values', () => {
    const body = [
      'Contact: mailto:psirt@example.com',
      'CSAF: https://example.com/.well-known/csaf/provider-metadata.json',
      'csaf:   /other/provider-metadata.json  ',
      'Expires: 2030-01-01T00:00:00.000Z',
    ].join('\r\n');
    expect(csafUrlsOfSecurityTxt(body, 'https://example.com/.well-known/security.txt')).toEqual([
      'https://example.com/.well-known/csaf/provider-metadata.json',
      'https://example.com/other/provider-metadata.json',
    ]);
  });
});

describe('parseProviderMetadata (CSAF 2.0 §7.1.7)', () => {
  it.skipIf(!existsSync(corpus))('reads the OASIS example: one TLP:WHITE ROLIE feed and one key', () => {
    const warnings: string[] = [];
    const metadata = parseProviderMetadata(
      readCorpus('provider-metadata/example-01-provider-metadata.json'),
      'https://www.example.com/.well-known/csaf/provider-metadata.json',
      warnings,
    );
    expect(metadata).toEqual({
      canonicalUrl: 'https://www.example.com/.well-known/csaf/provider-metadata.json',
      role: 'csaf_trusted_provider',
      publisherName: 'Example Company ProductCERT',
      publisherNamespace: 'https://psirt.example.com',
      rolieFeeds: [
        {
          url: 'https://www.example.com/.well-known/csaf/feed-tlp-white.json',
          tlpLabel: 'WHITE',
          summary: 'All TLP:WHITE advisories of Example Company.',
        },
      ],
      directoryUrls: [],
      publicKeys: [
        {
          fingerprint: '8F5F267907B2C4559DB360DB2294BA7D2B2298B1',
          url: 'https://keys.example.net/vks/v1/by-fingerprint/8F5F267907B2C4559DB360DB2294BA7D2B2298B1',
        },
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('reads directory distributions and tolerates relative URLs and spaced fingerprints with warnings', () => {
    const warnings: string[] = [];
    const metadata = parseProviderMetadata(
      {
        canonical_url: 'https://example.org/.well-known/csaf/provider-metadata.json',
        role: 'csaf_provider',
        distributions: [{ directory_url: 'white' }, { rolie: { feeds: [{ url: 42 }] } }],
        public_openpgp_keys: [{ fingerprint: '8f5f 2679 07b2', url: 'openpgp/key.asc' }],
      },
      'https://example.org/.well-known/csaf/provider-metadata.json',
      warnings,
    );
    expect(metadata.directoryUrls).toEqual(['https://example.org/.well-known/csaf/white/']);
    expect(metadata.rolieFeeds).toEqual([]);
    expect(metadata.publicKeys).toEqual([
      { fingerprint: '8F5F267907B2', url: 'https://example.org/.well-known/csaf/openpgp/key.asc' },
    ]);
    expect(warnings).toEqual([
      '$.distributions[0].directory_url: relative URL white; read as https://example.org/.well-known/csaf/white',
      '$.distributions[1].rolie.feeds[0].url: not a URL; skipped',
      '$.public_openpgp_keys[0].url: relative URL openpgp/key.asc; read as https://example.org/.well-known/csaf/openpgp/key.asc',
    ]);
  });

  it('refuses a CSAF advisory or anything else as metadata', () => {
    expect(() =>
      parseProviderMetadata({ document: { csaf_version: '2.0' } }, 'https://x.example/a.json'),
    ).toThrow(/not a CSAF provider-metadata\.json\. It is a CSAF advisory/);
    expect(() => parseProviderMetadata([], 'https://x.example/a.json')).toThrow(DomainError);
  });
});

describe('parseRolieFeed (CSAF 2.0 §7.1.15)', () => {
  it.skipIf(!existsSync(corpus))('reads the OASIS example feed with its hash and signature links', () => {
    const feedUrl = 'https://psirt.domain.tld/advisories/csaf/feed-tlp-white.json';
    expect(parseRolieFeed(readCorpus('ROLIE/example-01-feed-tlp-white.json'), feedUrl)).toEqual([
      {
        url: 'https://psirt.domain.tld/advisories/csaf/2020/2020-ESA-001.json',
        hashUrls: ['https://psirt.domain.tld/advisories/csaf/2020/2020-ESA-001.json.sha512'],
        signatureUrl: 'https://psirt.domain.tld/advisories/csaf/2020/2020-ESA-001.json.asc',
        alternates: [],
        updated: '2021-01-01T12:00:00.000Z',
      },
    ]);
  });

  it('prefers SHA-512 over SHA-256, falls back to the self link, skips entries naming nothing', () => {
    const warnings: string[] = [];
    const entries = parseRolieFeed(
      {
        feed: {
          entry: [
            {
              link: [
                { rel: 'self', href: '2024/a.json' },
                { rel: 'hash', href: '2024/a.json.sha256' },
                { rel: 'hash', href: '2024/a.json.sha512' },
              ],
            },
            { id: 'nothing', link: [{ rel: 'alternate', href: 'x.html' }] },
          ],
        },
      },
      'https://p.example/feed.json',
      warnings,
    );
    expect(entries).toEqual([
      {
        url: 'https://p.example/2024/a.json',
        hashUrls: ['https://p.example/2024/a.json.sha512', 'https://p.example/2024/a.json.sha256'],
        signatureUrl: null,
        alternates: [],
        updated: null,
      },
    ]);
    expect(warnings).toEqual([
      'https://p.example/feed.json $.feed.entry[1]: no content.src or self link; skipped',
    ]);
  });

  it('refuses a service document or anything without a feed', () => {
    expect(() => parseRolieFeed({ service: {} }, 'https://p.example/service.json')).toThrow(
      /not a ROLIE feed/,
    );
  });
});

describe('index.txt and changes.csv (CSAF 2.0 §7.1.12–13)', () => {
  it('reads index.txt lines, ignoring blank lines', () => {
    expect(parseIndexTxt('2024/a.json\r\n\n  2023/b.json \n')).toEqual(['2024/a.json', '2023/b.json']);
  });

  it('reads a conforming changes.csv without a warning', () => {
    const warnings: string[] = [];
    const body = '"2024/b.json","2024-03-01T10:00:00.000Z"\n"2024/a.json","2024-01-01T10:00:00.000Z"\n';
    expect(parseChangesCsv(body, warnings)).toEqual([
      { path: '2024/b.json', currentReleaseDate: '2024-03-01T10:00:00.000Z' },
      { path: '2024/a.json', currentReleaseDate: '2024-01-01T10:00:00.000Z' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('tolerates CISA’s deviations: unquoted, not newest first, plus a header; sorts newest first', () => {
    const warnings: string[] = [];
    const body = [
      'path,current_release_date',
      'csaf_files/OT/white/2020/icsma-20-023-01.json,2020-01-23T00:00:00.000000Z',
      'csaf_files/OT/white/2024/icsma-24-011-01.json,2024-01-11T07:00:00.000000Z',
      '"csaf_files/OT/white/2020/icsma-20-049-02.json","2024-05-16T06:00:00.000000Z"',
      'csaf_files/OT/white/2021/icsma-21-008-01.json,2021-01-08T00:00:00.000000Z',
    ].join('\n');
    expect(parseChangesCsv(body, warnings).map((e) => e.path)).toEqual([
      'csaf_files/OT/white/2020/icsma-20-049-02.json',
      'csaf_files/OT/white/2024/icsma-24-011-01.json',
      'csaf_files/OT/white/2021/icsma-21-008-01.json',
      'csaf_files/OT/white/2020/icsma-20-023-01.json',
    ]);
    expect(warnings).toEqual([
      'changes.csv: 3 line(s) with unquoted fields (CSAF 2.0 §7.1.13 quotes both)',
      'changes.csv: 1 line(s) without a path and a date; skipped',
      'changes.csv: not newest first (2 order inversion(s), CSAF 2.0 §7.1.13); sorted here',
    ]);
  });

  it('reads quoted fields with commas and doubled quotes', () => {
    expect(parseChangesCsv('"2024/a,""b"".json","2024-01-01T00:00:00Z"')).toEqual([
      { path: '2024/a,"b".json', currentReleaseDate: '2024-01-01T00:00:00.000Z' },
    ]);
  });
});

describe('resolveDirectoryPath', () => {
  const directory = 'https://www.cisa.gov/sites/default/files/csaf_files/OT/white/';

  it('resolves conforming paths relative to the directory', () => {
    expect(resolveDirectoryPath(directory, '2020/icsma-20-023-01.json')).toEqual({
      url: `${directory}2020/icsma-20-023-01.json`,
      alternates: [],
      prefixed: false,
    });
  });

  it('removes a prefix that repeats the end of the directory path (CISA)', () => {
    expect(resolveDirectoryPath(directory, 'csaf_files/OT/white/2020/icsma-20-023-01.json')).toEqual({
      url: `${directory}2020/icsma-20-023-01.json`,
      alternates: [`${directory}csaf_files/OT/white/2020/icsma-20-023-01.json`],
      prefixed: true,
    });
  });

  it('tries the path as written, then <YYYY>/<file>, when the prefix matches nothing', () => {
    expect(resolveDirectoryPath('https://p.example/csaf/white/', 'repo/out/2021/a.json')).toEqual({
      url: 'https://p.example/csaf/white/repo/out/2021/a.json',
      alternates: ['https://p.example/csaf/white/2021/a.json'],
      prefixed: true,
    });
  });

  it('lists each document once, changes.csv dates first, with one warning for prefixed paths', () => {
    const warnings: string[] = [];
    const documents = directoryDocuments(
      directory,
      ['csaf_files/OT/white/2020/a.json', 'csaf_files/OT/white/2020/b.json', 'README.md'],
      [{ path: 'csaf_files/OT/white/2020/b.json', currentReleaseDate: '2020-02-01T00:00:00.000Z' }],
      warnings,
    );
    expect(documents.map((d) => [d.url, d.updated])).toEqual([
      [`${directory}2020/b.json`, '2020-02-01T00:00:00.000Z'],
      [`${directory}2020/a.json`, null],
    ]);
    expect(warnings).toEqual([
      `${directory}: paths are not relative to the directory (e.g. csaf_files/OT/white/2020/b.json; CSAF 2.0 §7.1.12); their prefix is removed`,
      `${directory}: 1 listed path(s) not ending in .json; skipped`,
    ]);
    expect(updatedSince(documents, new Date('2021-01-01')).map((d) => d.url)).toEqual([
      `${directory}2020/a.json`,
    ]);
    expect(updatedSince(documents, null)).toHaveLength(2);
  });
});

describe('parseHashFile (CSAF 2.0 §7.1.18) and TLP', () => {
  it('reads the digest with or without a file name, and its algorithm from its length', () => {
    const sha512 = 'A'.repeat(128);
    expect(parseHashFile(`${sha512}  icsma-20-023-01.json\n`)).toEqual({
      algorithm: 'sha512',
      hex: 'a'.repeat(128),
    });
    expect(parseHashFile('b'.repeat(64))).toEqual({ algorithm: 'sha256', hex: 'b'.repeat(64) });
    expect(parseHashFile('d41d8cd98f00b204e9800998ecf8427e')).toBeNull();
    expect(parseHashFile('')).toBeNull();
  });

  it('treats only WHITE and CLEAR as public', () => {
    expect(['WHITE', 'CLEAR', 'GREEN', 'AMBER', 'RED', 'UNLABELED'].map(isPublicTlpLabel)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
