/**
 * CISA Known Exploited Vulnerabilities catalogue (known_exploited_vulnerabilities.json and its published
 * schema, cisagov/kev-data; docs/matching.md recommendation 5: join KEV by CVE alias at read time).
 */
import type { KevEntry } from '../advisory-model.ts';
import { type FeedWarnings, invalid, isObject, requireObject, text } from './feed-json.ts';

/**
 * Reads the catalogue `{catalogVersion, dateReleased, count, vulnerabilities: [...]}`. An entry
 * without a `cveID` of the schema's form (`CVE-YYYY-NNNN…`) or without `dateAdded` is skipped with a
 * warning; a missing `dueDate` is null; `knownRansomwareCampaignUse` other than `Known` is `Unknown`
 * (the schema's two values). Other text fields default to `''`.
 *
 * @throws DomainError('invalid') when `json` has no `vulnerabilities` array or no `catalogVersion`
 *   (an NVD page also has `vulnerabilities`).
 */
export function parseKev(json: unknown, warnings: FeedWarnings = []): KevEntry[] {
  const catalog = requireObject(json, '$', 'the CISA KEV catalogue object');
  if (!text(catalog.catalogVersion)) invalid('$.catalogVersion', 'the KEV catalogue version');
  if (!Array.isArray(catalog.vulnerabilities)) invalid('$.vulnerabilities', 'the KEV entry array');
  return catalog.vulnerabilities.flatMap((item, index) => {
    const cveId = isObject(item) ? text(item.cveID) : null;
    const dateAdded = isObject(item) ? text(item.dateAdded) : null;
    if (!isObject(item) || !cveId || !/^CVE-\d{4}-\d{4,19}$/.test(cveId) || !dateAdded) {
      warnings.push(`$.vulnerabilities[${index}]: no valid cveID or dateAdded; skipped`);
      return [];
    }
    return [
      {
        cveId,
        vendorProject: text(item.vendorProject) ?? '',
        product: text(item.product) ?? '',
        vulnerabilityName: text(item.vulnerabilityName) ?? '',
        dateAdded,
        dueDate: text(item.dueDate),
        requiredAction: text(item.requiredAction) ?? '',
        knownRansomwareCampaignUse: item.knownRansomwareCampaignUse === 'Known' ? 'Known' : 'Unknown',
      },
    ];
  });
}
