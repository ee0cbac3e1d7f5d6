/**
 * Go module version ordering, as golang.org/x/mod/semver `Compare`: SemVer 2.0 with a `v` prefix,
 * the shorthands `vMAJOR` and `vMAJOR.MINOR` (= `.0`), and build metadata ignored (so
 * `v2.0.0+incompatible = v2.0.0`). Pseudo-versions (https://go.dev/ref/mod#pseudo-versions) such as
 * `v0.0.0-20220906165146-f3363e06e74c` are ordinary pre-releases whose fixed-width timestamps sort
 * correctly as identifiers. OSV's Go ecosystem writes versions without the `v` (`1.19.0-0`), so the
 * prefix is optional here.
 */
import { memoised } from '../memoised.ts';
import { compareSemver, isSemverVersion } from './semver-version.ts';
import { invalidVersion } from './version-parts.ts';

const shorthand = /^(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?$/;

const toSemver = memoised((version: string): string | null => {
  const bare = version.startsWith('v') ? version.slice(1) : version;
  const short = shorthand.exec(bare);
  // x/mod/semver: "v1" and "v1.2" are valid and mean v1.0.0 / v1.2.0 (no pre-release/build allowed).
  const full = short ? `${short[1]}.${short[2] ?? '0'}.0` : bare;
  // Reject what node-semver would tolerate but Go does not (a second `v`, `=`, spaces).
  if (!/^\d/.test(full) || !isSemverVersion(full)) return null;
  return full;
});

/** True when `version` is a Go module version (with or without the leading `v`). */
export function isGoVersion(version: string): boolean {
  return toSemver(version) !== null;
}

/**
 * Go module version order of `a` and `b`.
 *
 * @throws DomainError `invalid` when either string is not a Go module version.
 */
export function compareGo(a: string, b: string): number {
  const x = toSemver(a);
  if (x === null) throw invalidVersion('Go', a);
  const y = toSemver(b);
  if (y === null) throw invalidVersion('Go', b);
  return compareSemver(x, y);
}
