/**
 * What every VEX export takes, and the checks all three formats need. Pure: no I/O.
 */
import { DomainError } from '../../../../shared/errors.ts';
import type { VexStatement } from '../vex-model.ts';
import { purlParts } from './vex-json.ts';
import { isVexJustification, isVexStatus } from './vex-vocabulary.ts';

export interface VexExportInput {
  /** The product version every statement is about (statements may narrow it to one subcomponent). */
  product: { name: string; version: string; manufacturer: string; purl: string | null; cpe: string | null };
  /** Document identity: CSAF `tracking.id`, OpenVEX `@id`, CycloneDX `serialNumber` (derived if not a UUID URN). */
  documentId: string;
  /** ISO 8601 time the document is generated. */
  generatedAt: string;
  statements: VexStatement[];
  /**
   * CSAF 2.0 §3.2.1.8.3 `document.publisher.namespace`: a URL the manufacturer controls. Required by the
   * CSAF export only.
   */
  publisherNamespace?: string;
}

/**
 * Checks the rules all three formats share before anything is built.
 *
 * - Every `not_affected` statement has a justification or an impact statement (CSAF 2.0 §6.1.27.9
 *   "Impact Statement": a flag or an `impact` threat; OpenVEX §Statement: justification or
 *   impact_statement; CycloneDX 1.6 `analysis.justification`/`detail`).
 * - Every `affected` statement has an action statement (CSAF 2.0 §6.1.27.10 "Action Statement";
 *   OpenVEX §Statement: action_statement MUST be given for affected).
 * - The product purl parses and the CPE looks like a CPE name.
 * - Statements are about `input.product` (same name and version) and name no vulnerability, subcomponent
 *   pair twice: CSAF 2.0 §6.1.6 (contradicting product status) and §6.1.33 (one flag per product).
 *
 * @throws DomainError `invalid` naming the first offending statement.
 */
export function checkVexExportInput(input: VexExportInput): void {
  const fail = (index: number, message: string): never => {
    throw new DomainError('invalid', `VEX statement ${index}: ${message}`, { index });
  };
  if (!input.product.name.trim() || !input.product.version.trim()) {
    throw new DomainError('invalid', 'The VEX product needs a name and a version.');
  }
  const { purl, cpe } = input.product;
  if (purl !== null && purlParts(purl) === null) {
    throw new DomainError('invalid', `The product purl "${purl}" does not parse.`, { purl });
  }
  // CPE 2.3 formatted string or CPE 2.2 URI (NISTIR 7695 §6); the formats' schemas check the rest.
  if (cpe !== null && !/^(cpe:2\.3:[aho*-]:|cpe:\/[aho]?:)/i.test(cpe)) {
    throw new DomainError('invalid', `The product CPE "${cpe}" is not a CPE name.`, { cpe });
  }
  if (Number.isNaN(Date.parse(input.generatedAt))) {
    throw new DomainError('invalid', `generatedAt "${input.generatedAt}" is not an ISO 8601 date-time.`);
  }
  const seen = new Set<string>();
  input.statements.forEach((statement, index) => {
    if (!statement.vulnerabilityId.trim()) fail(index, 'no vulnerability id.');
    if (!isVexStatus(statement.status)) fail(index, `unknown status "${String(statement.status)}".`);
    if (statement.justification !== null && !isVexJustification(statement.justification)) {
      fail(index, `unknown justification "${String(statement.justification)}".`);
    }
    if (statement.justification !== null && statement.status !== 'not_affected') {
      fail(index, 'a justification belongs to a not_affected statement only.');
    }
    if (
      statement.status === 'not_affected' &&
      !statement.justification &&
      !statement.impactStatement?.trim()
    ) {
      fail(index, 'not_affected needs a justification or an impact statement.');
    }
    if (statement.status === 'affected' && !statement.actionStatement?.trim()) {
      fail(index, 'affected needs an action statement (what users should do).');
    }
    if (statement.timestamp !== null && Number.isNaN(Date.parse(statement.timestamp))) {
      fail(index, `timestamp "${statement.timestamp}" is not an ISO 8601 date-time.`);
    }
    if (
      statement.product.name !== input.product.name ||
      statement.product.version !== input.product.version
    ) {
      fail(
        index,
        `is about "${statement.product.name} ${statement.product.version}", not the exported product.`,
      );
    }
    const key = `${statement.vulnerabilityId}\u0000${statement.subcomponentPurl ?? ''}`;
    if (seen.has(key)) fail(index, 'repeats the vulnerability and subcomponent of an earlier statement.');
    seen.add(key);
  });
}

/** The distinct subcomponent purls of the statements, in first-seen order. */
export function subcomponentPurls(statements: readonly VexStatement[]): string[] {
  return [...new Set(statements.flatMap((s) => (s.subcomponentPurl ? [s.subcomponentPurl] : [])))];
}

/** An ISO 8601 input as RFC 3339 UTC with milliseconds (what the formats' `date-time` schemas accept). */
export function toDateTime(value: string): string {
  return new Date(value).toISOString();
}
