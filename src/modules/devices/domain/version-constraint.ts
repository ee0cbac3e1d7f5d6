import { DomainError } from '../../../shared/errors.ts';

/**
 * Generic version ordering for portfolio search ("which products contain openssl < 3.0.14?").
 * Hand-written because the question spans ecosystems and free-form firmware versions: numbers compare
 * as numbers, other runs as text, a letter suffix sorts after the bare version (OpenSSL 1.1.1t), and a
 * `-prerelease` tail sorts before the release (as in SemVer §11).
 * Per-ecosystem comparators (Maven, dpkg, PEP 440, …) come with vulnerability matching.
 */
export function compareVersions(a: string, b: string): number {
  const [mainA, preA] = splitPrerelease(a.trim().replace(/^v(?=\d)/i, ''));
  const [mainB, preB] = splitPrerelease(b.trim().replace(/^v(?=\d)/i, ''));
  const main = compareTokens(tokens(mainA), tokens(mainB));
  if (main !== 0) return main;
  if (preA === null && preB === null) return 0;
  if (preA === null) return 1;
  if (preB === null) return -1;
  return compareTokens(tokens(preA), tokens(preB));
}

function splitPrerelease(version: string): [string, string | null] {
  const match = /^(\d+(?:\.\d+)*)-([0-9A-Za-z.-]+)$/.exec(version);
  return match ? [match[1] as string, match[2] as string] : [version, null];
}

function tokens(version: string): (number | string)[] {
  return (version.match(/\d+|[A-Za-z]+/g) ?? []).map((t) => (/^\d/.test(t) ? Number(t) : t.toLowerCase()));
}

function compareTokens(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    // More parts sort later: 1.0.1 > 1.0 and, as in OpenSSL and FatFS, 1.1.1t > 1.1.1 and 0.13c > 0.13.
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    // A number sorts after text at the same place (1.0.1 > 1.0.beta).
    if (typeof x === 'number') return 1;
    if (typeof y === 'number') return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

type Operator = '<' | '<=' | '>' | '>=' | '=' | '!=';
export interface VersionComparator {
  operator: Operator;
  version: string;
}

/**
 * Parses a constraint of space-separated comparators, all of which must hold: `<3.0.14`,
 * `>=1.2 <2.0`, `=4.8.1`, or a bare version meaning `=`. Throws `invalid` on anything else.
 */
export function parseVersionConstraint(text: string): VersionComparator[] {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 4)
    throw new DomainError('invalid', 'A version constraint has 1 to 4 parts.');
  return parts.map((part) => {
    const match = /^(<=|>=|!=|<|>|=)?([0-9A-Za-z][0-9A-Za-z.+_~-]{0,63})$/.exec(part);
    if (!match) throw new DomainError('invalid', `"${part}" is not a version comparator like <3.0.14.`);
    return { operator: (match[1] ?? '=') as Operator, version: match[2] as string };
  });
}

export function satisfiesConstraint(version: string | null, constraint: VersionComparator[]): boolean {
  if (version === null || version.trim() === '') return false;
  const holds: Record<Operator, (order: number) => boolean> = {
    '<': (order) => order < 0,
    '<=': (order) => order <= 0,
    '>': (order) => order > 0,
    '>=': (order) => order >= 0,
    '=': (order) => order === 0,
    '!=': (order) => order !== 0,
  };
  return constraint.every(({ operator, version: bound }) => holds[operator](compareVersions(version, bound)));
}
