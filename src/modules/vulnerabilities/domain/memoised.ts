/**
 * A pure function of one string that remembers its last few thousand answers. Matching reads the same
 * strings over and over (an advisory's versions and CPE criteria against every version of a package in
 * an SBOM), and parsing them is most of each comparison. The functions memoised are pure and their
 * results are never mutated. Bounded (it starts over when full), so that hostile input cannot grow it.
 */
export function memoised<T>(parse: (text: string) => T, limit = 10_000): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    const known = memo.get(text);
    if (known !== undefined || memo.has(text)) return known as T;
    // A string cut from a large document (an XML SBOM) may be a view into all of it: what is kept,
    // key and answer, is read from a copy, so that no document outlives its scan in here.
    const copy = Buffer.from(text, 'utf16le').toString('utf16le');
    const parsed = parse(copy);
    if (memo.size >= limit) memo.clear();
    memo.set(copy, parsed);
    return parsed;
  };
}
