import { arrayOf, objectOrNull, type SbomDraft, textOrNull } from './sbom-draft.ts';
import { mapSpdx, type SpdxDocumentData, type SpdxPackageData } from './spdx-mapping.ts';

type JsonObject = Record<string, unknown>;

function readPackage(value: unknown, index: number): SpdxPackageData {
  const pkg = objectOrNull(value) ?? {};
  return {
    spdxId: textOrNull(pkg.SPDXID),
    name: textOrNull(pkg.name),
    versionInfo: textOrNull(pkg.versionInfo),
    supplier: textOrNull(pkg.supplier),
    primaryPackagePurpose: textOrNull(pkg.primaryPackagePurpose),
    externalRefs: arrayOf(pkg.externalRefs).map((entry) => {
      const ref = objectOrNull(entry);
      return {
        category: textOrNull(ref?.referenceCategory),
        type: textOrNull(ref?.referenceType),
        locator: textOrNull(ref?.referenceLocator),
      };
    }),
    checksums: arrayOf(pkg.checksums).map((entry) => {
      const checksum = objectOrNull(entry);
      return { algorithm: textOrNull(checksum?.algorithm), value: textOrNull(checksum?.checksumValue) };
    }),
    licenseConcluded: textOrNull(pkg.licenseConcluded),
    licenseDeclared: textOrNull(pkg.licenseDeclared),
    path: `/packages/${index}`,
  };
}

/**
 * Reads an SPDX 2.2/2.3 JSON document (already parsed and version-checked by parseSbom), following the
 * SPDX 2.3 JSON schema field names: packages, relationships, documentDescribes, creationInfo, files and
 * snippets (whose ids are known but are not components). Never throws.
 */
export function readSpdxJson(document: JsonObject, specVersion: string): SbomDraft {
  const creationInfo = objectOrNull(document.creationInfo);
  const data: SpdxDocumentData = {
    specVersion,
    documentId: textOrNull(document.SPDXID) ?? 'SPDXRef-DOCUMENT',
    name: textOrNull(document.name),
    creators: arrayOf(creationInfo?.creators)
      .map(textOrNull)
      .filter((c): c is string => c !== null),
    created: textOrNull(creationInfo?.created),
    documentDescribes: arrayOf(document.documentDescribes)
      .map(textOrNull)
      .filter((d): d is string => d !== null),
    packages: arrayOf(document.packages).map(readPackage),
    relationships: [],
    otherElementIds: [...arrayOf(document.files), ...arrayOf(document.snippets)]
      .map((element) => textOrNull(objectOrNull(element)?.SPDXID))
      .filter((id): id is string => id !== null),
  };
  arrayOf(document.relationships).forEach((entry, index) => {
    const relationship = objectOrNull(entry);
    const from = textOrNull(relationship?.spdxElementId);
    const type = textOrNull(relationship?.relationshipType);
    const to = textOrNull(relationship?.relatedSpdxElement);
    if (from !== null && type !== null && to !== null) {
      data.relationships.push({ from, type, to, path: `/relationships/${index}` });
    }
  });
  return mapSpdx(data, 'spdx-json');
}
