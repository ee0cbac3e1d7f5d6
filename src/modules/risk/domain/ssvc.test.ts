import { describe, expect, it } from 'vitest';
import { scoreCvssVector } from './cvss.ts';
import type { HarmSeverity } from './patient-harm.ts';
import {
  type CisaCoordinatorInputs,
  cisaCoordinatorTable,
  decideCisaCoordinator,
  decideSupplierPriority,
  missionAndWellBeing,
  patchCadence,
  publicSafetyImpact,
  type SupplierInputs,
  safetyImpactFromHarmSeverity,
  ssvcUtility,
  supplierPatchTable,
  technicalImpactFromCvss,
} from './ssvc.ts';

/** The published CSV files (github.com/CERTCC/SSVC), pasted as they are; each row must decide the same. */
const coordinatorCsv = `row,Exploitation v1.1.0,Automatable v2.0.0,Technical Impact v1.0.0,Mission and Well-Being Impact v1.0.0,CISA Levels v1.1.0 (cisa)
0,none,no,partial,low,track
1,none,no,partial,medium,track
2,none,no,partial,high,track
3,none,no,total,low,track
4,none,no,total,medium,track
5,none,no,total,high,track*
6,none,yes,partial,low,track
7,none,yes,partial,medium,track
8,none,yes,partial,high,attend
9,none,yes,total,low,track
10,none,yes,total,medium,track
11,none,yes,total,high,attend
12,public poc,no,partial,low,track
13,public poc,no,partial,medium,track
14,public poc,no,partial,high,track*
15,public poc,no,total,low,track
16,public poc,no,total,medium,track*
17,public poc,no,total,high,attend
18,public poc,yes,partial,low,track
19,public poc,yes,partial,medium,track
20,public poc,yes,partial,high,attend
21,public poc,yes,total,low,track
22,public poc,yes,total,medium,track*
23,public poc,yes,total,high,attend
24,active,no,partial,low,track
25,active,no,partial,medium,track
26,active,no,partial,high,attend
27,active,no,total,low,track
28,active,no,total,medium,attend
29,active,no,total,high,act
30,active,yes,partial,low,attend
31,active,yes,partial,medium,attend
32,active,yes,partial,high,act
33,active,yes,total,low,attend
34,active,yes,total,medium,act
35,active,yes,total,high,act`;

const supplierCsv = `row,Exploitation v1.1.0,Utility v1.0.1,Technical Impact v1.0.0,Public Safety Impact v2.0.1,"Defer, Scheduled, Out-of-Cycle, Immediate v1.0.0"
0,none,laborious,partial,minimal,defer
1,none,laborious,partial,significant,scheduled
2,none,laborious,total,minimal,scheduled
3,none,laborious,total,significant,out-of-cycle
4,none,efficient,partial,minimal,scheduled
5,none,efficient,partial,significant,out-of-cycle
6,none,efficient,total,minimal,scheduled
7,none,efficient,total,significant,out-of-cycle
8,none,super effective,partial,minimal,scheduled
9,none,super effective,partial,significant,out-of-cycle
10,none,super effective,total,minimal,out-of-cycle
11,none,super effective,total,significant,out-of-cycle
12,public poc,laborious,partial,minimal,scheduled
13,public poc,laborious,partial,significant,out-of-cycle
14,public poc,laborious,total,minimal,scheduled
15,public poc,laborious,total,significant,immediate
16,public poc,efficient,partial,minimal,scheduled
17,public poc,efficient,partial,significant,immediate
18,public poc,efficient,total,minimal,out-of-cycle
19,public poc,efficient,total,significant,immediate
20,public poc,super effective,partial,minimal,out-of-cycle
21,public poc,super effective,partial,significant,immediate
22,public poc,super effective,total,minimal,out-of-cycle
23,public poc,super effective,total,significant,immediate
24,active,laborious,partial,minimal,out-of-cycle
25,active,laborious,partial,significant,immediate
26,active,laborious,total,minimal,out-of-cycle
27,active,laborious,total,significant,immediate
28,active,efficient,partial,minimal,out-of-cycle
29,active,efficient,partial,significant,immediate
30,active,efficient,total,minimal,out-of-cycle
31,active,efficient,total,significant,immediate
32,active,super effective,partial,minimal,immediate
33,active,super effective,partial,significant,immediate
34,active,super effective,total,minimal,immediate
35,active,super effective,total,significant,immediate`;

/** CSV value → Candor's spelling ("public poc" → public-poc, "super effective" → super-effective). */
function rows(csv: string): string[][] {
  return csv
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map((cell) => cell.replace(' ', '-')));
}

