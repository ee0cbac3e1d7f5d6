import type { Component, Product, ProductVersion, SbomDocument } from '../devices.contracts.ts';
import type { ComponentRow, ProductRow, ProductVersionRow, SbomSummaryRow } from '../devices.repository.ts';
import type { SbomComponent, SbomIssue } from '../domain/sbom/sbom-model.ts';

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    slug: row.slug,
    description: row.description,
    modelNumbers: row.modelNumbers,
    deviceClass: row.deviceClass,
    udiDi: row.udiDi,
    intendedUse: row.intendedUse,
    markets: row.markets,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toProductVersion(
  row: ProductVersionRow,
  componentCount: number,
  latest: SbomSummaryRow | undefined,
): ProductVersion {
  return {
    id: row.id,
    productId: row.productId,
    label: row.label,
    releasedOn: row.releasedOn,
    supportPhase: row.supportPhase as ProductVersion['supportPhase'],
    endOfSupportOn: row.endOfSupportOn,
    unitsInField: row.unitsInField,
    componentCount,
    latestSbom: latest
      ? { id: latest.id, format: latest.format, createdAt: latest.createdAt.toISOString() }
      : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toSbomDocument(row: SbomSummaryRow): SbomDocument {
  return {
    id: row.id,
    productVersionId: row.productVersionId,
    format: row.format,
    specVersion: row.specVersion,
    author: row.author,
    documentCreatedAt: row.documentCreatedAt?.toISOString() ?? null,
    sha256: row.sha256,
    byteSize: row.byteSize,
    componentCount: row.componentCount,
    warnings: row.warnings as SbomIssue[],
    skipped: row.skipped as SbomIssue[],
    createdAt: row.createdAt.toISOString(),
  };
}

export function toComponent(row: ComponentRow): Component {
  return {
    id: row.id,
    ref: row.ref,
    name: row.name,
    version: row.version,
    supplier: row.supplier,
    type: row.type,
    purl: row.purl,
    cpe: row.cpe,
    swidTagId: row.swidTagId,
    hashes: row.hashes as Component['hashes'],
    licenseExpression: row.licenseExpression,
    sourcePath: row.sourcePath,
    identityHint: row.identityHint as Component['identityHint'],
  };
}

/** A stored component as the pure SBOM code (diff, export) sees it. */
export function toSbomComponent(row: ComponentRow): SbomComponent {
  const { id: _id, ...component } = toComponent(row);
  return component;
}
