/**
 * CPE names for the matcher: unbinding a CPE 2.3 formatted string (NISTIR 7695 §6.2.3 unbind_fs) or a
 * CPE 2.2 URI (§6.1.3 unbind_uri) into the 11 attributes of a well-formed name (WFN, §5), keeping the
 * distinction NISTIR 7696 needs between logical values, literal text and unquoted wildcards.
 *
 * The SBOM side (devices module, `sbom/cpe.ts`) validates and canonicalises component CPEs on ingest;
 * this parser accepts what that one emits and the criteria NVD publishes, with the same rules:
 * case-insensitive; unquoted only alphanumerics and `-._`; `\` quotes punctuation; fewer than 11
 * attributes are padded with ANY.
 * Hand-written scanner, no regex on input; never throws.
 */

/** Attribute names in binding order (NISTIR 7695 §5.2); same spelling as the SBOM side. */
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
 * One attribute value (NISTIR 7695 §5.3). `any` is the logical value ANY (`*` alone), `na` is NA (`-`
 * alone). `text` holds the unquoted literal (lower case, escapes removed: `tcp\/ip` → `tcp/ip`, a
 * quoted `\*` → literal `*`) plus the unquoted wildcards allowed at either end by §5.3.2: `prefix` and
 * `suffix` are each `''`, `'*'` or a run of `?`.
 */
export type CpeValue =
  | { kind: 'any' }
  | { kind: 'na' }
  | { kind: 'text'; literal: string; prefix: string; suffix: string };

export type CpeName = Record<CpeAttributeName, CpeValue>;

const prefix23 = 'cpe:2.3:';
const prefix22 = 'cpe:/';
const anyValue: CpeValue = { kind: 'any' };

/** True when the value carries an unquoted `*` or `?` (NISTIR 7696 §6.1.2 "has_wildcards"). */
export function hasWildcards(value: CpeValue): boolean {
  return value.kind === 'text' && (value.prefix !== '' || value.suffix !== '');
}

/** The literal text of a value without wildcards, or null (ANY, NA, or wildcarded). */
export function concreteText(value: CpeValue): string | null {
  return value.kind === 'text' && !hasWildcards(value) ? value.literal : null;
}

/** Splits on unquoted `:`; null on a dangling `\`. */
function splitUnquoted(body: string): string[] | null {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const character = body[i] as string;
    if (character === '\\') {
      if (i + 1 >= body.length) return null;
      current += character + (body[i + 1] as string);
      i++;
    } else if (character === ':') {
      parts.push(current);
      current = '';
    } else current += character;
  }
  parts.push(current);
  return parts;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/** May appear unquoted in a formatted string: alphanumerics, `-`, `.`, `_` (NISTIR 7695 §6.2.2.1). */
function isPlainCharacter(code: number): boolean {
  return isAlphanumeric(code) || code === 45 || code === 46 || code === 95;
}

/** Printable ASCII punctuation: what `\` may quote (NISTIR 7695 §5.3.2). */
function isPunctuation(code: number): boolean {
  return code > 32 && code < 127 && !isAlphanumeric(code);
}

/**
 * Unbinds one formatted-string attribute (NISTIR 7695 §6.2.3.2 unbind_value_fs). `*`/`?` are
 * wildcards only unquoted and only at either end; one inside the value makes the name invalid.
 */
export function parseCpeValue(raw: string): CpeValue | null {
  if (raw === '*') return anyValue;
  if (raw === '-') return { kind: 'na' };
  if (raw === '') return null;
  let start = 0;
  let end = raw.length;
  let prefix = '';
  let suffix = '';
  if (raw[0] === '*') {
    prefix = '*';
    start = 1;
  } else {
    while (raw[start] === '?') prefix += raw[start++];
  }
  // A trailing wildcard counts only when its `\` run before it is even (NISTIR 7696 is_even_wildcards).
  const isQuoted = (index: number): boolean => {
    let slashes = 0;
    for (let j = index - 1; j >= start && raw[j] === '\\'; j--) slashes++;
    return slashes % 2 === 1;
  };
  if (end > start && raw[end - 1] === '*' && !isQuoted(end - 1)) {
    suffix = '*';
    end--;
  } else {
    while (end > start && raw[end - 1] === '?' && !isQuoted(end - 1)) {
      suffix += '?';
      end--;
    }
  }
  let literal = '';
  for (let i = start; i < end; i++) {
    const character = raw[i] as string;
    if (character === '\\') {
      // A quoted character must be punctuation, and the quote cannot be the last character.
      if (i + 1 >= end || !isPunctuation(raw.charCodeAt(i + 1))) return null;
      literal += raw[i + 1] as string;
      i++;
    } else if (isPlainCharacter(raw.charCodeAt(i))) literal += character;
    else return null;
  }
  if (literal === '' && prefix === '' && suffix === '') return null;
  return { kind: 'text', literal: literal.toLowerCase(), prefix, suffix };
}

