/**
 * RPM version ordering for Red Hat, Rocky Linux, AlmaLinux, openSUSE, SUSE, …: `[epoch:]version[-release]`.
 * Segments follow rpm's rpmio/rpmvercmp.c `rpmvercmp` (alphanumeric runs, numbers by value, numbers
 * newer than letters, `~` before everything, `^` after the base version but before any further
 * segment); the EVR split follows rpm's `parseEVR` (epoch only when all digits before the `:`,
 * release after the last `-`), and a missing release is older than a present one, as in rpm's Python
 * `labelCompare` (`compare_values`) and osv-scanner's Red Hat fixtures.
 */
import { compareDigits, compareStrings, isAsciiLetter, isDigit } from './version-parts.ts';

interface RpmVersion {
  epoch: string;
  version: string;
  /** null when the string has no `-` (rpm: no release given). */
  release: string | null;
}

function parseRpm(text: string): RpmVersion {
  const match = /^(\d*):(.*)$/s.exec(text);
  const epoch = match ? match[1] || '0' : '0';
  const rest = match ? (match[2] ?? '') : text;
  const hyphen = rest.lastIndexOf('-');
  if (hyphen < 0) return { epoch, version: rest, release: null };
  return { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) };
}

const isAlnum = (c: string | undefined) => isDigit(c) || isAsciiLetter(c);

/** rpm `rpmvercmp`: the segment comparison of one EVR part. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== '~' && b[j] !== '^') j++;
    // `~` sorts before everything, including the end of the string.
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    // `^` sorts after the end of the string but before any other segment.
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const same = numeric ? isDigit : isAsciiLetter;
    const startA = i;
    const startB = j;
    while (i < a.length && same(a[i])) i++;
    while (j < b.length && same(b[j])) j++;
    // Different segment types: a number is newer than letters.
    if (j === startB) return numeric ? 1 : -1;
    const segA = a.slice(startA, i);
    const segB = b.slice(startB, j);
    const diff = numeric ? compareDigits(segA, segB) : compareStrings(segA, segB);
    if (diff !== 0) return diff;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** rpm Python `compare_values`: an absent part is older than a present one. */
function compareOptional(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return rpmvercmp(a, b);
}

/** True for a well-formed EVR: optional numeric epoch, version and release of rpm's allowed characters. */
export function isRpmVersion(version: string): boolean {
  return /^(\d+:)?[A-Za-z0-9._+~^%{}]+(-[A-Za-z0-9._+~^%{}]+)?$/.test(version);
}

/** Orders two RPM EVR strings (never throws: rpmvercmp is defined on every string). */
export function compareRpm(a: string, b: string): number {
  const x = parseRpm(a);
  const y = parseRpm(b);
  return (
    rpmvercmp(x.epoch, y.epoch) || rpmvercmp(x.version, y.version) || compareOptional(x.release, y.release)
  );
}
