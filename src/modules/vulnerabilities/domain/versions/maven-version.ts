/**
 * Maven version ordering: a port of Maven 3.8.7's org.apache.maven.artifact.versioning.ComparableVersion
 * (maven-artifact; checked against its bytecode and, differentially, against the class itself).
 * Versions become nested lists split at `.`, `-` and digit/letter transitions; qualifiers order
 * alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp < other strings
 * (alphabetically); trailing "null" items (0, "") are trimmed from each list.
 *
 * One deliberate divergence (see `compareMaven`): the POM reference's "Version Order Specification"
 * says `1-1 = 1-ga-1` (null items before a hyphen are trimmed), which osv-scanner's fixtures and OSV
 * follow, while ComparableVersion leaves an empty nesting level behind and says `1-ga-1 < 1-1`.
 */

/** Item kinds in ComparableVersion's cross-type order for numbers: int < long < BigInteger. */
type MavenItem =
  | { kind: 'number'; width: 0 | 1 | 2; digits: string }
  | { kind: 'string'; value: string }
  | { kind: 'list'; items: MavenItem[] };

const qualifiers = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const aliases: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const releaseIndex = '5';
// Java Character.isDigit is Unicode-aware; ASCII digits are what real Maven versions contain.
const isDigit = (c: string) => c >= '0' && c <= '9';

function numberItem(buffer: string): MavenItem {
  // stripLeadingZeroes keeps an all-zero buffer as it is ("0000000000" becomes a LongItem).
  const stripped = /^0+$/.test(buffer) ? buffer : buffer.replace(/^0+/, '');
  // MAX_INTITEM_LENGTH = 9, MAX_LONGITEM_LENGTH = 18: the width decides cross-type order.
  const width = stripped.length <= 9 ? 0 : stripped.length <= 18 ? 1 : 2;
  return { kind: 'number', width, digits: stripped.replace(/^0+(?=.)/, '') };
}

function stringItem(text: string, followedByDigit: boolean): MavenItem {
  let value = text;
  if (followedByDigit && value.length === 1) {
    // a1 = alpha-1, b1 = beta-1, m1 = milestone-1
    value = { a: 'alpha', b: 'beta', m: 'milestone' }[value] ?? value;
  }
  return { kind: 'string', value: aliases[value] ?? value };
}

function parseItem(isNumber: boolean, buffer: string): MavenItem {
  return isNumber ? numberItem(buffer) : stringItem(buffer, false);
}

function comparableQualifier(value: string): string {
  const index = qualifiers.indexOf(value);
  return index === -1 ? `${qualifiers.length}-${value}` : String(index);
}

function isNull(item: MavenItem): boolean {
  if (item.kind === 'number') return /^0+$/.test(item.digits);
  if (item.kind === 'string') return comparableQualifier(item.value) === releaseIndex;
  return item.items.length === 0;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return compareText(a, b);
}

/** `Item.compareTo(Item)`; `null` stands for "the other list is shorter". */
function compareItems(left: MavenItem, right: MavenItem | null): number {
  if (left.kind === 'number') {
    if (right === null) return isNull(left) ? 0 : 1;
    if (right.kind !== 'number') return 1; // 1.1 > 1-sp, 1.1 > 1-1
    if (left.width !== right.width) return left.width < right.width ? -1 : 1;
    return compareNumbers(left.digits, right.digits);
  }
  if (left.kind === 'string') {
    // 1-rc < 1, 1-ga = 1, 1-sp > 1
    if (right === null) return Math.sign(compareText(comparableQualifier(left.value), releaseIndex));
    if (right.kind !== 'string') return -1; // 1.any < 1.1, 1.any < 1-1
    return Math.sign(compareText(comparableQualifier(left.value), comparableQualifier(right.value)));
  }
  if (right === null) {
    // MNG-6964: compare every item with null, not just the first.
    for (const item of left.items) {
      const result = compareItems(item, null);
      if (result !== 0) return result;
    }
    return 0;
  }
  if (right.kind === 'number') return -1; // 1-1 < 1.0.x
  if (right.kind === 'string') return 1; // 1-1 > 1-sp
  const length = Math.max(left.items.length, right.items.length);
  for (let i = 0; i < length; i++) {
    const l = left.items[i];
    const r = right.items[i] ?? null;
    const result = l === undefined ? (r === null ? 0 : -compareItems(r, null)) : compareItems(l, r);
    if (result !== 0) return result;
  }
  return 0;
}

