import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEpssCsv } from './epss.ts';
import { parseKev } from './kev.ts';

const kevDir = new URL('../../../../../../shared/corpus/vulns/kev/', import.meta.url);
const kevCatalog = new URL('known_exploited_vulnerabilities.json', kevDir);
const epssFixture = new URL(
  '../../../../../test/fixtures/vulns/epss/epss_scores-handmade.csv',
  import.meta.url,
);

describe('parseKev', () => {
  // The catalogue is 1.2 MB, so it is read from the shared corpus rather than copied into test/fixtures.
  it.skipIf(!existsSync(kevCatalog))('reads the corpus catalogue 2025.08.25: 1,404 entries', () => {
    const warnings: string[] = [];
    const entries = parseKev(JSON.parse(readFileSync(kevCatalog, 'utf8')), warnings);
    expect(warnings).toEqual([]);
    expect(entries).toHaveLength(1404);
    expect(new Set(entries.map((entry) => entry.cveId)).size).toBe(1404);
    expect(entries.filter((entry) => entry.knownRansomwareCampaignUse === 'Known')).toHaveLength(293);
    expect(entries[0]).toEqual({
      cveId: 'CVE-2025-48384',
      vendorProject: 'Git',
      product: 'Git',
      vulnerabilityName: 'Git Link Following Vulnerability',
      dateAdded: '2025-08-25',
      dueDate: '2025-09-15',
      requiredAction:
        'Apply mitigations per vendor instructions, follow applicable BOD 22-01 guidance for cloud services, or discontinue use of the product if mitigations are unavailable.',
      knownRansomwareCampaignUse: 'Unknown',
    });
    expect(entries.find((entry) => entry.cveId === 'CVE-2021-44228')?.knownRansomwareCampaignUse).toBe(
      'Known',
    );
  });

  it.skipIf(!existsSync(kevDir))('throws DomainError(invalid) on the KEV JSON schema file', () => {
    const schema = JSON.parse(
      readFileSync(new URL('known_exploited_vulnerabilities_schema.json', kevDir), 'utf8'),
    );
    expect(() => parseKev(schema)).toThrow(
      expect.objectContaining({ code: 'invalid', details: { path: '$.catalogVersion' } }),
    );
  });

  it('skips odd entries with a warning', () => {
    const warnings: string[] = [];
    const entries = parseKev(
      {
        catalogVersion: 'x',
        vulnerabilities: [{ cveID: 'CVE-2021-44228', dateAdded: '2021-12-10' }, { cveID: 'GHSA-x' }, null],
      },
      warnings,
    );
    expect(entries).toEqual([
      {
        cveId: 'CVE-2021-44228',
        vendorProject: '',
        product: '',
        vulnerabilityName: '',
        dateAdded: '2021-12-10',
        dueDate: null,
        requiredAction: '',
        knownRansomwareCampaignUse: 'Unknown',
      },
    ]);
    expect(warnings).toHaveLength(2);
  });

  it('throws DomainError(invalid) on an NVD page', () => {
    expect(() => parseKev({ format: 'NVD_CVE', vulnerabilities: [] })).toThrow(
      expect.objectContaining({ code: 'invalid' }),
    );
  });
});

describe('parseEpssCsv', () => {
  it('reads the hand-made file: model line, header, rows; odd rows are reported', () => {
    const warnings: string[] = [];
    const scores = parseEpssCsv(readFileSync(epssFixture, 'utf8'), warnings);
    expect(scores.map((score) => score.cveId)).toEqual([
      'CVE-2021-44228',
      'CVE-2022-39173',
      'CVE-2023-0286',
      'CVE-2024-3094',
      'CVE-2023-38545',
    ]);
    expect(scores[0]).toEqual({
      cveId: 'CVE-2021-44228',
      epss: 0.94358,
      percentile: 0.99957,
      scoreDate: '2025-08-25',
      modelVersion: 'v2023.03.01',
    });
    expect(scores[4]?.epss).toBeCloseTo(0.00021);
    expect(warnings).toEqual([
      'line 7: not "CVE-…,<0–1>,<0–1>"; skipped',
      'line 8: not "CVE-…,<0–1>,<0–1>"; skipped',
    ]);
  });

  it('accepts a file without the model line and CRLF line ends', () => {
    const scores = parseEpssCsv('cve,epss,percentile\r\nCVE-2020-0001,0.5,0.9\r\n');
    expect(scores).toEqual([
      { cveId: 'CVE-2020-0001', epss: 0.5, percentile: 0.9, scoreDate: '', modelVersion: null },
    ]);
  });

  it.each([
    ['a KEV JSON text', '{"catalogVersion":"x"}'],
    ['an empty text', ''],
    ['a CSV with other columns', '#model_version:v1\ncve,score\n'],
  ])('throws DomainError(invalid) on %s', (_name, text) => {
    expect(() => parseEpssCsv(text)).toThrow(expect.objectContaining({ code: 'invalid' }));
  });
});
