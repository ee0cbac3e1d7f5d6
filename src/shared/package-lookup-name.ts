/**
 * The name under which a package is looked up for matching, shared by the components the devices
 * module stores (`devices_components.purl_name`, the portfolio index) and the advisory keys of the
 * vulnerabilities module (`vulnerabilities_advisory_keys.name`): both sides must agree exactly.
 *
 * Coarse on purpose, so that finding candidates is one indexed lookup; the matcher decides with the
 * full name. It is the last segment of the name, lower-cased (`github.com/foo/bar` → bar, `g:a` → a,
 * `@s/n` → n), with two exceptions:
 * - Go modules of major version 2 and above end in `/vN` (go.dev/ref/mod#major-version-suffixes):
 *   `github.com/foo/bar/v2` → `bar/v2`, not `v2`, which every such module would share.
 * - PyPI names compare after PEP 503 normalisation (runs of `-`, `_`, `.` are one `-`).
 */
export function packageLookupName(purlType: string, name: string): string {
  const last = Math.max(name.lastIndexOf('/'), name.lastIndexOf(':'));
  let start = last + 1;
  if (purlType === 'golang' && last > 0 && isGoMajorSuffix(name, start)) {
    const previous = name.lastIndexOf('/', last - 1) + 1;
    if (previous < last) start = previous;
  }
  const lookup = (start === 0 ? name : name.slice(start)).toLowerCase();
  return purlType === 'pypi' ? lookup.replace(/[-_.]+/g, '-') : lookup;
}

/** `v2`, `v3`, … from `start` to the end of `name` (Go's major version suffixes: v0 and v1 never appear). */
function isGoMajorSuffix(name: string, start: number): boolean {
  if (name.charCodeAt(start) !== 118 || name.length - start < 2) return false;
  for (let i = start + 1; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
