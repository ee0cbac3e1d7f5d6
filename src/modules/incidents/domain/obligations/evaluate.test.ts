import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../shared/errors.ts';
import { factsWith } from './cases/base-facts.ts';
import type { ObligationCase } from './cases/case.ts';
import { euCyberCases } from './cases/eu-cyber.cases.ts';
import { euMdrCases } from './cases/eu-mdr.cases.ts';
import { fdaCases } from './cases/fda.cases.ts';
import { nationalCases } from './cases/national.cases.ts';
import { usCases } from './cases/us.cases.ts';
import { evaluateObligations } from './evaluate.ts';
import { parseObligationFacts } from './facts.ts';
import { obligationRuleIds } from './rule.ts';
import { obligationRules } from './rules/index.ts';

const cases: ObligationCase[] = [...fdaCases, ...euMdrCases, ...euCyberCases, ...usCases, ...nationalCases];

function run(c: ObligationCase) {
  // Through the schema, as the API and the CLI read facts: every case is valid input.
  const facts = parseObligationFacts(factsWith(c.facts));
  return evaluateObligations(facts, c.options ?? {});
}

describe('evaluateObligations: the table of hand-worked cases', () => {
  it('has at least 60 cases and covers every rule id, applicable and not', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const dueIds = new Set(cases.flatMap((c) => Object.keys(c.due ?? {}).map((k) => k.split(':')[0])));
    const notApplicableIds = new Set(cases.flatMap((c) => Object.keys(c.notApplicable ?? {})));
    const neverApplicable = ['circia-72h'];
    expect(obligationRuleIds.filter((id) => !dueIds.has(id) && !neverApplicable.includes(id))).toEqual([]);
    expect(obligationRuleIds.filter((id) => !notApplicableIds.has(id))).toEqual([]);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const evaluation = run(c);
    const byKey = new Map(evaluation.obligations.map((o) => [o.key, o]));
    for (const [key, dueAt] of Object.entries(c.due ?? {})) {
      const obligation = byKey.get(key);
      expect(
        obligation,
        `${key} should apply; not applicable: ${JSON.stringify(evaluation.notApplicable)}`,
      ).toBeDefined();
      expect(obligation?.dueAt, key).toBe(dueAt);
      if (dueAt) expect(obligation?.dueDate, key).toBe(dueAt.slice(0, 10));
      else expect(obligation?.dueRule, key).toBeTruthy();
    }
    for (const [id, reason] of Object.entries(c.notApplicable ?? {})) {
      const entry = evaluation.notApplicable.find((n) => n.id === id);
      expect(entry, `${id} should not apply`).toBeDefined();
      expect(entry?.reason, id).toMatch(reason);
    }
    for (const key of c.absent ?? []) expect(byKey.has(key), key).toBe(false);
    for (const [key, expected] of Object.entries(c.expect ?? {})) {
      const obligation = byKey.get(key);
      expect(obligation, key).toBeDefined();
      if (!obligation) continue;
      const { basis, dueRule, notes, ...fields } = expected;
      expect(obligation, key).toMatchObject(fields);
      if (basis) expect(obligation.basis, key).toMatch(basis);
      if (dueRule) expect(obligation.dueRule, key).toMatch(dueRule);
      if (notes) expect(obligation.notes.join('\n'), key).toMatch(notes);
    }
  });
});

