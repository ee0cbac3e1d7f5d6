import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../src/main/deps.ts';
import { createOrganization } from '../src/modules/accounts/index.ts';
import { createProduct } from '../src/modules/devices/index.ts';
import { requiredContentOf } from '../src/modules/incidents/index.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { systemActor } from '../src/shared/actor.ts';
import { candor, type Env } from './support/run-cli.ts';
import { testDatabaseEnv } from './support/test-env.ts';

/**
 * `candor incidents …` (issue 6 through the CLI): record an incident, give it facts from a file, see the
 * obligations they call for, print a report's draft, record its submission. Every run spawns a process,
 * so the flow is one incident walked through in order.
 */
const dir = mkdtempSync(join(tmpdir(), 'candor-incidents-'));
const awareAt = '2026-03-06T16:30:00-05:00';
const facts = {
  awareAt,
  manufacturer: {
    timezone: 'America/New_York',
    secRegistrant: false,
    nis2: 'none',
    isaoMember: true,
    hipaaRole: 'none',
    gdprRole: 'none',
    euMainEstablishment: 'DE',
  },
  product: { regulatedAsMedicalDevice: true, markets: ['US', 'DE'] },
  event: {
    patientHarm: 'death',
    seriousPublicHealthThreat: false,
    occurredIn: ['DE'],
    activelyExploitedVulnerability: false,
    severeIncidentAffectingProductSecurity: false,
    nis2SignificantIncident: false,
    remedialActionToPreventSubstantialHarm: false,
    personalDataBreach: null,
    materialityDeterminedAt: null,
    fda: { riskControlled: true, correctionInitiatedAt: null, seriousAdverseEventKnown: false },
  },
};
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

let env: Env;
let cleanup: () => Promise<void>;
let incidentId: string;
const mdr = 'eu-mdr-serious-incident:DE';

beforeAll(async () => {
  const database = await testDatabaseEnv();
  env = database.env;
  cleanup = database.cleanup;
  const deps = await createDeps(loadConfig(env), pino({ level: 'silent' }), { migrate: false });
  try {
    const actor = systemActor('test');
    const org = await createOrganization(deps, actor, { slug: 'acme', name: 'Acme', kind: 'manufacturer' });
    await createProduct(deps, actor, org.id, {
      name: 'InfuPro Pump',
      slug: 'infupro',
      udiDi: '00812345000017',
    });
  } finally {
    await deps.close();
  }
});
afterAll(async () => cleanup?.());

describe('candor incidents', () => {
  it('records an incident on a product of the only manufacturer', async () => {
    const result = await candor(env, [
      'incidents',
      'record',
      '--title',
      'Pump drug library tampered with',
      '--detected-at',
      '2026-03-06T21:00:00Z',
      '--kind',
      'device_tampering',
      '--description',
      'Drug library entries changed on pumps in a Berlin hospital.',
      '--product',
      'infupro',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const incident = JSON.parse(result.stdout);
    expect(incident).toMatchObject({ status: 'triage', kind: 'device_tampering', factsRevision: 0 });
    expect(incident.productIds).toHaveLength(1);
    incidentId = incident.id;
  });

  it('records facts from a file and prints the obligations they call for', async () => {
    const result = await candor(env, [
      'incidents',
      'facts',
      incidentId,
      file('facts.json', facts),
      '--note',
      'a patient died',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^facts revision 1 recorded: 2 new obligation\(s\), 0 deadline/);
    // Death known on 6 Mar: 10 days (MDR Art. 87(5)) in the Member State's zone.
    expect(result.stdout).toMatch(
      /^eu-mdr-serious-incident:DE\s+Competent authority of DE.*\s2026-03-16 23:59:59 Europe\/Berlin\s+due\s+A serious incident/m,
    );
    expect(result.stdout).toMatch(/^fda-803-30d\s/m);
  });

  it('prints the draft with every item of the rule’s required content', async () => {
    const result = await candor(env, ['incidents', 'draft', incidentId, mdr]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^# Serious incident report \(MIR\)$/m);
    expect(result.stdout).toContain('Drug library entries changed');
    expect(result.stdout).toMatch(/Devices:\*\* InfuPro Pump; UDI-DI 00812345000017/);
    const required = requiredContentOf('eu-mdr-serious-incident');
    expect(required.length).toBeGreaterThan(3);
    for (const item of required) expect(result.stdout).toContain(`### ${item}`);
  });

  it('records the submission; the obligation shows submitted', async () => {
    const submit = await candor(env, [
      'incidents',
      'submit',
      incidentId,
      'eu-mdr-serious-incident:de',
      '--reference',
      'MIR-2026-001',
      '--submitted-at',
      '2026-03-08T10:00:00+01:00',
      '--org',
      'acme',
    ]);
    expect(submit.code, submit.stderr).toBe(0);
    expect(submit.stdout).toMatch(/^submitted eu-mdr-serious-incident:DE to .*reference MIR-2026-001$/m);
    const tasks = await candor(env, ['incidents', 'obligations', incidentId, '--json']);
    expect(tasks.code, tasks.stderr).toBe(0);
    const byKey = Object.fromEntries(JSON.parse(tasks.stdout).map((t: { key: string }) => [t.key, t]));
    expect(byKey[mdr]).toMatchObject({
      status: 'submitted',
      submission: { version: 1, reference: 'MIR-2026-001', submittedAt: '2026-03-08T09:00:00.000Z' },
    });
    expect(byKey['fda-803-30d']).toMatchObject({ status: 'due' });
  });

  it('lists the incident with its one open obligation and the next deadline', async () => {
    const list = await candor(env, ['incidents', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(
        `^${incidentId}\\s+triage\\s+device_tampering\\s+Pump drug library.*\\s1\\s+2026-04-05T23:59:59-04:00$`,
        'm',
      ),
    );
  });

  it('moves the status and shows the facts as they stand', async () => {
    const status = await candor(env, ['incidents', 'status', incidentId, 'reporting']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toBe(`incident ${incidentId}: triage → reporting\n`);
    const shown = await candor(env, ['incidents', 'facts', incidentId, '--show', '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ revision: 1, note: 'a patient died', facts });
  });

  it('exits 2 naming the field on invalid facts', async () => {
    const bad = await candor(env, [
      'incidents',
      'facts',
      incidentId,
      file('bad.json', { ...facts, event: { ...facts.event, patientHarm: 'bruise' } }),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^candor: The incident facts are not valid: event\.patientHarm: /);
  });

  it('exits 2 on an unknown incident', async () => {
    const unknown = await candor(env, ['incidents', 'obligations', '00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^candor: No incident 00000000-0000-4000-8000-000000000000 /);
  });
});
