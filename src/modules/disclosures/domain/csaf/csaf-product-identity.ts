import { PackageURL } from 'packageurl-js';
import type { CsafGenericUri, CsafProductIdentificationHelper } from './csaf-types.ts';

/** What identifies one product (or product version) of the registry to machines. */
export interface ProductIdentity {
  publisherSlug: string;
  productSlug: string;
  /** null: the product as a whole (a product named without a version). */
  versionLabel: string | null;
  modelNumbers: string[];
  udiDi: string | null;
  sbomUrl: string | null;
}

/**
 * The product_identification_helper of a product (CSAF 2.0 §3.1.3.3), always present so that optional
 * test 6.2.16 never warns and hospitals can match the advisory against their inventories: a purl and a CPE
 * built from the registry's slugs, the model numbers, the SBOM URL and the UDI-DI.
 */
export function productIdentificationHelper(identity: ProductIdentity): CsafProductIdentificationHelper {
  const modelNumbers = [...new Set(identity.modelNumbers.map((m) => m.trim()).filter((m) => m !== ''))];
  const udiDi = identity.udiDi?.trim() || null;
  const gs1Uri = udiDi ? gs1DigitalLink(udiDi) : null;
  return {
    cpe: productCpe(identity.publisherSlug, identity.productSlug, identity.versionLabel),
    ...(modelNumbers.length > 0 ? { model_numbers: modelNumbers } : {}),
    purl: productPurl(identity.publisherSlug, identity.productSlug, identity.versionLabel),
    ...(identity.sbomUrl ? { sbom_urls: [identity.sbomUrl] } : {}),
    // The UDI-DI (IMDRF UDI guidance; EU MDR Art. 27, FDA 21 CFR 830) identifies a device model as it is
    // ordered and labelled, which is what CSAF's `skus` carry; it goes there verbatim so that anyone holding
    // the DI from the label or GUDID/EUDAMED can match on the text. CSAF 2.0 has no UDI field, so a GS1 DI
    // (a GTIN, the most common issuing agency) is also given as its GS1 Digital Link URI, the standard's own
    // resolvable form; HIBCC and ICCBBA DIs have no URI form and stay in `skus` only.
    ...(udiDi ? { skus: [udiDi] } : {}),
    ...(gs1Uri ? { x_generic_uris: [gs1Uri] } : {}),
  };
}

/** `pkg:generic/<publisher>/<product>[@<version>]`, encoded by packageurl-js (purl-spec). */
export function productPurl(publisherSlug: string, productSlug: string, versionLabel: string | null): string {
  return new PackageURL(
    'generic',
    publisherSlug,
    productSlug,
    versionLabel === null || versionLabel.trim() === '' ? undefined : versionLabel.trim(),
    undefined,
    undefined,
  ).toString();
}

/**
 * `cpe:2.3:h:<publisher>:<product>:<version>:*:*:*:*:*:*:*` (part `h`: a medical device is hardware with its
 * firmware). A product without a version gets version ANY (`*`): the statement covers every version.
 */
export function productCpe(publisherSlug: string, productSlug: string, versionLabel: string | null): string {
  const version = versionLabel === null || versionLabel.trim() === '' ? '*' : cpeFormattedValue(versionLabel);
  return `cpe:2.3:h:${cpeFormattedValue(publisherSlug)}:${cpeFormattedValue(productSlug)}:${version}:*:*:*:*:*:*:*`;
}

// CPE 2.3 formatted string binding (NISTIR 7695 §6.2): letters, digits, `_`, `-` and `.` stand for
// themselves; every other printable ASCII character is quoted with a backslash (an unquoted `*` or `?` would
// be a wildcard).
const cpeQuoted = new Set('\\*?!"#$%&\'()+,/:;<=>@[]^`{|}~');

/**
 * A value as a CPE 2.3 formatted-string attribute: lower case (CPE matching ignores case, dictionaries use
 * lower case), whitespace runs as `_` (the CPE dictionary's convention; WFN values hold no whitespace),
 * punctuation quoted, and characters outside printable ASCII, which CPE cannot carry, as `_`.
 */
export function cpeFormattedValue(value: string): string {
  const normalised = value.trim().toLowerCase().replace(/\s+/g, '_');
  let out = '';
  for (const char of normalised) {
    if (/^[a-z0-9._-]$/.test(char)) out += char;
    else if (cpeQuoted.has(char)) out += `\\${char}`;
    else out += '_';
  }
  // A lone `-` means NA (not applicable) in a formatted string; an empty value would break the binding.
  return out === '' || out === '-' ? '*' : out;
}

/**
 * The GS1 Digital Link URI of a UDI-DI that is a GTIN (8, 12, 13 or 14 digits with a valid GS1 check
 * digit), padded to GTIN-14 as application identifier 01 requires; null for any other DI.
 */
export function gs1DigitalLink(udiDi: string): CsafGenericUri | null {
  if (!/^(\d{8}|\d{12,14})$/.test(udiDi) || !hasValidGs1CheckDigit(udiDi)) return null;
  return {
    namespace: 'https://www.gs1.org/standards/gs1-digital-link',
    uri: `https://id.gs1.org/01/${udiDi.padStart(14, '0')}`,
  };
}

/** GS1 General Specifications §7.9.1: weights 3,1,3,… from the right, excluding the check digit. */
function hasValidGs1CheckDigit(digits: string): boolean {
  const body = digits.slice(0, -1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1));
}
