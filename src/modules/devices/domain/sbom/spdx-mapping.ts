import { licenseFromSpdx } from './license.ts';
import {
  type DraftComponent,
  type DraftEdge,
  draftComponent,
  type SbomDraft,
  textOrNull,
} from './sbom-draft.ts';
import type { SbomFormat } from './sbom-model.ts';

/** One SPDX package as read from JSON or tag-value, before normalisation. */
export interface SpdxPackageData {
  spdxId: string | null;
  name: string | null;
  versionInfo: string | null;
  supplier: string | null;
  primaryPackagePurpose: string | null;
  /** externalRefs: PACKAGE-MANAGER purl / SECURITY cpe23Type and cpe22Type, in document order. */
  externalRefs: { category: string | null; type: string | null; locator: string | null }[];
  checksums: { algorithm: string | null; value: string | null }[];
  licenseConcluded: string | null;
  licenseDeclared: string | null;
  path: string;
}

export interface SpdxRelationshipData {
  from: string;
  type: string;
  to: string;
  path: string;
}

/** An SPDX 2.x document reduced to what Candor reads; both SPDX readers produce it. */
export interface SpdxDocumentData {
  specVersion: string;
  documentId: string;
  name: string | null;
  creators: string[];
  created: string | null;
  documentDescribes: string[];
  packages: SpdxPackageData[];
  relationships: SpdxRelationshipData[];
  /** SPDXIDs of files and snippets: known elements that are not components. */
  otherElementIds: string[];
}

/**
 * SPDX 2.3 §11.1 relationship types that mean "A needs B" (edge A → B) and their inverses (edge B → A).
 * CONTAINS is read as a dependency, like a CycloneDX nested component. Tool relations (BUILD_TOOL_OF,
 * DEV_TOOL_OF) and the rest (DESCRIBES, GENERATED_FROM, OTHER, …) are not dependencies.
 */
const forwardTypes = new Set(['DEPENDS_ON', 'CONTAINS', 'STATIC_LINK', 'DYNAMIC_LINK', 'HAS_PREREQUISITE']);
const reverseTypes = new Set([
  'DEPENDENCY_OF',
  'BUILD_DEPENDENCY_OF',
  'DEV_DEPENDENCY_OF',
  'OPTIONAL_DEPENDENCY_OF',
  'PROVIDED_DEPENDENCY_OF',
  'TEST_DEPENDENCY_OF',
  'RUNTIME_DEPENDENCY_OF',
  'CONTAINED_BY',
  'PREREQUISITE_FOR',
]);

/** SPDX 2.3 §7.7 supplier / §7.8 originator: `Organization: X`, `Person: X (email)`, NOASSERTION. */
export function spdxPartyName(value: string | null): string | null {
  const text = textOrNull(value);
  if (text === null || text === 'NOASSERTION' || text === 'NONE') return null;
  for (const prefix of ['Organization:', 'Person:', 'Tool:']) {
    if (text.startsWith(prefix)) return textOrNull(text.slice(prefix.length));
  }
  return text;
}

const purposeTypes: ReadonlyMap<string, string> = new Map([
  ['APPLICATION', 'application'],
  ['FRAMEWORK', 'framework'],
  ['LIBRARY', 'library'],
  ['CONTAINER', 'container'],
  ['OPERATING-SYSTEM', 'operating-system'],
  ['DEVICE', 'device'],
  ['FIRMWARE', 'firmware'],
  ['FILE', 'file'],
]);

function firstRef(pkg: SpdxPackageData, types: string[]): { type: string; locator: string } | null {
  for (const ref of pkg.externalRefs) {
    if (ref.type !== null && ref.locator !== null && types.includes(ref.type))
      return { type: ref.type, locator: ref.locator };
  }
  return null;
}

function isNoAssertion(value: string | null): boolean {
  return value === 'NOASSERTION' || value === 'NONE';
}

/**
 * Maps an SPDX 2.2/2.3 document to a draft. Every package is a component — the described package
 * too, because relationships hang off it and it may carry a purl (a container image); it is also
 * reported as the subject. The first purl and the first CPE (cpe23Type, else cpe22Type converted) of
 * each package are used; further ones are ignored. Checksums become hashes; the licence is
 * licenseConcluded, else licenseDeclared (NOASSERTION/NONE ignored). Never throws.
 */
export function mapSpdx(document: SpdxDocumentData, format: SbomFormat): SbomDraft {
  const draft: SbomDraft = {
    format,
    specVersion: document.specVersion,
    author: document.creators.length === 0 ? null : document.creators.join('; '),
    createdAt: document.created,
    documentName: document.name,
    subject: null,
    components: [],
    edges: [],
    nonComponentRefs: new Set([document.documentId, ...document.otherElementIds]),
    warnings: [],
    skipped: [],
  };
  const bySpdxId = new Map<string, DraftComponent>();
  for (const pkg of document.packages) {
    if (pkg.name === null) {
      draft.skipped.push({ path: pkg.path, message: 'package has no name; left out' });
      continue;
    }
    const license = licenseFromSpdx(pkg.licenseConcluded, pkg.licenseDeclared);
    for (const message of license.warnings) draft.warnings.push({ path: pkg.path, message });
    const version = isNoAssertion(pkg.versionInfo) ? null : pkg.versionInfo;
    const component = draftComponent(
      {
        ref: pkg.spdxId,
        name: pkg.name,
        version,
        supplier: spdxPartyName(pkg.supplier),
        type: purposeTypes.get(pkg.primaryPackagePurpose ?? '') ?? null,
        purl: firstRef(pkg, ['purl'])?.locator ?? null,
        cpe: firstRef(pkg, ['cpe23Type', 'cpe22Type'])?.locator ?? null,
        swidTagId: firstRef(pkg, ['swid'])?.locator ?? null,
        hashes: pkg.checksums,
        licenseExpression: license.expression,
        sourcePath: pkg.path,
      },
      draft.warnings,
    );
    draft.components.push(component);
    if (pkg.spdxId !== null && !bySpdxId.has(pkg.spdxId)) bySpdxId.set(pkg.spdxId, component);
  }

  const described = [...document.documentDescribes];
  for (const relationship of document.relationships) {
    const edge = edgeOf(relationship, document.documentId, described, draft);
    if (edge !== null) draft.edges.push(edge);
  }
  const subject = described.map((id) => bySpdxId.get(id)).find((c) => c !== undefined);
  if (subject !== undefined) draft.subject = { name: subject.name, version: subject.version };
  return draft;
}

function edgeOf(
  relationship: SpdxRelationshipData,
  documentId: string,
  described: string[],
  draft: SbomDraft,
): DraftEdge | null {
  const { from, to, path } = relationship;
  let type = relationship.type.toUpperCase();
  if (type === 'DESCRIBE') {
    // trivy writes DESCRIBE; SPDX 2.3 §11.1 only knows DESCRIBES.
    draft.warnings.push({ path, message: 'relationship type DESCRIBE read as DESCRIBES' });
    type = 'DESCRIBES';
  }
  if (type === 'DESCRIBES' && from === documentId) described.push(to);
  if (type === 'DESCRIBED_BY' && to === documentId) described.push(from);
  if (to === 'NOASSERTION' || to === 'NONE') return null;
  if (forwardTypes.has(type)) return { from, to, path };
  if (reverseTypes.has(type)) return { from: to, to: from, path };
  return null;
}
