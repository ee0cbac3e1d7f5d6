import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CsafValidation,
  preloadCsafValidator,
  validateCsafDocument,
} from '../../../../shared/csaf-validation.ts';
import { buildCsafDocument, type CsafDocument, csafCategoryOf, serializeCsaf } from './build-csaf.ts';
import { advisoryContent, buildInput, ids } from './csaf-fixtures.ts';
import type { CsafBranch, CsafFullProductName } from './csaf-types.ts';

const pid = (id: string) => `CSAFPID-${id}`;

beforeAll(async () => {
  // Loading csaf-validator-lib compiles dozens of schemas: about 12 s on an idle 2-CPU machine, minutes on a
  // loaded one. Once for the whole file (the module keeps it).
  await preloadCsafValidator();
}, 300_000);

function productsOf(doc: CsafDocument): CsafFullProductName[] {
  const walk = (branches: CsafBranch[]): CsafFullProductName[] =>
    branches.flatMap((b) => [...(b.product ? [b.product] : []), ...walk(b.branches ?? [])]);
  return walk(doc.product_tree?.branches ?? []);
}

/** Every product id the vulnerabilities refer to. */
function referencedIds(doc: CsafDocument): string[] {
  return (doc.vulnerabilities ?? []).flatMap((v) => [
    ...Object.values(v.product_status ?? {}).flat(),
    ...(v.remediations ?? []).flatMap((r) => r.product_ids),
    ...(v.scores ?? []).flatMap((s) => s.products),
    ...(v.flags ?? []).flatMap((f) => f.product_ids),
    ...(v.threats ?? []).flatMap((t) => t.product_ids),
  ]);
}

function testsOf(findings: CsafValidation['warnings']): string[] {
  return findings.map((f) => f.test);
}

/** Zero errors, a product identification helper everywhere, a canonical URL and sorted keys. */
async function expectPublishable(doc: CsafDocument): Promise<CsafValidation> {
  const validation = await validateCsafDocument(doc);
  expect(validation.errors).toEqual([]);
  expect(validation.valid).toBe(true);
  expect(testsOf(validation.warnings)).not.toContain('optionalTest_6_2_16');
  expect(testsOf(validation.warnings)).not.toContain('optionalTest_6_2_11');
  expect(testsOf(validation.warnings)).not.toContain('optionalTest_6_2_13');
  // What is published is the serialised text: it must validate the same way.
  expect(await validateCsafDocument(JSON.parse(serializeCsaf(doc)))).toEqual(validation);
  const defined = new Set(productsOf(doc).map((p) => p.product_id));
  for (const id of referencedIds(doc)) expect(defined).toContain(id);
  return validation;
}

