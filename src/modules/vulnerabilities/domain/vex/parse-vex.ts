/**
 * Reads a VEX document of any of the three formats Candor speaks into the common model (../vex-model.ts).
 * Pure: the caller parses the JSON text; this module does no I/O. Vocabulary: ./vex-vocabulary.ts.
 */
import { DomainError } from '../../../../shared/errors.ts';
import type { VexDocument } from '../vex-model.ts';
import { parseCsafVex } from './parse-csaf-vex.ts';
import { parseCycloneDxVex } from './parse-cyclonedx-vex.ts';
import { parseOpenVex } from './parse-openvex.ts';
import { isRecord, text } from './vex-json.ts';

/**
 * Detects the format and returns its statements.
 *
 * - CycloneDX: `bomFormat` = "CycloneDX" with a `vulnerabilities` array (CycloneDX 1.4+ §vulnerabilities),
 *   with or without components.
 * - CSAF 2.0: `document.category` = "csaf_vex" (CSAF 2.0 §4.5 profile "Vulnerability Exploitability
 *   eXchange"); other CSAF categories are not VEX documents.
 * - OpenVEX: `@context` starting with `https://openvex.dev/ns` (OpenVEX spec §Document, v0.2.0:
 *   `https://openvex.dev/ns/v0.2.0`).
 *
 * Statements that cannot be read are skipped and described in `warnings` (JSON path + reason), so one odd
 * statement does not cost the whole document.
 *
 * @throws DomainError `invalid` when the value is none of the three formats (or a CycloneDX BOM without
 *   `vulnerabilities`, or CSAF of another category).
 */
export function parseVex(json: unknown, warnings: string[] = []): VexDocument {
  if (!isRecord(json)) throw new DomainError('invalid', 'A VEX document must be a JSON object.');
  if (json.bomFormat === 'CycloneDX') {
    if (!Array.isArray(json.vulnerabilities)) {
      throw new DomainError(
        'invalid',
        'This CycloneDX BOM has no vulnerabilities array: it is not a VEX document.',
      );
    }
    return parseCycloneDxVex(json, warnings);
  }
  if (isRecord(json.document) && text(json.document.csaf_version) !== null) {
    const category = text(json.document.category);
    if (category !== 'csaf_vex') {
      throw new DomainError('invalid', `This CSAF document has category "${category}", not "csaf_vex".`, {
        category,
      });
    }
    return parseCsafVex(json, warnings);
  }
  const context = text(json['@context']);
  if (context?.startsWith('https://openvex.dev/ns')) return parseOpenVex(json, warnings);
  throw new DomainError('invalid', 'Not a VEX document: expected CycloneDX, CSAF csaf_vex or OpenVEX.');
}
