/**
 * SPDX 2.3 JSON export of one device version (https://spdx.github.io/spdx-spec/v2.3/), as a plain object
 * for `JSON.stringify`. Pure: no I/O.
 */
import { SPDX } from '@cyclonedx/cyclonedx-library';
import {
  hashAlgorithmNames,
  isSingleLicense,
  prepareSbomExport,
  type SbomExportInput,
} from './sbom-export-shared.ts';
import type { SbomComponent } from './sbom-model.ts';

export interface Spdx23Checksum {
  algorithm: string;
  checksumValue: string;
}

export interface Spdx23ExternalRef {
  referenceCategory: 'SECURITY' | 'PACKAGE-MANAGER' | 'PERSISTENT-ID' | 'OTHER';
  referenceType: string;
  referenceLocator: string;
}

export interface Spdx23Package {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  supplier: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  checksums?: Spdx23Checksum[];
  licenseConcluded: string;
  licenseDeclared: string;
  copyrightText: 'NOASSERTION';
  externalRefs?: Spdx23ExternalRef[];
  primaryPackagePurpose?: string;
  releaseDate?: string;
  comment?: string;
}

export interface Spdx23Relationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'CONTAINS' | 'DEPENDS_ON';
  relatedSpdxElement: string;
}

/** SPDX 2.3 §10 Other Licensing Information, for a `LicenseRef-` the document uses. */
export interface ExtractedLicense {
  licenseId: string;
  extractedText: string;
  name?: string;
}

export interface Spdx23Document {
  spdxVersion: 'SPDX-2.3';
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: Spdx23Package[];
  relationships: Spdx23Relationship[];
  hasExtractedLicensingInfos?: ExtractedLicense[];
}

const noAssertion = 'NOASSERTION';

/** SPDX 2.3 §7.24 Primary Package Purpose, from the CycloneDX component type. */
const purposes: Readonly<Record<string, string>> = {
  application: 'APPLICATION',
  framework: 'FRAMEWORK',
  library: 'LIBRARY',
  container: 'CONTAINER',
  'operating-system': 'OPERATING_SYSTEM',
  device: 'DEVICE',
  firmware: 'FIRMWARE',
  file: 'FILE',
};

/**
 * The device version as an SPDX 2.3 JSON document: one package for the device (purpose DEVICE) and one per
 * component, `DOCUMENT DESCRIBES device`, `device CONTAINS` each top-level component (those no other
 * component depends on, plus one entry into each dependency cycle nothing else reaches) and `A DEPENDS_ON B`
 * for each dependency edge.
 *
 * - SPDXIDs (§3.2, §7.2: `SPDXRef-` then letters, digits, `.`, `-`) come from the component ref with every
 *   other character replaced by `-`, made unique with a `-2`, `-3`… suffix.
 * - `documentNamespace` (§6.5) is `https://spdx.org/spdxdocs/<product>-<version>-<uuid of serialNumber>`,
 *   the usual form for documents whose creator has no namespace of its own.
 * - The source SBOM's licence is the declared licence (§7.15); `licenseConcluded` (§7.13) is NOASSERTION,
 *   since Candor draws no conclusion. A single word that is no SPDX id becomes a `LicenseRef-`, defined in
 *   `hasExtractedLicensingInfos` (§10) like every `LicenseRef-` used; a `DocumentRef-` (which would need an
 *   external document reference) becomes NOASSERTION.
 * - Checksums use the SPDX names (§7.10: SHA1, SHA256, …); algorithms SPDX 2.3 lacks (Streebog) are skipped.
 * - purl → `PACKAGE-MANAGER purl`, CPE → `SECURITY cpe23Type` (or `cpe22Type` for a `cpe:/` URI), SWID tag
 *   id → `SECURITY swid` (Annex F).
 *
 * @throws DomainError `invalid` as {@link prepareSbomExport} does.
 */
export function exportSpdx23(input: SbomExportInput): Spdx23Document {
  const prepared = prepareSbomExport(input);
  const taken = new Set<string>();
  const deviceId = uniqueSpdxId('Device', taken);
  const ids = new Map(input.components.map((c) => [c.ref, uniqueSpdxId(c.ref, taken)]));
  const extracted = new Map<string, ExtractedLicense>();
  const released = spdxDate(input.version.releasedAt);
  const manufacturer = `Organization: ${agentName(input.product.manufacturer)}`;

  const device: Spdx23Package = {
    SPDXID: deviceId,
    name: input.product.name,
    versionInfo: input.version.label,
    supplier: manufacturer,
    downloadLocation: noAssertion,
    filesAnalyzed: false,
    licenseConcluded: noAssertion,
    licenseDeclared: noAssertion,
    copyrightText: noAssertion,
    primaryPackagePurpose: 'DEVICE',
    ...(released ? { releaseDate: released } : {}),
    ...(input.product.modelNumber ? { comment: `Model number: ${input.product.modelNumber}` } : {}),
  };
  const packages = input.components.map((component) =>
    toPackage(component, ids.get(component.ref)!, (license) => extracted.set(license.licenseId, license)),
  );
  const uuid = input.serialNumber.slice('urn:uuid:'.length);
  const documentName = `${input.product.name} ${input.version.label}`;
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: documentName,
    documentNamespace: `https://spdx.org/spdxdocs/${encodeURIComponent(documentName.replace(/\s+/g, '-'))}-${uuid}`,
    creationInfo: { created: spdxDate(input.generatedAt)!, creators: ['Tool: Candor', manufacturer] },
    packages: [device, ...packages],
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: deviceId },
      ...prepared.topLevel.map(
        (ref): Spdx23Relationship => ({
          spdxElementId: deviceId,
          relationshipType: 'CONTAINS',
          relatedSpdxElement: ids.get(ref)!,
        }),
      ),
      ...prepared.edges.map(
        ({ from, to }): Spdx23Relationship => ({
          spdxElementId: ids.get(from)!,
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: ids.get(to)!,
        }),
      ),
    ],
    ...(extracted.size > 0 ? { hasExtractedLicensingInfos: [...extracted.values()] } : {}),
  };
}

