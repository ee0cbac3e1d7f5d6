/**
 * SemVer 2.0.0 ordering (https://semver.org §11) for npm and crates.io, delegated to node `semver`
 * (the npm CLI's own implementation). Build metadata is ignored, a pre-release sorts before its
 * release, numeric identifiers compare numerically and sort before alphanumeric ones.
 */
import { SemVer } from 'semver';
import { memoised } from '../memoised.ts';
import { invalidVersion } from './version-parts.ts';

const parseSemver = memoised((version: string): SemVer | null => {
  try {
    // Strict (non-loose) grammar; `semver` itself tolerates a leading `v`/`=` as npm does.
    return new SemVer(version, { loose: false, includePrerelease: true });
  } catch {
    return null;
  }
});

/** True when `version` is a SemVer 2.0 version (npm tolerates a leading `v` or `=`). */
export function isSemverVersion(version: string): boolean {
  return parseSemver(version) !== null;
}

/**
 * SemVer 2.0 precedence of `a` and `b`: negative, zero or positive.
 *
 * @throws DomainError `invalid` when either string is not SemVer.
 */
export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a);
  if (!x) throw invalidVersion('SemVer', a);
  const y = parseSemver(b);
  if (!y) throw invalidVersion('SemVer', b);
  return x.compare(y);
}
