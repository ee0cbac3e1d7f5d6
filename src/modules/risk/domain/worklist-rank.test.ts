import { describe, expect, it } from 'vitest';
import { compareUrgency, type RankFacts, remediationDueOn, severityOfScore } from './worklist-rank.ts';

const facts = (overrides: Partial<RankFacts>): RankFacts => ({
  decision: null,
  supplier: null,
  kev: false,
  epss: null,
  unitsInField: null,
  score: null,
  displayId: 'CVE-2000-0001',
  ...overrides,
});

const order = (items: RankFacts[]) => [...items].sort(compareUrgency).map((f) => f.displayId);

describe('worklist order', () => {
  it('puts uncontrolled first, then pairs not yet assessed, then controlled', () => {
    expect(
      order([
        facts({ displayId: 'controlled', decision: 'controlled', kev: true }),
        facts({ displayId: 'unassessed' }),
        facts({ displayId: 'uncontrolled', decision: 'uncontrolled' }),
      ]),
    ).toEqual(['uncontrolled', 'unassessed', 'controlled']);
  });

  it('within a decision: SSVC supplier priority, then KEV, EPSS, units in field, score, id', () => {
    expect(
      order([
        facts({ displayId: 'defer', supplier: 'defer' }),
        facts({ displayId: 'none' }),
        facts({ displayId: 'scheduled', supplier: 'scheduled' }),
        facts({ displayId: 'immediate', supplier: 'immediate' }),
        facts({ displayId: 'out-of-cycle', supplier: 'out-of-cycle' }),
      ]),
    ).toEqual(['immediate', 'out-of-cycle', 'scheduled', 'none', 'defer']);
    expect(
      order([
        facts({ displayId: 'b-score', score: 9.8 }),
        facts({ displayId: 'units', unitsInField: 5000, score: 1 }),
        facts({ displayId: 'epss', epss: 0.2 }),
        facts({ displayId: 'kev', kev: true }),
        facts({ displayId: 'a-score', score: 9.8 }),
      ]),
    ).toEqual(['kev', 'epss', 'units', 'a-score', 'b-score']);
  });
});

describe('remediation due date', () => {
  const sla = { critical: 15, high: 30, medium: 90, low: 180 };
  const seen = new Date('2026-01-10T12:00:00Z');

  it('adds the SLA days of the severity to the day the finding was first seen', () => {
    expect(remediationDueOn(seen, 'critical', sla, null)).toBe('2026-01-25');
    expect(remediationDueOn(seen, 'high', sla, 'controlled')).toBe('2026-02-09');
    expect(remediationDueOn(seen, 'low', sla, null)).toBe('2026-07-09');
  });

  it('treats an unscored vulnerability as medium and CVSS none as low', () => {
    expect(remediationDueOn(seen, null, sla, null)).toBe(remediationDueOn(seen, 'medium', sla, null));
    expect(remediationDueOn(seen, 'none', sla, null)).toBe(remediationDueOn(seen, 'low', sla, null));
  });

  it('never lets uncontrolled risk wait longer than 60 days', () => {
    expect(remediationDueOn(seen, 'low', sla, 'uncontrolled')).toBe('2026-03-11');
    expect(remediationDueOn(seen, 'critical', sla, 'uncontrolled')).toBe('2026-01-25');
  });

  it('maps scores to the CVSS bands', () => {
    expect([null, 0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityOfScore)).toEqual([
      null,
      'none',
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });
});
