/**
 * NuGet version ordering, after NuGet.Versioning's `NuGetVersion` and `VersionComparer.Default`
 * (https://learn.microsoft.com/nuget/concepts/package-versioning): `Major.Minor[.Patch[.Revision]]`
 * with missing parts = 0 (`1.0 = 1.0.0.0`), leading zeros allowed (`1.0.01 = 1.0.1`), a pre-release
 * sorting before its release, pre-release labels compared part by part (numbers numerically and
 * before text, text case-insensitively, a shorter prefix first) and build metadata ignored.
 * Numbers are compared at any length (osv-scanner's fixtures use 30-digit parts; NuGet itself caps at int32).
 */
import { compareDigits, compareStrings, invalidVersion } from './version-parts.ts';

const pattern =
  /^\s*(?<numbers>\d+(?:\.\d+){0,3})(?:-(?<release>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\s*$/;

interface NuGetVersion {
  numbers: string[];
  labels: string[];
}

function parseNuGet(version: string): NuGetVersion | null {
  const groups = pattern.exec(version)?.groups;
  if (!groups?.numbers) return null;
  return { numbers: groups.numbers.split('.'), labels: groups.release ? groups.release.split('.') : [] };
}

function compareLabel(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) return compareDigits(a, b);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  // StringComparer.OrdinalIgnoreCase compares the upper-cased strings ordinally.
  return compareStrings(a.toUpperCase(), b.toUpperCase());
}

function compareLabels(a: string[], b: string[]): number {
  // A release (no labels) sorts after every pre-release of the same numbers.
  if (a.length === 0 || b.length === 0) return Math.sign(b.length - a.length);
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = compareLabel(a[i] ?? '', b[i] ?? '');
    if (diff !== 0) return diff;
  }
  return Math.sign(a.length - b.length);
}

/** True when `version` is a NuGet version (1 to 4 numeric parts, optional pre-release and metadata). */
export function isNuGetVersion(version: string): boolean {
  return parseNuGet(version) !== null;
}

/**
 * NuGet version order of `a` and `b`.
 *
 * @throws DomainError `invalid` when either string is not a NuGet version.
 */
export function compareNuGet(a: string, b: string): number {
  const x = parseNuGet(a);
  if (!x) throw invalidVersion('NuGet', a);
  const y = parseNuGet(b);
  if (!y) throw invalidVersion('NuGet', b);
  for (let i = 0; i < 4; i++) {
    const diff = compareDigits(x.numbers[i] ?? '0', y.numbers[i] ?? '0');
    if (diff !== 0) return diff;
  }
  return compareLabels(x.labels, y.labels);
}
