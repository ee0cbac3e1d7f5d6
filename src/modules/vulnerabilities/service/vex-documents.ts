import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { getOrganization } from '../../accounts/index.ts';
import { getProduct, getProductVersion } from '../../devices/index.ts';
import {
  exportCsafVex,
  exportCycloneDxVex,
  exportOpenVex,
  type VexExportInput,
} from '../domain/vex/export-vex.ts';
import { parseVex } from '../domain/vex/parse-vex.ts';
import type { VexStatement } from '../domain/vex-model.ts';
import { SetVexInputSchema } from '../vulnerabilities.contracts.ts';
import { listVexOfVersion } from '../vulnerabilities.repository.ts';
import { loadVulnerabilities } from './findings.ts';
import type { ScanResult } from './scan-sbom.ts';
import { setVexStatement } from './vex.ts';

type Target = { organizationId: string; productId: string; versionId: string };

async function exportInput(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  target: Target,
): Promise<VexExportInput> {
  const product = await getProduct(deps, target.organizationId, target.productId);
  const version = await getProductVersion(deps, target.organizationId, target.productId, target.versionId);
  const organization = await getOrganization(deps, target.organizationId);
  const rows = await listVexOfVersion(deps.db, target.versionId);
  const vulnerabilities = await loadVulnerabilities(
    deps,
    rows.map((r) => r.vulnerabilityId),
  );
  const productRef = { name: product.name, version: version.label, purl: null, cpe: null };
  const statements: VexStatement[] = rows.map((row) => ({
    vulnerabilityId: vulnerabilities.get(row.vulnerabilityId)?.displayId ?? row.vulnerabilityId,
    product: productRef,
    subcomponentPurl: null,
    status: row.status as VexStatement['status'],
    justification: row.justification as VexStatement['justification'],
    impactStatement: row.impactStatement,
    actionStatement: row.actionStatement,
    timestamp: row.updatedAt.toISOString(),
  }));
  return {
    product: {
      name: product.name,
      version: version.label,
      manufacturer: organization.name,
      purl: null,
      cpe: null,
    },
    documentId: `candor-vex-${product.slug}-${version.label}`.replace(/[^A-Za-z0-9._-]+/g, '_'),
    generatedAt: deps.clock.now().toISOString(),
    statements,
    publisherNamespace: deps.config.publicUrl,
  };
}

/** The version's VEX statements as CycloneDX 1.6 VEX, OpenVEX 0.2.0 or CSAF 2.0 VEX. */
export async function exportVersionVex(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  target: Target,
  format: 'cyclonedx' | 'openvex' | 'csaf',
): Promise<{ body: string; contentType: string; fileName: string }> {
  const input = await exportInput(deps, target);
  const base = input.documentId;
  if (format === 'cyclonedx') {
    return {
      body: exportCycloneDxVex(input, 'json'),
      contentType: 'application/vnd.cyclonedx+json; charset=utf-8',
      fileName: `${base}.cdx.json`,
    };
  }
  if (format === 'openvex') {
    return {
      body: JSON.stringify(exportOpenVex(input), null, 2),
      contentType: 'application/json; charset=utf-8',
      fileName: `${base}.openvex.json`,
    };
  }
  return {
    body: JSON.stringify(exportCsafVex(input), null, 2),
    contentType: 'application/json; charset=utf-8',
    fileName: `${base}.csaf.json`,
  };
}

/**
 * Applies a VEX document (CycloneDX, CSAF or OpenVEX) to one product version: statements about this
 * version (same version label, or no version) become its statements, each audited; others are
 * reported and left out.
 */
export async function importVexDocument(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  target: Target,
  json: unknown,
): Promise<{ format: string; statements: number; applied: number; warnings: string[] }> {
  const version = await getProductVersion(deps, target.organizationId, target.productId, target.versionId);
  const warnings: string[] = [];
  const document = parseVex(json, warnings);
  let applied = 0;
  for (const [index, statement] of document.statements.entries()) {
    if (statement.product.version !== null && statement.product.version !== version.label) {
      warnings.push(
        `statement ${index} (${statement.vulnerabilityId}) is about version ${statement.product.version}, not ${version.label}; left out`,
      );
      continue;
    }
    const input = SetVexInputSchema.safeParse({
      status: statement.status,
      justification: statement.justification,
      impactStatement: statement.impactStatement,
      actionStatement: statement.actionStatement,
    });
    if (!input.success) {
      warnings.push(
        `statement ${index} (${statement.vulnerabilityId}): ${input.error.issues[0]?.message}; left out`,
      );
      continue;
    }
    await setVexStatement(
      deps,
      actor,
      target,
      statement.vulnerabilityId,
      input.data,
      `import:${document.format}`,
    );
    applied++;
  }
  return { format: document.format, statements: document.statements.length, applied, warnings };
}

/** A scan's findings as a CycloneDX 1.6 VEX document in triage: what a CI pipeline archives. */
export function scanAsCycloneDxVex(result: ScanResult, now = new Date()): string {
  const name = result.sbom.subject?.name ?? 'scanned SBOM';
  const version = result.sbom.subject?.version ?? 'unversioned';
  const seen = new Set<string>();
  const statements: VexStatement[] = [];
  for (const finding of result.findings) {
    const vulnerabilityId =
      finding.vulnerability.ids.find((id) => id.startsWith('CVE-')) ?? finding.vulnerability.id;
    const key = `${vulnerabilityId}\u0000${finding.component.purl ?? ''}`;
    if (seen.has(key) || !finding.component.purl) continue;
    seen.add(key);
    statements.push({
      vulnerabilityId,
      product: { name, version, purl: null, cpe: null },
      subcomponentPurl: finding.component.purl,
      status: 'under_investigation',
      justification: null,
      impactStatement: null,
      actionStatement: null,
      timestamp: now.toISOString(),
    });
  }
  return exportCycloneDxVex(
    {
      product: { name, version, manufacturer: 'unknown', purl: null, cpe: null },
      documentId: `candor-scan-${name}-${version}`,
      generatedAt: now.toISOString(),
      statements,
    },
    'json',
  );
}
