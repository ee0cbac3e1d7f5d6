import { describe, expect, it } from 'vitest';
import {
  baseVectorSources,
  cvssSeverities,
  exploitabilityLevels,
  harmSeverities,
  rubricDataClasses,
} from './domain/index.ts';
import {
  baseVectorSourceValues,
  cvssSeverityValues,
  exploitabilityLevelValues,
  harmSeverityValues,
  rubricDataClassValues,
  triageStateValues,
} from './risk.contracts.ts';

describe('the contracts repeat the domain’s value lists (the web app cannot import the domain)', () => {
  it('agree value for value', () => {
    expect(harmSeverityValues).toEqual(harmSeverities);
    expect(exploitabilityLevelValues).toEqual(exploitabilityLevels);
    expect(baseVectorSourceValues).toEqual(baseVectorSources);
    expect(cvssSeverityValues).toEqual(cvssSeverities);
    expect(rubricDataClassValues).toEqual(Object.keys(rubricDataClasses));
  });

  it('triage states are the ones the table accepts', async () => {
    const { getTableConfig, PgDialect } = await import('drizzle-orm/pg-core');
    const { riskTriage } = await import('./risk.tables.ts');
    const check = getTableConfig(riskTriage).checks.find((c) => c.name === 'risk_triage_state_check');
    const text = check ? new PgDialect().sqlToQuery(check.value).sql : '';
    for (const state of triageStateValues) expect(text).toContain(`'${state}'`);
  });
});
