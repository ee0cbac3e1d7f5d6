/**
 * Debian (dpkg) version ordering for Debian and Ubuntu: `[epoch:]upstream[-revision]`, ported from
 * dpkg's lib/dpkg/version.c (`dpkg_version_compare`, `verrevcmp`) and parsehelp.c (`parseversion`).
 * Non-digit runs compare character by character with `~` before everything (even the end of the
 * string), then letters, then other characters; digit runs compare numerically.
 */
import { compareDigits, invalidVersion, isAsciiLetter, isDigit } from './version-parts.ts';

interface DebianVersion {
  epoch: string;
  upstream: string;
  revision: string;
  /** dpkg parses it but warns (upstream not starting with a digit, unexpected characters). */
  hasWarnings: boolean;
}

/** dpkg's `parseversion`: returns null on its hard errors (which make `dpkg --compare-versions` abort). */
function parseDebian(input: string): DebianVersion | null {
  const text = input.trim();
  if (text === '' || /\s/.test(text)) return null;
  const colon = text.indexOf(':');
  const epoch = colon >= 0 ? text.slice(0, colon) : '0';
  // dpkg: epoch must be a non-negative int (≤ INT_MAX) and something must follow the colon.
  if (!/^\d+$/.test(epoch) || compareDigits(epoch, '2147483647') > 0) return null;
  const rest = colon >= 0 ? text.slice(colon + 1) : text;
  if (rest === '') return null;
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : '';
  if (upstream === '' || (hyphen >= 0 && revision === '')) return null;
  const hasWarnings =
    !isDigit(upstream[0]) || /[^A-Za-z0-9.+~:-]/.test(upstream) || /[^A-Za-z0-9.+~]/.test(revision);
  return { epoch, upstream, revision, hasWarnings };
}

/** dpkg `order()`: digits and the end weigh 0, `~` -1, letters their code, others code + 256. */
function order(c: string | undefined): number {
  if (c === undefined || isDigit(c)) return 0;
  if (isAsciiLetter(c)) return c.charCodeAt(0);
  if (c === '~') return -1;
  return c.charCodeAt(0) + 256;
}

/** dpkg `verrevcmp` on one part (upstream or revision). */
function compareDebianPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const diff = order(a[i]) - order(b[j]);
      if (diff !== 0) return diff < 0 ? -1 : 1;
      i++;
      j++;
    }
    const startA = i;
    const startB = j;
    while (isDigit(a[i])) i++;
    while (isDigit(b[j])) j++;
    const diff = compareDigits(a.slice(startA, i), b.slice(startB, j));
    if (diff !== 0) return diff;
  }
  return 0;
}

/** True when dpkg accepts `version` without errors or warnings (Debian Policy §5.6.12 grammar). */
export function isDebianVersion(version: string): boolean {
  const parsed = parseDebian(version);
  return parsed !== null && !parsed.hasWarnings;
}

/**
 * Orders two Debian versions as `dpkg --compare-versions` does (strings it only warns about are
 * compared too, as dpkg does).
 *
 * @throws DomainError `invalid` for strings dpkg refuses (empty, embedded space, bad epoch, empty
 * upstream or revision).
 */
export function compareDebian(a: string, b: string): number {
  const x = parseDebian(a);
  if (!x) throw invalidVersion('Debian', a);
  const y = parseDebian(b);
  if (!y) throw invalidVersion('Debian', b);
  return (
    compareDigits(x.epoch, y.epoch) ||
    compareDebianPart(x.upstream, y.upstream) ||
    compareDebianPart(x.revision, y.revision)
  );
}
