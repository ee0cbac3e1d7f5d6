/**
 * Packagist (Composer) version ordering: Composer's `VersionParser::normalize` (composer/semver,
 * src/VersionParser.php: `v` prefix dropped, 4 numeric parts, stability suffixes expanded to
 * alpha/beta/RC/patch, `-dev`, build metadata stripped, date versions) followed by PHP's
 * `version_compare` (php-src ext/standard/versioning.c), which is what `Composer\Semver\Comparator`
 * calls. Special forms order: any other word < dev < alpha = a < beta = b < RC = rc < number < pl = p.
 */
import { compareDigits, isDigit } from './version-parts.ts';

const modifier = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*+)?)?([.-]?dev)?';
const classical = new RegExp(
  `^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${modifier.replace('*+', '*')}$`,
  'i',
);
const dated = new RegExp(
  `^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${modifier.replace('*+', '*')}$`,
  'i',
);
const branch = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;

function expandStability(stability: string): string {
  const s = stability.toLowerCase();
  if (s === 'a' || s === 'alpha') return 'alpha';
  if (s === 'b' || s === 'beta') return 'beta';
  if (s === 'p' || s === 'pl' || s === 'patch') return 'patch';
  return s === 'rc' ? 'RC' : stability;
}

/** composer/semver `VersionParser::normalize`; null where Composer throws "Invalid version string". */
export function normalizeComposerVersion(input: string): string | null {
  let version = input.trim().replace(/^([^,\s]+) +as +[^,\s]+$/, '$1');
  version = version.replace(/@(?:stable|RC|beta|alpha|dev)$/i, '');
  if (['master', 'trunk', 'default'].includes(version)) version = `dev-${version}`;
  if (version.toLowerCase().startsWith('dev-')) return `dev-${version.slice(4)}`;
  version = version.replace(/^([^,\s+]+)\+\S+$/, '$1');
  const classic = classical.exec(version);
  const date = classic ? null : dated.exec(version);
  const m = classic ?? date;
  const index = classic ? 5 : 2;
  if (classic) version = `${classic[1]}${classic[2] || '.0'}${classic[3] || '.0'}${classic[4] || '.0'}`;
  else if (date) version = (date[1] ?? '').replace(/\D/g, '.');
  if (m) {
    const stability = m[index];
    if (stability) {
      if (stability === 'stable') return version;
      version += `-${expandStability(stability)}${(m[index + 1] ?? '').replace(/^[.-]+/, '')}`;
    }
    if (m[index + 2]) version += '-dev';
    return version;
  }
  const devBranch = /^(.*?)[.-]?dev$/i.exec(version);
  const numbers = devBranch ? branch.exec(devBranch[1] ?? '') : null;
  if (!numbers) return null;
  const parts = [1, 2, 3, 4].map((i) => numbers[i]?.replace(/[*X]/g, 'x') ?? '.x');
  return `${parts.join('').replaceAll('x', '9999999')}-dev`;
}

const isAlnum = (c: string) => /^[A-Za-z0-9]$/.test(c);

/** php_canonicalize_version: separators to `.`, a `.` at every digit/non-digit transition. */
function canonicalize(version: string): string {
  if (version === '') return '';
  let out = version[0] ?? '';
  let previous = out;
  for (const c of version.slice(1)) {
    const last = out[out.length - 1];
    const digitC = isDigit(c);
    const nonDigitC = !digitC && c !== '.';
    const digitP = isDigit(previous);
    const nonDigitP = !digitP && previous !== '.';
    if (c === '-' || c === '_' || c === '+') {
      if (last !== '.') out += '.';
    } else if ((nonDigitP && digitC) || (digitP && nonDigitC)) {
      if (last !== '.') out += '.';
      out += c;
    } else if (!isAlnum(c)) {
      if (last !== '.') out += '.';
    } else {
      out += c;
    }
    previous = c;
  }
  return out;
}

const specialForms: [string, number][] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

function compareSpecialForms(a: string, b: string): number {
  const rank = (form: string) => specialForms.find(([name]) => form.startsWith(name))?.[1] ?? -1;
  return Math.sign(rank(a) - rank(b));
}

function comparePart(p: string, q: string): number {
  if (isDigit(p[0]) && isDigit(q[0]))
    return compareDigits(/^\d+/.exec(p)?.[0] ?? '0', /^\d+/.exec(q)?.[0] ?? '0');
  if (!isDigit(p[0]) && !isDigit(q[0])) return compareSpecialForms(p, q);
  return isDigit(p[0]) ? compareSpecialForms('#N#', q) : compareSpecialForms(p, '#N#');
}

/** PHP `version_compare($a, $b)`, walking the dot-separated parts as the C code's p1/n1 pointers do. */
export function phpVersionCompare(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? -1 : 1;
  const x = a.startsWith('#') ? a : canonicalize(a);
  const y = b.startsWith('#') ? b : canonicalize(b);
  let p1 = 0;
  let p2 = 0;
  let n1: number | null = 0;
  let n2: number | null = 0;
  let compare = 0;
  while (p1 < x.length && p2 < y.length && n1 !== null && n2 !== null) {
    const dot1 = x.indexOf('.', p1);
    const dot2 = y.indexOf('.', p2);
    n1 = dot1 < 0 ? null : dot1;
    n2 = dot2 < 0 ? null : dot2;
    compare = comparePart(x.slice(p1, n1 ?? x.length), y.slice(p2, n2 ?? y.length));
    if (compare !== 0) break;
    if (n1 !== null) p1 = n1 + 1;
    if (n2 !== null) p2 = n2 + 1;
  }
  if (compare !== 0) return compare;
  if (n1 !== null) return isDigit(x[p1]) ? 1 : phpVersionCompare(x.slice(p1), '#N#');
  if (n2 !== null) return isDigit(y[p2]) ? -1 : phpVersionCompare('#N#', y.slice(p2));
  return 0;
}

/** True when Composer normalises `version` to an orderable (non-branch) version. */
export function isPackagistVersion(version: string): boolean {
  const normalized = normalizeComposerVersion(version);
  return normalized !== null && !normalized.startsWith('dev-');
}

/**
 * Composer's order of two Packagist versions (never throws). Strings Composer rejects, and `dev-`
 * branch names (which Composer does not order), are compared with `version_compare` as given.
 */
export function comparePackagist(a: string, b: string): number {
  return phpVersionCompare(normalizeComposerVersion(a) ?? a, normalizeComposerVersion(b) ?? b);
}
