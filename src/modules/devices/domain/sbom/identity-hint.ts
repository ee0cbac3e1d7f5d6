import type { SbomComponent } from './sbom-model.ts';

export type IdentityHint = NonNullable<SbomComponent['identityHint']>;

/**
 * Vendors for a few well-known embedded libraries, spelt as in NVD CPE names. Only exact product
 * matches get a vendor; everything else gets vendor null. The hint is never an identifier.
 */
const knownVendors: ReadonlyMap<string, { vendor: string; product?: string }> = new Map([
  ['openssl', { vendor: 'openssl' }],
  ['zlib', { vendor: 'zlib' }],
  ['curl', { vendor: 'haxx' }],
  ['libcurl', { vendor: 'haxx' }],
  ['sqlite', { vendor: 'sqlite' }],
  ['busybox', { vendor: 'busybox' }],
  ['wolfssl', { vendor: 'wolfssl' }],
  ['mbedtls', { vendor: 'arm', product: 'mbed_tls' }],
  ['libxml2', { vendor: 'xmlsoft' }],
  ['glibc', { vendor: 'gnu' }],
  ['gnutls', { vendor: 'gnu' }],
  ['freertos', { vendor: 'amazon' }],
]);

/**
 * Guesses a CPE-style {vendor, product} from a component name alone, for components that have neither
 * purl nor CPE (hand-written SPDX: "OpenSSL", "zlib", "OpenBLAS"): lower-cased, runs of white space
 * turned into `_`. Always flagged `confidence: 'low'`; returns null for an empty name. Never throws.
 */
export function guessIdentityHint(name: string): IdentityHint | null {
  let product = '';
  let pendingSpace = false;
  for (const character of name.trim().toLowerCase()) {
    if (character === ' ' || character === '\t' || character === '\n' || character === '\r') {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace && product !== '') product += '_';
    pendingSpace = false;
    product += character;
  }
  if (product === '') return null;
  const known = knownVendors.get(product);
  return { vendor: known?.vendor ?? null, product: known?.product ?? product, confidence: 'low' };
}
