import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import type { CsafDocumentTest } from '@secvisogram/csaf-validator-lib/validateStrict.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VexStatement } from '../vex-model.ts';
import { vexJustifications, vexStatuses } from '../vex-model.ts';
import {
  exportCsafVex,
  exportCycloneDxVex,
  exportOpenVex,
  openVexContext,
  type VexExportInput,
} from './export-vex.ts';
import { parseVex } from './parse-vex.ts';

const product = {
  name: 'Infusion Gateway',
  version: '3.1.0',
  manufacturer: 'Acme Medical',
  purl: 'pkg:generic/acme/infusion-gateway@3.1.0',
  cpe: 'cpe:2.3:h:acme:infusion_gateway:3.1.0:*:*:*:*:*:*:*',
};
const generatedAt = '2024-05-02T08:00:00.000Z';
const log4j = 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1';
const openssl = 'pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?arch=armhf';

function statement(
  partial: Partial<VexStatement> & Pick<VexStatement, 'vulnerabilityId' | 'status'>,
): VexStatement {
  const { name, version, purl, cpe } = product;
  return {
    product: { name, version, purl, cpe },
    subcomponentPurl: null,
    justification: null,
    impactStatement: null,
    actionStatement: null,
    timestamp: '2024-04-30T10:00:00.000Z',
    ...partial,
  };
}

const statements: VexStatement[] = [
  statement({
    vulnerabilityId: 'CVE-2021-44228',
    subcomponentPurl: log4j,
    status: 'not_affected',
    justification: 'vulnerable_code_not_in_execute_path',
    impactStatement: 'JNDI lookups are disabled in the gateway logging configuration.',
  }),
  statement({
    vulnerabilityId: 'CVE-2021-45046',
    status: 'not_affected',
    justification: 'component_not_present',
  }),
  statement({
    vulnerabilityId: 'CVE-2023-0286',
    subcomponentPurl: openssl,
    status: 'affected',
    impactStatement: 'A crafted certificate can crash the TLS endpoint.',
    actionStatement: 'Install update 3.1.1; until then keep the gateway on the clinical VLAN.',
    timestamp: '2024-05-01T16:30:00.000Z',
  }),
  statement({
    vulnerabilityId: 'CVE-2022-40674',
    status: 'fixed',
    actionStatement: 'Fixed in 3.1.0 (expat 2.4.9).',
  }),
  // CSAF has no place for the date of a bare under_investigation statement: it takes the document date.
  statement({ vulnerabilityId: 'CVE-2024-0001', status: 'under_investigation', timestamp: generatedAt }),
  statement({
    vulnerabilityId: 'GHSA-2qrg-x229-3v8q',
    subcomponentPurl: log4j,
    status: 'not_affected',
    impactStatement: 'The SocketServer class is not shipped.',
  }),
];

const input: VexExportInput = {
  product,
  documentId: 'ACME-VEX-2024-0007',
  generatedAt,
  statements,
  publisherNamespace: 'https://psirt.acme-medical.example',
};

const byKey = (list: VexStatement[]) =>
  [...list].sort((a, b) =>
    `${a.vulnerabilityId} ${a.subcomponentPurl}`.localeCompare(`${b.vulnerabilityId} ${b.subcomponentPurl}`),
  );

describe('exportCycloneDxVex', () => {
  const text = exportCycloneDxVex(input, 'json');
  const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

  it('is valid CycloneDX 1.6 for the strict JSON schema', async () => {
    expect(JSON.parse(text)).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(await validator.validate(text)).toBeNull();
  });

  it('fails the validator when broken on purpose', async () => {
    const broken = JSON.parse(text) as { vulnerabilities: { analysis: { state: string } }[] };
    broken.vulnerabilities[0]!.analysis.state = 'maybe';
    expect(await validator.validate(JSON.stringify(broken))).not.toBeNull();
  });

  it('round-trips: parse(export) gives the same statements and the manufacturer as author', () => {
    const document = parseVex(JSON.parse(text));
    expect(document.author).toBe('Acme Medical');
    expect(document.statements).toEqual(statements);
  });

  it('writes the lossy CycloneDX justification and the exact label beside it', () => {
    const bom = JSON.parse(text) as { serialNumber: string; vulnerabilities: Record<string, unknown>[] };
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(bom.vulnerabilities[1]).toMatchObject({
      id: 'CVE-2021-45046',
      analysis: {
        state: 'not_affected',
        justification: 'code_not_present',
        firstIssued: '2024-04-30T10:00:00.000Z',
      },
      properties: [{ name: 'candor:vex:justification', value: 'component_not_present' }],
      affects: [{ ref: product.purl }],
    });
  });
});

