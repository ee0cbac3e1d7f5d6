import { DomainError } from '../../../../shared/errors.ts';
import type { SbomIssue } from './sbom-model.ts';
import type { SpdxDocumentData, SpdxPackageData } from './spdx-mapping.ts';

/** One `Tag: value` entry; multi-line `<text>…</text>` values are joined. `line` is 1-based. */
interface TagValueEntry {
  tag: string;
  value: string;
  line: number;
}

function* entries(text: string, maxLength: number, warnings: SbomIssue[]): Generator<TagValueEntry> {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = stripCarriageReturn(lines[index] as string);
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      warnings.push({ path: `line ${index + 1}`, message: "not a 'Tag: value' line; ignored" });
      continue;
    }
    const tag = line.slice(0, colon).trim();
    let value = line.slice(colon + 1).trim();
    const start = index;
    if (value.startsWith('<text>')) {
      // SPDX 2.3 tag-value: a value wrapped in <text>…</text> may span lines.
      let body = value.slice('<text>'.length);
      const parts: string[] = [];
      let close = body.indexOf('</text>');
      while (close === -1) {
        parts.push(body);
        index++;
        if (index >= lines.length) {
          throw new DomainError(
            'invalid',
            `SPDX tag-value: <text> opened at line ${start + 1} is never closed`,
          );
        }
        body = stripCarriageReturn(lines[index] as string);
        close = body.indexOf('</text>');
      }
      parts.push(body.slice(0, close));
      value = parts.join('\n');
    }
    if (value.length > maxLength) {
      warnings.push({
        path: `line ${start + 1}`,
        message: `value of ${tag} has ${value.length} characters, over the ${maxLength}-character limit; dropped`,
      });
      continue;
    }
    yield { tag, value, line: start + 1 };
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Splits on runs of spaces/tabs without a regex. */
function words(value: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const character of value) {
    if (character === ' ' || character === '\t') {
      if (current !== '') out.push(current);
      current = '';
    } else current += character;
  }
  if (current !== '') out.push(current);
  return out;
}

function newPackage(name: string, line: number): SpdxPackageData {
  return {
    spdxId: null,
    name: name === '' ? null : name,
    versionInfo: null,
    supplier: null,
    primaryPackagePurpose: null,
    externalRefs: [],
    checksums: [],
    licenseConcluded: null,
    licenseDeclared: null,
    path: `line ${line}`,
  };
}

/**
 * Reads an SPDX 2.x tag-value document (SPDX 2.3 spec, tag-value format: one `Tag: value` per line,
 * `<text>` values across lines, `#` comments). A package starts at `PackageName`; `FileName`,
 * `SnippetSPDXID` and `LicenseID` end it. `SPDXID` belongs to the section it appears in. Source paths
 * are `line N`. Values longer than `maxLength` are dropped with a warning.
 * @throws DomainError('invalid') when a `<text>` value is never closed.
 */
export function readSpdxTagValue(
  text: string,
  maxLength: number,
  warnings: SbomIssue[],
): SpdxDocumentData & { declaredVersion: string | null } {
  const data: SpdxDocumentData & { declaredVersion: string | null } = {
    declaredVersion: null,
    specVersion: '',
    documentId: 'SPDXRef-DOCUMENT',
    name: null,
    creators: [],
    created: null,
    documentDescribes: [],
    packages: [],
    relationships: [],
    otherElementIds: [],
  };
  let section: 'document' | 'package' | 'other' = 'document';
  let pkg: SpdxPackageData | null = null;
  for (const { tag, value, line } of entries(text, maxLength, warnings)) {
    switch (tag) {
      case 'SPDXVersion':
        data.declaredVersion ??= value;
        break;
      case 'DocumentName':
        data.name = value || null;
        break;
      case 'Creator':
        data.creators.push(value);
        break;
      case 'Created':
        data.created = value || null;
        break;
      case 'SPDXID':
        if (section === 'document') data.documentId = value;
        else if (pkg !== null) pkg.spdxId = value || null;
        else data.otherElementIds.push(value);
        break;
      case 'PackageName':
        section = 'package';
        pkg = newPackage(value, line);
        data.packages.push(pkg);
        break;
      case 'FileName':
      case 'LicenseID':
        section = 'other';
        pkg = null;
        break;
      case 'SnippetSPDXID':
        section = 'other';
        pkg = null;
        data.otherElementIds.push(value);
        break;
      case 'Relationship': {
        const [from, type, to] = words(value);
        if (from && type && to) data.relationships.push({ from, type, to, path: `line ${line}` });
        else
          warnings.push({
            path: `line ${line}`,
            message: `Relationship '${value}' is not 'A TYPE B'; ignored`,
          });
        break;
      }
      default:
        if (pkg !== null) readPackageTag(pkg, tag, value);
    }
  }
  return data;
}

function readPackageTag(pkg: SpdxPackageData, tag: string, value: string): void {
  const text = value === '' ? null : value;
  switch (tag) {
    case 'PackageVersion':
      pkg.versionInfo = text;
      break;
    case 'PackageSupplier':
      pkg.supplier = text;
      break;
    case 'PrimaryPackagePurpose':
      pkg.primaryPackagePurpose = text;
      break;
    case 'PackageLicenseConcluded':
      pkg.licenseConcluded = text;
      break;
    case 'PackageLicenseDeclared':
      pkg.licenseDeclared = text;
      break;
    case 'PackageChecksum': {
      const colon = value.indexOf(':');
      if (colon > 0)
        pkg.checksums.push({ algorithm: value.slice(0, colon).trim(), value: value.slice(colon + 1).trim() });
      break;
    }
    case 'ExternalRef': {
      const [category = null, type = null, locator = null] = words(value);
      pkg.externalRefs.push({ category, type, locator });
      break;
    }
  }
}
