/**
 * CPE names: validation of CPE 2.3 formatted strings, conversion of CPE 2.2 URIs, and unbinding into the
 * 11 attributes used by NISTIR 7696 name matching. Rules come from NISTIR 7695 (CPE 2.3 Naming): §6.1
 * (URI binding), §6.2 (formatted string binding); the accepted character set follows the NVD CPE 2.3
 * schema pattern (unquoted `a-z 0-9 . - _`, everything else quoted with `\`). Hand-written scanners
 * only: no regex runs on user input, so there is no backtracking.
 */

export const cpeAttributeNames = [
  'part',
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'swEdition',
  'targetSoftware',
  'targetHardware',
  'other',
] as const;
export type CpeAttributeName = (typeof cpeAttributeNames)[number];

/**
 * The 11 attributes of a CPE 2.3 name. `*` is ANY and `-` is NA (NISTIR 7695 §5.3.1); other values are
 * unescaped, except that a quoted `\*` or `\?` stays quoted so it cannot be mistaken for a wildcard, and
 * unquoted `*`/`?` at either end are wildcards (§5.3.2).
 */
export type CpeAttributes = Record<CpeAttributeName, string>;

export interface CpeNormalisation {
  cpe: string | null;
  warnings: string[];
}

const prefix23 = 'cpe:2.3:';
const prefix22 = 'cpe:/';

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/** Printable ASCII punctuation that may follow `\` (NISTIR 7695 §5.3.2 "quoted"). */
function isPunctuation(code: number): boolean {
  return code > 32 && code < 127 && !isAlphanumeric(code);
}

/** Splits on unquoted `:`; returns null on a dangling `\`. */
function splitFormattedString(body: string): string[] | null {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const character = body[i] as string;
    if (character === '\\') {
      const next = body[i + 1];
      if (next === undefined) return null;
      current += character + next;
      i++;
    } else if (character === ':') {
      parts.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  parts.push(current);
  return parts;
}

/** Checks one formatted-string attribute and returns its canonical (lower-case) form, or null. */
function canonicalAttribute(value: string): string | null {
  if (value === '*' || value === '-') return value;
  if (value === '') return null;
  let out = '';
  let i = 0;
  let end = value.length;
  // Leading wildcards: one `*` or a run of `?` (§5.3.2); the same at the end.
  if (value[0] === '*') {
    out += '*';
    i = 1;
  } else {
    while (value[i] === '?') out += value[i++];
  }
  let tail = '';
  if (end > i && value[end - 1] === '*' && value[end - 2] !== '\\') {
    tail = '*';
    end--;
  } else {
    while (end > i && value[end - 1] === '?' && value[end - 2] !== '\\') {
      tail += '?';
      end--;
    }
  }
  if (end <= i) return null;
  for (; i < end; i++) {
    const code = value.charCodeAt(i);
    if (code === 92) {
      const next = value.charCodeAt(i + 1);
      if (!isPunctuation(next) || i + 1 >= end) return null;
      const character = value[i + 1] as string;
      // `.`, `-` and `_` need no quoting in a formatted string (§6.2.2.1), so drop the backslash.
      out += character === '.' || character === '-' || character === '_' ? character : `\\${character}`;
      i++;
    } else if (isAlphanumeric(code) || code === 46 || code === 45 || code === 95) {
      out += value[i] as string;
    } else {
      return null;
    }
  }
  return (out + tail).toLowerCase();
}

/**
 * Validates a CPE 2.3 formatted string and returns its canonical lower-case form (CPE names compare
 * case-insensitively), or null when it is not one. Fewer than 11 attributes are padded with ANY by
 * {@link normaliseCpe}, not here.
 */
export function canonicalCpe23(cpe: string): string | null {
  if (isPlainCanonical(cpe)) return cpe;
  if (cpe.slice(0, prefix23.length).toLowerCase() !== prefix23) return null;
  const parts = splitFormattedString(cpe.slice(prefix23.length));
  if (parts === null || parts.length !== 11) return null;
  const canonical: string[] = [];
  for (const part of parts) {
    const value = canonicalAttribute(part);
    if (value === null) return null;
    canonical.push(value);
  }
  if (!['a', 'o', 'h', '*', '-'].includes(canonical[0] as string)) return null;
  return prefix23 + canonical.join(':');
}

/**
 * Fast path for the common case: lower-case, no quoting, single-character or plain attributes, exactly
 * 11 attributes, valid part. Anything unusual goes through the full check.
 */
function isPlainCanonical(cpe: string): boolean {
  if (!cpe.startsWith(prefix23)) return false;
  const part = cpe[prefix23.length];
  if ((part !== 'a' && part !== 'o' && part !== 'h') || cpe[prefix23.length + 1] !== ':') return false;
  let colons = 0;
  let attributeStart = prefix23.length + 2;
  let star = false; // a '*' in the current attribute (allowed only as the whole attribute)
  for (let i = attributeStart; i <= cpe.length; i++) {
    const code = i === cpe.length ? 58 : cpe.charCodeAt(i);
    if (code === 58) {
      const length = i - attributeStart;
      if (length === 0) return false;
      if (length > 1 && star) return false;
      colons++;
      attributeStart = i + 1;
      star = false;
    } else if (
      !(
        (code >= 48 && code <= 57) ||
        (code >= 97 && code <= 122) ||
        code === 46 ||
        code === 45 ||
        code === 95 ||
        code === 42
      )
    ) {
      return false;
    } else if (code === 42) {
      star = true;
    }
  }
  return colons === 10;
}

/**
 * Unbinds a CPE 2.3 formatted string into its 11 attributes (unescaped, see {@link CpeAttributes}).
 * Returns null when the string is not a valid formatted string; never throws.
 */
export function parseCpe23(cpe: string): CpeAttributes | null {
  const canonical = canonicalCpe23(cpe);
  if (canonical === null) return null;
  const parts = splitFormattedString(canonical.slice(prefix23.length)) as string[];
  const attributes = {} as CpeAttributes;
  cpeAttributeNames.forEach((name, index) => {
    attributes[name] = unquote(parts[index] as string);
  });
  return attributes;
}

function unquote(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const character = value[i] as string;
    const next = value[i + 1];
    if (character === '\\' && next !== undefined) {
      out += next === '*' || next === '?' ? character + next : next;
      i++;
    } else {
      out += character;
    }
  }
  return out;
}