/** `ListItem.normalize()`: drop null items at the end, looking through trailing sub-lists. */
function normalize(list: MavenItem[], collapseEmptyLevel: boolean, nested: boolean): boolean {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i];
    if (item === undefined) continue;
    if (isNull(item)) list.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
  const only = list[0];
  // Spec alignment: "1-ga-1" left [[1]] behind; the specification trims it to "1-1", i.e. [1].
  if (!(nested && list.length === 1 && only?.kind === 'list')) return false;
  if (collapseEmptyLevel) list.splice(0, 1, ...only.items);
  return true;
}

/** `ComparableVersion.parseVersion` of Maven 3.8.7. */
function parseMaven(
  version: string,
  collapseEmptyLevel: boolean,
): { items: MavenItem[]; collapsed: boolean } {
  const text = version.toLowerCase();
  const root: MavenItem[] = [];
  let list = root;
  const stack: MavenItem[][] = [root];
  const openList = () => {
    const child: MavenItem[] = [];
    list.push({ kind: 'list', items: child });
    list = child;
    stack.push(child);
  };
  let isNumber = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '.' || c === '-') {
      list.push(i === start ? numberItem('0') : parseItem(isNumber, text.slice(start, i)));
      start = i + 1;
      if (c === '-') openList();
    } else if (isDigit(c)) {
      if (!isNumber && i > start) {
        // 1.0.0.X1 < 1.0.0-X2: a qualifier after a non-empty list opens its own level.
        if (list.length > 0) openList();
        list.push(stringItem(text.slice(start, i), true));
        start = i;
        openList();
      }
      isNumber = true;
    } else {
      if (isNumber && i > start) {
        list.push(parseItem(true, text.slice(start, i)));
        start = i;
        openList();
      }
      isNumber = false;
    }
  }
  if (text.length > start) {
    // Treat ".X" as "-X" for any string qualifier X.
    if (!isNumber && list.length > 0) openList();
    list.push(parseItem(isNumber, text.slice(start)));
  }
  let collapsed = false;
  for (let i = stack.length - 1; i >= 0; i--) {
    collapsed = normalize(stack[i] ?? [], collapseEmptyLevel, i > 0) || collapsed;
  }
  return { items: root, collapsed };
}

/**
 * True when `version` has a level that only null items opened (`1-ga-1`, `1-0-1`, `1--1`, `1-ga1`):
 * the only versions on which `compareMaven` and ComparableVersion 3.8.7 can disagree.
 */
export function hasNullOnlyMavenLevel(version: string): boolean {
  return parseMaven(version, false).collapsed;
}

/** Every string is a Maven version; only the empty string is refused here. */
export function isMavenVersion(version: string): boolean {
  return version.trim() !== '';
}

/**
 * Maven 3.8.7 `ComparableVersion.compareTo`, exactly (the differential oracle's semantics).
 */
export function compareMavenComparableVersion(a: string, b: string): number {
  return compareItems(
    { kind: 'list', items: parseMaven(a, false).items },
    { kind: 'list', items: parseMaven(b, false).items },
  );
}

/**
 * Maven ordering used for matching: ComparableVersion 3.8.7, except that a nesting level left empty
 * by trimmed null items is collapsed, as the POM "Version Order Specification" requires
 * (`1-ga-1 = 1-0-1 = 1--1 = 1-1`; ComparableVersion says they are all < `1-1`).
 */
export function compareMaven(a: string, b: string): number {
  return compareItems(
    { kind: 'list', items: parseMaven(a, true).items },
    { kind: 'list', items: parseMaven(b, true).items },
  );
}
