/**
 * RubyGems version ordering, a port of rubygems lib/rubygems/version.rb (`Gem::Version#<=>`,
 * `canonical_segments`): `-` means `.pre.`, segments are digit runs (numbers) and letter runs
 * (strings); trailing zeros of the numeric part and of the string part are dropped; a string segment
 * sorts before a number (`1.0.a < 1.0`), strings compare byte-wise.
 */
import { compareDigits, compareStrings, invalidVersion } from './version-parts.ts';

// Gem::Version::ANCHORED_VERSION_PATTERN (an empty string means "0").
const pattern = /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*$/;

type Segment = { numeric: true; digits: string } | { numeric: false; text: string };

function dropTrailingZeros(segments: Segment[]): Segment[] {
  let end = segments.length;
  while (end > 0) {
    const last = segments[end - 1];
    if (!last?.numeric || !/^0+$/.test(last.digits)) break;
    end--;
  }
  return segments.slice(0, end);
}

function canonicalSegments(version: string): Segment[] | null {
  if (!pattern.test(version)) return null;
  const text = version.trim() === '' ? '0' : version.trim().replaceAll('-', '.pre.');
  const segments: Segment[] = (text.match(/[0-9]+|[a-z]+/gi) ?? []).map((s) =>
    /^\d/.test(s) ? { numeric: true, digits: s } : { numeric: false, text: s },
  );
  const firstString = segments.findIndex((s) => !s.numeric);
  if (firstString < 0) return dropTrailingZeros(segments);
  return [
    ...dropTrailingZeros(segments.slice(0, firstString)),
    ...dropTrailingZeros(segments.slice(firstString)),
  ];
}

/** True when `Gem::Version.correct?(version)`. */
export function isRubyGemsVersion(version: string): boolean {
  return pattern.test(version);
}

/**
 * `Gem::Version#<=>` of `a` and `b`.
 *
 * @throws DomainError `invalid` when either string is not a gem version.
 */
export function compareRubyGems(a: string, b: string): number {
  const x = canonicalSegments(a);
  if (!x) throw invalidVersion('RubyGems', a);
  const y = canonicalSegments(b);
  if (!y) throw invalidVersion('RubyGems', b);
  const zero: Segment = { numeric: true, digits: '0' };
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const l = x[i] ?? zero;
    const r = y[i] ?? zero;
    if (l.numeric && r.numeric) {
      const diff = compareDigits(l.digits, r.digits);
      if (diff !== 0) return diff;
    } else if (!l.numeric && !r.numeric) {
      const diff = compareStrings(l.text, r.text);
      if (diff !== 0) return diff;
    } else {
      return l.numeric ? 1 : -1;
    }
  }
  return 0;
}
