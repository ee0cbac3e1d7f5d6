import parseSpdxExpression from 'spdx-expression-parse';

/** Result of reading a licence: a validated SPDX expression (or null) and why not, when not. */
export interface LicenseNormalisation {
  expression: string | null;
  warnings: string[];
}

/**
 * spdx-expression-parse rescans the remaining input on every token, so very long inputs cost
 * quadratic time; no real licence expression comes near this length.
 */
const maxExpressionLength = 4096;

/** SPDX 2.3 §7.13/§7.15: these mean "no licence information", not a licence. */
const noInformation = new Set(['NOASSERTION', 'NONE']);

const cache = new Map<string, boolean>();

/**
 * Whether `expression` is a valid SPDX licence expression (SPDX 2.3 Annex D), using
 * spdx-expression-parse: licence ids from the SPDX list, `LicenseRef-…`, `DocumentRef-…:LicenseRef-…`,
 * `WITH` exceptions, `AND`/`OR`, parentheses and `+`. Identifiers are matched case-sensitively.
 */
export function isValidLicenseExpression(expression: string): boolean {
  if (expression.length > maxExpressionLength) return false;
  const known = cache.get(expression);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    parseSpdxExpression(expression);
    valid = true;
  } catch {
    valid = false;
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(expression, valid);
  return valid;
}

/**
 * Validates one licence expression. Blank, NOASSERTION and NONE give `{ expression: null }` without a
 * warning; an invalid expression gives null and a warning. Never throws.
 */
export function normaliseLicenseExpression(raw: string): LicenseNormalisation {
  const text = raw.trim();
  if (text === '' || noInformation.has(text)) return { expression: null, warnings: [] };
  if (isValidLicenseExpression(text)) return { expression: text, warnings: [] };
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return { expression: null, warnings: [`licence '${shown}' is not a valid SPDX licence expression`] };
}

/** One CycloneDX `licenses` entry, as JSON has it (XML is mapped to the same shape). */
export interface CycloneDxLicenseChoice {
  license?: { id?: unknown; name?: unknown; expression?: unknown } | unknown;
  expression?: unknown;
}

/**
 * Reads the CycloneDX `licenses` array (CycloneDX 1.2–1.6 "licenseChoice": `{license: {id}}`,
 * `{license: {name}}`, `{expression}`). A name counts only if it is itself a valid expression
 * (e.g. "MIT"). Several entries are joined with AND — the conservative reading, since the spec does not
 * say whether a list means all or any of them. If any entry is unusable the result is null with a
 * warning, because a partial expression would misstate the licence. Never throws.
 */
export function licenseFromCycloneDx(licenses: unknown): LicenseNormalisation {
  if (!Array.isArray(licenses) || licenses.length === 0) return { expression: null, warnings: [] };
  const parts: string[] = [];
  for (const entry of licenses as CycloneDxLicenseChoice[]) {
    if (entry === null || typeof entry !== 'object') continue;
    const license = (entry.license ?? null) as { id?: unknown; name?: unknown } | null;
    const candidate =
      typeof entry.expression === 'string'
        ? entry.expression
        : typeof license?.id === 'string'
          ? license.id
          : typeof license?.name === 'string'
            ? license.name
            : null;
    if (candidate === null) continue;
    const { expression, warnings } = normaliseLicenseExpression(candidate);
    if (warnings.length > 0) return { expression: null, warnings };
    if (expression !== null && !parts.includes(expression)) parts.push(expression);
  }
  return { expression: joinWithAnd(parts), warnings: [] };
}

function joinWithAnd(parts: string[]): string | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] as string;
  return parts.map((part) => (part.includes(' ') ? `(${part})` : part)).join(' AND ');
}

/**
 * Reads an SPDX package's licence: licenseConcluded when it carries information, else licenseDeclared
 * (SPDX 2.3 §7.13, §7.15). NOASSERTION and NONE are ignored. Never throws.
 */
export function licenseFromSpdx(concluded: unknown, declared: unknown): LicenseNormalisation {
  for (const candidate of [concluded, declared]) {
    if (typeof candidate !== 'string') continue;
    const text = candidate.trim();
    if (text === '' || noInformation.has(text)) continue;
    return normaliseLicenseExpression(text);
  }
  return { expression: null, warnings: [] };
}
