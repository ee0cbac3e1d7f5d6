/**
 * CSAF 2.0 VEX export (profile `csaf_vex`, CSAF 2.0 §4.5) as a plain object. Pure: no I/O; the caller
 * serialises it (and validates it with csaf-validator-lib before publishing, see the tests).
 */
import { DomainError } from '../../../../shared/errors.ts';
import type { VexStatement } from '../vex-model.ts';
import {
  checkVexExportInput,
  subcomponentPurls,
  toDateTime,
  type VexExportInput,
} from './vex-export-input.ts';
import { purlParts } from './vex-json.ts';
import { csafGroupByStatus } from './vex-vocabulary.ts';

type Json = Record<string, unknown>;

const cvePattern = /^CVE-[0-9]{4}-[0-9]{4,}$/;

/**
 * The statements as one CSAF 2.0 document of category `csaf_vex`.
 *
 * - `document`: publisher {category `vendor`, name = manufacturer, namespace = `publisherNamespace`},
 *   tracking (§3.2.1.12) {id = documentId, version "1", status `final`, initial and current release date =
 *   generatedAt, one revision}, a summary note, lang `en`.
 * - `product_tree` (§3.2.2): vendor → product_name → product_version branch whose product (CSAFPID-0001)
 *   carries purl/CPE in `product_identification_helper`; each subcomponent is a full product name (with its
 *   purl) joined to the product by a `default_component_of` relationship, whose product_id the statements
 *   about that subcomponent use.
 * - `vulnerabilities` (§3.2.3): one per vulnerability id — `cve` when it is a CVE id, else `ids` — with
 *   `product_status`, a note, `flags` (justification), `threats` of category `impact` (impactStatement) and
 *   `remediations` (actionStatement: `vendor_fix` for fixed, `mitigation` otherwise — the model does not say
 *   which kind of remedy an action is). Each flag, threat and remediation is dated with the statement's
 *   timestamp; a statement with none of them keeps its timestamp only as the document's date.
 *
 * @throws DomainError `invalid` when {@link checkVexExportInput} fails, `publisherNamespace` is missing or
 *   not an absolute URL, or a subcomponent purl does not parse.
 */
export function exportCsafVex(input: VexExportInput): Json {
  checkVexExportInput(input);
  const namespace = checkedNamespace(input.publisherNamespace);
  const { product } = input;
  const generatedAt = toDateTime(input.generatedAt);
  const productLabel = `${product.name} ${product.version}`;
  const productId = 'CSAFPID-0001';
  const helper = identificationHelper(product.purl, product.cpe);

  const idFor = new Map<string, string>();
  const fullProductNames: Json[] = [];
  const relationships: Json[] = [];
  subcomponentPurls(input.statements).forEach((purl, i) => {
    const parts = purlParts(purl);
    if (!parts) throw new DomainError('invalid', `Subcomponent purl "${purl}" does not parse.`, { purl });
    const componentId = `CSAFPID-${String(2 * i + 2).padStart(4, '0')}`;
    const relationshipId = `CSAFPID-${String(2 * i + 3).padStart(4, '0')}`;
    const componentLabel = parts.version ? `${parts.name} ${parts.version}` : parts.name;
    fullProductNames.push({
      name: componentLabel,
      product_id: componentId,
      product_identification_helper: { purl },
    });
    relationships.push({
      category: 'default_component_of',
      full_product_name: {
        name: `${componentLabel} as a component of ${productLabel}`,
        product_id: relationshipId,
      },
      product_reference: componentId,
      relates_to_product_reference: productId,
    });
    idFor.set(purl, relationshipId);
  });

  const byVulnerability = new Map<string, VexStatement[]>();
  for (const statement of input.statements) {
    byVulnerability.set(statement.vulnerabilityId, [
      ...(byVulnerability.get(statement.vulnerabilityId) ?? []),
      statement,
    ]);
  }
  const vulnerabilities = [...byVulnerability].map(([id, statements]) =>
    vulnerabilityItem(
      id,
      statements,
      (s) => (s.subcomponentPurl ? idFor.get(s.subcomponentPurl)! : productId),
      {
        productLabel,
      },
    ),
  );

  return {
    document: {
      category: 'csaf_vex',
      csaf_version: '2.0',
      lang: 'en',
      notes: [
        {
          category: 'summary',
          text: `${product.manufacturer} states how the listed vulnerabilities affect ${productLabel}.`,
          title: 'Summary',
        },
      ],
      publisher: { category: 'vendor', name: product.manufacturer, namespace },
      title: `${product.manufacturer} ${productLabel}: VEX`,
      tracking: {
        current_release_date: generatedAt,
        generator: { date: generatedAt, engine: { name: 'Candor' } },
        id: input.documentId,
        initial_release_date: generatedAt,
        revision_history: [{ date: generatedAt, number: '1', summary: 'Initial version.' }],
        status: 'final',
        version: '1',
      },
    },
    product_tree: {
      branches: [
        {
          branches: [
            {
              branches: [
                {
                  category: 'product_version',
                  name: product.version,
                  product: {
                    name: `${product.manufacturer} ${productLabel}`,
                    product_id: productId,
                    ...(helper ? { product_identification_helper: helper } : {}),
                  },
                },
              ],
              category: 'product_name',
              name: product.name,
            },
          ],
          category: 'vendor',
          name: product.manufacturer,
        },
      ],
      ...(fullProductNames.length > 0 ? { full_product_names: fullProductNames, relationships } : {}),
    },
    vulnerabilities,
  };
}

