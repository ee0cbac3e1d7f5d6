import { canonicalJson } from '../../../../shared/canonical-json.ts';

/**
 * The document as published: keys sorted alphabetically at every level (§5.3, optional test 6.2.13),
 * two-space indentation and a final newline, so the bytes — and so the hashes and signature — depend only
 * on the content.
 */
export function serializeCsaf(document: unknown): string {
  // canonicalJson sorts keys recursively; JSON.parse keeps that order for the non-numeric keys CSAF uses.
  return `${JSON.stringify(JSON.parse(canonicalJson(document)), null, 2)}\n`;
}
