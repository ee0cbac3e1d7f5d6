import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/errors.ts';
import type { VexStatement } from '../vex-model.ts';
import { parseVex } from './parse-vex.ts';

const fixtures = new URL('../../../../../test/fixtures/vex/', import.meta.url);
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(name, fixtures), 'utf8')) as Record<string, unknown>;

function countByStatus(statements: VexStatement[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of statements) counts[s.status] = (counts[s.status] ?? 0) + 1;
  return counts;
}

const jacksonPurl = 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar';

describe('parseVex — CycloneDX (bom-examples VEX/vex.json)', () => {
  it('reads the stand-alone VEX: the BOM-link fragment purl is the product', () => {
    const warnings: string[] = [];
    const document = parseVex(fixture('example-vex.cdx.json'), warnings);
    expect(warnings).toEqual([]);
    expect(document.format).toBe('cyclonedx');
    expect(document.author).toBeNull();
    expect(document.statements).toEqual([
      {
        vulnerabilityId: 'CVE-2020-25649',
        product: { name: 'jackson-databind', version: '2.10.0', purl: jacksonPurl, cpe: null },
        subcomponentPurl: null,
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        impactStatement:
          'Automated dataflow analysis and manual code review indicates that the vulnerable code is not reachable, either directly or indirectly.',
        actionStatement:
          'Upgrade com.fasterxml.jackson.core:jackson-databind to version 2.6.7.4, 2.9.10.7, 2.10.5.1 or higher.',
        timestamp: '2021-10-26T00:00:00.000Z',
      },
    ]);
  });

  it('with the BOM beside it, the affected component becomes a subcomponent of metadata.component', () => {
    const bom = fixture('example-bom.cdx.json');
    const { statements } = parseVex({
      ...bom,
      vulnerabilities: fixture('example-vex.cdx.json').vulnerabilities,
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]?.product).toEqual({
      name: 'example-app',
      version: '1.0.0',
      purl: 'pkg:maven/com.example/example-app@1.0.0?type=jar',
      cpe: null,
    });
    expect(statements[0]?.subcomponentPurl).toBe(jacksonPurl);
  });

  it('a BOM without vulnerabilities is not a VEX document', () => {
    expect(() => parseVex(fixture('example-bom.cdx.json'))).toThrow(DomainError);
  });

  it('skips odd vulnerabilities with a warning naming the path', () => {
    const warnings: string[] = [];
    const { statements } = parseVex(
      {
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        metadata: { component: { type: 'device', name: 'Pump', version: '2', 'bom-ref': 'pump' } },
        vulnerabilities: [
          { id: 'CVE-2024-1', affects: [{ ref: 'pump' }] },
          {
            id: 'CVE-2024-2',
            analysis: { state: 'false_positive' },
            affects: [{ ref: 'nowhere' }, { ref: 'pump' }],
          },
          { analysis: { state: 'exploitable' } },
          { id: 'CVE-2024-3', analysis: { state: 'resolved', justification: 'because' } },
        ],
      },
      warnings,
    );
    expect(warnings).toEqual([
      'vulnerabilities[0].analysis.state: missing or unknown (undefined), skipped',
      'vulnerabilities[1].affects[0].ref: "nowhere" names no component of this BOM, skipped',
      'vulnerabilities[2]: no id, skipped',
      'vulnerabilities[3].analysis.justification: unknown value because',
    ]);
    expect(statements.map((s) => [s.vulnerabilityId, s.status, s.product.name])).toEqual([
      ['CVE-2024-2', 'not_affected', 'Pump'],
      ['CVE-2024-3', 'fixed', 'Pump'],
    ]);
    expect(statements[0]?.impactStatement).toMatch(/false_positive/);
  });
});