function toPackage(
  component: SbomComponent,
  spdxId: string,
  define: (license: ExtractedLicense) => void,
): Spdx23Package {
  const checksums = new Map<string, string>();
  for (const { algorithm, value } of component.hashes) {
    const spdx = hashAlgorithmNames(algorithm)?.spdx;
    if (spdx && !checksums.has(spdx)) checksums.set(spdx, value.trim().toLowerCase());
  }
  const externalRefs: Spdx23ExternalRef[] = [];
  if (component.purl) {
    externalRefs.push({
      referenceCategory: 'PACKAGE-MANAGER',
      referenceType: 'purl',
      referenceLocator: component.purl,
    });
  }
  if (component.cpe) {
    const referenceType = component.cpe.startsWith('cpe:2.3:') ? 'cpe23Type' : 'cpe22Type';
    externalRefs.push({ referenceCategory: 'SECURITY', referenceType, referenceLocator: component.cpe });
  }
  if (component.swidTagId) {
    externalRefs.push({
      referenceCategory: 'SECURITY',
      referenceType: 'swid',
      referenceLocator: component.swidTagId,
    });
  }
  const purpose = purposes[component.type?.toLowerCase() ?? ''];
  return {
    SPDXID: spdxId,
    name: component.name,
    ...(component.version ? { versionInfo: component.version } : {}),
    supplier: component.supplier ? `Organization: ${agentName(component.supplier)}` : noAssertion,
    downloadLocation: noAssertion,
    filesAnalyzed: false,
    ...(checksums.size > 0
      ? { checksums: [...checksums].map(([algorithm, checksumValue]) => ({ algorithm, checksumValue })) }
      : {}),
    licenseConcluded: noAssertion,
    licenseDeclared: declaredLicense(component.licenseExpression, define),
    copyrightText: noAssertion,
    ...(externalRefs.length > 0 ? { externalRefs } : {}),
    ...(purpose ? { primaryPackagePurpose: purpose } : {}),
  };
}

const licenseRefPattern = /(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+/g;

/** SPDX 2.3 Annex D licence expression, or NOASSERTION; defines the `LicenseRef-`s it uses. */
function declaredLicense(expression: string | null, define: (license: ExtractedLicense) => void): string {
  const text = expression?.trim() ?? '';
  if (text === '') return noAssertion;
  if (isSingleLicense(text)) {
    const id = SPDX.fixupSpdxId(text);
    if (id) return id;
    if (!text.match(licenseRefPattern)?.includes(text)) {
      const licenseId = `LicenseRef-${text.replace(/[^A-Za-z0-9.-]/g, '-')}`;
      define({
        licenseId,
        name: text,
        extractedText: `Named "${text}" in the source SBOM; no licence text given.`,
      });
      return licenseId;
    }
  }
  const refs = text.match(licenseRefPattern) ?? [];
  if (refs.some((ref) => ref.startsWith('DocumentRef-'))) return noAssertion;
  for (const licenseId of refs) {
    define({ licenseId, extractedText: 'Referenced by the source SBOM; no licence text given.' });
  }
  return text;
}

/** `SPDXRef-<idstring>` with only letters, digits, `.` and `-` (SPDX 2.3 §3.2), unique within `taken`. */
function uniqueSpdxId(ref: string, taken: Set<string>): string {
  const body = ref.replace(/^SPDXRef-/, '').replace(/[^A-Za-z0-9.-]/g, '-') || 'Package';
  let id = `SPDXRef-${body}`;
  for (let n = 2; taken.has(id); n++) id = `SPDXRef-${body}-${n}`;
  taken.add(id);
  return id;
}

/** An organisation name for the `Organization: name (email)` agent syntax (§6.8): no parentheses or breaks. */
function agentName(name: string): string {
  return name.replace(/[()\s]+/g, ' ').trim() || noAssertion;
}

/** SPDX dates are `YYYY-MM-DDThh:mm:ssZ` (§6.9); a bare date is taken as midnight UTC. Null if unparseable. */
function spdxDate(value: string | null): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
