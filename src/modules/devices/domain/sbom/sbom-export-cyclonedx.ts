/**
 * CycloneDX 1.6 export of one device version, built and serialised with @cyclonedx/cyclonedx-library
 * (https://cyclonedx.org/docs/1.6/json/). Pure: no I/O.
 */
import { Enums, Models, Serialize, SPDX, Spec, Types } from '@cyclonedx/cyclonedx-library';
import { PackageURL } from 'packageurl-js';
import { DomainError } from '../../../../shared/errors.ts';
import {
  hashAlgorithmNames,
  isSingleLicense,
  type PreparedSbomExport,
  prepareSbomExport,
  type SbomExportInput,
} from './sbom-export-shared.ts';
import type { SbomComponent } from './sbom-model.ts';

export type { SbomExportInput } from './sbom-export-shared.ts';

/** Property names (CycloneDX 1.6 §properties; the `candor:` namespace is ours) for device facts with no field. */
export const candorPropertyNames = {
  modelNumber: 'candor:device:model-number',
  releasedAt: 'candor:version:released-at',
} as const;

/**
 * The device version as a CycloneDX 1.6 BOM, as JSON or XML text.
 *
 * - `metadata.component` is the device (type `device`, name, version label, supplier and manufacturer =
 *   the manufacturer), `metadata.timestamp` = `generatedAt`, `metadata.tools.components` = Candor,
 *   `metadata.manufacturer` and `metadata.supplier` = the manufacturer.
 * - Each component keeps its ref as `bom-ref`; an unknown or missing type becomes `library`; a licence
 *   that is one SPDX id becomes `license.id`, a compound expression or a `LicenseRef-` becomes
 *   `expression`, anything else `license.name`. Hashes CycloneDX 1.6 has no name for are left out, and so
 *   are hash values that do not fit the algorithm (the library drops them).
 * - `dependencies`: the device depends on its top-level components, each component on its edges' targets.
 *
 * @param vexStatements extension point for a later issue (VEX statements as CycloneDX `vulnerabilities`);
 *   typed `unknown[]` until then. Only `undefined` or an empty array is accepted today.
 * @throws DomainError `invalid` when the input fails {@link prepareSbomExport}, a purl does not parse, a CPE
 *   is not a CPE 2.2/2.3 name, or VEX statements are passed.
 */
export function exportCycloneDx(
  input: SbomExportInput,
  format: 'json' | 'xml',
  vexStatements?: readonly unknown[],
): string {
  if (vexStatements !== undefined && vexStatements.length > 0) {
    throw new DomainError('invalid', 'VEX statements are not supported by the SBOM export yet.');
  }
  const prepared = prepareSbomExport(input);
  const bom = buildBom(input, prepared);
  const manufacturer = new Models.OrganizationalEntity({ name: input.product.manufacturer });
  const serializer =
    format === 'json'
      ? new DeviceJsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6), manufacturer)
      : new DeviceXmlSerializer(new Serialize.XML.Normalize.Factory(Spec.Spec1dot6), manufacturer);
  return serializer.serialize(bom, { sortLists: false, space: 2 });
}

function buildBom(input: SbomExportInput, prepared: PreparedSbomExport): Models.Bom {
  const manufacturer = (): Models.OrganizationalEntity =>
    new Models.OrganizationalEntity({ name: input.product.manufacturer });
  const properties = new Models.PropertyRepository();
  if (input.product.modelNumber) {
    properties.add(new Models.Property(candorPropertyNames.modelNumber, input.product.modelNumber));
  }
  if (input.version.releasedAt) {
    properties.add(new Models.Property(candorPropertyNames.releasedAt, input.version.releasedAt));
  }
  const device = new Models.Component(Enums.ComponentType.Device, input.product.name, {
    bomRef: prepared.deviceRef,
    version: input.version.label,
    supplier: manufacturer(),
    properties,
  });
  const candor = new Models.Component(Enums.ComponentType.Application, 'Candor');
  const bom = new Models.Bom({
    serialNumber: input.serialNumber,
    metadata: new Models.Metadata({
      timestamp: prepared.generatedAt,
      tools: new Models.Tools({ components: new Models.ComponentRepository([candor]) }),
      component: device,
      supplier: manufacturer(),
    }),
  });
  const models = new Map<string, Models.Component>();
  for (const component of input.components) {
    const model = toModel(component);
    models.set(component.ref, model);
    bom.components.add(model);
  }
  for (const ref of prepared.topLevel) device.dependencies.add(models.get(ref)!.bomRef);
  for (const { from, to } of prepared.edges) models.get(from)!.dependencies.add(models.get(to)!.bomRef);
  return bom;
}

const componentTypes: ReadonlySet<string> = new Set(Object.values(Enums.ComponentType));

function toComponentType(type: string | null): Enums.ComponentType {
  const wanted = type?.trim().toLowerCase() ?? '';
  return componentTypes.has(wanted) && Spec.Spec1dot6.supportsComponentType(wanted as Enums.ComponentType)
    ? (wanted as Enums.ComponentType)
    : Enums.ComponentType.Library;
}

