/**
 * `vers` version range specifiers (package-url/vers-spec: `vers:<scheme>/<constraint>|<constraint>…`),
 * as CSAF asks `product_version_range` branches to be written (CSAF 2.0 §3.2.2.1.13, test 6.2.18),
 * read into intervals without ordering the versions. Pure.
 */

export interface VersBound {
  version: string;
  inclusive: boolean;
}

/** One contiguous interval; a null bound is open (`*`, or no constraint on that side). */
export interface VersInterval {
  lower: VersBound | null;
  upper: VersBound | null;
}

export interface VersRange {
  /** The versioning scheme, lower case (`npm`, `semver`, `generic`, `deb`, …). */
  scheme: string;
  intervals: VersInterval[];
  /** `=` constraints (single versions). */
  equals: string[];
  /** `!=` constraints: versions excluded from the intervals. */
  excluded: string[];
}

const comparators = ['>=', '<=', '!=', '<', '>', '='] as const;
type Comparator = (typeof comparators)[number];

function decode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * Parses a vers string. The constraints must be in the spec's order (sorted by version, so each
 * lower bound is followed by its upper bound); this reader pairs them as given and never compares
 * versions. Returns a string saying what is wrong instead of throwing.
 */
export function parseVers(raw: string): VersRange | string {
  const compact = raw.replace(/\s+/g, '');
  const match = /^vers:([a-z0-9.+-]+)\/(.+)$/i.exec(compact);
  if (!match) return `'${raw}' is not a vers range (vers:<scheme>/<constraints>)`;
  const scheme = (match[1] as string).toLowerCase();
  const body = match[2] as string;
  const range: VersRange = { scheme, intervals: [], equals: [], excluded: [] };
  if (body === '*') {
    range.intervals.push({ lower: null, upper: null });
    return range;
  }
  let pendingLower: VersBound | null = null;
  for (const constraint of body.split('|')) {
    const comparator: Comparator = comparators.find((c) => constraint.startsWith(c)) ?? '=';
    const text = constraint.startsWith(comparator) ? constraint.slice(comparator.length) : constraint;
    const version = decode(text);
    if (!version || version === '*') return `'${raw}': constraint '${constraint}' has no version`;
    if (comparator === '=') range.equals.push(version);
    else if (comparator === '!=') range.excluded.push(version);
    else if (comparator === '>' || comparator === '>=') {
      if (pendingLower) return `'${raw}': two lower bounds in a row`;
      pendingLower = { version, inclusive: comparator === '>=' };
    } else {
      range.intervals.push({ lower: pendingLower, upper: { version, inclusive: comparator === '<=' } });
      pendingLower = null;
    }
  }
  if (pendingLower) range.intervals.push({ lower: pendingLower, upper: null });
  if (range.intervals.length === 0 && range.equals.length === 0)
    return `'${raw}': no version is inside this range`;
  return range;
}
