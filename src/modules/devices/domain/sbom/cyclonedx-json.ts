import { licenseFromCycloneDx } from './license.ts';
import {
  arrayOf,
  type ComponentFields,
  type DraftComponent,
  type DraftEdge,
  draftComponent,
  objectOrNull,
  type SbomDraft,
  textOrNull,
} from './sbom-draft.ts';
import type { SbomFormat, SbomIssue } from './sbom-model.ts';

/** How source paths are spelt: JSON pointers for JSON, 1-based XPath-like paths for XML. */
export interface CycloneDxPaths {
  root: string;
  item(parent: string, list: 'components' | 'dependencies', index: number): string;
}

export const cycloneDxJsonPaths: CycloneDxPaths = {
  root: '',
  item: (parent, list, index) => `${parent}/${list}/${index}`,
};

/** A component entry (or tool) as CycloneDX JSON spells it. */
type CdxObject = Record<string, unknown>;

function nameOf(value: unknown): string | null {
  return textOrNull(objectOrNull(value)?.name);
}

function readComponent(node: CdxObject, path: string, warnings: SbomIssue[]): ComponentFields {
  // Most components of a large BOM have no licences, hashes or children: nothing to allocate for them.
  let licenseExpression: string | null = null;
  if (node.licenses !== undefined) {
    const license = licenseFromCycloneDx(node.licenses);
    for (const message of license.warnings) warnings.push({ path: `${path}/licenses`, message });
    licenseExpression = license.expression;
  }
  return {
    ref: textOrNull(node['bom-ref']),
    name: textOrNull(node.name) ?? '',
    version: textOrNull(node.version),
    // CycloneDX 1.2+ supplier, 1.6 manufacturer, else the older free-text publisher.
    supplier: nameOf(node.supplier) ?? nameOf(node.manufacturer) ?? textOrNull(node.publisher),
    type: textOrNull(node.type),
    purl: textOrNull(node.purl),
    cpe: textOrNull(node.cpe),
    swidTagId: textOrNull(objectOrNull(node.swid)?.tagId),
    hashes:
      node.hashes === undefined
        ? []
        : arrayOf(node.hashes).map((hash) => {
            const h = objectOrNull(hash);
            return { algorithm: textOrNull(h?.alg), value: textOrNull(h?.content) };
          }),
    licenseExpression,
    sourcePath: path,
  };
}

/**
 * Flattens `components` and their nested `components` in document order (pre-order, explicit stack),
 * each keeping its own path (`/components/3/components/0`). A component without a name is skipped,
 * but its nested components are still read.
 */
function flattenComponents(
  roots: { list: unknown; parent: string }[],
  paths: CycloneDxPaths,
  draft: Pick<SbomDraft, 'warnings' | 'skipped'>,
): DraftComponent[] {
  const out: DraftComponent[] = [];
  // The stack as two parallel arrays (node, path): no object per entry.
  const nodes: unknown[] = [];
  const nodePaths: string[] = [];
  const pushChildren = (list: unknown, parent: string) => {
    if (list === undefined || list === null) return;
    const items = arrayOf(list);
    for (let i = items.length - 1; i >= 0; i--) {
      nodes.push(items[i]);
      nodePaths.push(paths.item(parent, 'components', i));
    }
  };
  for (let r = roots.length - 1; r >= 0; r--) pushChildren(roots[r]?.list, roots[r]?.parent ?? paths.root);
  while (nodes.length > 0) {
    const node = nodes.pop();
    const path = nodePaths.pop() as string;
    const component = objectOrNull(node);
    if (component === null) {
      draft.skipped.push({ path, message: 'component is not an object; left out' });
      continue;
    }
    const fields = readComponent(component, path, draft.warnings);
    if (fields.name === '') draft.skipped.push({ path, message: 'component has no name; left out' });
    else out.push(draftComponent(fields, draft.warnings));
    pushChildren(component.components, path);
  }
  return out;
}

function toolName(tool: unknown): string | null {
  const t = objectOrNull(tool);
  if (t === null) return null;
  const maker = textOrNull(t.vendor) ?? textOrNull(t.group) ?? nameOf(t.manufacturer) ?? nameOf(t.provider);
  const parts = [maker, textOrNull(t.name), textOrNull(t.version)].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : parts.join(' ');
}

/**
 * Who made the BOM: metadata.authors, manufacture/manufacturer and supplier names, then tools in both
 * forms — the 1.2–1.4 array of {vendor, name, version} and the 1.5+ object {components, services}.
 */
function authorOf(metadata: CdxObject | null): string | null {
  if (metadata === null) return null;
  const tools = metadata.tools;
  const toolList = Array.isArray(tools)
    ? tools
    : [...arrayOf(objectOrNull(tools)?.components), ...arrayOf(objectOrNull(tools)?.services)];
  const parts = [
    ...arrayOf(metadata.authors).map(nameOf),
    nameOf(metadata.manufacture) ?? nameOf(metadata.manufacturer),
    nameOf(metadata.supplier),
    ...toolList.map(toolName),
  ].filter((p): p is string => p !== null);
  const unique = [...new Set(parts)];
  return unique.length === 0 ? null : unique.join('; ');
}

function edgesOf(dependencies: unknown, paths: CycloneDxPaths): DraftEdge[] {
  const edges: DraftEdge[] = [];
  arrayOf(dependencies).forEach((entry, index) => {
    const dependency = objectOrNull(entry);
    const from = textOrNull(dependency?.ref);
    if (from === null) return;
    const path = paths.item(paths.root, 'dependencies', index);
    for (const target of arrayOf(dependency?.dependsOn)) {
      const to = textOrNull(target);
      if (to !== null) edges.push({ from, to, path });
    }
  });
  return edges;
}

/**
 * Maps a CycloneDX 1.2–1.6 BOM in JSON shape (JSON as parsed, or XML converted to the same shape) to
 * a draft: metadata.component is the subject (its nested components are components), `components`
 * are flattened, `dependencies` (ref → dependsOn) become edges. The caller has checked the version.
 */
export function mapCycloneDx(
  bom: CdxObject,
  format: SbomFormat,
  specVersion: string,
  paths: CycloneDxPaths,
): SbomDraft {
  const metadata = objectOrNull(bom.metadata);
  const subjectNode = objectOrNull(metadata?.component);
  const subjectPath = `${paths.root}/metadata/component`;
  const draft: SbomDraft = {
    format,
    specVersion,
    author: authorOf(metadata),
    createdAt: textOrNull(metadata?.timestamp),
    documentName: null,
    subject: null,
    components: [],
    edges: edgesOf(bom.dependencies, paths),
    nonComponentRefs: new Set(),
    warnings: [],
    skipped: [],
  };
  const subjectName = textOrNull(subjectNode?.name);
  if (subjectNode !== null && subjectName !== null) {
    draft.subject = { name: subjectName, version: textOrNull(subjectNode.version) };
  }
  const subjectRef = textOrNull(subjectNode?.['bom-ref']);
  if (subjectRef !== null) draft.nonComponentRefs.add(subjectRef);
  draft.components = flattenComponents(
    [
      { list: subjectNode?.components, parent: subjectPath },
      { list: bom.components, parent: paths.root },
    ],
    paths,
    draft,
  );
  return draft;
}

/** Reads a CycloneDX JSON document (already parsed and version-checked by parseSbom). */
export function readCycloneDxJson(document: CdxObject, specVersion: string): SbomDraft {
  return mapCycloneDx(document, 'cyclonedx-json', specVersion, cycloneDxJsonPaths);
}