describe('evaluateObligations: shape and invariants', () => {
  const issueExample = factsWith({
    manufacturer: {
      secRegistrant: true,
      nis2: 'important',
      isaoMember: true,
      hipaaRole: 'business_associate',
      gdprRole: 'controller',
      euMainEstablishment: 'DE',
    },
    product: { markets: ['US', 'DE', 'FR', 'AU', 'CA', 'GB'] },
    event: {
      occurredIn: ['US', 'DE'],
      patientHarm: 'serious_injury',
      nis2SignificantIncident: true,
      personalDataBreach: {
        individuals: 1200,
        unsecuredPhi: true,
        riskToIndividuals: 'high',
        residentsByState: { CA: 700 },
      },
      materialityDeterminedAt: '2026-03-09T10:00:00-04:00',
      fda: { riskControlled: false, correctionInitiatedAt: null, seriousAdverseEventKnown: false },
    },
  });

  it('accounts for every rule exactly once: applicable, or not applicable with a reason', () => {
    const evaluation = evaluateObligations(issueExample, { now: '2026-03-07T12:00:00Z' });
    const applied = new Set(evaluation.obligations.map((o) => o.id));
    const skipped = evaluation.notApplicable.map((n) => n.id);
    expect(new Set(skipped).size).toBe(skipped.length);
    expect([...applied].filter((id) => skipped.includes(id))).toEqual([]);
    expect([...applied, ...skipped].sort()).toEqual([...obligationRuleIds].sort());
    for (const n of evaluation.notApplicable) expect(n.reason.length).toBeGreaterThan(10);
  });

  it('gives every obligation the issue’s fields, earliest due first', () => {
    const evaluation = evaluateObligations(issueExample, { now: '2026-03-07T12:00:00Z' });
    for (const o of evaluation.obligations) {
      for (const field of ['id', 'regime', 'jurisdiction', 'recipient', 'basis', 'source'] as const)
        expect(o[field], `${o.key}.${field}`).toBeTruthy();
      expect(typeof o.confirmed).toBe('boolean');
      expect(typeof o.public).toBe('boolean');
      if (o.dueAt) expect(o.dueAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      else expect(o.dueRule.length).toBeGreaterThan(10);
    }
    const dues = evaluation.obligations.filter((o) => o.dueAt).map((o) => Date.parse(o.dueAt as string));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(evaluation.obligations.at(-1)?.dueAt).toBeNull();
  });

  it('is deterministic and does not depend on when it runs, given now', () => {
    const a = evaluateObligations(issueExample, { now: '2026-03-07T12:00:00Z' });
    const b = evaluateObligations(structuredClone(issueExample), { now: new Date('2026-03-07T12:00:00Z') });
    expect(b).toEqual(a);
  });

  it('shows the due instant in the manufacturer’s zone as well', () => {
    const evaluation = evaluateObligations(issueExample, {});
    const early = evaluation.obligations.find((o) => o.id === 'nis2-early-warning-24h');
    expect(early).toMatchObject({
      dueAt: '2026-03-07T22:30:00+01:00',
      dueAtManufacturerTime: '2026-03-07T16:30:00-05:00',
    });
  });

  it('carries the rule data: one rule per id, versioned, with its required content', () => {
    expect(obligationRules.map((r) => r.id)).toEqual([...obligationRuleIds]);
    for (const rule of obligationRules) {
      expect(rule.version).toMatch(/^\d{4}-\d\d-\d\d\.\d+$/);
      expect(rule.source).toMatch(/regulations\.md S\d+/);
      if (rule.id !== 'circia-72h') expect(rule.requiredContent.length, rule.id).toBeGreaterThan(0);
      expect(
        rule.confirmed || rule.unconfirmed.length > 0,
        `${rule.id} unconfirmed without saying what`,
      ).toBe(true);
    }
  });

  it('refuses to change the period of a confirmed rule, and bad instants', () => {
    const refused = (options: Parameters<typeof evaluateObligations>[1]) => {
      try {
        evaluateObligations(issueExample, options);
        return null;
      } catch (error) {
        return isDomainError(error) ? error.message : String(error);
      }
    };
    expect(refused({ rules: { 'fda-803-30d': { days: 45 } } })).toMatch(/is confirmed/);
    expect(refused({ rules: { 'nis2-final-1m': { days: 20 } } })).toMatch(/not counted in days/);
    expect(refused({ now: 'yesterday' })).toMatch(/now is not a valid instant/);
    expect(refused({ filed: { 'nis2-notification-72h': 'soon' } })).toMatch(/not a valid instant/);
  });
});
