/**
 * Where the CSAF trusted provider serves what (CSAF 2.0 §7.1): one folder per TLP label under
 * `/.well-known/csaf/`, year folders inside, §5.1 file names. Pure: URLs are built from the base URL.
 */

/** TLP labels as CSAF 2.0 writes them; TLP 2.0's CLEAR is written WHITE. */
export const csafTlpLabels = ['WHITE', 'GREEN', 'AMBER'] as const;
export type CsafTlpLabel = (typeof csafTlpLabels)[number];

export const wellKnownCsafPath = '/.well-known/csaf';

export function tlpFolder(tlp: CsafTlpLabel): string {
  return tlp.toLowerCase();
}

/** The ROLIE feed's file name in its TLP folder: `csaf-feed-tlp-white.json`. */
export function feedFileName(tlp: CsafTlpLabel): string {
  return `csaf-feed-tlp-${tlpFolder(tlp)}.json`;
}

/**
 * CSAF 2.0 §5.1: the tracking id in lower case, every run of characters other than a-z, 0-9, `+` and `-`
 * replaced by one underscore, then `.json`.
 */
export function csafFileName(trackingId: string): string {
  return `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json`;
}

/** A §5.1 file name (what csafFileName can produce). */
export const csafFileNamePattern = /^[+\-a-z0-9_]+\.json$/;

/** CSAF 2.0 §7.1.11: `<YYYY of initial_release_date, UTC>/<file name>`, relative to the TLP folder. */
export function csafDocumentPath(initialReleaseAt: Date, fileName: string): string {
  return `${initialReleaseAt.getUTCFullYear()}/${fileName}`;
}

/** The files served for each document: the JSON and, next to it, its hashes and signature (§7.1.18–19). */
export const documentFileSuffixes = ['', '.sha256', '.sha512', '.asc'] as const;
export type DocumentFileSuffix = (typeof documentFileSuffixes)[number];

/** A request for one file in a year folder, split into the document's path and the file kind. */
export function parseDocumentFileName(
  year: string,
  file: string,
): { path: string; suffix: DocumentFileSuffix } | null {
  if (!/^\d{4}$/.test(year)) return null;
  const match = /^(.+\.json)(\.sha256|\.sha512|\.asc)?$/.exec(file);
  const name = match?.[1];
  if (!name || !csafFileNamePattern.test(name)) return null;
  return { path: `${year}/${name}`, suffix: (match[2] ?? '') as DocumentFileSuffix };
}

/** The absolute URLs of the provider, from the installation's public base URL. */
export function providerUrls(publicUrl: string) {
  const base = `${publicUrl.replace(/\/+$/, '')}${wellKnownCsafPath}`;
  return {
    base,
    providerMetadata: `${base}/provider-metadata.json`,
    serviceDocument: `${base}/service.json`,
    securityTxt: `${publicUrl.replace(/\/+$/, '')}/.well-known/security.txt`,
    folder: (tlp: CsafTlpLabel) => `${base}/${tlpFolder(tlp)}/`,
    feed: (tlp: CsafTlpLabel) => `${base}/${tlpFolder(tlp)}/${feedFileName(tlp)}`,
    document: (tlp: CsafTlpLabel, path: string) => `${base}/${tlpFolder(tlp)}/${path}`,
    openPgpKey: (fingerprint: string) => `${base}/openpgp/${fingerprint}.asc`,
  };
}
export type ProviderUrls = ReturnType<typeof providerUrls>;

/** The customer channel's route to a publisher's SBOM: what `sbom_urls` of its CSAF documents name. */
export const customerSbomRoute = '/api/v1/customer-channel/:publisherId/sboms/:sbomId';

/** The URL of one SBOM on the customer channel (`customerSbomRoute`). */
export function customerSbomUrl(publicUrl: string, publisherId: string, sbomId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/v1/customer-channel/${publisherId}/sboms/${sbomId}`;
}