function vulnerabilityItem(
  id: string,
  statements: VexStatement[],
  productIdOf: (statement: VexStatement) => string,
  context: { productLabel: string },
): Json {
  const productStatus: Record<string, string[]> = {};
  const flags: Json[] = [];
  const threats: Json[] = [];
  const remediations: Json[] = [];
  const summary: string[] = [];
  for (const statement of statements) {
    const productId = productIdOf(statement);
    const group = csafGroupByStatus[statement.status];
    productStatus[group] = [...(productStatus[group] ?? []), productId];
    const date = statement.timestamp ? { date: toDateTime(statement.timestamp) } : {};
    if (statement.justification)
      flags.push({ ...date, label: statement.justification, product_ids: [productId] });
    if (statement.impactStatement) {
      threats.push({
        category: 'impact',
        ...date,
        details: statement.impactStatement,
        product_ids: [productId],
      });
    }
    if (statement.actionStatement) {
      const category = statement.status === 'fixed' ? 'vendor_fix' : 'mitigation';
      remediations.push({ category, ...date, details: statement.actionStatement, product_ids: [productId] });
    }
    const subject = statement.subcomponentPurl
      ? `${statement.subcomponentPurl} in ${context.productLabel}`
      : context.productLabel;
    summary.push(`${subject}: ${statement.status.replaceAll('_', ' ')}.`);
  }
  return {
    ...(cvePattern.test(id) ? { cve: id } : { ids: [{ system_name: systemNameOf(id), text: id }] }),
    ...(flags.length > 0 ? { flags } : {}),
    notes: [{ category: 'general', text: summary.join('\n'), title: 'VEX status' }],
    product_status: productStatus,
    ...(remediations.length > 0 ? { remediations } : {}),
    ...(threats.length > 0 ? { threats } : {}),
  };
}

/** The issuing system of a non-CVE id, from its prefix (GHSA-…, OSV-…); CSAF 2.0 §3.2.3.6 `ids`. */
function systemNameOf(id: string): string {
  const prefix = /^([A-Za-z]+)-/.exec(id)?.[1];
  return prefix ?? 'Candor';
}

function identificationHelper(purl: string | null, cpe: string | null): Json | null {
  if (!purl && !cpe) return null;
  return { ...(cpe ? { cpe } : {}), ...(purl ? { purl } : {}) };
}

function checkedNamespace(namespace: string | undefined): string {
  if (!namespace || !URL.canParse(namespace) || !/^https?:\/\//.test(namespace)) {
    throw new DomainError(
      'invalid',
      'CSAF needs document.publisher.namespace: an http(s) URL the manufacturer controls (publisherNamespace).',
    );
  }
  return namespace;
}
