import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/errors.ts';
import { buildCsafDocument, csafCategoryOf } from './build-csaf.ts';
import { advisoryContent, buildInput, ids } from './csaf-fixtures.ts';
import type { CsafBranch, CsafFullProductName } from './csaf-types.ts';

// The builder's rules that need no validator run (build-csaf.test.ts validates whole documents).

const pid = (id: string) => `CSAFPID-${id}`;

function productsOf(branches: CsafBranch[]): CsafFullProductName[] {
  return branches.flatMap((b) => [...(b.product ? [b.product] : []), ...productsOf(b.branches ?? [])]);
}

describe('buildCsafDocument: product tree and input checks', () => {
  it('gives every product a purl, a CPE, its model numbers, SBOM URL and UDI-DI', () => {
    const doc = buildCsafDocument(buildInput({ content: advisoryContent }));
    const vendor = doc.product_tree?.branches[0];
    expect(vendor).toMatchObject({ category: 'vendor', name: 'Acme Medical' });
    expect(vendor?.branches?.map((b) => [b.category, b.name])).toEqual([
      ['product_name', 'InfuSafe Gateway'],
      ['product_name', 'InfuSafe Pump'],
    ]);
    const byId = new Map(productsOf(doc.product_tree?.branches ?? []).map((p) => [p.product_id, p]));
    expect(byId.size).toBe(5);
    expect(byId.get(pid(ids.pump32))).toEqual({
      name: 'InfuSafe Pump 3.2',
      product_id: pid(ids.pump32),
      product_identification_helper: {
        cpe: 'cpe:2.3:h:acme-medical:infusafe-pump:3.2:*:*:*:*:*:*:*',
        model_numbers: ['IP-200', 'IP-200X'],
        purl: 'pkg:generic/acme-medical/infusafe-pump@3.2',
        sbom_urls: [`https://candor.example/api/v1/sboms/${ids.pump32}`],
        skus: ['00614141999996'],
        x_generic_uris: [
          {
            namespace: 'https://www.gs1.org/standards/gs1-digital-link',
            uri: 'https://id.gs1.org/01/00614141999996',
          },
        ],
      },
    });
    expect(byId.get(pid(ids.gateway1))?.product_identification_helper).toEqual({
      cpe: 'cpe:2.3:h:acme-medical:infusafe-gateway:1.0_\\(build_7\\):*:*:*:*:*:*:*',
      purl: 'pkg:generic/acme-medical/infusafe-gateway@1.0%20(build%207)',
      skus: ['+H123GW1000'],
    });
  });

  it('refuses a malformed CVSS vector and a final document without revisions', () => {
    const badVector = buildInput({
      content: {
        vulnerabilities: [
          {
            cve: 'CVE-2025-30002',
            description: 'A flaw.',
            cvssV3: 'CVSS:3.1/AV:N',
            productStatus: [{ productVersionId: ids.pump31, status: 'known_affected' }],
          },
        ],
      },
    });
    expect(() => buildCsafDocument(badVector)).toThrow(DomainError);
    expect(() => buildCsafDocument(buildInput({ revisions: [] }))).toThrow(/at least one released revision/);
  });
});

describe('csafCategoryOf', () => {
  const advisoryWith = (statuses: { productVersionId: string; status: string }[]) =>
    buildInput({
      content: {
        vulnerabilities: [
          {
            cve: 'CVE-2025-40001',
            description: 'A flaw.',
            productStatus: statuses.map((s) => ({
              ...s,
              status: s.status as 'fixed',
              justification: s.status === 'known_not_affected' ? ('component_not_present' as const) : null,
            })),
          },
        ],
      },
    });

  it('is an incident response for a notice, whatever it states', () => {
    expect(csafCategoryOf(buildInput({ kind: 'incident_notice' }))).toBe('csaf_security_incident_response');
  });

  it('is VEX only when every stated product is not affected or fixed', () => {
    expect(
      csafCategoryOf(advisoryWith([{ productVersionId: ids.pump31, status: 'known_not_affected' }])),
    ).toBe('csaf_vex');
    expect(csafCategoryOf(advisoryWith([{ productVersionId: ids.pump40, status: 'fixed' }]))).toBe(
      'csaf_vex',
    );
    for (const status of ['known_affected', 'under_investigation']) {
      expect(
        csafCategoryOf(
          advisoryWith([
            { productVersionId: ids.pump31, status: 'known_not_affected' },
            { productVersionId: ids.pump32, status },
          ]),
        ),
      ).toBe('csaf_security_advisory');
    }
  });

  it('is an informational advisory without vulnerabilities', () => {
    expect(csafCategoryOf(buildInput({ content: { ...buildInput().content, vulnerabilities: [] } }))).toBe(
      'csaf_informational_advisory',
    );
  });

  it('is a security advisory when nothing known is stated', () => {
    expect(csafCategoryOf(advisoryWith([]))).toBe('csaf_security_advisory');
    // A statement about an unknown version is dropped, so it cannot make the record a VEX statement.
    expect(
      csafCategoryOf(advisoryWith([{ productVersionId: ids.unknown, status: 'known_not_affected' }])),
    ).toBe('csaf_security_advisory');
  });
});