describe('CISA coordinator tree v2.0.3', () => {
  it.each(rows(coordinatorCsv))(
    'row %s: %s / %s / %s / %s → %s',
    (row, exploitation, automatable, impact, mwb, decision) => {
      const inputs = {
        exploitation,
        automatable,
        technicalImpact: impact,
        missionAndWellBeing: mwb,
      } as CisaCoordinatorInputs;
      expect(decideCisaCoordinator(inputs)).toEqual({ decision, row: Number(row) });
    },
  );

  // regulations.md §3f prints the same tree as one line per (exploitation, automatable, technical impact).
  const regulations = `none no partial Track Track Track
none no total Track Track Track*
none yes partial Track Track Attend
none yes total Track Track Attend
public-poc no partial Track Track Track*
public-poc no total Track Track* Attend
public-poc yes partial Track Track Attend
public-poc yes total Track Track* Attend
active no partial Track Track Attend
active no total Track Attend Act
active yes partial Attend Attend Act
active yes total Attend Act Act`;
  it.each(regulations.split('\n').map((line) => line.split(' ')))(
    'regulations.md: %s / %s / %s → %s, %s, %s',
    (exploitation, automatable, technicalImpact, low, medium, high) => {
      const decide = (missionAndWellBeing: string) =>
        decideCisaCoordinator({
          exploitation,
          automatable,
          technicalImpact,
          missionAndWellBeing,
        } as CisaCoordinatorInputs).decision;
      expect([decide('low'), decide('medium'), decide('high')]).toEqual(
        [low, medium, high].map((d) => (d as string).toLowerCase()),
      );
    },
  );

  it('has 36 rows and derives Mission and Well-being from prevalence × public well-being', () => {
    expect(cisaCoordinatorTable).toHaveLength(36);
    expect(
      (['minimal', 'support', 'essential'] as const).map((prevalence) =>
        (['minimal', 'material', 'irreversible'] as const).map((wellBeing) =>
          missionAndWellBeing(prevalence, wellBeing),
        ),
      ),
    ).toEqual([
      ['low', 'medium', 'high'],
      ['medium', 'medium', 'high'],
      ['high', 'high', 'high'],
    ]);
  });

  it('rejects values outside the decision points', () => {
    expect(() =>
      decideCisaCoordinator({
        exploitation: 'widespread',
        automatable: 'no',
        technicalImpact: 'partial',
        missionAndWellBeing: 'low',
      } as unknown as CisaCoordinatorInputs),
    ).toThrow(/no CISA coordinator row for widespread/);
  });
});

describe('supplier patch development priority v1.0.0', () => {
  it.each(rows(supplierCsv))(
    'row %s: %s / %s / %s / %s → %s',
    (row, exploitation, utility, impact, safety, priority) => {
      const inputs = {
        exploitation,
        utility,
        technicalImpact: impact,
        publicSafetyImpact: safety,
      } as SupplierInputs;
      const result = decideSupplierPriority(inputs);
      expect(result).toEqual({
        priority,
        cadence: priority === 'defer' || priority === 'scheduled' ? 'regular' : 'out-of-cycle',
        row: Number(row),
      });
    },
  );

  it('has 36 rows; Utility and Public Safety Impact come from their child tables', () => {
    expect(supplierPatchTable).toHaveLength(36);
    expect([
      ssvcUtility('no', 'diffuse'),
      ssvcUtility('no', 'concentrated'),
      ssvcUtility('yes', 'diffuse'),
    ]).toEqual(['laborious', 'efficient', 'efficient']);
    expect(ssvcUtility('yes', 'concentrated')).toBe('super-effective');
    expect((['negligible', 'marginal', 'critical', 'catastrophic'] as const).map(publicSafetyImpact)).toEqual(
      ['minimal', 'significant', 'significant', 'significant'],
    );
  });

  it('maps the priority to Candor’s patch cadence', () => {
    expect((['defer', 'scheduled', 'out-of-cycle', 'immediate'] as const).map(patchCadence)).toEqual([
      'regular',
      'regular',
      'out-of-cycle',
      'out-of-cycle',
    ]);
  });
});

describe('inputs from Candor’s other assessments', () => {
  it('reads ISO 14971 severity as SSVC Safety Impact (Candor’s reading)', () => {
    const severities: HarmSeverity[] = ['negligible', 'minor', 'serious', 'critical', 'catastrophic'];
    expect(severities.map(safetyImpactFromHarmSeverity)).toEqual([
      'negligible',
      'negligible',
      'marginal',
      'critical',
      'catastrophic',
    ]);
  });

  // data/csv/ssvc/cvssv4_to_technical_impact_1_0_0.csv, every row: PR, VC, VI → Technical Impact.
  const technicalImpactCsv = `0,high,none,none,partial
1,low,none,none,partial
2,high,low,none,partial
3,high,none,low,partial
4,none,none,none,partial
5,low,low,none,partial
6,high,high,none,partial
7,low,none,low,partial
8,high,low,low,partial
9,high,none,high,partial
10,none,low,none,partial
11,low,high,none,partial
12,none,none,low,partial
13,low,low,low,partial
14,high,high,low,partial
15,low,none,high,partial
16,high,low,high,partial
17,none,high,none,partial
18,none,low,low,partial
19,low,high,low,partial
20,none,none,high,partial
21,low,low,high,partial
22,high,high,high,total
23,none,high,low,total
24,none,low,high,total
25,low,high,high,total
26,none,high,high,total`;
  const letter = (value: string) => value.charAt(0).toUpperCase();
  it.each(technicalImpactCsv.split('\n').map((line) => line.split(',')))(
    'CVSS v4.0 row %s: PR %s, VC %s, VI %s → %s',
    (_row, pr, vc, vi, impact) => {
      const vector = `CVSS:4.0/AV:N/AC:L/AT:N/PR:${letter(pr as string)}/UI:N/VC:${letter(vc as string)}/VI:${letter(vi as string)}/VA:H/SC:N/SI:N/SA:N`;
      expect(technicalImpactFromCvss(scoreCvssVector(vector))).toBe(impact);
    },
  );

  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N', 'total'],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:H', 'partial'],
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C', null],
  ])('v3.x by analogy, v2 not mapped: %s → %s', (vector, impact) => {
    expect(technicalImpactFromCvss(scoreCvssVector(vector))).toBe(impact);
  });
});
