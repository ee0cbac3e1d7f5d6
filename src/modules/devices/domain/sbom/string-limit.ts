import type { SbomIssue } from './sbom-model.ts';

/** Default for `maxStringLength`: 1 MiB (in UTF-16 code units, which is what JavaScript measures). */
export const defaultMaxStringLength = 1024 * 1024;

export type PathFormatter = (segments: readonly (string | number)[]) => string;

/** RFC 6901 JSON pointer. */
export const jsonPointer: PathFormatter = (segments) =>
  segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** XPath-like path over a fast-xml-parser tree: `/bom/components/component[4]/@bom-ref` (1-based). */
export const xmlPath: PathFormatter = (segments) => {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment + 1}]`;
    else if (segment === '#text') continue;
    else out += `/${segment.startsWith('@_') ? `@${segment.slice(2)}` : segment}`;
  }
  return out;
};

interface Frame {
  node: Record<string, unknown> | unknown[];
  parent: Frame | null;
  key: string | number;
}

function segmentsOf(frame: Frame, key: string | number): (string | number)[] {
  const segments: (string | number)[] = [key];
  for (let at: Frame | null = frame; at?.parent; at = at.parent) segments.push(at.key);
  return segments.reverse();
}

/**
 * False when no string of a JSON text, value or key, can be longer than `maxLength`, so that the walk
 * of its parsed document (`dropOversizedStrings`) can be skipped: a 10,000-component SBOM is over the
 * default limit as a whole, though none of its strings come near it. A string is never longer than its
 * source between its quotes; without an escaped quote (`\"`) that source holds no quote, and a run of
 * more than `maxLength` characters without a quote would contain a whole block of half that length:
 * one `indexOf` per block shows there is none.
 */
export function jsonMayHoldLongerString(text: string, maxLength: number): boolean {
  if (text.length <= maxLength) return false;
  if (text.includes('\\"')) return true;
  const block = Math.floor((maxLength + 1) / 2);
  if (block < 1) return true;
  for (let start = 0; start + block <= text.length; start += block) {
    const quote = text.indexOf('"', start);
    if (quote === -1 || quote >= start + block) return true;
  }
  return false;
}

/**
 * Enforces `maxStringLength` on a parsed document: every string value (or object key) longer than the
 * limit is removed — object entries are deleted, array items become null — with one warning naming
 * its path. Readers then see the field as absent, so a dropped name skips that component, a dropped
 * ref is replaced by a generated one, and a dropped `bomFormat`/`spdxVersion` makes the document
 * unrecognisable (refused as 'invalid'). Iterative (explicit stack): deep nesting cannot overflow the
 * call stack. Skipped entirely when the whole text is within the limit. Never throws.
 */
export function dropOversizedStrings(
  root: unknown,
  textLength: number,
  maxLength: number,
  formatPath: PathFormatter,
  warnings: SbomIssue[],
): void {
  if (textLength <= maxLength || root === null || typeof root !== 'object') return;
  const stack: Frame[] = [{ node: root as Frame['node'], parent: null, key: '' }];
  const report = (frame: Frame, key: string | number, length: number) =>
    warnings.push({
      path: formatPath(segmentsOf(frame, key)),
      message: `value of ${length} characters exceeds the ${maxLength}-character limit; dropped`,
    });
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { node } = frame;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const value = node[i];
        if (typeof value === 'string') {
          if (value.length > maxLength) {
            report(frame, i, value.length);
            node[i] = null;
          }
        } else if (value !== null && typeof value === 'object') {
          stack.push({ node: value as Frame['node'], parent: frame, key: i });
        }
      }
      continue;
    }
    // for…in over JSON.parse/fast-xml-parser output (plain objects, no inherited keys): cheaper than Object.keys.
    for (const key in node) {
      const value = node[key];
      if (typeof value === 'string') {
        if (value.length > maxLength || key.length > maxLength) {
          report(
            frame,
            key.length > maxLength ? `${key.slice(0, 40)}…` : key,
            Math.max(value.length, key.length),
          );
          delete node[key];
        }
      } else if (key.length > maxLength) {
        report(frame, `${key.slice(0, 40)}…`, key.length);
        delete node[key];
      } else if (value !== null && typeof value === 'object') {
        stack.push({ node: value as Frame['node'], parent: frame, key });
      }
    }
  }
}
