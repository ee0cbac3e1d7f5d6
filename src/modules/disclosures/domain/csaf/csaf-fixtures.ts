/**
 * Build inputs for the CSAF tests: an invented infusion-pump manufacturer with two products. Test support
 * only (no production code imports it).
 */
import { type DisclosureContentInput, DisclosureContentSchema } from '../../disclosures.contracts.ts';
import type { CsafBuildInput, CsafProductVersion } from './csaf-input.ts';
import { csafFileName } from './file-name.ts';

export const ids = {
  pump: '0b4c1a52-6f1e-4d7a-9f59-0d6b1c9a0001',
  gateway: '0b4c1a52-6f1e-4d7a-9f59-0d6b1c9a0002',
  monitor: '0b4c1a52-6f1e-4d7a-9f59-0d6b1c9a0003',
  pump31: '7d3e9c10-2a4b-4c5d-8e6f-7a8b9c0d0031',
  pump32: '7d3e9c10-2a4b-4c5d-8e6f-7a8b9c0d0032',
  pump40: '7d3e9c10-2a4b-4c5d-8e6f-7a8b9c0d0040',
  gateway1: '7d3e9c10-2a4b-4c5d-8e6f-7a8b9c0d1001',
  gateway2: '7d3e9c10-2a4b-4c5d-8e6f-7a8b9c0d1002',
  unknown: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
} as const;

function pumpVersion(id: string, label: string): CsafProductVersion {
  return {
    productVersionId: id,
    productId: ids.pump,
    productName: 'InfuSafe Pump',
    productSlug: 'infusafe-pump',
    versionLabel: label,
    modelNumbers: ['IP-200', 'IP-200X'],
    // A GS1 GTIN-14 with a valid check digit.
    udiDi: '00614141999996',
    sbomUrl: `https://candor.example/api/v1/sboms/${id}`,
  };
}

function gatewayVersion(id: string, label: string): CsafProductVersion {
  return {
    productVersionId: id,
    productId: ids.gateway,
    productName: 'InfuSafe Gateway',
    productSlug: 'infusafe-gateway',
    versionLabel: label,
    modelNumbers: [],
    // An HIBCC DI: no URI form, so it is a SKU only.
    udiDi: '+H123GW1000',
    sbomUrl: null,
  };
}

export const productVersions: CsafProductVersion[] = [
  pumpVersion(ids.pump31, '3.1'),
  pumpVersion(ids.pump32, '3.2'),
  pumpVersion(ids.pump40, '4.0'),
  gatewayVersion(ids.gateway1, '1.0 (build 7)'),
  gatewayVersion(ids.gateway2, '2.0'),
];

/** A released input with one revision; `overrides` replace top-level fields, `content` is parsed. */
export function buildInput(
  overrides: Partial<Omit<CsafBuildInput, 'content'>> & { content?: DisclosureContentInput } = {},
): CsafBuildInput {
  const trackingId = overrides.trackingId ?? 'ACME-SA-2025-0001';
  const { content, ...rest } = overrides;
  return {
    trackingId,
    kind: 'advisory',
    title: 'InfuSafe Pump: authentication bypass',
    summary: 'Two vulnerabilities let an attacker on the hospital network change pump settings.',
    body: 'The pump accepts unauthenticated configuration commands on its service port.',
    severity: 'high',
    tlp: 'WHITE',
    publisher: {
      name: 'Acme Medical',
      slug: 'acme-medical',
      namespace: 'https://candor.example/organizations/acme-medical',
    },
    content: DisclosureContentSchema.parse(content ?? {}),
    products: [],
    productVersions,
    revisions: [{ number: 1, date: '2025-03-04T10:00:00.000Z', summary: 'Initial release.' }],
    status: 'final',
    initialReleaseDate: '2025-03-04T10:00:00.000Z',
    currentReleaseDate: '2025-03-04T10:00:00.000Z',
    withdrawn: null,
    customerDetails: null,
    selfUrl: `https://candor.example/.well-known/csaf/white/2025/${csafFileName(trackingId)}`,
    pageUrl: `https://candor.example/disclosures/${trackingId}`,
    generator: { name: 'Candor', version: '0.1.0', date: '2025-03-04T10:00:00.000Z' },
    ...rest,
  };
}

/** An advisory: two CVEs, affected and fixed versions, a vendor fix, a workaround, CVSS 3.1, CWE, thanks. */
export const advisoryContent: DisclosureContentInput = {
  vulnerabilities: [
    {
      cve: 'CVE-2025-10001',
      title: 'Missing authentication on the service port',
      description: 'The service port accepts configuration commands without authentication.',
      cwe: { id: 'CWE-306', name: 'Missing Authentication for Critical Function' },
      cvssV3: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      cvssV4: 'CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      productStatus: [
        { productVersionId: ids.pump31, status: 'known_affected' },
        { productVersionId: ids.pump32, status: 'known_affected' },
        {
          productVersionId: ids.gateway2,
          status: 'known_not_affected',
          justification: 'component_not_present',
        },
      ],
    },
    {
      cve: 'CVE-2025-10002',
      description: 'Drug library updates are transmitted in clear text.',
      cwe: { id: 'CWE-319', name: 'Cleartext Transmission of Sensitive Information' },
      cvssV3: 'CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:L/I:H/A:N/E:P/RL:O/RC:C',
      productStatus: [
        { productVersionId: ids.pump32, status: 'known_affected' },
        { productVersionId: ids.gateway1, status: 'known_affected' },
      ],
    },
  ],
  remediations: [
    {
      category: 'vendor_fix',
      details: 'Update the pump to version 4.0.',
      productVersionIds: [ids.pump31, ids.pump32],
      fixedVersionId: ids.pump40,
      url: 'https://acme.example/support/infusafe-4.0',
    },
    {
      category: 'workaround',
      details: 'Block TCP port 7001 at the clinical network firewall.',
      productVersionIds: [ids.pump31, ids.pump32, ids.gateway1],
      cves: ['CVE-2025-10001', 'CVE-2025-10002'],
    },
    {
      category: 'no_fix_planned',
      details: 'Gateway 1.0 is end of life; replace it with Gateway 2.0.',
      productVersionIds: [ids.gateway1],
      cves: ['CVE-2025-10002'],
    },
  ],
  patientHarm:
    'An attacker could change infusion rates; the pump alarms on out-of-range rates, so harm is unlikely.',
  compensatingControls: ['Keep pumps on a segmented clinical VLAN.', 'Monitor port 7001 for traffic.'],
  acknowledgements: [
    { names: ['Jane Researcher'], organization: 'Example Security Lab', summary: 'reporting CVE-2025-10001' },
  ],
  references: [{ url: 'https://acme.example/security', summary: 'Acme Medical security page' }],
};
