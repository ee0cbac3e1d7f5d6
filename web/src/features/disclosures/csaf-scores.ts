/** A CVSS score as a CSAF document carries it (the server computed it from the vector). */
export interface CsafScore {
  baseScore: number;
  baseSeverity: string;
}

/**
 * The CVSS v3 scores of a CSAF 2.0 document by vector string (`vulnerabilities[].scores[].cvss_v3`),
 * so the page can show the number beside the vector without computing it in the browser.
 */
export function scoresOf(document: unknown): Map<string, CsafScore> {
  const scores = new Map<string, CsafScore>();
  const vulnerabilities = (document as { vulnerabilities?: unknown } | null)?.vulnerabilities;
  if (!Array.isArray(vulnerabilities)) return scores;
  for (const vulnerability of vulnerabilities) {
    const list = (vulnerability as { scores?: unknown } | null)?.scores;
    if (!Array.isArray(list)) continue;
    for (const score of list) {
      const cvss = (score as { cvss_v3?: unknown } | null)?.cvss_v3 as
        | { vectorString?: unknown; baseScore?: unknown; baseSeverity?: unknown }
        | undefined;
      if (
        cvss &&
        typeof cvss.vectorString === 'string' &&
        typeof cvss.baseScore === 'number' &&
        typeof cvss.baseSeverity === 'string'
      ) {
        scores.set(cvss.vectorString, { baseScore: cvss.baseScore, baseSeverity: cvss.baseSeverity });
      }
    }
  }
  return scores;
}
