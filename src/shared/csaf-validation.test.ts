import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { failingTestNames, preloadCsafValidator, validateCsafDocument } from './csaf-validation.ts';

const corpus = '/work/shared/corpus/csaf';

beforeAll(async () => {
  // Loading csaf-validator-lib compiles dozens of schemas: about 12 s on an idle 2-CPU machine, minutes on a
  // loaded one. Once for the whole file (the module keeps it).
  await preloadCsafValidator();
}, 300_000);

/** A small valid csaf_security_advisory: one product, one vulnerability. */
function advisory() {
  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      distribution: { tlp: { label: 'WHITE', url: 'https://www.first.org/tlp/' } },
      lang: 'en',
      notes: [{ category: 'summary', text: 'A flaw in the pump.', title: 'Summary' }],
      publisher: { category: 'vendor', name: 'Acme Medical', namespace: 'https://acme.example' },
      references: [
        {
          category: 'self',
          summary: 'Canonical URL',
          url: 'https://acme.example/.well-known/csaf/white/2025/acme-2025-0001.json',
        },
      ],
      title: 'Pump flaw',
      tracking: {
        current_release_date: '2025-03-04T10:00:00.000Z',
        id: 'ACME-2025-0001',
        initial_release_date: '2025-03-04T10:00:00.000Z',
        revision_history: [{ date: '2025-03-04T10:00:00.000Z', number: '1', summary: 'Initial release.' }],
        status: 'final',
        version: '1',
      },
    },
    product_tree: {
      full_product_names: [
        {
          name: 'Pump 1.0',
          product_id: 'PUMP-1',
          product_identification_helper: { purl: 'pkg:generic/acme/pump@1.0' },
        },
      ],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2025-0001',
        cwe: { id: 'CWE-306', name: 'Missing Authentication for Critical Function' },
        notes: [{ category: 'description', text: 'No authentication.' }],
        product_status: { known_affected: ['PUMP-1'] },
        remediations: [{ category: 'none_available', details: 'None yet.', product_ids: ['PUMP-1'] }],
        scores: [
          {
            cvss_v3: {
              attackComplexity: 'LOW',
              attackVector: 'NETWORK',
              availabilityImpact: 'HIGH',
              baseScore: 9.8,
              baseSeverity: 'CRITICAL',
              confidentialityImpact: 'HIGH',
              integrityImpact: 'HIGH',
              privilegesRequired: 'NONE',
              scope: 'UNCHANGED',
              userInteraction: 'NONE',
              vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
              version: '3.1',
            },
            products: ['PUMP-1'],
          },
        ],
      },
    ],
  };
}

describe('validateCsafDocument', () => {
  it('accepts a valid advisory with no finding at all', async () => {
    expect(await validateCsafDocument(advisory())).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      infos: [],
    });
  });

  it('reports the failing mandatory tests of a broken document by name', async () => {
    const doc = advisory();
    const [vulnerability] = doc.vulnerabilities;
    if (!vulnerability) throw new Error('fixture');
    vulnerability.product_status.known_affected.push('PUMP-404'); // 6.1.1 missing product definition
    vulnerability.cwe.name = 'Something else'; // 6.1.11 CWE name does not match
    (vulnerability.scores[0]?.cvss_v3 as { baseScore: number }).baseScore = 5; // 6.1.9 wrong score
    doc.document.tracking.version = '2'; // 6.1.16 version is not the latest revision
    const validation = await validateCsafDocument(doc);
    expect(validation.valid).toBe(false);
    expect(failingTestNames(validation)).toEqual([
      'mandatoryTest_6_1_1',
      'mandatoryTest_6_1_9',
      'mandatoryTest_6_1_11',
      'mandatoryTest_6_1_16',
    ]);
    expect(validation.errors).toContainEqual({
      test: 'mandatoryTest_6_1_1',
      path: '/vulnerabilities/0/product_status/known_affected/1',
      message: expect.any(String),
    });
  });

  it('reports schema errors with the offending property, and keeps optional findings as warnings', async () => {
    const doc: Record<string, unknown> = { ...advisory(), extra: true };
    const validation = await validateCsafDocument(doc);
    expect(validation.valid).toBe(false);
    expect(validation.errors).toContainEqual({
      test: 'csaf_2_0_strict',
      path: '',
      message: 'must NOT have additional properties: "extra"',
    });
    // 6.2.20 (additional properties) is optional: a warning, not a second error.
    expect(validation.warnings.map((w) => w.test)).toContain('optionalTest_6_2_20');
    expect(failingTestNames(validation)).toEqual(['csaf_2_0_strict']);
  });

  it('returns findings, not an exception, for input that is not a document', async () => {
    for (const input of [null, 'text', 42, [], { document: null }]) {
      const validation = await validateCsafDocument(input);
      expect(validation.valid).toBe(false);
      expect(failingTestNames(validation)).toContain('csaf_2_0_strict');
    }
  });

  it('puts informative findings in infos and never runs the network and spell-check tests', async () => {
    const doc = advisory();
    const [vulnerability] = doc.vulnerabilities;
    if (!vulnerability) throw new Error('fixture');
    // 6.3.2: CVSS v3.0 is informative. The URLs here are under the reserved .example TLD and never
    // resolve, so 6.3.6/6.3.7 (HEAD requests through undici) would report them if they ran.
    Object.assign(vulnerability.scores[0]?.cvss_v3 ?? {}, {
      vectorString: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      version: '3.0',
    });
    const validation = await validateCsafDocument(doc);
    expect(validation.errors).toEqual([]);
    expect(validation.infos.map((i) => i.test)).toEqual(['informativeTest_6_3_2']);
    const allTests = [...validation.errors, ...validation.warnings, ...validation.infos].map((f) => f.test);
    for (const excluded of ['informativeTest_6_3_6', 'informativeTest_6_3_7', 'informativeTest_6_3_8']) {
      expect(allTests).not.toContain(excluded);
    }
  });
});

/** Every CSAF document under a directory (provider metadata, ROLIE feeds, aggregators and schemas are not). */
function csafDocumentsUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.json'))
    .map((path) => join(directory, path))
    .filter((path) => {
      const json = JSON.parse(readFileSync(path, 'utf8')) as { document?: { csaf_version?: unknown } };
      return typeof json.document?.csaf_version === 'string';
    })
    .sort();
}

describe.skipIf(!existsSync(corpus))('the CSAF corpus (../shared/corpus/csaf)', () => {
  const files = existsSync(corpus) ? csafDocumentsUnder(corpus) : [];

  it('holds CSAF documents', () => {
    // 15 CISA ICSMA advisories and 19 OASIS examples (corpus README).
    expect(files.length).toBeGreaterThanOrEqual(34);
  });

  it.each(files.map((path) => [relative(corpus, path), path]))(
    '%s validates without errors',
    async (_name, path) => {
      const validation = await validateCsafDocument(JSON.parse(readFileSync(path as string, 'utf8')));
      expect(validation.errors).toEqual([]);
      expect(validation.valid).toBe(true);
    },
  );
});
