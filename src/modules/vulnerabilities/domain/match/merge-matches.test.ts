import { describe, expect, it } from 'vitest';
import type { ComponentMatch } from './match-types.ts';
import { mergeMatches } from './merge-matches.ts';

const match = (fields: Partial<ComponentMatch> & Pick<ComponentMatch, 'advisoryId'>): ComponentMatch => ({
  componentKey: 'c1',
  advisorySource: 'osv',
  aliases: [],
  matchedBy: 'purl',
  confidence: 'high',
  reasons: [`${fields.advisoryId} reason`],
  fixedIn: null,
  isNameMatch: false,
  ...fields,
});

describe('mergeMatches', () => {
  it('joins records of one vulnerability through their aliases, transitively', () => {
    const findings = mergeMatches([
      match({
        advisoryId: 'GO-2021-0113',
        aliases: ['CVE-2021-38561', 'GHSA-ppp9-7jff-5vj2'],
        fixedIn: '0.3.7',
      }),
      match({
        advisoryId: 'CVE-2021-38561',
        advisorySource: 'nvd',
        matchedBy: 'cpe',
        confidence: 'medium',
        fixedIn: '0.3.6',
      }),
      match({ advisoryId: 'GHSA-PPP9-7JFF-5VJ2', advisorySource: 'osv', aliases: [] }),
      match({ advisoryId: 'GO-2022-1059', aliases: ['CVE-2022-32149'] }),
    ]);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({
      vulnerabilityId: 'CVE-2021-38561',
      ids: ['CVE-2021-38561', 'GHSA-ppp9-7jff-5vj2', 'GO-2021-0113'],
      matchedBy: ['purl', 'cpe'],
      confidence: 'high',
      fixedIn: '0.3.7',
      reasons: ['GO-2021-0113 reason', 'CVE-2021-38561 reason', 'GHSA-PPP9-7JFF-5VJ2 reason'],
    });
    expect(findings[0]?.advisories.map((a) => a.id)).toEqual([
      'GO-2021-0113',
      'CVE-2021-38561',
      'GHSA-PPP9-7JFF-5VJ2',
    ]);
    expect(findings[1]).toMatchObject({
      vulnerabilityId: 'CVE-2022-32149',
      ids: ['CVE-2022-32149', 'GO-2022-1059'],
    });
  });

  it('keeps components apart and uses the record id when there is no CVE', () => {
    const findings = mergeMatches([
      match({ advisoryId: 'OSV-2017-79', componentKey: 'a' }),
      match({ advisoryId: 'OSV-2017-79', componentKey: 'b', confidence: 'low', isNameMatch: true }),
    ]);
    expect(findings.map((f) => [f.componentKey, f.vulnerabilityId, f.confidence, f.isNameMatch])).toEqual([
      ['a', 'OSV-2017-79', 'high', false],
      ['b', 'OSV-2017-79', 'low', true],
    ]);
  });

  it('a finding is a name match only when every match is one', () => {
    const [finding] = mergeMatches([
      match({ advisoryId: 'CVE-2018-14618', isNameMatch: true, confidence: 'low', matchedBy: 'cve5' }),
      match({ advisoryId: 'CVE-2018-14618', advisorySource: 'nvd', matchedBy: 'cpe', confidence: 'medium' }),
    ]);
    expect(finding).toMatchObject({ isNameMatch: false, confidence: 'medium', matchedBy: ['cve5', 'cpe'] });
  });
});