/** Decodes one CPE 2.2 URI component into a formatted-string value (NISTIR 7695 §6.1.3.2 decode). */
function decodeUriComponent(component: string): string | null {
  if (component === '') return '*';
  if (component === '-') return '-';
  let out = '';
  for (let i = 0; i < component.length; i++) {
    const character = component[i] as string;
    const code = component.charCodeAt(i);
    if (isAlphanumeric(code) || character === '.' || character === '-' || character === '_') {
      out += character.toLowerCase();
      continue;
    }
    if (character !== '%') {
      if (!isPunctuation(code)) return null;
      out += `\\${character}`;
      continue;
    }
    const hex = component.slice(i + 1, i + 3);
    const byte = hex.length === 2 ? Number.parseInt(hex, 16) : Number.NaN;
    if (Number.isNaN(byte)) return null;
    i += 2;
    // %01 and %02 are the URI encodings of the `?` and `*` wildcards (§6.1.3.2).
    if (byte === 1) out += '?';
    else if (byte === 2) out += '*';
    else if (isAlphanumeric(byte) || byte === 46 || byte === 45 || byte === 95) {
      out += String.fromCharCode(byte).toLowerCase();
    } else if (isPunctuation(byte)) out += `\\${String.fromCharCode(byte)}`;
    else return null;
  }
  return canonicalAttribute(out);
}

/**
 * Converts a CPE 2.2 URI (`cpe:/a:vendor:product:1.0`) to a CPE 2.3 formatted string (NISTIR 7695
 * §6.1.3 unbind_uri, then §6.2.2 bind_to_fs): empty or missing components become ANY, a packed edition
 * (`~ed~sw_ed~t_sw~t_hw~other`) is unpacked. Returns null when the URI is malformed; never throws.
 */
export function convertCpe22UriToCpe23(uri: string): string | null {
  if (uri.slice(0, prefix22.length).toLowerCase() !== prefix22) return null;
  const components = uri.slice(prefix22.length).split(':');
  if (components.length > 7) return null;
  const [part = '', vendor = '', product = '', version = '', update = '', edition = '', language = ''] =
    components;
  const editionFields = edition.startsWith('~') ? edition.slice(1).split('~') : [edition];
  if (editionFields.length !== 1 && editionFields.length !== 5) return null;
  const [legacyEdition = '', swEdition = '', targetSoftware = '', targetHardware = '', other = ''] =
    editionFields;
  const raw = [part, vendor, product, version, update, legacyEdition, language];
  raw.push(swEdition, targetSoftware, targetHardware, other);
  const values: string[] = [];
  for (const component of raw) {
    const value = decodeUriComponent(component);
    if (value === null) return null;
    values.push(value);
  }
  return canonicalCpe23(prefix23 + values.join(':'));
}

/**
 * Normalises whatever an SBOM put in a CPE field: a CPE 2.3 formatted string (canonicalised; one with
 * fewer than 11 attributes is padded with ANY, with a warning) or a CPE 2.2 URI (converted, with a
 * warning). Anything else yields `{ cpe: null }` and a warning. Never throws.
 */
export function normaliseCpe(raw: string): CpeNormalisation {
  const text = raw.trim();
  if (text === '') return { cpe: null, warnings: [] };
  const lower = text.slice(0, prefix23.length).toLowerCase();
  if (lower.startsWith(prefix22)) {
    const converted = convertCpe22UriToCpe23(text);
    return converted === null
      ? { cpe: null, warnings: [`CPE 2.2 URI ${text} is not valid and was left out`] }
      : { cpe: converted, warnings: [`CPE 2.2 URI ${text} converted to CPE 2.3 ${converted}`] };
  }
  const canonical = canonicalCpe23(text);
  if (canonical !== null) return { cpe: canonical, warnings: [] };
  const parts = lower === prefix23 ? splitFormattedString(text.slice(prefix23.length)) : null;
  if (parts !== null && parts.length < 11) {
    const padded = canonicalCpe23(`${text}${':*'.repeat(11 - parts.length)}`);
    if (padded !== null) {
      return { cpe: padded, warnings: [`CPE ${text} has only ${parts.length} attributes; padded with ANY`] };
    }
  }
  return { cpe: null, warnings: [`CPE ${text} is not a valid CPE 2.3 formatted string and was left out`] };
}
