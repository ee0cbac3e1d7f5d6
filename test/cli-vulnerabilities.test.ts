import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candor, type Env } from './support/run-cli.ts';
import { testDatabaseEnv } from './support/test-env.ts';

/** `candor import <feed>` and `candor scan`: the release engineer's offline check. */
const fixture = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));

let env: Env;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const database = await testDatabaseEnv();
  env = database.env;
  cleanup = database.cleanup;
});
afterAll(async () => cleanup?.());

describe('candor import and scan', () => {
  it('scans against an empty store without findings and exits 0', async () => {
    const result = await candor(env, ['scan', fixture('sbom/medical-device-narrow.cdx-1.4.json')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/55 components, no known vulnerabilities/);
  });

  it('imports NVD records and reports them; a second import changes nothing', async () => {
    const first = await candor(env, ['import', 'nvd', fixture('vulns/nvd'), '--json']);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ kind: 'nvd', files: 7, inserted: report.records, unchanged: 0 });
    expect(report.records).toBeGreaterThanOrEqual(7);
    const second = await candor(env, ['import', 'nvd', fixture('vulns/nvd')]);
    expect(second.stdout).toMatch(/0 new, 0 changed, \d+ unchanged/);
  });

  it('finds wolfSSL in the medical-device SBOM and fails the build at high severity', async () => {
    const table = await candor(env, ['scan', fixture('sbom/medical-device-narrow.cdx-1.4.json')]);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/CVE-2022-39173\s+\S+ (high|critical)\s+WolfSSL@4\.8\.1\s+5\.5\.1\s+high/);
    const lenient = await candor(env, [
      'scan',
      fixture('sbom/medical-device-narrow.cdx-1.4.json'),
      '--fail-on',
      'never',
    ]);
    expect(lenient.code).toBe(0);
    const json = await candor(env, [
      'scan',
      fixture('sbom/medical-device-narrow.cdx-1.4.json'),
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    const result = JSON.parse(json.stdout);
    expect(result.components).toBe(55);
    expect(result.findings.map((f: { vulnerability: { id: string } }) => f.vulnerability.id)).toEqual([
      'CVE-2022-39173',
    ]);
    const vex = await candor(env, [
      'scan',
      fixture('sbom/medical-device-narrow.cdx-1.4.json'),
      '--format',
      'cyclonedx-vex',
      '--fail-on',
      'never',
    ]);
    const bom = JSON.parse(vex.stdout);
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(bom.vulnerabilities[0]).toMatchObject({ id: 'CVE-2022-39173', analysis: { state: 'in_triage' } });
  });

  it('refuses bad options and files with a message', async () => {
    const format = await candor(env, [
      'scan',
      fixture('sbom/medical-device-narrow.cdx-1.4.json'),
      '--format',
      'xml',
    ]);
    expect(format.code).not.toBe(0);
    expect(format.stderr).toMatch(/--format must be/);
    const failOn = await candor(env, [
      'scan',
      fixture('sbom/medical-device-narrow.cdx-1.4.json'),
      '--fail-on',
      'severe',
    ]);
    expect(failOn.stderr).toMatch(/--fail-on must be/);
    const missing = await candor(env, ['import', 'osv', '/nonexistent/osv']);
    expect(missing.stderr).toMatch(/no such file or directory/);
    const wrongKind = await candor(env, ['import', 'kev', fixture('vulns/nvd/CVE-2022-39173.cve.json')]);
    expect(wrongKind.code).not.toBe(0);
    expect(wrongKind.stderr).toMatch(/^candor: /);
  });
});
