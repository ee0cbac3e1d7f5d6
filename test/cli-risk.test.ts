import { describe, expect, it } from 'vitest';
import { candor } from './support/run-cli.ts';

/** `candor risk score`: a quick CVSS calculation, no database needed. */
describe('candor risk score', () => {
  it('prints a human summary of a CVSS v3.1 vector', async () => {
    const result = await candor({}, [
      'risk',
      'score',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/RL:O/RC:C/MAV:L',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      [
        'CVSS 3.1  CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F/RL:O/RC:C/MAV:L',
        '  base           9.8  critical',
        '  temporal       9.1  critical',
        '  environmental  7.8  high',
        '  exploitability sub-score 3.9, impact sub-score 5.9',
        '',
      ].join('\n'),
    );
  });

  it('prints exactly version, baseScore and severity with --json for a base vector', async () => {
    const result = await candor({}, [
      'risk',
      'score',
      'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ version: '3.1', baseScore: 3.1, severity: 'low' });
  });

  it('adds the threat and environmental scores of a CVSS v4.0 vector', async () => {
    const result = await candor({}, [
      'risk',
      'score',
      '--json',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A/CR:H/IR:H/AR:H/MAV:L/MAT:P',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      version: '4.0',
      baseScore: 10,
      severity: 'critical',
      threatScore: 10,
      environmentalScore: 8.9,
    });
    const summary = await candor({}, [
      'risk',
      'score',
      'CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/MSI:S/S:P',
    ]);
    expect(summary.stdout).toMatch(/^ {2}environmental \(CVSS-BE\) {2}9\.7 {2}critical$/m);
  });

  it('adds the temporal and environmental scores of a CVSS v2 vector (v2 guide example CVE-2002-0392)', async () => {
    const result = await candor({}, [
      'risk',
      'score',
      'AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      version: '2.0',
      baseScore: 7.8,
      severity: 'high',
      temporalScore: 6.4,
      environmentalScore: 9.2,
    });
  });

  it('reports an invalid vector on stderr and exits 2', async () => {
    const result = await candor({}, [
      'risk',
      'score',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q',
      '--json',
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'candor: invalid value "Q" for metric A (Availability); expected one of H, L, N\n',
    );
  });

  it('is listed in the help', async () => {
    const result = await candor({}, ['--help']);
    expect(result.stdout).toMatch(/^\s+candor risk score <vector>\s+Score a CVSS/m);
  });
});
