import { readdirSync, readFileSync } from 'node:fs';
import { PackageURL } from 'packageurl-js';
import { describe, expect, it } from 'vitest';
import { normalisePurl } from './purl.ts';
import { constructPurl, formatPurl, parsePurlFast } from './purl-fast.ts';

/**
 * The fast path must give exactly what packageurl-js gives. These tests compare the two on purls
 * generated from tricky pieces (percent escapes, case, slashes, '@', qualifiers, characters the fast
 * path refuses) and on every purl of the hand-made and real fixtures.
 */

/** What packageurl-js makes of a purl (null when it refuses it). */
function reference(text: string): string | null {
  try {
    return PackageURL.fromString(text).toString();
  } catch {
    return null;
  }
}

/** packageurl-js rebuilding a purl with another version, as normalisePurl does for version-less purls. */
function referenceWithVersion(text: string, version: string): string | null {
  try {
    const p = PackageURL.fromString(text);
    return new PackageURL(p.type, p.namespace, p.name, version, p.qualifiers, p.subpath).toString();
  } catch {
    return null;
  }
}

/** normalisePurl as it was before the fast path: packageurl-js alone. */
function referenceNormalise(raw: string, componentVersion: string | null) {
  const warnings: string[] = [];
  const trimmed = raw.trim();
  if (trimmed === '') return { purl: null, warnings };
  let text = trimmed;
  const end = Math.min(...['?', '#'].map((c) => (text.includes(c) ? text.indexOf(c) : text.length)));
  const path = text.slice(0, end);
  const lastSlash = path.lastIndexOf('/');
  const nameSegment = path.slice(lastSlash + 1);
  const encoded = nameSegment.includes('@') ? -1 : nameSegment.toLowerCase().lastIndexOf('%40');
  if (encoded > 0) {
    const at = lastSlash + 1 + encoded;
    text = `${text.slice(0, at)}@${text.slice(at + 3)}`;
    warnings.push(`purl ${trimmed} percent-encodes its version separator (%40); read as ${text}`);
  }
  try {
    let parsed = PackageURL.fromString(text);
    const originalType = parsed.type;
    if (originalType === 'alpine') {
      const { namespace, name, version, qualifiers, subpath } = parsed;
      parsed = new PackageURL('apk', namespace ?? 'alpine', name, version, qualifiers, subpath);
      warnings.push(`purl type 'alpine' is not registered; rewritten to type 'apk'`);
    }
    if (!parsed.version && componentVersion) {
      const { type, namespace, name, qualifiers, subpath } = parsed;
      parsed = new PackageURL(type, namespace, name, componentVersion, qualifiers, subpath);
      warnings.push(`purl ${trimmed} has no version; the component version ${componentVersion} was added`);
    }
    return { purl: parsed.toString(), warnings };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      purl: null,
      warnings: [...warnings, `purl ${trimmed} is not valid and was left out: ${reason}`],
    };
  }
}

/** A small deterministic generator (mulberry32), so that a failure always reproduces. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
}

const types = ['npm', 'pypi', 'maven', 'golang', 'github', 'deb', 'apk', 'pub', 'conan', 'cran', 'swift'];
const moreTypes = ['oci', 'mlflow', 'huggingface', 'generic', 'nuget', 'alpine', 'Npm', '1abc', 'c++', ''];
/** Pieces the fast path accepts (not always as a valid purl), and pieces it leaves to packageurl-js. */
const pathPieces = [
  ...['a', 'Z', '0', '-', '.', '_', '~', '!', '*', "'", '(', ')', '/', '//', '@', ':', '+'],
  ...['%2F', '%40', '%3A', '%20', '%2B', '%25', '%2f', '%7F', '%00', '%C3%A9', '%e9'],
  ...['A_b', 'Foo', 'v1.2.3', 'v1.2', '1.0.0', '@scope', '%40Scope', 'name', 'ns/', '@1.0', '@v1.2.3'],
];
/** Escapes decodeURIComponent refuses. */
const badEscapes = ['%', '%zz', '%4'];
const otherPieces = [' ', '#', 'é', '\\', '&', '=', '?', '"', '<', ...badEscapes];
const keys = ['type', 'Type', 'arch', 'a.b', '_x', '-x', '1a', '', 'repository_url', 'channel', 'keys', 'k*'];
const values = ['jar', '', 'x86_64', 'databricks', '1.0', 'a*b', ' ', 'a+b', '%41', 'a=b', 'x/y', 'é'];
const versions = ['1.0', ' 2.0 ', 'v1.2.3', 'v1', 'a:b+c', 'é', '1 2', '%41', '\ud800'];

/**
 * Purls from the pieces above: half shaped like a purl (`pkg:type/namespace/name@version?qualifiers`,
 * each part made of a few pieces), half any sequence of pieces after a type.
 */
function generatedPurls(seed: number, count: number): string[] {
  const pick = generator(seed);
  const piece = () => pick(pick([...Array(15).fill(pathPieces), otherPieces]));
  const part = () => Array.from({ length: pick([1, 1, 2, 3]) }, piece).join('');
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const prefix = pick(['pkg:', 'pkg:', 'pkg:', 'pkg:', 'pkg:', 'pkg:', 'PKG:', 'pkg:/', 'pkg://', '']);
    let text = `${prefix}${pick([...types, ...types, ...moreTypes])}`;
    if (i % 2 === 0) {
      text += `/${pick([true, false]) ? `${part()}/` : ''}${part()}${pick([true, true, false]) ? `@${part()}` : ''}`;
    } else {
      text += pick(['/', '/', '/', '', '@']);
      for (let k = pick([0, 1, 2, 3, 4, 5, 6, 7]); k > 0; k--) text += piece();
    }
    if (pick([true, false, false])) {
      const pairs = Array.from({ length: pick([0, 1, 2, 3]) }, () =>
        pick([true, true, false]) ? `${pick(keys)}=${pick(values)}` : pick(keys),
      );
      text += `?${pairs.join(pick(['&', '&', '&&']))}`;
    }
    out.push(text);
  }
  return out;
}

