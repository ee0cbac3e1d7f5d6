/**
 * CycloneDX 1.6 VEX export (https://cyclonedx.org/docs/1.6/json/#vulnerabilities), built and serialised
 * with @cyclonedx/cyclonedx-library 10.3.0. Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import { Enums, Models, Serialize, Spec, Types } from '@cyclonedx/cyclonedx-library';
import { DomainError } from '../../../../shared/errors.ts';
import {
  checkVexExportInput,
  subcomponentPurls,
  toDateTime,
  type VexExportInput,
} from './vex-export-input.ts';
import { purlParts } from './vex-json.ts';
import { cycloneDxJustificationFor, cycloneDxStateFor, justificationPropertyName } from './vex-vocabulary.ts';

/**
 * The statements as a CycloneDX 1.6 BOM whose `metadata.component` is the product (type `device`) and whose
 * `components` are the statements' subcomponents (bom-ref = purl). Each statement becomes one
 * `vulnerabilities[]` entry: `id`, `analysis` {state, justification, detail = impactStatement,
 * firstIssued = timestamp}, `recommendation` = actionStatement, `affects[0].ref` = the subcomponent or the
 * product, and the exact justification label as property `candor:vex:justification` (the CycloneDX value is
 * lossy, see ./vex-vocabulary.ts).
 *
 * `serialNumber` is `documentId` when that is a UUID URN, else a name-based UUID (RFC 9562 §5.5 layout,
 * SHA-1 of the id) so that the same document id always gives the same serial number.
 *
 * @throws DomainError `invalid` when {@link checkVexExportInput} fails or a purl/CPE is malformed.
 */
export function exportCycloneDxVex(input: VexExportInput, format: 'json'): string {
  checkVexExportInput(input);
  const { product } = input;
  const manufacturer = new Models.OrganizationalEntity({ name: product.manufacturer });
  const productComponent = new Models.Component(Enums.ComponentType.Device, product.name, {
    bomRef: product.purl ?? 'product',
    version: product.version,
    purl: product.purl ?? undefined,
    cpe: product.cpe === null ? undefined : checkedCpe(product.cpe),
    supplier: manufacturer,
  });
  const bom = new Models.Bom({
    serialNumber: serialNumberFor(input.documentId),
    metadata: new Models.Metadata({
      timestamp: new Date(input.generatedAt),
      component: productComponent,
      supplier: manufacturer,
      tools: new Models.Tools({
        components: new Models.ComponentRepository([
          new Models.Component(Enums.ComponentType.Application, 'Candor'),
        ]),
      }),
    }),
  });
  const components = new Map<string, Models.Component>();
  for (const purl of subcomponentPurls(input.statements)) {
    const parts = purlParts(purl);
    if (!parts) throw new DomainError('invalid', `Subcomponent purl "${purl}" does not parse.`, { purl });
    const component = new Models.Component(Enums.ComponentType.Library, parts.name, {
      bomRef: purl,
      purl,
      version: parts.version ?? undefined,
    });
    components.set(purl, component);
    bom.components.add(component);
  }
  const firstIssued = new Map<string, string>();
  input.statements.forEach((statement, index) => {
    const bomRef = `vex-statement-${index + 1}`;
    if (statement.timestamp) firstIssued.set(bomRef, toDateTime(statement.timestamp));
    const target = statement.subcomponentPurl
      ? components.get(statement.subcomponentPurl)!
      : productComponent;
    const properties = new Models.PropertyRepository();
    if (statement.justification) {
      properties.add(new Models.Property(justificationPropertyName, statement.justification));
    }
    bom.vulnerabilities.add(
      new Models.Vulnerability.Vulnerability({
        bomRef,
        id: statement.vulnerabilityId,
        recommendation: statement.actionStatement ?? undefined,
        analysis: new Models.Vulnerability.Analysis({
          state: cycloneDxStateFor(statement.status) as Enums.Vulnerability.AnalysisState,
          justification: statement.justification
            ? (cycloneDxJustificationFor(
                statement.justification,
              ) as Enums.Vulnerability.AnalysisJustification)
            : undefined,
          detail: statement.impactStatement ?? undefined,
        }),
        affects: new Models.Vulnerability.AffectRepository([new Models.Vulnerability.Affect(target.bomRef)]),
        properties,
      }),
    );
  });
  const serializer = new VexJsonSerializer(
    new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6),
    manufacturer,
    firstIssued,
  );
  return format === 'json' ? serializer.serialize(bom, { sortLists: false, space: 2 }) : unreachable(format);
}

function unreachable(format: never): never {
  throw new DomainError('invalid', `Unsupported CycloneDX VEX format ${String(format)}.`);
}

function checkedCpe(cpe: string): string {
  if (!Types.isCPE(cpe)) throw new DomainError('invalid', `Product CPE "${cpe}" is not a CPE name.`, { cpe });
  return cpe;
}

const uuidUrn = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function serialNumberFor(documentId: string): string {
  if (uuidUrn.test(documentId)) return documentId.toLowerCase();
  const hex = createHash('sha1').update(`candor:vex:${documentId}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/*
 * Library 10.3.0 models lack CycloneDX 1.5+'s `analysis.firstIssued` and 1.6's `metadata.manufacturer`, so
 * this serialiser adds them to the normalised tree where the 1.6 JSON schema puts them.
 */
class VexJsonSerializer extends Serialize.JsonSerializer {
  readonly #manufacturer: Models.OrganizationalEntity;
  readonly #firstIssued: ReadonlyMap<string, string>;

  constructor(
    factory: Serialize.JSON.Normalize.Factory,
    manufacturer: Models.OrganizationalEntity,
    firstIssued: ReadonlyMap<string, string>,
  ) {
    super(factory);
    this.#manufacturer = manufacturer;
    this.#firstIssued = firstIssued;
  }

  protected override _normalize(
    bom: Models.Bom,
    options: Serialize.Types.NormalizerOptions = {},
  ): Serialize.JSON.Types.Normalized.Bom {
    const normalized = super._normalize(bom, options);
    if (normalized.metadata) {
      const entity = this.normalizerFactory
        .makeForOrganizationalEntity()
        .normalize(this.#manufacturer, options);
      Object.assign(normalized.metadata, { manufacturer: entity });
    }
    for (const vulnerability of normalized.vulnerabilities ?? []) {
      const date = this.#firstIssued.get(vulnerability['bom-ref'] ?? '');
      if (date && vulnerability.analysis) Object.assign(vulnerability.analysis, { firstIssued: date });
    }
    return normalized;
  }
}
