import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/errors.ts';
import type { Advisory } from '../advisory-model.ts';
import { parseCsafAdvisories } from './csaf.ts';

// JSON.parse's any: the tests edit the documents freely.
const read = (folder: string, name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../../test/fixtures/${folder}/${name}`, import.meta.url), 'utf8'),
  );
const fixture = (name: string) => read('csaf', name);

function parse(json: unknown): { advisories: Advisory[]; warnings: string[] } {
  const warnings: string[] = [];
  return { advisories: parseCsafAdvisories(json, warnings), warnings };
}

const criteriaOf = (advisory: Advisory | undefined) =>
  advisory?.configurations.flatMap((c) => c.nodes.flatMap((n) => n.cpeMatch)) ?? [];

describe('parseCsafAdvisories — Red Hat RHSA (OASIS examples)', () => {
  it('reads one advisory per vulnerability, without the tracking id as alias when there are several', () => {
    const { advisories, warnings } = parse(fixture('rhsa-2021_5186.json'));
    expect(warnings).toEqual([]);
    expect(advisories.map((a) => a.id)).toEqual([
      'https://www.redhat.com/RHSA-2021:5186/CVE-2021-4104',
      'https://www.redhat.com/RHSA-2021:5186/CVE-2021-4125',
    ]);
    const [first] = advisories;
    expect(first).toMatchObject({
      source: 'csaf',
      aliases: ['CVE-2021-4104', 'https://bugzilla.redhat.com/show_bug.cgi?id=2031667'],
      summary:
        'CVE-2021-4104 log4j: Remote code execution in Log4j 1.x when application is configured to use JMSAppender',
      // Red Hat writes the description as a `general` note.
      details: 'log4j: Remote code execution in Log4j 1.x when application is configured to use JMSAppender',
      published: '2021-12-10T00:00:00Z',
      modified: '2021-12-16T22:34:00Z',
      withdrawn: null,
      severities: [],
      cwes: ['CWE-20'],
      // Only `fixed` and `known_not_affected` products: nothing to match.
      affected: [],
      configurations: [],
    });
    expect(first?.references[0]).toEqual({
      type: 'ADVISORY',
      url: 'https://access.redhat.com/errata/RHSA-2021:5186',
    });
    expect(first?.references).toContainEqual({
      type: 'REPORT',
      url: 'https://bugzilla.redhat.com/show_bug.cgi?id=2031667',
    });
  });

  it('converts the CPE 2.2 helper to 2.3 once a product with it is affected; relationship parents never match', () => {
    const document = fixture('rhsa-2021_5186.json');
    document.vulnerabilities[0].product_status = {
      known_affected: [
        '8Base-RHOSE-4.6',
        '8Base-RHOSE-4.6:openshift4/ose-metering-hive:v4.6.0-202112160147.p0.gf139e12.assembly.stream',
      ],
    };
    const { advisories, warnings } = parse(document);
    expect(criteriaOf(advisories[0])).toEqual([
      {
        vulnerable: true,
        criteria: 'cpe:2.3:a:redhat:openshift:4.6:*:el8:*:*:*:*:*',
        versionStartIncluding: null,
        versionStartExcluding: null,
        versionEndIncluding: null,
        versionEndExcluding: null,
      },
    ]);
    // The container image (product_reference) has no helper; the platform's CPE is not its identity.
    expect(warnings).toEqual([
      'RHSA-2021:5186 1 affected product(s) have no purl or CPE (product_identification_helper), so they cannot be matched against SBOM components',
    ]);
  });

  it('adds tracking.id and tracking.aliases as aliases of a single-vulnerability document', () => {
    const document = fixture('rhsa-2022_0011.json');
    document.document.tracking.aliases = ['RHBA-2022:0011-alias'];
    const { advisories, warnings } = parse(document);
    expect(warnings).toEqual([]);
    expect(advisories).toHaveLength(1);
    expect(advisories[0]?.id).toBe('https://www.redhat.com/RHSA-2022:0011/CVE-2020-10188');
    expect(advisories[0]?.aliases).toEqual([
      'CVE-2020-10188',
      'https://bugzilla.redhat.com/show_bug.cgi?id=1811673',
      'RHSA-2022:0011',
      'RHBA-2022:0011-alias',
    ]);
  });
});

describe('parseCsafAdvisories — BSI and CISA', () => {
  it('reads BSI-2022-0001: CPE 2.2 helpers of the known_affected versions, not the fixed one', () => {
    const { advisories, warnings } = parse(fixture('bsi-2022-0001.json'));
    expect(warnings).toEqual([]);
    expect(advisories).toHaveLength(1);
    const [advisory] = advisories;
    expect(advisory).toMatchObject({
      id: 'https://www.bsi.bund.de/BSI-2022-0001/CVE-2022-27193',
      aliases: ['CVE-2022-27193', 'csaf-tools/CVRF-CSAF-Converter#78', 'BSI-2022-0001'],
      summary: 'CVRF-CSAF-Converter: XML External Entities Vulnerability',
      cwes: ['CWE-611'],
      severities: [
        {
          type: 'CVSS_V3',
          vector: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:L/E:F/RL:O/RC:C',
          score: 6.1,
          source: 'Bundesamt für Sicherheit in der Informationstechnik',
        },
      ],
    });
    expect(criteriaOf(advisory).map((c) => c.criteria)).toEqual(
      ['1.0.0-alpha', '1.0.0-dev1', '1.0.0-dev2', '1.0.0-dev3', '1.0.0-rc1'].map(
        (v) => `cpe:2.3:a:csaf-tools:cvrf-csaf-converter:${v}:*:*:*:*:*:*:*`,
      ),
    );
  });

  it('reads a CISA ICSMA advisory: no helpers (one warning), scores and CWE kept', () => {
    const { advisories, warnings } = parse(fixture('icsma-20-049-01.json'));
    expect(advisories).toHaveLength(1);
    expect(advisories[0]).toMatchObject({
      id: 'https://www.cisa.gov/ICSMA-20-049-01/CVE-2019-0708',
      aliases: ['CVE-2019-0708', 'ICSMA-20-049-01'],
      // No vulnerability title: the document's.
      summary: 'Spacelabs Xhibit Telemetry Receiver (XTR)',
      published: '2020-02-18T00:00:00.000000Z',
      severities: [
        {
          type: 'CVSS_V3',
          vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
          score: 9.8,
          source: 'CISA',
        },
      ],
      cwes: ['CWE-20'],
      affected: [],
      configurations: [],
    });
    expect(advisories[0]?.details).toMatch(/^The affected product is vulnerable to a remote code execution/);
    expect(advisories[0]?.references).toContainEqual({
      type: 'ADVISORY',
      url: 'https://www.cisa.gov/news-events/ics-medical-advisories/icsma-20-049-01',
    });
    expect(warnings).toEqual([
      'ICSMA-20-049-01 10 affected product(s) have no purl or CPE (product_identification_helper), so they cannot be matched against SBOM components',
    ]);
  });
});

describe('parseCsafAdvisories — csaf_vex (OASIS 2022-EVD-UC-08-001)', () => {
  it('keeps the scores of affected products only, and counts the unidentifiable affected products once', () => {
    const { advisories, warnings } = parse(read('vex', 'csaf-2022-evd-uc-08-001.json'));
    expect(advisories.map((a) => [a.id, a.aliases])).toEqual([
      ['https://psirt.example.com/2022-EVD-UC-08-001/CVE-2021-44228', ['CVE-2021-44228']],
      ['https://psirt.example.com/2022-EVD-UC-08-001/CVE-2021-45105', ['CVE-2021-45105']],
    ]);
    // The second score (environmental MC:N/MI:N/MA:N) is for the known_not_affected products.
    expect(advisories[0]?.severities.map((s) => s.vector)).toEqual([
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
    ]);
    // known_affected: 0002, 0003, 0004, 0008 and (second CVE) 0010.
    expect(warnings).toEqual([
      '2022-EVD-UC-08-001 5 affected product(s) have no purl or CPE (product_identification_helper), so they cannot be matched against SBOM components',
    ]);
  });
});

describe('parseCsafAdvisories — hand-made EXMED-SA-2024-001 (purl helpers, ranges, relationships)', () => {
  const { advisories, warnings } = parse(fixture('handmade-exmed-sa-2024-001.json'));
  const [json, wolf, agent] = advisories;

  it('takes the purl of the relationship component (product_reference) and its version', () => {
    expect(json).toMatchObject({
      id: 'https://psirt.example.com/EXMED-SA-2024-001/CVE-2024-21907',
      aliases: ['CVE-2024-21907'],
      summary: 'Newtonsoft.Json: stack overflow on deeply nested input',
      published: '2024-01-03T17:15:00.000Z',
      modified: '2024-03-04T10:00:00.000Z',
      cwes: ['CWE-755'],
      affected: [
        {
          ecosystem: 'NuGet',
          name: 'Newtonsoft.Json',
          purl: 'pkg:nuget/Newtonsoft.Json@9.0.1',
          ranges: [],
          versions: ['9.0.1'],
        },
      ],
      configurations: [],
    });
    expect(json?.references.map((r) => r.type)).toEqual(['ADVISORY', 'ADVISORY']);
  });

  it('reads a vers range into an OSV range and into CPE bounds', () => {
    expect(wolf?.affected).toEqual([
      {
        ecosystem: 'github',
        name: 'wolfssl/wolfssl',
        purl: 'pkg:github/wolfssl/wolfssl',
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '4.0.0' }, { fixed: '5.5.1' }] }],
        versions: [],
      },
    ]);
    expect(criteriaOf(wolf)).toEqual([
      {
        vulnerable: true,
        criteria: 'cpe:2.3:a:wolfssl:wolfssl:*:*:*:*:*:*:*:*',
        versionStartIncluding: '4.0.0',
        versionStartExcluding: null,
        versionEndIncluding: null,
        versionEndExcluding: '5.5.1',
      },
    ]);
    // Published falls back to the document's initial release.
    expect(wolf?.published).toBe('2024-02-20T09:00:00.000Z');
  });

  it('identifies a vulnerability without CVE by ids[0], and closes an open range with the one fixed version', () => {
    expect(agent).toMatchObject({
      id: 'https://psirt.example.com/EXMED-SA-2024-001/Example Medical PSIRT:EXMED-BUG-1234',
      aliases: ['EXMED-BUG-1234'],
      affected: [
        {
          ecosystem: 'npm',
          name: '@example-medical/telemetry-agent',
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { fixed: '2.0.1' }] }],
        },
      ],
    });
  });

  it('warns once about the product without helper (the gateway)', () => {
    expect(advisories).toHaveLength(3);
    expect(warnings).toEqual([
      'EXMED-SA-2024-001 1 affected product(s) have no purl or CPE (product_identification_helper), so they cannot be matched against SBOM components',
    ]);
  });

  it('adds no fixed event when the fixed products name several versions', () => {
    const document = fixture('handmade-exmed-sa-2024-001.json');
    const agents = document.product_tree.branches[0].branches[1].branches;
    agents.push({
      category: 'product_version',
      name: '2.1.0',
      product: {
        name: 'telemetry-agent 2.1.0',
        product_id: 'AGENT-2.1.0',
        product_identification_helper: { purl: 'pkg:npm/%40example-medical/telemetry-agent@2.1.0' },
      },
    });
    document.vulnerabilities[2].product_status.fixed.push('AGENT-2.1.0');
    const events = parse(document).advisories[2]?.affected[0]?.ranges[0]?.events;
    expect(events).toEqual([{ introduced: '1.0.0' }]);
  });

  it('resolves a product group named in product_status into its products, with a warning', () => {
    const document = fixture('handmade-exmed-sa-2024-001.json');
    document.vulnerabilities[1].product_status.known_affected = ['CARDIOLINK-4.0.0-TLS', 'NO-SUCH-PRODUCT'];
    const result = parse(document);
    expect(result.advisories[1]?.affected.map((a) => a.purl)).toEqual(['pkg:github/wolfssl/wolfssl']);
    expect(result.warnings).toEqual([
      'EXMED-SA-2024-001 $.vulnerabilities[1].product_status.known_affected: CARDIOLINK-4.0.0-TLS is a product group; its products are used',
      'EXMED-SA-2024-001 $.vulnerabilities[1].product_status.known_affected: unknown product_id NO-SUCH-PRODUCT; skipped',
      'EXMED-SA-2024-001 1 affected product(s) have no purl or CPE (product_identification_helper), so they cannot be matched against SBOM components',
    ]);
  });
});

describe('parseCsafAdvisories — refusals and odd input', () => {
  const refuse = (json: unknown, message: RegExp) => {
    let error: unknown;
    try {
      parseCsafAdvisories(json);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('invalid');
    expect((error as DomainError).message).toMatch(message);
  };

  it('refuses JSON that is no CSAF document, saying what it is', () => {
    refuse(fixture('example-01-provider-metadata.json'), /Not a CSAF document.*provider-metadata\.json/);
    refuse({ feed: { id: 'x', entry: [] } }, /ROLIE/);
    refuse({ aggregator: {}, canonical_url: 'https://x' }, /aggregator\.json/);
    refuse({ schema_version: '1.6.0', id: 'GHSA-x' }, /^Not a CSAF document: no document\.csaf_version\.$/);
    refuse([], /CSAF document/);
    refuse('text', /CSAF document/);
  });

  it('refuses other CSAF versions and documents without their identity', () => {
    const document = fixture('bsi-2022-0001.json');
    refuse({ ...document, document: { ...document.document, csaf_version: '1.2' } }, /csaf_version/);
    refuse({ ...document, document: { ...document.document, csaf_version: 2 } }, /csaf_version/);
    refuse({ ...document, document: { ...document.document, publisher: {} } }, /publisher\.namespace/);
    refuse({ ...document, document: { ...document.document, tracking: { id: ' ' } } }, /tracking\.id/);
  });

  it('never throws a TypeError on odd shapes', () => {
    const base = fixture('handmade-exmed-sa-2024-001.json');
    const odd: unknown[] = [
      1,
      'x',
      null,
      [],
      {},
      { product_status: 'x', scores: 'x', ids: 'x', notes: 'x', cwe: 'x', references: 'x' },
      { cve: 5, ids: [null, 1, { text: 7 }], product_status: { known_affected: [null, 3, {}] } },
      { scores: [null, { cvss_v3: 'x' }, { cvss_v3: { baseScore: 'x' } }], metrics: [{ content: 'x' }] },
    ];
    const trees: unknown[] = [
      null,
      'x',
      [],
      {
        branches: [null, 'x', { branches: 'x' }, { product: 'x' }],
        relationships: [null, {}, { full_product_name: 'x' }],
      },
      { full_product_names: [1, {}], product_groups: [null, { product_ids: 'x' }] },
    ];
    for (const tree of trees) {
      const document = { ...base, product_tree: tree, vulnerabilities: odd };
      expect(() => parseCsafAdvisories(document, [])).not.toThrow();
    }
    expect(() => parseCsafAdvisories({ ...base, vulnerabilities: 'x' }, [])).not.toThrow();
    expect(() => parseCsafAdvisories({ ...base, document: { ...base.document, tracking: 'x' } })).toThrow(
      DomainError,
    );
  });

  it('identifies a vulnerability without cve or ids by its position, and skips a repeated CVE', () => {
    const base = fixture('handmade-exmed-sa-2024-001.json');
    const [first] = base.vulnerabilities;
    const { advisories, warnings } = parse({ ...base, vulnerabilities: [{ title: 'no id' }, first, first] });
    expect(advisories.map((a) => a.id)).toEqual([
      'https://psirt.example.com/EXMED-SA-2024-001/vulnerabilities[0]',
      'https://psirt.example.com/EXMED-SA-2024-001/CVE-2024-21907',
    ]);
    expect(warnings.slice(0, 2)).toEqual([
      'EXMED-SA-2024-001 $.vulnerabilities[0]: neither cve nor ids; identified by its position',
      'EXMED-SA-2024-001 $.vulnerabilities[2]: CVE-2024-21907 listed twice in the document; skipped',
    ]);
  });
});