describe('exportOpenVex', () => {
  const document = exportOpenVex(input);

  it('has the v0.2.0 document fields and only allowed statuses and justifications', () => {
    expect(document).toMatchObject({
      '@context': openVexContext,
      '@id': 'urn:candor:vex:ACME-VEX-2024-0007',
      author: 'Acme Medical',
      timestamp: generatedAt,
      version: 1,
    });
    expect(document.statements).toHaveLength(statements.length);
    for (const s of document.statements) {
      expect(s.vulnerability.name).toBeTruthy();
      expect(vexStatuses).toContain(s.status);
      if (s.justification) expect(vexJustifications).toContain(s.justification);
      if (s.status === 'not_affected') expect(s.justification ?? s.impact_statement).toBeTruthy();
      if (s.status === 'affected') expect(s.action_statement).toBeTruthy();
      expect(s.products.length).toBeGreaterThan(0);
      for (const p of s.products) expect(p['@id']).toMatch(/^[a-z][a-z0-9+.-]*:/);
    }
    expect(document.statements[0]?.products[0]).toEqual({
      '@id': product.purl,
      identifiers: { purl: product.purl, cpe23: product.cpe },
      subcomponents: [{ '@id': log4j, identifiers: { purl: log4j } }],
    });
  });

  it('round-trips, except that OpenVEX has no product name: it comes from the purl', () => {
    const parsed = parseVex(JSON.parse(JSON.stringify(document)));
    const named = statements.map((s) => ({ ...s, product: { ...s.product, name: 'infusion-gateway' } }));
    expect(parsed.statements).toEqual(named);
  });

  it('keeps name and version of a product without purl or CPE in a Candor IRI', () => {
    const bare = { ...product, purl: null, cpe: null };
    const only = statement({ vulnerabilityId: 'CVE-2024-0001', status: 'under_investigation' });
    const withBare = { ...only, product: { name: bare.name, version: bare.version, purl: null, cpe: null } };
    const parsed = parseVex(exportOpenVex({ ...input, product: bare, statements: [withBare] }));
    expect(parsed.statements).toEqual([withBare]);
  });
});

describe('exportCsafVex', () => {
  const document = exportCsafVex(input);
  let validate: (
    doc: unknown,
  ) => Promise<{ isValid: boolean; tests: { name: string; isValid: boolean; errors: unknown[] }[] }>;

  beforeAll(async () => {
    // Loading the validator takes seconds: once per file. basic = strict schema + all mandatory 6.1 tests.
    const { default: validateStrict } = await import('@secvisogram/csaf-validator-lib/validateStrict.js');
    const basic = await import('@secvisogram/csaf-validator-lib/basic.js');
    // The namespace holds only test functions (TypeScript also lists a synthetic `default`).
    const tests = Object.values(basic) as CsafDocumentTest[];
    validate = (doc) => validateStrict(tests, doc);
  }, 60_000);

  it('passes the strict schema and every mandatory test (CSAF 2.0 §6.1)', async () => {
    const result = await validate(document);
    expect(result.tests.filter((t) => !t.isValid)).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('fails the mandatory tests when an affected product loses its remediation (§6.1.27.10)', async () => {
    const broken = structuredClone(document) as { vulnerabilities: Record<string, unknown>[] };
    const affected = broken.vulnerabilities.find((v) => v.cve === 'CVE-2023-0286')!;
    delete affected.remediations;
    const result = await validate(broken);
    expect(result.isValid).toBe(false);
    expect(result.tests.filter((t) => !t.isValid).map((t) => t.name)).toEqual(['mandatoryTest_6_1_27_10']);
  });

  it('round-trips: parse(export) gives the same statements', () => {
    const parsed = parseVex(document);
    expect(parsed).toMatchObject({ format: 'csaf', author: 'Acme Medical' });
    expect(byKey(parsed.statements)).toEqual(byKey(statements));
  });

  it('uses ids for a non-CVE vulnerability and a relationship for a subcomponent', () => {
    const { vulnerabilities, product_tree } = document as {
      vulnerabilities: Record<string, unknown>[];
      product_tree: { relationships: Record<string, unknown>[] };
    };
    expect(vulnerabilities.at(-1)).toMatchObject({
      ids: [{ system_name: 'GHSA', text: 'GHSA-2qrg-x229-3v8q' }],
    });
    expect(product_tree.relationships[0]).toMatchObject({
      category: 'default_component_of',
      relates_to_product_reference: 'CSAFPID-0001',
    });
  });

  it('needs the publisher namespace', () => {
    expect(() => exportCsafVex({ ...input, publisherNamespace: undefined })).toThrow(/namespace/);
  });
});

describe('export input rules (all formats)', () => {
  const exporters = [
    (i: VexExportInput) => exportCycloneDxVex(i, 'json'),
    exportOpenVex,
    exportCsafVex,
  ] as const;
  const cases: [string, VexStatement[]][] = [
    [
      'not_affected without justification or impact',
      [statement({ vulnerabilityId: 'CVE-1', status: 'not_affected' })],
    ],
    ['affected without action', [statement({ vulnerabilityId: 'CVE-1', status: 'affected' })]],
    [
      'a justification on an affected statement',
      [
        statement({
          vulnerabilityId: 'CVE-1',
          status: 'affected',
          actionStatement: 'x',
          justification: 'component_not_present',
        }),
      ],
    ],
    [
      'two statements on the same vulnerability and subcomponent',
      [
        statement({ vulnerabilityId: 'CVE-1', status: 'fixed' }),
        statement({ vulnerabilityId: 'CVE-1', status: 'under_investigation' }),
      ],
    ],
    [
      'a statement about another product version',
      [
        {
          ...statement({ vulnerabilityId: 'CVE-1', status: 'fixed' }),
          product: { ...statements[0]!.product, version: '9' },
        },
      ],
    ],
  ];
  it.each(cases)('rejects %s with DomainError invalid', (_name, bad) => {
    for (const run of exporters) {
      expect(() => run({ ...input, statements: bad })).toThrow(expect.objectContaining({ code: 'invalid' }));
    }
  });
});
