import { DomainError } from '../../../../shared/errors.ts';
import { readCycloneDxJson } from './cyclonedx-json.ts';
import { readCycloneDxXml } from './cyclonedx-xml.ts';
import { dedupeComponents } from './dedupe.ts';
import { reportCycles, resolveDependencies } from './dependency-graph.ts';
import { parseJsonText } from './json-text.ts';
import { objectOrNull, type SbomDraft } from './sbom-draft.ts';
import type { ParsedSbom, SbomIssue } from './sbom-model.ts';
import { readSpdxJson } from './spdx-json.ts';
import { mapSpdx } from './spdx-mapping.ts';
import { readSpdxTagValue } from './spdx-tag-value.ts';
import {
  defaultMaxStringLength,
  dropOversizedStrings,
  jsonMayHoldLongerString,
  jsonPointer,
} from './string-limit.ts';
import { describeInvalidUtf8 } from './utf8.ts';
import { readXmlRoot } from './xml-prolog.ts';

export interface ParseSbomOptions {
  /** Longest accepted single string, in characters (default 1 MiB); longer values are dropped with a warning. */
  maxStringLength?: number;
}

const cycloneDxVersions = ['1.2', '1.3', '1.4', '1.5', '1.6'];
const spdxJsonVersions = ['SPDX-2.2', 'SPDX-2.3'];
// Tag-value had the same package fields in 2.1; JSON only became an official SPDX format in 2.2.
const spdxTagValueVersions = ['SPDX-2.1', 'SPDX-2.2', 'SPDX-2.3'];
const cycloneDxNamespace = 'http://cyclonedx.org/schema/bom/';

function invalid(message: string): never {
  throw new DomainError('invalid', message);
}

function checkCycloneDxVersion(version: unknown): string {
  if (typeof version !== 'string') invalid('CycloneDX document has no specVersion');
  if (cycloneDxVersions.includes(version)) return version;
  const later = Number.parseFloat(version) > 1.6;
  return invalid(
    `CycloneDX ${version.slice(0, 20)} is not supported${later ? ' yet' : ''} (supported: CycloneDX 1.2–1.6)`,
  );
}

function readJson(text: string, start: number, bomLength: number, maxLength: number): SbomDraft {
  const warnings: SbomIssue[] = [];
  const parsed = parseJsonText(text, start, bomLength, warnings);
  if (jsonMayHoldLongerString(text, maxLength))
    dropOversizedStrings(parsed, text.length, maxLength, jsonPointer, warnings);
  const document = objectOrNull(parsed);
  if (document === null) invalid('JSON document is not an SBOM: its top level is not an object');
  let draft: SbomDraft;
  if (document.bomFormat !== undefined) {
    if (document.bomFormat !== 'CycloneDX')
      invalid("JSON document is not an SBOM: bomFormat is not 'CycloneDX'");
    draft = readCycloneDxJson(document, checkCycloneDxVersion(document.specVersion));
  } else if (typeof document.spdxVersion === 'string') {
    const version = document.spdxVersion;
    if (!spdxJsonVersions.includes(version)) {
      invalid(
        version.startsWith('SPDX-3')
          ? 'SPDX 3 documents are not supported yet (supported: SPDX 2.2 and 2.3)'
          : `SPDX version '${version.slice(0, 20)}' is not supported in JSON (supported: SPDX-2.2, SPDX-2.3)`,
      );
    }
    draft = readSpdxJson(document, version.slice('SPDX-'.length));
  } else if (document['@context'] !== undefined && JSON.stringify(document['@context']).includes('spdx')) {
    invalid('SPDX 3 JSON-LD documents are not supported yet (supported: SPDX 2.2 and 2.3)');
  } else {
    invalid("JSON document is not an SBOM: it has neither bomFormat 'CycloneDX' nor spdxVersion");
  }
  draft.warnings.unshift(...warnings);
  return draft;
}

function readXml(text: string, maxLength: number): SbomDraft {
  const root = readXmlRoot(text);
  if (root.localName === 'RDF') invalid('SPDX RDF/XML is not supported (use SPDX JSON or tag-value)');
  if (root.localName !== 'bom' || !root.namespace?.startsWith(cycloneDxNamespace)) {
    invalid(
      `XML document is not a CycloneDX BOM: root element <${root.localName.slice(0, 40)}> in namespace ${root.namespace ?? '(none)'}`,
    );
  }
  const version = checkCycloneDxVersion(root.namespace.slice(cycloneDxNamespace.length));
  return readCycloneDxXml(text, version, maxLength);
}