describe('parseVex — CSAF 2.0 csaf_vex (OASIS examples)', () => {
  it('use case 7: one vulnerability, ten product statuses, ranges kept apart', () => {
    const warnings: string[] = [];
    const document = parseVex(fixture('csaf-2022-evd-uc-07-001.json'), warnings);
    expect(warnings).toEqual([]);
    expect(document).toMatchObject({ format: 'csaf', author: 'Example Company ProductCERT' });
    expect(document.statements).toHaveLength(10);
    expect(countByStatus(document.statements)).toEqual({ fixed: 1, affected: 4, not_affected: 5 });
    const product = (name: string, version: string | null) => ({ name, version, purl: null, cpe: null });
    expect(document.statements).toContainEqual({
      vulnerabilityId: 'CVE-2021-44228',
      product: product('ABC', '2.4'),
      subcomponentPurl: null,
      status: 'affected',
      justification: null,
      impactStatement: null,
      actionStatement: 'Update to version 4.2 or later.',
      timestamp: '2022-03-03T11:00:00.000Z',
    });
    expect(document.statements).toContainEqual({
      vulnerabilityId: 'CVE-2021-44228',
      product: product('Example Company JKL >=1.0|<=4.4', null),
      subcomponentPurl: null,
      status: 'not_affected',
      justification: null,
      impactStatement: 'Log4j was not included in those versions at all.',
      actionStatement: null,
      timestamp: '2022-03-03T11:00:00.000Z',
    });
  });

  it('use case 3 (many statuses) and 8 (two vulnerabilities, `recommended` ignored)', () => {
    const uc3 = parseVex(fixture('csaf-2022-evd-uc-03-ms-001.json')).statements;
    expect(uc3).toHaveLength(19);
    expect(countByStatus(uc3)).toEqual({ under_investigation: 5, not_affected: 6, affected: 5, fixed: 3 });
    const uc8 = parseVex(fixture('csaf-2022-evd-uc-08-001.json')).statements;
    expect(uc8).toHaveLength(21);
    expect(new Set(uc8.map((s) => s.vulnerabilityId))).toEqual(new Set(['CVE-2021-44228', 'CVE-2021-45105']));
  });

  it('sec-vex-2022-0001: flags give the justification, the flag date the timestamp', () => {
    const { statements, author } = parseVex(fixture('csaf-sec-vex-2022-0001.json'));
    expect(author).toBe('Secvisogram');
    expect(statements.map((s) => s.vulnerabilityId)).toEqual([
      'CVE-2021-44228',
      'CVE-2021-45046',
      'CVE-2021-45105',
    ]);
    expect(statements[0]).toEqual({
      vulnerabilityId: 'CVE-2021-44228',
      product: { name: 'Secvisogram <=1.14.0', version: null, purl: null, cpe: null },
      subcomponentPurl: null,
      status: 'not_affected',
      justification: 'component_not_present',
      impactStatement: 'Secvisogram is written in JavaScript. No Java is included.',
      actionStatement: null,
      timestamp: '2022-05-27T10:00:00.000Z',
    });
  });

  it('skips unknown product ids and vulnerabilities without id, with warnings', () => {
    const document = fixture('csaf-sec-vex-2022-0001.json');
    const vulnerabilities = document.vulnerabilities as Record<string, unknown>[];
    const broken = {
      ...document,
      vulnerabilities: [
        { ...vulnerabilities[0], product_status: { known_not_affected: ['CSAFPID-0001', 'CSAFPID-9999'] } },
        { ...vulnerabilities[1], cve: undefined },
      ],
    };
    const warnings: string[] = [];
    expect(parseVex(broken, warnings).statements).toHaveLength(1);
    expect(warnings).toEqual([
      'vulnerabilities[0].product_status.known_not_affected[1]: unknown product_id CSAFPID-9999, skipped',
      'vulnerabilities[1]: neither cve nor ids, skipped',
    ]);
  });

  it('rejects CSAF of another category', () => {
    const advisory = { document: { category: 'csaf_security_advisory', csaf_version: '2.0' } };
    expect(() => parseVex(advisory)).toThrow(/not "csaf_vex"/);
  });
});

describe('parseVex — OpenVEX v0.2.0 (hand-made)', () => {
  const warnings: string[] = [];
  const document = parseVex(fixture('handmade-openvex-0.2.0.json'), warnings);
  const gateway = {
    name: 'infusion-gateway',
    version: '3.1.0',
    purl: 'pkg:generic/acme/infusion-gateway@3.1.0',
  };

  it('reads four statements and warns about the two odd ones', () => {
    expect(document.format).toBe('openvex');
    expect(document.author).toBe('Acme Medical PSIRT <psirt@acme-medical.example>');
    expect(document.statements.map((s) => s.status)).toEqual([
      'not_affected',
      'affected',
      'fixed',
      'under_investigation',
    ]);
    expect(warnings).toEqual([
      'statements[4].status: unknown value probably_fine, skipped',
      'statements[5].products: none, skipped',
    ]);
  });

  it('takes identifiers, subcomponent and timestamps as stated or inherited', () => {
    expect(document.statements[0]).toEqual({
      vulnerabilityId: 'CVE-2021-44228',
      product: { ...gateway, cpe: 'cpe:2.3:h:acme:infusion-gateway:3.1.0:*:*:*:*:*:*:*' },
      subcomponentPurl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      impactStatement:
        "JNDI lookups are disabled by the gateway's logging configuration and cannot be re-enabled.",
      actionStatement: null,
      timestamp: '2024-02-20T12:00:00Z',
    });
    expect(document.statements[1]).toMatchObject({
      product: { ...gateway, cpe: null },
      subcomponentPurl: 'pkg:deb/debian/openssl@1.1.1n-0+deb11u3?arch=armhf',
      actionStatement:
        'Install gateway update 3.1.1; until then keep the gateway on the isolated clinical VLAN.',
      timestamp: '2024-03-01T09:00:00Z',
    });
  });
});

describe('parseVex — unknown input', () => {
  it.each([[null], [[]], [{ hello: 'world' }], [{ '@context': 'https://example.com/ns' }]])(
    'rejects %j',
    (json) => {
      expect(() => parseVex(json)).toThrow(expect.objectContaining({ code: 'invalid' }));
    },
  );
});
