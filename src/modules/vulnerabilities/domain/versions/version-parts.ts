/**
 * Small pure helpers shared by the per-ecosystem version comparators: arbitrary-length digit-string
 * comparison (fixtures contain 30-digit numbers, so `Number` is not enough and `BigInt` is not needed)
 * and the error every comparator throws for a string its ecosystem cannot parse.
 */
import { DomainError } from '../../../../shared/errors.ts';

/** Sign of a number as -1, 0 or 1 (comparators return exactly these). */
export function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Compares two strings of ASCII digits by numeric value, ignoring leading zeros. */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Byte-wise (code unit) string comparison, like C `strcmp` / Go `strings.Compare` on ASCII. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

export function isAsciiLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/**
 * The error for a version string an ecosystem's grammar rejects. Callers that must not fail (matching
 * a whole SBOM) check `is<Ecosystem>Version` first or fall back to the generic comparator.
 *
 * @throws never — returns the error so call sites read `throw invalidVersion(...)`.
 */
export function invalidVersion(ecosystem: string, version: string): DomainError {
  return new DomainError('invalid', `"${version}" is not a valid ${ecosystem} version`, {
    ecosystem,
    version,
  });
}
