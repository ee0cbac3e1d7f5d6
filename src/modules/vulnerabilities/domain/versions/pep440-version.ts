/**
 * PyPI version ordering: PEP 440 (https://peps.python.org/pep-0440/), a port of Python `packaging`'s
 * `Version` (VERSION_PATTERN, normalisation and `_cmpkey`, packaging 26.x). Strings PEP 440 rejects
 * are ordered by `packaging`'s former `LegacyVersion` (removed in packaging 22; setuptools' old
 * `parse_version` rule), which puts every legacy string before every PEP 440 version — what
 * osv-scanner does for the legacy lines of its PyPI fixtures.
 */
import { memoised } from '../memoised.ts';
import { compareDigits, compareStrings } from './version-parts.ts';

const pattern = new RegExp(
  [
    '^\\s*v?',
    '(?:(?<epoch>[0-9]+)!)?',
    '(?<release>[0-9]+(?:\\.[0-9]+)*)',
    '(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?',
    '(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?',
    '(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?',
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?',
    '\\s*$',
  ].join(''),
  'i',
);

interface Pep440Version {
  epoch: string;
  release: string[];
  pre: { label: string; number: string } | null;
  post: string | null;
  dev: string | null;
  local: string[] | null;
}

const preLabels: Record<string, string> = { alpha: 'a', a: 'a', beta: 'b', b: 'b', c: 'rc', pre: 'rc' };

const parsePep440 = memoised((version: string): Pep440Version | null => {
  const groups = pattern.exec(version)?.groups;
  if (!groups) return null;
  const release = (groups.release ?? '0').split('.');
  // _cmpkey: trailing zeros of the release segment do not count (1.0 == 1.0.0).
  while (release.length > 1 && /^0+$/.test(release[release.length - 1] ?? '')) release.pop();
  const preLabel = groups.preL?.toLowerCase();
  return {
    epoch: groups.epoch ?? '0',
    release,
    pre: preLabel ? { label: preLabels[preLabel] ?? 'rc', number: groups.preN ?? '0' } : null,
    post: groups.post ? (groups.postN1 ?? groups.postN2 ?? '0') : null,
    dev: groups.dev ? (groups.devN ?? '0') : null,
    local: groups.local ? groups.local.toLowerCase().split(/[-_.]/) : null,
  };
});

function compareRelease(a: string[], b: string[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Rank for the pre-release key: a dev-only release (1.0.dev0) sorts before any 1.0aN. */
function preKey(v: Pep440Version): number {
  if (v.pre) return 0;
  return v.post === null && v.dev !== null ? -1 : 1;
}

function comparePre(a: Pep440Version, b: Pep440Version): number {
  const rank = preKey(a) - preKey(b);
  if (rank !== 0 || !a.pre || !b.pre) return Math.sign(rank);
  return compareStrings(a.pre.label, b.pre.label) || compareDigits(a.pre.number, b.pre.number);
}

/** Missing values rank below (`post`, `local`) or above (`dev`) every present one. */
function compareOptional(a: string | null, b: string | null, missingFirst: boolean): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null) === missingFirst ? -1 : 1;
  }
  return compareDigits(a, b);
}

/** Local segments: numeric parts compare as numbers and sort after alphanumeric ones. */
function compareLocal(a: string[] | null, b: string[] | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    const diff =
      xNumeric && yNumeric
        ? compareDigits(x, y)
        : xNumeric !== yNumeric
          ? xNumeric
            ? 1
            : -1
          : compareStrings(x, y);
    if (diff !== 0) return diff;
  }
  return Math.sign(a.length - b.length);
}

function compareParsed(a: Pep440Version, b: Pep440Version): number {
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    comparePre(a, b) ||
    compareOptional(a.post, b.post, true) ||
    compareOptional(a.dev, b.dev, false) ||
    compareLocal(a.local, b.local)
  );
}

const legacyReplacements: Record<string, string> = {
  pre: 'c',
  preview: 'c',
  '-': 'final-',
  rc: 'c',
  dev: '@',
};

/** packaging < 22 `_legacy_cmpkey` (epoch -1 implied): the parts compared as strings. */
function legacyKey(version: string): string[] {
  const tokens = version
    .toLowerCase()
    .split(/(\d+|[a-z]+|\.|-)/)
    .map((raw) => legacyReplacements[raw] ?? raw)
    .filter((part) => part !== '' && part !== '.')
    .map((part) => (/^\d/.test(part) ? part.padStart(8, '0') : `*${part}`));
  // "*final" ensures alpha/beta/candidate sort before final.
  tokens.push('*final');
  const parts: string[] = [];
  for (const token of tokens) {
    if (token.startsWith('*')) {
      // Remove "-" before a pre-release tag, then trailing zeros of each numeric series.
      if (token < '*final') while (parts[parts.length - 1] === '*final-') parts.pop();
      while (parts[parts.length - 1] === '00000000') parts.pop();
    }
    parts.push(token);
  }
  return parts;
}

function compareLegacy(a: string, b: string): number {
  const x = legacyKey(a);
  const y = legacyKey(b);
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i++) {
    const diff = compareStrings(x[i] ?? '', y[i] ?? '');
    if (diff !== 0) return diff;
  }
  return Math.sign(x.length - y.length);
}

/** True when `version` is a valid PEP 440 version (what `packaging.version.Version` accepts). */
export function isPep440Version(version: string): boolean {
  return parsePep440(version) !== null;
}

/** Orders two PyPI versions; non-PEP 440 strings sort before PEP 440 ones (never throws). */
export function comparePep440(a: string, b: string): number {
  const x = parsePep440(a);
  const y = parsePep440(b);
  if (x && y) return compareParsed(x, y);
  if (x || y) return x ? 1 : -1;
  return compareLegacy(a, b);
}