describe('buildCsafDocument', () => {
  it('builds a security advisory with scores, remediations naming their products, CWE and thanks', async () => {
    const doc = buildCsafDocument(buildInput({ content: advisoryContent }));
    const validation = await expectPublishable(doc);
    expect(validation.warnings).toEqual([]);
    expect(doc.document.category).toBe('csaf_security_advisory');
    expect(doc.document.acknowledgments).toEqual([
      {
        names: ['Jane Researcher'],
        organization: 'Example Security Lab',
        summary: 'reporting CVE-2025-10001',
      },
    ]);
    expect(doc.document.tracking).toMatchObject({ status: 'final', version: '1', id: 'ACME-SA-2025-0001' });
    expect(doc.document.references[0]).toEqual({
      category: 'self',
      summary: 'Canonical URL of this document',
      url: 'https://candor.example/.well-known/csaf/white/2025/acme-sa-2025-0001.json',
    });
    expect(doc.document.notes.map((n) => n.title)).toEqual([
      'Summary',
      'Details',
      'Patient safety',
      'Compensating controls',
      'Terms of use',
    ]);

    const [first, second] = doc.vulnerabilities ?? [];
    expect(first?.cve).toBe('CVE-2025-10001');
    expect(first?.cwe).toEqual({ id: 'CWE-306', name: 'Missing Authentication for Critical Function' });
    // The vendor fix's fixed version is listed as fixed; the not-affected gateway carries its VEX flag.
    expect(first?.product_status).toEqual({
      fixed: [pid(ids.pump40)],
      known_affected: [pid(ids.pump31), pid(ids.pump32)],
      known_not_affected: [pid(ids.gateway2)],
    });
    expect(first?.flags).toEqual([{ label: 'component_not_present', product_ids: [pid(ids.gateway2)] }]);
    expect(first?.scores).toEqual([
      {
        cvss_v3: expect.objectContaining({
          version: '3.1',
          baseScore: 8.8,
          baseSeverity: 'HIGH',
          attackVector: 'ADJACENT_NETWORK',
        }),
        products: [pid(ids.pump31), pid(ids.pump32)],
      },
    ]);
    expect(first?.notes.map((n) => n.text)).toContain(
      'CVSS v4.0 vector: CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    );
    // The CVE-specific no_fix_planned applies to the second CVE only.
    expect(first?.remediations?.map((r) => r.category)).toEqual(['vendor_fix', 'workaround']);
    expect(second?.remediations).toEqual([
      {
        category: 'vendor_fix',
        details: 'Update the pump to version 4.0.',
        product_ids: [pid(ids.pump32)],
        url: 'https://acme.example/support/infusafe-4.0',
      },
      {
        category: 'workaround',
        details: 'Block TCP port 7001 at the clinical network firewall.',
        product_ids: [pid(ids.pump32), pid(ids.gateway1)],
      },
      {
        category: 'no_fix_planned',
        details: 'Gateway 1.0 is end of life; replace it with Gateway 2.0.',
        product_ids: [pid(ids.gateway1)],
      },
    ]);
    expect(second?.scores?.[0]?.cvss_v3).toMatchObject({
      temporalScore: 5.3,
      remediationLevel: 'OFFICIAL_FIX',
    });
  });

  it('builds a VEX document when no product is affected or under investigation', async () => {
    const input = buildInput({
      trackingId: 'ACME-VEX-2025-0002',
      title: 'OpenSSL CVE-2025-20001: InfuSafe not affected',
      content: {
        vulnerabilities: [
          {
            cve: 'CVE-2025-20001',
            description: 'A heap overflow in a TLS library.',
            cvssV3: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
            productStatus: [
              {
                productVersionId: ids.pump31,
                status: 'known_not_affected',
                justification: 'vulnerable_code_not_in_execute_path',
                impact: 'The pump never starts a TLS handshake with the vulnerable option.',
              },
              {
                productVersionId: ids.pump32,
                status: 'known_not_affected',
                justification: 'component_not_present',
              },
              {
                productVersionId: ids.gateway2,
                status: 'known_not_affected',
                impact: 'The gateway terminates TLS in a separate, patched proxy.',
              },
              { productVersionId: ids.pump40, status: 'fixed' },
            ],
          },
        ],
      },
    });
    expect(csafCategoryOf(input)).toBe('csaf_vex');
    const doc = buildCsafDocument(input);
    await expectPublishable(doc);
    expect(doc.document.category).toBe('csaf_vex');
    const [vulnerability] = doc.vulnerabilities ?? [];
    expect(vulnerability?.flags).toEqual([
      { label: 'vulnerable_code_not_in_execute_path', product_ids: [pid(ids.pump31)] },
      { label: 'component_not_present', product_ids: [pid(ids.pump32)] },
    ]);
    expect(vulnerability?.threats).toEqual([
      {
        category: 'impact',
        details: 'The pump never starts a TLS handshake with the vulnerable option.',
        product_ids: [pid(ids.pump31)],
      },
      {
        category: 'impact',
        details: 'The gateway terminates TLS in a separate, patched proxy.',
        product_ids: [pid(ids.gateway2)],
      },
    ]);
    // No affected product: a score would only describe fixed or not-affected products (6.2.19).
    expect(vulnerability?.scores).toBeUndefined();
  });

  it('builds an incident notice with its account, versionless products and an external reference', async () => {
    const input = buildInput({
      trackingId: 'ACME-IN-2025-0003',
      kind: 'incident_notice',
      title: 'Ransomware at the Acme Medical update service',
      summary: 'Our update service was unavailable for two days; no pump was reached.',
      body: '',
      pageUrl: null,
      products: [
        {
          productId: ids.monitor,
          productName: 'VitalView Monitor',
          productSlug: 'vitalview-monitor',
          modelNumbers: ['VV-9'],
          udiDi: null,
        },
      ],
      productVersions: [],
      content: {
        incident: {
          whatHappened: 'Ransomware encrypted the servers of the update service on 1 March.',
          impactOnSafety: 'None: monitors keep working without the update service.',
          impactOnPrivacy: '',
          impactOnPerformance: 'Software updates were delayed by two days.',
          userActions: 'No action is needed.',
        },
      },
    });
    const doc = buildCsafDocument(input);
    const validation = await expectPublishable(doc);
    expect(doc.document.category).toBe('csaf_security_incident_response');
    expect(doc.vulnerabilities).toBeUndefined();
    expect(doc.document.notes.map((n) => [n.category, n.title])).toEqual([
      ['summary', 'Summary'],
      ['description', 'What happened'],
      ['details', 'Impact on patient safety'],
      ['details', 'Impact on device performance'],
      ['details', 'What users should do'],
      ['legal_disclaimer', 'Terms of use'],
    ]);
    // Without a page or a reference, the publisher's page is the external reference 6.1.27.2 asks for.
    expect(doc.document.references.filter((r) => r.category === 'external')).toEqual([
      {
        category: 'external',
        summary: 'Acme Medical: publisher page',
        url: 'https://candor.example/organizations/acme-medical',
      },
    ]);
    expect(productsOf(doc)).toEqual([
      {
        name: 'VitalView Monitor',
        product_id: pid(ids.monitor),
        product_identification_helper: {
          cpe: 'cpe:2.3:h:acme-medical:vitalview-monitor:*:*:*:*:*:*:*:*',
          model_numbers: ['VV-9'],
          purl: 'pkg:generic/acme-medical/vitalview-monitor',
        },
      },
    ]);
    // A notice refers to no product from a vulnerability: only the unused-product warning may remain.
    expect(testsOf(validation.warnings).every((t) => t === 'optionalTest_6_2_1')).toBe(true);
  });

  it('marks a withdrawn third revision in the title, a note and the tracking', async () => {
    const doc = buildCsafDocument(
      buildInput({
        content: advisoryContent,
        withdrawn: { reason: 'The vulnerability was found in a test build that was never shipped.' },
        revisions: [
          { number: 1, date: '2025-03-04T10:00:00.000Z', summary: 'Initial release.' },
          { number: 2, date: '2025-03-10T09:30:00.000Z', summary: 'Added the gateway.' },
          { number: 3, date: '2025-04-01T08:00:00.000Z', summary: 'Withdrawn.' },
        ],
        currentReleaseDate: '2025-04-01T08:00:00.000Z',
      }),
    );
    await expectPublishable(doc);
    expect(doc.document.title).toBe('WITHDRAWN: InfuSafe Pump: authentication bypass');
    expect(doc.document.notes[0]).toEqual({
      category: 'general',
      text: 'Acme Medical has withdrawn this advisory: The vulnerability was found in a test build that was never shipped.',
      title: 'Withdrawn',
    });
    expect(doc.document.tracking).toMatchObject({
      version: '3',
      status: 'final',
      initial_release_date: '2025-03-04T10:00:00.000Z',
      current_release_date: '2025-04-01T08:00:00.000Z',
    });
    expect(doc.document.tracking.revision_history.map((r) => r.number)).toEqual(['1', '2', '3']);
  });

  it('builds a TLP:GREEN document with the customer-only information', async () => {
    const trackingId = 'ACME-SA-2025-0001';
    const doc = buildCsafDocument(
      buildInput({
        tlp: 'GREEN',
        content: advisoryContent,
        customerDetails:
          'Service technicians can apply the fix remotely; call 0800 123 456 with your site id.',
        pageUrl: null,
        selfUrl: `https://candor.example/.well-known/csaf/green/2025/acme-sa-2025-0001.json`,
        trackingId,
      }),
    );
    await expectPublishable(doc);
    expect(doc.document.distribution.tlp).toEqual({ label: 'GREEN', url: 'https://www.first.org/tlp/' });
    expect(doc.document.distribution.text).toMatch(/not through publicly accessible channels/);
    expect(doc.document.notes).toContainEqual({
      category: 'details',
      text: 'Service technicians can apply the fix remotely; call 0800 123 456 with your site id.',
      title: 'Customer information',
    });
  });

  it('builds an informational advisory, with an external reference, from an advisory without vulnerabilities', async () => {
    const doc = buildCsafDocument(
      buildInput({ content: { ...advisoryContent, vulnerabilities: [] }, pageUrl: null }),
    );
    expect(doc.document.category).toBe('csaf_informational_advisory');
    expect(doc.vulnerabilities).toBeUndefined();
    expect(doc.document.references?.some((r) => r.category === 'external')).toBe(true);
    await expectPublishable(doc);
  });

  it('builds a draft preview as version 0 with one draft revision', async () => {
    const doc = buildCsafDocument(
      buildInput({
        content: advisoryContent,
        status: 'draft',
        revisions: [],
        initialReleaseDate: '2025-02-20T12:00:00.000Z',
        currentReleaseDate: '2025-02-21T12:00:00.000Z',
      }),
    );
    await expectPublishable(doc);
    expect(doc.document.tracking).toMatchObject({
      status: 'draft',
      version: '0',
      revision_history: [{ date: '2025-02-20T12:00:00.000Z', number: '0', summary: 'Draft' }],
    });
  });

  it('never refers to a product version the input does not define', async () => {
    const doc = buildCsafDocument(
      buildInput({
        content: {
          vulnerabilities: [
            {
              cve: 'CVE-2025-30001',
              description: 'A flaw.',
              cvssV3: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
              productStatus: [
                { productVersionId: ids.unknown, status: 'known_affected' },
                { productVersionId: ids.pump31, status: 'known_affected' },
                {
                  productVersionId: ids.unknown,
                  status: 'known_not_affected',
                  justification: 'component_not_present',
                },
              ],
            },
          ],
          remediations: [
            {
              category: 'vendor_fix',
              details: 'Update.',
              productVersionIds: [ids.unknown, ids.pump31],
              fixedVersionId: ids.unknown,
            },
            { category: 'mitigation', details: 'Unplug it.', productVersionIds: [ids.unknown] },
          ],
        },
      }),
    );
    await expectPublishable(doc);
    expect(JSON.stringify(doc)).not.toContain(ids.unknown);
    expect(doc.vulnerabilities?.[0]?.product_status).toEqual({ known_affected: [pid(ids.pump31)] });
    expect(doc.vulnerabilities?.[0]?.remediations).toEqual([
      { category: 'vendor_fix', details: 'Update.', product_ids: [pid(ids.pump31)] },
    ]);
    expect(doc.vulnerabilities?.[0]?.scores?.[0]?.cvss_v3).toMatchObject({ version: '3.0', baseScore: 6.1 });
  });

  it('computes scores and metric fields the validator agrees with (6.1.9, 6.1.10)', async () => {
    const vectors = [
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N',
      'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:C/C:H/I:L/A:N/E:U/RL:W/RC:R',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/RL:T/RC:U/CR:L/IR:M/AR:H/MAV:A/MAC:H/MPR:L/MUI:R/MS:C/MC:L/MI:N/MA:H',
      'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MPR:H/MS:C',
      'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
      'CVSS:3.0/AV:A/AC:H/PR:L/UI:R/S:C/C:L/I:N/A:N/E:H/RL:U/RC:C',
      'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:H/IR:H/AR:H/MAV:P/MS:C/MC:H/MI:H/MA:H',
    ];
    const doc = buildCsafDocument(
      buildInput({
        content: {
          vulnerabilities: vectors.map((cvssV3, i) => ({
            cve: `CVE-2025-5000${i}`,
            description: 'A flaw.',
            cvssV3,
            productStatus: [{ productVersionId: ids.pump31, status: 'known_affected' as const }],
          })),
          remediations: [
            { category: 'none_available', details: 'None yet.', productVersionIds: [ids.pump31] },
          ],
        },
      }),
    );
    await expectPublishable(doc);
    expect(doc.vulnerabilities?.map((v) => v.scores?.[0]?.cvss_v3.vectorString)).toEqual(vectors);
    expect(doc.vulnerabilities?.[2]?.scores?.[0]?.cvss_v3).toMatchObject({
      exploitCodeMaturity: 'UNPROVEN',
      remediationLevel: 'WORKAROUND',
      reportConfidence: 'REASONABLE',
    });
  });
});
