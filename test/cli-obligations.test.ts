import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { candor } from './support/run-cli.ts';

/** `candor obligations`: the engine on a facts file, no database needed. */
const dir = mkdtempSync(join(tmpdir(), 'candor-obligations-'));
const issueExample = {
  awareAt: '2026-03-06T16:30:00-05:00',
  manufacturer: {
    timezone: 'America/New_York',
    secRegistrant: true,
    nis2: 'important',
    isaoMember: true,
    hipaaRole: 'business_associate',
    gdprRole: 'controller',
    euMainEstablishment: 'DE',
  },
  product: { regulatedAsMedicalDevice: true, markets: ['US', 'DE', 'FR', 'AU', 'CA', 'GB'] },
  event: {
    patientHarm: 'serious_injury',
    seriousPublicHealthThreat: false,
    occurredIn: ['US', 'DE'],
    activelyExploitedVulnerability: false,
    severeIncidentAffectingProductSecurity: false,
    nis2SignificantIncident: true,
    remedialActionToPreventSubstantialHarm: false,
    personalDataBreach: {
      individuals: 1200,
      unsecuredPhi: true,
      riskToIndividuals: 'high',
      residentsByState: { CA: 700 },
    },
    materialityDeterminedAt: '2026-03-09T10:00:00-04:00',
    fda: { riskControlled: false, correctionInitiatedAt: null, seriousAdverseEventKnown: false },
  },
};
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('candor obligations', () => {
  it('prints the evaluation as JSON by default', async () => {
    const result = await candor({}, [
      'obligations',
      file('facts.json', issueExample),
      '--now',
      '2026-03-07T12:00:00Z',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const evaluation = JSON.parse(result.stdout);
    const byKey = Object.fromEntries(evaluation.obligations.map((o: { key: string }) => [o.key, o]));
    // 6 Mar 16:30 EST = 22:30 CET; +24 h (NIS2 early warning).
    expect(byKey['nis2-early-warning-24h']).toMatchObject({
      dueAt: '2026-03-07T22:30:00+01:00',
      jurisdiction: 'DE',
    });
    // Serious injury in DE: 10 days from Fri 6 Mar → Mon 16 Mar.
    expect(byKey['eu-mdr-serious-incident:DE']).toMatchObject({ dueAt: '2026-03-16T23:59:59+01:00' });
    // Determined material Mon 9 Mar → Fri 13 Mar, 17:30 ET.
    expect(byKey['sec-8k-item-1-05']).toMatchObject({ dueAt: '2026-03-13T17:30:00-04:00', public: true });
    // Not filed yet: one month from --now (7 Mar 13:00 CET) → 7 Apr.
    expect(byKey['nis2-final-1m']).toMatchObject({ dueAt: '2026-04-07T23:59:59+02:00', provisional: true });
    expect(evaluation.notApplicable.map((n: { id: string }) => n.id)).toContain('cra-early-warning-24h');
  });

  it('anchors a final report on a filed notification with --filed', async () => {
    const result = await candor({}, [
      'obligations',
      file('facts-filed.json', issueExample),
      '--filed',
      'nis2-notification-72h=2026-03-31T10:00:00+02:00',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const final = JSON.parse(result.stdout).obligations.find((o: { id: string }) => o.id === 'nis2-final-1m');
    // 31 Mar + one month: April has no 31st → 30 Apr.
    expect(final).toMatchObject({ dueAt: '2026-04-30T23:59:59+02:00', provisional: false });
  });

  it('prints a table with --format table, and reads stdin for -', async () => {
    const result = await candor(
      {},
      ['obligations', '-', '--format', 'table', '--now', '2026-03-07T12:00:00Z'],
      JSON.stringify(issueExample),
    );
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^DUE\s+OBLIGATION\s+WHERE\s+RECIPIENT\s+FLAGS$/);
    expect(lines[1]).toMatch(/^2026-03-07T22:30:00\+01:00\s+nis2-early-warning-24h\s+DE\s/);
    expect(result.stdout).toMatch(/^pending\s+fda-806-10wd\s+US\s.*unconfirmed/m);
    expect(result.stdout).toMatch(/^no fixed period\s+gdpr-data-subjects\s+DE\s/m);
    expect(result.stdout).toMatch(/^Not applicable \(\d+\):$/m);
    expect(result.stdout).toMatch(/^ {2}cra-early-warning-24h: The product is a medical device/m);
  });

  it('applies a holiday override file', async () => {
    const facts = {
      ...issueExample,
      event: { ...issueExample.event, remedialActionToPreventSubstantialHarm: true },
    };
    const holidays = file('holidays.json', { US: { add: ['2026-03-10'] } });
    const result = await candor({}, ['obligations', file('facts-5wd.json', facts), '--holidays', holidays]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout).obligations.find((o: { id: string }) => o.id === 'fda-803-5wd');
    // Fri 6 Mar; Mon 9 (1), Tue 10 closed, Wed 11 (2), Thu 12 (3), Fri 13 (4), Mon 16 (5).
    expect(report.dueAt).toBe('2026-03-16T23:59:59-04:00');
  });

  it('reports invalid facts on stderr and exits 2', async () => {
    const bad = { ...issueExample, event: { ...issueExample.event, patientHarm: 'bruise' } };
    const result = await candor({}, ['obligations', file('bad.json', bad)]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'candor: The incident facts are not valid: event.patientHarm: Invalid option: expected one of "none"|"malfunction_could_harm"|"serious_injury"|"death"\n',
    );
  });

  it('exits 2 for a file that is not JSON, a missing file and an unknown format', async () => {
    const notJson = await candor({}, ['obligations', file('bad.txt', 'awareAt: yesterday')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^candor: .*bad\.txt is not valid JSON/);
    const missing = await candor({}, ['obligations', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: no such file/);
    const format = await candor({}, ['obligations', file('ok.json', issueExample), '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toBe('candor: --format must be json or table, not xml\n');
  });

  it('is listed in the help', async () => {
    const result = await candor({}, ['--help']);
    expect(result.stdout).toMatch(/^\s+candor obligations <facts\.json>\s+Which reports/m);
  });
});
