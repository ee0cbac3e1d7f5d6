import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { quietFacts } from './domain/obligations/cases/base-facts.ts';
import { ObligationFactsSchema, obligationFactsJsonSchema } from './obligations.contracts.ts';

const schemaFile = fileURLToPath(new URL('../../../docs/obligations-facts.schema.json', import.meta.url));

describe('obligation facts contract', () => {
  it('matches docs/obligations-facts.schema.json (regenerate: UPDATE_SCHEMAS=1 npx vitest run src/modules/incidents/obligations.contracts.test.ts)', () => {
    const generated = obligationFactsJsonSchema();
    if (process.env.UPDATE_SCHEMAS === '1')
      writeFileSync(schemaFile, `${JSON.stringify(generated, null, 2)}\n`);
    expect(JSON.parse(readFileSync(schemaFile, 'utf8'))).toEqual(generated);
  });

  it('describes the same documents as the zod schema: the issue’s example is valid, a bad one is not', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    const example = {
      ...quietFacts,
      event: { ...quietFacts.event, ownField: 'extra fields are allowed' },
    };
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(ObligationFactsSchema.safeParse(example).success).toBe(true);
    const bad = { ...quietFacts, event: { ...quietFacts.event, patientHarm: 'bruise' } };
    expect(validate(bad)).toBe(false);
    expect(ObligationFactsSchema.safeParse(bad).success).toBe(false);
  });

  it('names every field at fault', () => {
    const result = ObligationFactsSchema.safeParse({
      ...quietFacts,
      awareAt: '2026-03-06 16:30',
      manufacturer: { ...quietFacts.manufacturer, timezone: '-05:00', euMainEstablishment: 'CH' },
      event: {
        ...quietFacts.event,
        patientHarmKnownAt: { death: '2026-03-07T10:00:00Z' },
        personalDataBreach: {
          individuals: 10,
          unsecuredPhi: true,
          riskToIndividuals: 'high',
          residentsByState: { CA: 11 },
        },
      },
    });
    const issues = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues).toEqual([
      'awareAt: must be an ISO 8601 instant with a UTC offset, e.g. "2026-03-06T16:30:00-05:00"',
      'manufacturer.timezone: must be an IANA time zone such as "America/New_York" (not an offset)',
      'manufacturer.euMainEstablishment: must be an EU Member State (or null)',
      'event.personalDataBreach.residentsByState: adds up to 11 residents, more than the 10 individuals affected',
      'event.patientHarmKnownAt.death: names a level above the current patientHarm "none"',
    ]);
  });
});