/** A tag-value document starts (after comments) with a `Tag: value` line and has an SPDXVersion tag. */
function looksLikeTagValue(text: string, start: number): boolean {
  const lineEnd = text.indexOf('\n', start);
  const firstLine = text.slice(start, lineEnd === -1 ? text.length : lineEnd);
  const colon = firstLine.indexOf(':');
  if (colon <= 0 && !firstLine.startsWith('#')) return false;
  return text.startsWith('SPDXVersion:', start) || text.includes('\nSPDXVersion:');
}

function readTagValue(text: string, maxLength: number): SbomDraft {
  const warnings: SbomIssue[] = [];
  const data = readSpdxTagValue(text, maxLength, warnings);
  const version = data.declaredVersion;
  if (version === null) invalid('SPDX tag-value document has no SPDXVersion');
  if (!spdxTagValueVersions.includes(version)) {
    invalid(`SPDX version '${version.slice(0, 20)}' is not supported (supported: SPDX-2.1 to SPDX-2.3)`);
  }
  const draft = mapSpdx({ ...data, specVersion: version.slice('SPDX-'.length) }, 'spdx-tag-value');
  draft.warnings.unshift(...warnings);
  return draft;
}

function assemble(draft: SbomDraft): ParsedSbom {
  const { warnings, skipped } = draft;
  const { components, aliases, byRef } = dedupeComponents(draft.components, warnings, skipped);
  const { dependencies, paths } = resolveDependencies(
    draft.edges,
    byRef,
    aliases,
    draft.nonComponentRefs,
    warnings,
  );
  reportCycles(dependencies, paths, warnings);
  let createdAt = draft.createdAt;
  if (createdAt !== null && Number.isNaN(Date.parse(createdAt))) {
    warnings.push({
      path: '',
      message: `creation time '${createdAt.slice(0, 40)}' is not an ISO 8601 date; ignored`,
    });
    createdAt = null;
  }
  return {
    format: draft.format,
    specVersion: draft.specVersion,
    author: draft.author,
    createdAt,
    documentName: draft.documentName,
    subject: draft.subject,
    components,
    dependencies,
    warnings,
    skipped,
  };
}

/**
 * Reads an SBOM into Candor's model. The format is detected from the content, not the file name:
 * CycloneDX JSON (bomFormat 'CycloneDX', specVersion 1.2–1.6), CycloneDX XML (root `bom` in
 * http://cyclonedx.org/schema/bom/1.2 … 1.6), SPDX JSON (spdxVersion SPDX-2.2/2.3) or SPDX tag-value
 * (SPDXVersion SPDX-2.1 … 2.3). Components are flattened, identifiers normalised (purl repair, CPE 2.3,
 * SPDX licence expressions), duplicates collapsed, dependency edges resolved and cycles reported.
 * Pure and synchronous; linear in the input size.
 * @throws DomainError('invalid') when the bytes are not UTF-8, empty, truncated or malformed JSON/XML,
 *   not an SBOM, an unsupported spec version, or XML with a DOCTYPE.
 */
export function parseSbom(bytes: Uint8Array, options: ParseSbomOptions = {}): ParsedSbom {
  const maxLength = options.maxStringLength ?? defaultMaxStringLength;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    invalid(describeInvalidUtf8(bytes));
  }
  const bomLength = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let start = 0;
  while (start < text.length && ' \t\r\n'.includes(text[start] as string)) start++;
  if (start === text.length)
    invalid(bytes.length === 0 ? 'The file is empty' : 'The file contains only white space');
  const first = text[start];
  let draft: SbomDraft;
  if (first === '{' || first === '[') draft = readJson(text, start, bomLength, maxLength);
  else if (first === '<') draft = readXml(text, maxLength);
  else if (looksLikeTagValue(text, start)) draft = readTagValue(text, maxLength);
  else {
    invalid('The file is not a recognised SBOM: expected CycloneDX JSON or XML, SPDX JSON or SPDX tag-value');
  }
  return assemble(draft);
}
