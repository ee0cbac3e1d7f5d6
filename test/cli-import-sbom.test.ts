import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../src/main/deps.ts';
import { createOrganization } from '../src/modules/accounts/index.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { systemActor } from '../src/shared/actor.ts';
import { candor, type Env } from './support/run-cli.ts';
import { testDatabaseEnv } from './support/test-env.ts';

/** `candor import sbom`: creates product and version when missing, reports what it understood. */
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/sbom/${name}`, import.meta.url));

let env: Env;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const database = await testDatabaseEnv();
  env = database.env;
  cleanup = database.cleanup;
  const deps = await createDeps(loadConfig(env), pino({ level: 'silent' }), { migrate: false });
  try {
    await createOrganization(deps, systemActor('test'), { slug: 'acme', name: 'Acme', kind: 'manufacturer' });
  } finally {
    await deps.close();
  }
});
afterAll(async () => cleanup?.());

describe('candor import sbom', () => {
  it('imports into a new product and version and prints the summary as JSON', async () => {
    const result = await candor(env, [
      'import',
      'sbom',
      fixture('medical-device-narrow.cdx-1.4.json'),
      '--product',
      'vitalwave',
      '--version',
      '1.0.0',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ components: 55, skipped: 0 });
    expect(summary.warnings.length).toBeGreaterThan(0);
    expect(summary.warnings[0]).toEqual({ path: expect.any(String), message: expect.any(String) });
    expect(Object.keys(summary).sort()).toEqual(['components', 'skipped', 'warnings']);
  });

  it('reuses the product, adds a version, and says when the same bytes come again', async () => {
    const xml = await candor(env, [
      'import',
      'sbom',
      fixture('dropwizard-1.3.15.cdx-1.2.xml'),
      '--product',
      'vitalwave',
      '--version',
      '2.0.0',
      '--org',
      'acme',
    ]);
    expect(xml.code, xml.stderr).toBe(0);
    expect(xml.stdout).toMatch(
      /^imported cyclonedx-xml 1\.2 into vitalwave 2\.0\.0: 167 components, 0 skipped/,
    );
    const again = await candor(env, [
      'import',
      'sbom',
      fixture('dropwizard-1.3.15.cdx-1.2.xml'),
      '--product',
      'vitalwave',
      '--version',
      '2.0.0',
    ]);
    expect(again.stdout).toMatch(/^already imported/);
  });

  it('refuses a file that is not an SBOM, a missing file and a bad slug, with a message and no stack', async () => {
    const notSbom = await candor(env, [
      'import',
      'sbom',
      fixture('README.md'),
      '--product',
      'x',
      '--version',
      '1',
    ]);
    expect(notSbom.code).not.toBe(0);
    expect(notSbom.stderr).toMatch(/^candor: /);
    expect(notSbom.stderr).not.toMatch(/\n\s+at /);
    const missing = await candor(env, [
      'import',
      'sbom',
      '/nonexistent.json',
      '--product',
      'x',
      '--version',
      '1',
    ]);
    expect(missing.stderr).toMatch(/no such file/);
    const slug = await candor(env, [
      'import',
      'sbom',
      fixture('laravel-7.12.0.cdx-1.4.json'),
      '--product',
      'Bad Slug',
      '--version',
      '1',
    ]);
    expect(slug.stderr).toMatch(/--product/);
  });
});