function toModel(component: SbomComponent): Models.Component {
  const hashes = new Models.HashDictionary();
  for (const { algorithm, value } of component.hashes) {
    const names = hashAlgorithmNames(algorithm);
    if (names) hashes.set(names.cycloneDx as Enums.HashAlgorithm, value.trim());
  }
  const licenses = new Models.LicenseRepository();
  if (component.licenseExpression?.trim()) licenses.add(toLicense(component.licenseExpression));
  return new Models.Component(toComponentType(component.type), component.name, {
    bomRef: component.ref,
    version: component.version ?? undefined,
    supplier: component.supplier ? new Models.OrganizationalEntity({ name: component.supplier }) : undefined,
    purl: component.purl ? canonicalPurl(component) : undefined,
    cpe: component.cpe ? checkedCpe(component) : undefined,
    swid: component.swidTagId
      ? new Models.SWID(component.swidTagId, component.name, { version: component.version ?? undefined })
      : undefined,
    hashes,
    licenses,
  });
}

/** CycloneDX 1.6 `licenseChoice`: one `license` (by SPDX id or name) or one SPDX `expression`. */
function toLicense(expression: string): Models.License {
  const text = expression.trim();
  if (!isSingleLicense(text)) return new Models.LicenseExpression(text);
  const id = SPDX.fixupSpdxId(text);
  if (id) return new Models.SpdxLicense(id);
  // A licence reference is valid only as an expression (SPDX 2.3 Annex D); other words are names.
  if (/^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(text)) {
    return new Models.LicenseExpression(text);
  }
  return new Models.NamedLicense(text);
}

function canonicalPurl(component: SbomComponent): string {
  try {
    // The library takes the purl as a string (Component.purl: string in 10.x); packageurl-js checks it.
    return PackageURL.fromString(component.purl!).toString();
  } catch (error) {
    throw new DomainError('invalid', `Component "${component.ref}" has an invalid purl.`, {
      ref: component.ref,
      purl: component.purl,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}

function checkedCpe(component: SbomComponent): string {
  if (!Types.isCPE(component.cpe)) {
    throw new DomainError('invalid', `Component "${component.ref}" has an invalid CPE.`, {
      ref: component.ref,
      cpe: component.cpe,
    });
  }
  return component.cpe;
}

/*
 * Library 10.3.0 models lack CycloneDX 1.6's `metadata.manufacturer` and `component.manufacturer` (only the
 * deprecated `metadata.manufacture`), so these two serialisers add them to the normalised tree with the
 * library's own organisational-entity normaliser, where the 1.6 schemas put them.
 */
class DeviceJsonSerializer extends Serialize.JsonSerializer {
  readonly #manufacturer: Models.OrganizationalEntity;

  constructor(factory: Serialize.JSON.Normalize.Factory, manufacturer: Models.OrganizationalEntity) {
    super(factory);
    this.#manufacturer = manufacturer;
  }

  protected override _normalize(
    bom: Models.Bom,
    options: Serialize.Types.NormalizerOptions = {},
  ): Serialize.JSON.Types.Normalized.Bom {
    const normalized = super._normalize(bom, options);
    const entity = () =>
      this.normalizerFactory.makeForOrganizationalEntity().normalize(this.#manufacturer, options);
    const { metadata } = normalized;
    if (metadata) Object.assign(metadata, { manufacturer: entity() });
    if (metadata?.component) Object.assign(metadata.component, { manufacturer: entity() });
    return normalized;
  }
}

type XmlElement = Serialize.XML.Types.SimpleXml.Element;

class DeviceXmlSerializer extends Serialize.XmlSerializer {
  readonly #manufacturer: Models.OrganizationalEntity;

  constructor(factory: Serialize.XML.Normalize.Factory, manufacturer: Models.OrganizationalEntity) {
    super(factory);
    this.#manufacturer = manufacturer;
  }

  protected override _normalize(
    bom: Models.Bom,
    options: Serialize.Types.NormalizerOptions = {},
  ): XmlElement {
    const normalized = super._normalize(bom, options);
    const entity = (): XmlElement =>
      this.normalizerFactory
        .makeForOrganizationalEntity()
        .normalize(this.#manufacturer, options, 'manufacturer');
    const metadata = childElements(normalized).find((e) => e.name === 'metadata');
    if (metadata) {
      // bom-1.6.xsd metadata sequence: … authors, component, manufacturer, manufacture, supplier …
      insertAfter(metadata, ['timestamp', 'lifecycles', 'tools', 'authors', 'component'], entity());
      const device = childElements(metadata).find((e) => e.name === 'component');
      // bom-1.6.xsd component sequence: supplier, manufacturer, authors, author, …
      if (device) insertAfter(device, ['supplier'], entity());
    }
    return normalized;
  }
}

function childElements(element: XmlElement): XmlElement[] {
  const { children } = element;
  if (children === undefined || typeof children === 'string' || typeof children === 'number') return [];
  return Array.from(children).filter((child): child is XmlElement => child.type === 'element');
}

/** Puts `added` after the last child whose name is one of `before` (or first), keeping the schema order. */
function insertAfter(parent: XmlElement, before: readonly string[], added: XmlElement): void {
  const { children } = parent;
  const list = children === undefined || typeof children !== 'object' ? [] : Array.from(children);
  let at = 0;
  list.forEach((child, index) => {
    if (child.type === 'element' && before.includes(child.name)) at = index + 1;
  });
  list.splice(at, 0, added);
  parent.children = list;
}
