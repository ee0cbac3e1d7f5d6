import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../../../test/support/test-deps.ts';
import { parseOsv } from '../domain/feeds/osv.ts';
import { importAdvisoryBatch, importEpssScores, importKevEntries } from './import-advisories.ts';
import { loadMatchCandidates, matchCandidates } from './match-candidates.ts';
import { scanSbom } from './scan-sbom.ts';

/**
 * Candidate selection against the store (one lookup of every component's keys) and what `scanSbom`
 * shows of the vulnerabilities it finds, on the database the suite runs on.
 */
let deps: TestDeps;

function osv(id: string, ecosystem: string, name: string, fixed: string, extra: object = {}) {
  return parseOsv({
    id,
    modified: '2026-11-01T00:00:00Z',
    affected: [
      {
        package: { ecosystem, name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
    ...extra,
  });
}

const component = (purl: string) => ({ name: purl, version: null, purl, cpe: null });

beforeAll(async () => {
  deps = await createTestDeps();
  await importAdvisoryBatch(deps, [
    osv('TEST-NPM-LEFTPAD', 'npm', 'left-pad', '1.3.0'),
    // Same last name segment, another ecosystem: filed under another key.
    osv('TEST-MAVEN-LEFTPAD', 'Maven', 'com.example:left-pad', '2.0.0'),
    // Same last name segment in another npm scope: the same coarse key (npm, left-pad).
    osv('TEST-NPM-SCOPED', 'npm', '@other/left-pad', '9.0.0'),
    // Go modules of major version 2: each under its own key (golang, cli/v2), not a shared (golang, v2).
    osv('TEST-GO-CLI', 'Go', 'github.com/example/cli/v2', '2.5.0'),
    osv('TEST-GO-RESTY', 'Go', 'github.com/example/resty/v2', '2.9.0'),
    // A name holding the characters the lookup separates keys with.
    osv('TEST-NPM-ODD', 'npm', 'odd\u001fname\u001eend', '1.0.1'),
    osv('TEST-NPM-KEV', 'npm', 'exploited', '3.0.0', {
      aliases: ['CVE-2099-1001', 'CVE-2099-1002'],
      summary: 'Exploited in the wild',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    }),
    osv('TEST-NPM-GONE', 'npm', 'withdrawn-pkg', '3.0.0', { withdrawn: '2026-11-02T00:00:00Z' }),
  ]);
  // OSV states vectors only; the score a CVSS-scoring feed would have given.
  await deps.db.execute(
    sql`UPDATE vulnerabilities_vulnerabilities SET cvss_score = 9.8 WHERE 'TEST-NPM-KEV' = ANY(ids)`,
  );
  await importKevEntries(deps, [
    {
      cveId: 'CVE-2099-1001',
      vendorProject: 'Example',
      product: 'exploited',
      vulnerabilityName: 'Example exploited',
      dateAdded: '2099-01-01',
      dueDate: null,
      requiredAction: 'Update',
      knownRansomwareCampaignUse: 'Unknown',
    },
    {
      cveId: 'CVE-2099-1002',
      vendorProject: 'Example',
      product: 'exploited',
      vulnerabilityName: 'Example exploited',
      dateAdded: '2099-02-02',
      dueDate: null,
      requiredAction: 'Update',
      knownRansomwareCampaignUse: 'Unknown',
    },
  ]);
  await importEpssScores(deps, [
    { cveId: 'CVE-2099-1001', epss: 0.5, percentile: 0.9, scoreDate: '2099-03-01', modelVersion: null },
    { cveId: 'CVE-2099-1002', epss: 0.25, percentile: 0.8, scoreDate: '2099-03-01', modelVersion: null },
  ]);
});

afterAll(async () => {
  await deps?.close();
});

describe('loadMatchCandidates', () => {
  it('gives each component the advisories filed under its own keys, whatever else shares a name', async () => {
    const npm = component('pkg:npm/left-pad@1.0.0');
    const maven = component('pkg:maven/com.example/left-pad@1.0.0');
    const cli = component('pkg:golang/github.com/example/cli/v2@v2.1.0');
    const unknown = component('pkg:npm/not-advised@1.0.0');
    const candidates = await loadMatchCandidates(deps.db, [npm, maven, cli, unknown], () => false);
    const ids = (c: typeof npm) => candidates.candidatesFor(c, false).map((a) => a.id);
    expect(ids(npm).sort()).toEqual(['TEST-NPM-LEFTPAD', 'TEST-NPM-SCOPED']);
    expect(ids(maven)).toEqual(['TEST-MAVEN-LEFTPAD']);
    expect(ids(cli)).toEqual(['TEST-GO-CLI']);
    expect(ids(unknown)).toEqual([]);
    // The coarse key's other package is a candidate, never a match.
    expect(matchCandidates({ ...npm, version: '1.0.0' }, candidates, false).map((m) => m.advisoryId)).toEqual(
      ['TEST-NPM-LEFTPAD'],
    );
    expect(
      matchCandidates({ ...cli, version: 'v2.1.0' }, candidates, false).map((m) => m.advisoryId),
    ).toEqual(['TEST-GO-CLI']);
    // A component the lookup did not see has its keys read on demand (among the advisories loaded).
    expect(
      candidates
        .candidatesFor(component('pkg:npm/left-pad@0.1.0'), false)
        .map((a) => a.id)
        .sort(),
    ).toEqual(['TEST-NPM-LEFTPAD', 'TEST-NPM-SCOPED']);
  });

  it('finds keys that hold the characters the lookup separates keys with', async () => {
    const odd = component('pkg:npm/odd%1Fname%1Eend@1.0.0');
    const candidates = await loadMatchCandidates(
      deps.db,
      [odd, component('pkg:npm/left-pad@1.0.0')],
      () => false,
    );
    expect(candidates.candidatesFor(odd, false).map((a) => a.id)).toEqual(['TEST-NPM-ODD']);
    expect(matchCandidates({ ...odd, version: '1.0.0' }, candidates, false)).toHaveLength(1);
  });
});

describe('scanSbom', () => {
  const sbom = (components: object[]) =>
    new TextEncoder().encode(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components }));

  it("shows each finding's vulnerability with the KEV date and EPSS score of its first CVE", async () => {
    const result = await scanSbom(
      deps,
      sbom([
        { type: 'library', 'bom-ref': 'a', name: 'exploited', purl: 'pkg:npm/exploited@2.0.0' },
        { type: 'library', 'bom-ref': 'b', name: 'left-pad', purl: 'pkg:npm/left-pad@1.0.0' },
        { type: 'library', 'bom-ref': 'c', name: 'withdrawn-pkg', purl: 'pkg:npm/withdrawn-pkg@1.0.0' },
        { type: 'library', 'bom-ref': 'd', name: 'left-pad', purl: 'pkg:npm/left-pad@1.3.0' },
      ]),
    );
    expect(result.components).toBe(4);
    expect(result.findings.map((f) => [f.component.ref, f.vulnerability.id])).toEqual([
      ['a', expect.stringMatching(/^CVE-2099-100[12]$/)],
      ['b', 'TEST-NPM-LEFTPAD'],
    ]);
    const [exploited, leftPad] = result.findings;
    const firstCve = exploited?.vulnerability.ids.find((id) => id.startsWith('CVE-'));
    expect(exploited?.vulnerability).toMatchObject({
      summary: 'Exploited in the wild',
      cvssScore: 9.8,
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      kevDateAdded: firstCve === 'CVE-2099-1001' ? '2099-01-01' : '2099-02-02',
      epss: firstCve === 'CVE-2099-1001' ? 0.5 : 0.25,
    });
    expect(exploited?.vulnerability.ids).toEqual(
      expect.arrayContaining(['TEST-NPM-KEV', 'CVE-2099-1001', 'CVE-2099-1002']),
    );
    expect(exploited).toMatchObject({ confidence: 'high', matchedBy: 'purl', fixedIn: '3.0.0' });
    expect(leftPad?.vulnerability).toMatchObject({
      ids: ['TEST-NPM-LEFTPAD'],
      kevDateAdded: null,
      epss: null,
      cvssScore: null,
    });
  });
});
