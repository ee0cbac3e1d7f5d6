import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError } from '../../../../shared/errors.ts';
import { type CycloneDxPaths, mapCycloneDx } from './cyclonedx-json.ts';
import { arrayOf, objectOrNull, type SbomDraft } from './sbom-draft.ts';
import type { SbomIssue } from './sbom-model.ts';
import { dropOversizedStrings, xmlPath } from './string-limit.ts';
import { decodeXmlText } from './xml-prolog.ts';

const xmlPaths: CycloneDxPaths = {
  root: '/bom',
  item: (parent, list, index) =>
    `${parent}/${list}/${list === 'components' ? 'component' : 'dependency'}[${index + 1}]`,
};

/** Elements that may repeat: always read as arrays, so one child and many children look alike. */
const repeatable = new Set([
  'component',
  'hash',
  'license',
  'expression',
  'dependency',
  'tool',
  'author',
  'service',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Never expand entities (STACK.md); the predefined ones are decoded by decodeXmlText below.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => repeatable.has(name),
  tagValueProcessor: (_name, value) => decodeXmlText(value),
  attributeValueProcessor: (_name, value) => decodeXmlText(value),
});

type XmlNode = Record<string, unknown>;

/** Text content of an element that may also carry attributes (`{'#text': …}`). */
function text(value: unknown): unknown {
  if (Array.isArray(value)) return text(value[0]);
  const node = objectOrNull(value);
  return node === null ? value : node['#text'];
}

function named(value: unknown): { name: unknown } | undefined {
  const node = objectOrNull(Array.isArray(value) ? value[0] : value);
  return node === null ? undefined : { name: text(node.name) };
}

/** CycloneDX XML `<licenses>`: `<license><id|name>` choices and `<expression>`s, in JSON shape. */
function licenses(value: unknown): unknown[] {
  const node = objectOrNull(value);
  if (node === null) return [];
  const out: unknown[] = arrayOf(node.license).map((entry) => {
    const license = objectOrNull(entry);
    return { license: { id: text(license?.id), name: text(license?.name) } };
  });
  for (const expression of arrayOf(node.expression)) out.push({ expression: text(expression) });
  return out;
}

/** One `<component>` (or tool component) converted to the CycloneDX JSON shape, children included. */
function component(value: unknown): XmlNode | unknown {
  const node = objectOrNull(value);
  if (node === null) return value;
  return {
    type: node['@_type'],
    'bom-ref': node['@_bom-ref'],
    group: text(node.group),
    name: text(node.name),
    version: text(node.version),
    publisher: text(node.publisher),
    supplier: named(node.supplier),
    manufacturer: named(node.manufacturer),
    purl: text(node.purl),
    cpe: text(node.cpe),
    swid: { tagId: objectOrNull(node.swid)?.['@_tagId'] },
    hashes: arrayOf(objectOrNull(node.hashes)?.hash).map((hash) => ({
      alg: objectOrNull(hash)?.['@_alg'],
      content: text(hash),
    })),
    licenses: licenses(node.licenses),
    components: arrayOf(objectOrNull(node.components)?.component).map(component),
  };
}

function tools(value: unknown): unknown {
  const node = objectOrNull(value);
  if (node === null) return undefined;
  if (node.tool !== undefined) {
    return arrayOf(node.tool).map((tool) => {
      const t = objectOrNull(tool);
      return { vendor: text(t?.vendor), name: text(t?.name), version: text(t?.version) };
    });
  }
  // CycloneDX 1.5+: <tools><components><component>…</components><services><service>…</services>
  return {
    components: arrayOf(objectOrNull(node.components)?.component).map(component),
    services: arrayOf(objectOrNull(node.services)?.service).map((service) => {
      const s = objectOrNull(service);
      return { group: text(s?.group), name: text(s?.name), version: text(s?.version) };
    }),
  };
}

/** `<dependencies><dependency ref><dependency ref/></dependency>` → `[{ref, dependsOn}]`. */
function dependencies(value: unknown): unknown[] {
  return arrayOf(objectOrNull(value)?.dependency).map((entry) => {
    const node = objectOrNull(entry);
    return {
      ref: node?.['@_ref'],
      dependsOn: arrayOf(node?.dependency).map((d) => objectOrNull(d)?.['@_ref']),
    };
  });
}

function toJsonShape(bom: XmlNode): XmlNode {
  const metadata = objectOrNull(bom.metadata);
  return {
    metadata: metadata && {
      timestamp: text(metadata.timestamp),
      tools: tools(metadata.tools),
      authors: arrayOf(objectOrNull(metadata.authors)?.author).map(named),
      component: metadata.component === undefined ? undefined : component(arrayOf(metadata.component)[0]),
      manufacture: named(metadata.manufacture),
      manufacturer: named(metadata.manufacturer),
      supplier: named(metadata.supplier),
    },
    components: arrayOf(objectOrNull(bom.components)?.component).map(component),
    dependencies: dependencies(bom.dependencies),
  };
}

/**
 * Reads a CycloneDX XML document whose root (`bom` in http://cyclonedx.org/schema/bom/1.x) and
 * version were checked by parseSbom. Well-formedness is checked first with fast-xml-parser's
 * validator (its parser alone accepts truncated or mismatched documents), then the text is parsed
 * once and mapped exactly like JSON (CycloneDX XSD and JSON schema share one model).
 * @throws DomainError('invalid') when the XML is not well-formed.
 */
export function readCycloneDxXml(
  textContent: string,
  specVersion: string,
  maxStringLength: number,
): SbomDraft {
  const validation = XMLValidator.validate(textContent);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new DomainError('invalid', `XML is not well-formed: ${msg} (line ${line}, column ${col})`);
  }
  let tree: XmlNode;
  try {
    tree = parser.parse(textContent) as XmlNode;
  } catch (error) {
    throw new DomainError(
      'invalid',
      `XML could not be parsed: ${error instanceof Error ? error.message : error}`,
    );
  }
  const limitWarnings: SbomIssue[] = [];
  dropOversizedStrings(tree, textContent.length, maxStringLength, xmlPath, limitWarnings);
  const bom = objectOrNull(tree.bom) ?? {};
  const draft = mapCycloneDx(toJsonShape(bom), 'cyclonedx-xml', specVersion, xmlPaths);
  draft.warnings.unshift(...limitWarnings);
  return draft;
}