function buildName(values: CpeValue[]): CpeName | null {
  const name = {} as CpeName;
  cpeAttributeNames.forEach((attribute, index) => {
    name[attribute] = values[index] ?? anyValue;
  });
  const part = name.part;
  if (part.kind === 'text' && (hasWildcards(part) || !['a', 'o', 'h'].includes(part.literal))) return null;
  return name;
}

/**
 * Parses a CPE 2.3 formatted string (`cpe:2.3:a:treck:tcp\/ip:6.0.1.66:*:*:*:*:*:*:*`) into its 11
 * attributes. A string with fewer than 11 attributes (`cpe:2.3:a:haxx:libcurl:8.3.0`) is padded with
 * ANY, as the SBOM side's normaliser does; more than 11 is invalid. A CPE 2.2 URI is accepted too and
 * converted (see {@link parseCpe22Uri}). Returns null when the text is not a CPE name.
 */
export function parseCpeName(text: string): CpeName | null {
  const trimmed = text.trim();
  const head = trimmed.slice(0, prefix23.length).toLowerCase();
  if (head.startsWith(prefix22)) return parseCpe22Uri(trimmed);
  if (head !== prefix23) return null;
  const parts = splitUnquoted(trimmed.slice(prefix23.length));
  if (parts === null || parts.length > 11) return null;
  const values: CpeValue[] = [];
  for (const part of parts) {
    const value = parseCpeValue(part);
    if (value === null) return null;
    values.push(value);
  }
  return buildName(values);
}

/** Decodes one CPE 2.2 URI component (NISTIR 7695 §6.1.3.2 decode): `%01` is `?`, `%02` is `*`. */
function decodeUriComponent(component: string): CpeValue | null {
  if (component === '') return anyValue;
  if (component === '-') return { kind: 'na' };
  let formatted = '';
  for (let i = 0; i < component.length; i++) {
    const character = component[i] as string;
    if (character !== '%') {
      formatted += isPlainCharacter(character.charCodeAt(0)) ? character : `\\${character}`;
      continue;
    }
    const hex = component.slice(i + 1, i + 3);
    const byte = Number.parseInt(hex, 16);
    if (hex.length !== 2 || Number.isNaN(byte) || byte.toString(16).padStart(2, '0') !== hex.toLowerCase()) {
      return null;
    }
    i += 2;
    if (byte === 1) formatted += '?';
    else if (byte === 2) formatted += '*';
    else if (isPlainCharacter(byte)) formatted += String.fromCharCode(byte);
    else if (isPunctuation(byte)) formatted += `\\${String.fromCharCode(byte)}`;
    else return null;
  }
  return parseCpeValue(formatted);
}

/**
 * Converts a CPE 2.2 URI (`cpe:/a:vendor:product:1.0`) per NISTIR 7695 §6.1.3 unbind_uri: empty or
 * missing components are ANY, a packed edition `~ed~sw_ed~t_sw~t_hw~other` is unpacked. Null when
 * malformed.
 */
export function parseCpe22Uri(uri: string): CpeName | null {
  if (uri.slice(0, prefix22.length).toLowerCase() !== prefix22) return null;
  const components = uri.slice(prefix22.length).split(':');
  if (components.length > 7) return null;
  const [part = '', vendor = '', product = '', version = '', update = '', edition = '', language = ''] =
    components;
  const editions = edition.startsWith('~') ? edition.slice(1).split('~') : [edition];
  if (editions.length !== 1 && editions.length !== 5) return null;
  const [legacyEdition = '', ...extended] = editions;
  const raw = [part, vendor, product, version, update, legacyEdition, language];
  const values: CpeValue[] = [];
  for (const component of [...raw, ...extended]) {
    const value = decodeUriComponent(component);
    if (value === null) return null;
    values.push(value);
  }
  return buildName(values);
}
