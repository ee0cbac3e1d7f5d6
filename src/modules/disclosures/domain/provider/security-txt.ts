/**
 * `/.well-known/security.txt` (RFC 9116) with the `CSAF:` field that points CSAF downloaders at the
 * provider metadata (CSAF 2.0 §7.1.8).
 */
export function formatSecurityTxt(input: {
  contact: string;
  canonicalUrl: string;
  providerMetadataUrl: string;
  now: Date;
}): string {
  // RFC 9116 §2.5.5 recommends an Expires less than a year ahead: 364 days.
  const expires = new Date(input.now.getTime() + 364 * 86_400_000);
  expires.setUTCMilliseconds(0);
  return [
    `Contact: ${input.contact}`,
    `Expires: ${expires.toISOString().replace('.000Z', 'Z')}`,
    `Canonical: ${input.canonicalUrl}`,
    'Preferred-Languages: en',
    `CSAF: ${input.providerMetadataUrl}`,
    '',
  ].join('\n');
}
