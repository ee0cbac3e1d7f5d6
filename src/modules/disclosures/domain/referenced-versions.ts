import type { DisclosureContent } from '../disclosures.contracts.ts';

/** Every product version the structured content refers to: statuses, remediations and fixed versions. */
export function referencedVersionIds(content: DisclosureContent): string[] {
  const ids = new Set<string>();
  for (const v of content.vulnerabilities) for (const s of v.productStatus) ids.add(s.productVersionId);
  for (const r of content.remediations) {
    for (const id of r.productVersionIds) ids.add(id);
    if (r.fixedVersionId) ids.add(r.fixedVersionId);
  }
  return [...ids];
}

/** The CVE ids a record names, in order of first mention. */
export function cvesOf(content: DisclosureContent): string[] {
  return [...new Set(content.vulnerabilities.flatMap((v) => (v.cve ? [v.cve] : [])))];
}
