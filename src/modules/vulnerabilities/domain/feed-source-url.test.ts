import { describe, expect, it } from 'vitest';
import {
  announcedExtension,
  downloadedFeedFileName,
  redactFeedUrl,
  requestTarget,
} from './feed-source-url.ts';

const plain = new TextEncoder().encode('{"id"');
const gzip = new Uint8Array([0x1f, 0x8b, 8, 0]);
const zip = new Uint8Array([0x50, 0x4b, 3, 4]);

describe('announcedExtension', () => {
  it.each([
    ['/feeds/known_exploited_vulnerabilities.json', '', 'json'],
    ['/epss_scores-current.csv.gz', 'application/octet-stream', 'csv.gz'],
    ['/PyPI/all.zip', 'application/octet-stream', 'zip'],
    ['/nvdcve.JSON.GZ', '', 'json.gz'],
    ['/latest', 'application/zip', 'zip'],
    ['/latest', 'application/x-gzip', 'gz'],
    ['/latest', 'text/csv; charset=utf-8', 'csv'],
    ['/latest', 'application/vnd.api+json', 'json'],
    ['/latest', 'text/html', null],
  ])('%s as %s → %s', (path, type, expected) => {
    expect(announcedExtension(path, type)).toBe(expected);
  });
});

describe('downloadedFeedFileName', () => {
  it('keeps what the URL announces when the bytes agree', () => {
    expect(downloadedFeedFileName('kev', '/kev.json', '', plain)).toBe('feed.json');
    expect(downloadedFeedFileName('epss', '/epss.csv.gz', '', gzip)).toBe('feed.csv.gz');
    expect(downloadedFeedFileName('osv', '/all.zip', '', zip)).toBe('feed.zip');
  });

  it('follows the bytes when fetch already undid a gzip encoding or the label is wrong', () => {
    expect(downloadedFeedFileName('nvd', '/nvd.json.gz', '', plain)).toBe('feed.json');
    expect(downloadedFeedFileName('osv', '/export', 'application/json', zip)).toBe('feed.zip');
    expect(downloadedFeedFileName('nvd', '/nvd.json', '', gzip)).toBe('feed.json.gz');
  });

  it('defaults to CSV for EPSS and JSON for the other feeds', () => {
    expect(downloadedFeedFileName('epss', '/latest', 'application/gzip', gzip)).toBe('feed.csv.gz');
    expect(downloadedFeedFileName('kev', '/latest', '', plain)).toBe('feed.json');
    expect(downloadedFeedFileName('osv', '/latest', '', new Uint8Array(0))).toBe('feed.json');
  });
});

describe('redactFeedUrl', () => {
  it('hides passwords, lone user names used as tokens and key-like query values', () => {
    expect(redactFeedUrl('https://user:pa%40ss@feeds.example/osv.zip')).toBe(
      'https://user:redacted@feeds.example/osv.zip',
    );
    expect(redactFeedUrl('https://ghp_abcdef123@feeds.example/kev.json')).toBe(
      'https://redacted@feeds.example/kev.json',
    );
    expect(redactFeedUrl('https://feeds.example/kev.json?apiKey=k1&format=json')).toBe(
      'https://feeds.example/kev.json?apiKey=redacted&format=json',
    );
    expect(redactFeedUrl('https://feeds.example/x?X-Goog-Signature=abc&v=a1b2c3d4e5f6a7b8c9d0e1f2')).toBe(
      'https://feeds.example/x?X-Goog-Signature=redacted&v=redacted',
    );
  });

  it('leaves URLs without credentials as they are', () => {
    const url = 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json?x=1';
    expect(redactFeedUrl(url)).toBe(url);
    expect(redactFeedUrl('not a url')).toBe('(not a valid URL)');
  });
});

describe('requestTarget', () => {
  it('moves userinfo into a Basic authorization header', () => {
    expect(requestTarget('https://user:p%C3%A4ss@feeds.example/a.json')).toEqual({
      url: 'https://feeds.example/a.json',
      authorization: `Basic ${Buffer.from('user:päss').toString('base64')}`,
    });
    expect(requestTarget('https://feeds.example/a.json')).toEqual({
      url: 'https://feeds.example/a.json',
      authorization: null,
    });
  });
});
