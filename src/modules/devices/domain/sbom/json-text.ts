import { DomainError } from '../../../../shared/errors.ts';
import type { SbomIssue } from './sbom-model.ts';

const utf8 = new TextEncoder();

function byteOffset(text: string, index: number, bomLength: number): number {
  return utf8.encode(text.slice(0, index)).length + bomLength;
}

/**
 * Finds where the leading JSON object/array ends, by bracket counting outside strings (linear, no
 * regex). `end` is the index just after it, or null when the text ends first (`depth`/`inString` say
 * what was left open).
 */
function scanLeadingValue(
  text: string,
  start: number,
): { end: number | null; depth: number; inString: boolean } {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92) i++;
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 123 || code === 91) depth++;
    else if (code === 125 || code === 93) {
      depth--;
      if (depth === 0) return { end: i + 1, depth, inString };
    }
  }
  return { end: null, depth, inString };
}

/**
 * JSON.parse with two diagnoses when it fails:
 * - truncated (the leading object/array never closes) → 'invalid', "JSON ends early at byte N";
 * - a complete leading object/array followed by other text → the leading value is salvaged and a
 *   warning says how many bytes were ignored. Real case: the corpus' psreadline SPDX file, a complete
 *   SPDX document followed by scraped web-page text. Salvaging is safe because the leading value must
 *   still parse as JSON and still be recognised as an SBOM; nothing is guessed inside it.
 * Offsets are in bytes of the original file (a UTF-8 BOM counts).
 * @throws DomainError('invalid') when the text is not JSON and cannot be salvaged.
 */
export function parseJsonText(
  text: string,
  start: number,
  bomLength: number,
  warnings: SbomIssue[],
): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const scan = scanLeadingValue(text, start);
    if (scan.end === null) {
      const open = scan.inString ? 'inside a string' : `with ${scan.depth} object(s)/array(s) still open`;
      throw new DomainError(
        'invalid',
        `JSON ends early at byte ${byteOffset(text, text.length, bomLength)} ${open}: the file looks truncated`,
      );
    }
    const trailing = text.slice(scan.end).trim();
    if (trailing !== '') {
      let value: unknown;
      try {
        value = JSON.parse(text.slice(0, scan.end));
      } catch {
        throw new DomainError('invalid', `JSON is not valid: ${reason}`);
      }
      const at = byteOffset(text, scan.end, bomLength);
      warnings.push({
        path: '',
        message: `the JSON document ends at byte ${at}; ${utf8.encode(trailing).length} bytes of trailing text after it were ignored`,
      });
      return value;
    }
    throw new DomainError('invalid', `JSON is not valid: ${reason}`);
  }
}