describe('parsePurlFast and formatPurl', () => {
  it('give what packageurl-js gives, on 60,000 generated purls', () => {
    let fast = 0;
    for (const [index, text] of generatedPurls(20_251_129, 60_000).entries()) {
      const parsed = parsePurlFast(text);
      if (parsed === null) continue;
      fast++;
      expect(formatPurl(parsed), text).toBe(reference(text));
      const version = versions[index % versions.length] as string;
      const qualifiers = parsed.qualifiers && Object.entries(parsed.qualifiers);
      const rebuilt = constructPurl(parsed.type, parsed.namespace, parsed.name, version, qualifiers);
      let built: string | null;
      try {
        built = rebuilt === null ? null : formatPurl(rebuilt);
      } catch {
        built = null; // a lone surrogate: packageurl-js's encoder throws too
      }
      expect(built, `${text} + ${version}`).toBe(referenceWithVersion(text, version));
    }
    // The generator must reach the fast path often enough for this test to mean something.
    expect(fast).toBeGreaterThan(8_000);
  });

  it.each([
    ['pkg:npm/%40angular/core@1.0.0', 'pkg:npm/%40angular/core@1.0.0'],
    ['pkg:npm/@angular/core@1.0.0', 'pkg:npm/%40angular/core@1.0.0'],
    ['pkg:npm/Foo@1', 'pkg:npm/foo@1'],
    ['pkg:maven/org.a/b@1?type=jar', 'pkg:maven/org.a/b@1?type=jar'],
    [
      'pkg:deb/debian/curl@7.0?distro=debian-11&ARCH=amd64',
      'pkg:deb/debian/curl@7.0?arch=amd64&distro=debian-11',
    ],
    ['pkg:maven/org.a/b@1?type=', 'pkg:maven/org.a/b@1'],
    ['pkg:pypi/Django_Rest@1.0', 'pkg:pypi/django-rest@1.0'],
    ['pkg:golang/github.com/a/b@v1.2.3', 'pkg:golang/github.com/a/b@v1.2.3'],
    ['pkg:deb/debian/libc6@2.31-13+deb11u5', 'pkg:deb/debian/libc6@2.31-13+deb11u5'],
    ['pkg:rpm/fedora/curl@1:7.0', 'pkg:rpm/fedora/curl@1:7.0'],
    ['pkg:generic/a%2Fb@1', 'pkg:generic/a%2Fb@1'],
    ['pkg:npm//foo@1', 'pkg:npm/foo@1'],
    ['pkg:npm/foo@', 'pkg:npm/foo'],
  ])('reads %s as %s', (text, expected) => {
    expect(reference(text)).toBe(expected);
    const parsed = parsePurlFast(text);
    expect(parsed).not.toBeNull();
    expect(formatPurl(parsed as NonNullable<typeof parsed>)).toBe(expected);
  });

  it.each([
    ['a subpath', 'pkg:npm/foo@1#lib'],
    ['an upper-case scheme', 'PKG:npm/foo@1'],
    ['slashes after the scheme', 'pkg://npm/foo@1'],
    ['white space', 'pkg:npm/foo bar@1'],
    ['non-ASCII', 'pkg:npm/fé@1'],
    ['an encoded qualifier', 'pkg:maven/a/b@1?repository_url=https%3A%2F%2Fx'],
    ['an invalid golang version (packageurl-js refuses it)', 'pkg:golang/x/y@v1.2'],
    ['a malformed escape (packageurl-js refuses it)', 'pkg:npm/a%zz@1'],
    ['no name (packageurl-js refuses it)', 'pkg:npm/'],
    ['a maven purl without namespace (packageurl-js refuses it)', 'pkg:maven/b@1'],
  ])('leaves a purl with %s to packageurl-js', (_label, text) => {
    expect(parsePurlFast(text)).toBeNull();
  });
});

/** Every purl of the hand-made and real fixtures (JSON, XML and tag-value alike). */
function fixturePurls(): string[] {
  const dir = new URL('../../../../../test/fixtures/sbom/', import.meta.url);
  const purls = new Set<string>();
  for (const file of readdirSync(dir)) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    for (const match of text.matchAll(/pkg:[^\s"<>]+/g)) purls.add(match[0].replaceAll('&amp;', '&'));
  }
  return [...purls];
}

describe('normalisePurl with the fast path', () => {
  it('gives what packageurl-js alone gave, on every fixture purl', () => {
    const purls = fixturePurls();
    expect(purls.length).toBeGreaterThan(200);
    for (const purl of purls) {
      for (const version of [null, '1.0']) {
        expect(normalisePurl(purl, version), purl).toEqual(referenceNormalise(purl, version));
      }
    }
  });

  it('gives what packageurl-js alone gave, warnings included, on generated purls', () => {
    for (const [index, text] of generatedPurls(7, 20_000).entries()) {
      const version = index % 3 === 0 ? null : (versions[index % versions.length] as string);
      expect(normalisePurl(text, version), `${text} + ${version}`).toEqual(referenceNormalise(text, version));
    }
  });

  it('refuses a version packageurl-js cannot encode (a lone surrogate) as packageurl-js does', () => {
    const result = normalisePurl('pkg:npm/foo', '1.\ud800');
    expect(result).toEqual(referenceNormalise('pkg:npm/foo', '1.\ud800'));
    expect(result.purl).toBeNull();
  });
});
