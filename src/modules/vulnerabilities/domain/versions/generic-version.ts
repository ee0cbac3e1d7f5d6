/**
 * Fallback ordering for versions with no defined scheme (firmware, RTOS, vendor strings in NVD CPE
 * bounds: `6.0.1.66`, `r0.13` vs `0.13c`, `bs5.2.461.17`, `2.0.9-hotfix.7`, OpenSSL `1.1.1t`).
 * Always reported as low confidence by `comparatorFor`. Rules, in the spirit of vers' "generic"
 * scheme and rpmvercmp:
 * - a leading word prefix glued to the first number (`v1.2`, `r0.13`, `bs5.2`) is ignored;
 * - the rest splits into digit runs (compared numerically) and letter runs (case-insensitive);
 *   every other character only separates; missing numeric parts count as 0 (`1.0 = 1.0.0`);
 * - pre-release words (dev, snapshot, alpha, beta, milestone, pre, preview, rc, cr) sort before the
 *   bare version, any other letters after it (`1.1.1 < 1.1.1t < 1.1.1u`, `2.0.9 < 2.0.9-hotfix.7`),
 *   and a further number after both (`1.1.1t < 1.1.1.1`).
 */
import { compareDigits, compareStrings, invalidVersion } from './version-parts.ts';

type Part =
  | { kind: 'number'; digits: string }
  | { kind: 'pre'; rank: number; text: string }
  | { kind: 'post'; text: string };

const preReleaseWords = ['dev', 'snapshot', 'alpha', 'beta', 'milestone', 'pre', 'preview', 'rc', 'cr'];

function parseGeneric(version: string): Part[] | null {
  const text = version
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+[-_ ]?(?=\d)/, '');
  if (!/\d/.test(text)) return null;
  return (text.match(/\d+|[a-z]+/g) ?? []).map((token): Part => {
    if (/^\d/.test(token)) return { kind: 'number', digits: token };
    const rank = preReleaseWords.indexOf(token);
    // cr is a synonym of rc (Maven).
    if (rank >= 0)
      return { kind: 'pre', rank: token === 'cr' ? preReleaseWords.indexOf('rc') : rank, text: token };
    return { kind: 'post', text: token };
  });
}

/** Order of part kinds at one position: pre-release word < end of version < other letters < number. */
function weight(part: Part | undefined): number {
  if (part === undefined) return 1;
  return part.kind === 'pre' ? 0 : part.kind === 'post' ? 2 : 3;
}

function compareParts(a: Part | undefined, b: Part | undefined): number {
  // A missing part next to a number counts as 0, so 1.0 = 1.0.0 and 1.0 < 1.0.1.
  const x = a ?? (b?.kind === 'number' ? { kind: 'number', digits: '0' } : undefined);
  const y = b ?? (a?.kind === 'number' ? { kind: 'number', digits: '0' } : undefined);
  if (x?.kind === 'number' && y?.kind === 'number') return compareDigits(x.digits, y.digits);
  if (x?.kind === 'pre' && y?.kind === 'pre') return Math.sign(x.rank - y.rank);
  if (x?.kind === 'post' && y?.kind === 'post') return compareStrings(x.text, y.text);
  return Math.sign(weight(x) - weight(y));
}

/** True when `version` contains at least one number (anything else cannot be ordered). */
export function isGenericVersion(version: string): boolean {
  return parseGeneric(version) !== null;
}

/**
 * Best-effort order of two scheme-less versions.
 *
 * @throws DomainError `invalid` when either string contains no digit at all.
 */
export function compareGeneric(a: string, b: string): number {
  const x = parseGeneric(a);
  if (!x) throw invalidVersion('generic', a);
  const y = parseGeneric(b);
  if (!y) throw invalidVersion('generic', b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = compareParts(x[i], y[i]);
    if (diff !== 0) return diff;
  }
  return 0;
}
