import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDeps } from '../src/main/deps.ts';
import { signIn } from '../src/modules/accounts/index.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import type { Deps } from '../src/platform/deps.ts';
import { newId } from '../src/shared/ids.ts';
import { adminUrl, withAdminClient } from './support/postgres-admin.ts';
import { candor, type Env } from './support/run-cli.ts';
import { testDatabaseEnv } from './support/test-env.ts';

/** Opens the database of `env` in this process (PGlite: only while no CLI runs on it). */
async function withDeps<T>(env: Env, work: (deps: Deps) => Promise<T>): Promise<T> {
  const deps = await createDeps(loadConfig(env), pino({ level: 'silent' }), { migrate: false });
  try {
    return await work(deps);
  } finally {
    await deps.close();
  }
}

/** A database with no tables at all, so that `migrate` has work to do. */
async function emptyDatabaseEnv(): Promise<{ env: Env; cleanup(): Promise<void> }> {
  const provided = inject('candorTestDatabase');
  const suffix = newId().replace(/-/g, '').slice(0, 12);
  if (provided.kind === 'postgres') {
    const name = `${provided.prefix}_empty_${suffix}`;
    await withAdminClient(provided.url, (c) => c.query(`CREATE DATABASE "${name}"`));
    return {
      env: { DATABASE_URL: adminUrl(provided.url, name), CANDOR_DATA_DIR: undefined },
      cleanup: async () => {
        await withAdminClient(provided.url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      },
    };
  }
  // Removed with the run's root directory.
  return {
    env: { DATABASE_URL: undefined, CANDOR_DATA_DIR: join(provided.root, `empty-${suffix}`) },
    cleanup: async () => {},
  };
}

function withoutStackTrace(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/node_modules|\.ts:\d+/);
}

describe('candor --help', () => {
  it('lists every command, nested ones included', async () => {
    const result = await candor({}, ['--help']);
    expect(result.code).toBe(0);
    for (const command of ['serve', 'start', 'worker', 'migrate', 'seed-demo', 'admin', 'audit', 'jobs'])
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    for (const path of [
      'admin create-org',
      'admin create-user',
      'admin add-member',
      'audit verify',
      'jobs run',
    ])
      expect(result.stdout).toMatch(new RegExp(`^\\s+(candor )?${path}\\b.*\\w`, 'm'));
  });
});

describe('candor migrate and seed-demo on an empty database', () => {
  let database: Awaited<ReturnType<typeof emptyDatabaseEnv>>;
  beforeAll(async () => {
    database = await emptyDatabaseEnv();
  });
  afterAll(async () => {
    await database.cleanup();
  });

  it('migrates, seeds once, and seeds nothing the second time', async () => {
    const migrated = await candor(database.env, ['migrate']);
    expect(migrated).toMatchObject({ code: 0, stdout: 'migrations applied\n' });

    const seeded = await candor(database.env, ['seed-demo']);
    expect(seeded.stderr).toBe('');
    expect(seeded).toMatchObject({ code: 0 });
    expect(seeded.stdout).toMatch(/demo data seeded/);

    const again = await candor(database.env, ['seed-demo']);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toMatch(/nothing seeded/);
    // Creating an embedded database from nothing takes PGlite several seconds.
  }, 90_000);
});

describe('candor admin, audit and jobs commands', () => {
  let database: Awaited<ReturnType<typeof testDatabaseEnv>>;
  beforeAll(async () => {
    database = await testDatabaseEnv();
  });
  afterAll(async () => {
    await database.cleanup();
  });

  it('creates an organisation and prints it as JSON', async () => {
    const result = await candor(database.env, [
      'admin',
      'create-org',
      '--slug',
      'acme',
      '--name',
      'Acme',
      '--kind',
      'manufacturer',
    ]);
    expect(result.code).toBe(0);
    const organization = JSON.parse(result.stdout);
    expect(organization).toMatchObject({ slug: 'acme', name: 'Acme', kind: 'manufacturer' });
    expect(organization.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an unknown organisation kind with a clear message and no stack trace', async () => {
    const result = await candor(database.env, [
      'admin',
      'create-org',
      '--slug',
      'bad',
      '--name',
      'Bad',
      '--kind',
      'hospital',
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^candor: kind: /);
    expect(result.stderr).toMatch(/manufacturer/);
    withoutStackTrace(result.stderr);
  });

  it('creates a user with a password from stdin, who can then sign in', async () => {
    const password = 'a long enough passphrase';
    const result = await candor(
      database.env,
      [
        'admin',
        'create-user',
        '--email',
        'a@example.test',
        '--name',
        'A',
        '--password-stdin',
        '--org',
        'acme',
        '--role',
        'admin',
      ],
      `${password}\n`,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      email: 'a@example.test',
      name: 'A',
      organization: 'acme',
      role: 'admin',
    });

    const refused = await candor(
      database.env,
      ['admin', 'create-user', '--email', 'b@example.test', '--name', 'B', '--password-stdin'],
      'short\n',
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/password: at least 12 characters/);
    withoutStackTrace(refused.stderr);

    await withDeps(database.env, async (deps) => {
      const session = await signIn(deps, { email: 'a@example.test', password });
      expect(session.view.memberships).toEqual([
        { organization: expect.objectContaining({ slug: 'acme' }), role: 'admin' },
      ]);
      // The trailing newline from stdin is not part of the password.
      await expect(signIn(deps, { email: 'a@example.test', password: `${password}\n` })).rejects.toThrow(
        /not correct/,
      );
      await expect(signIn(deps, { email: 'b@example.test', password: 'short' })).rejects.toThrow(
        /not correct/,
      );
    });
  });

  it('verifies the audit chain and runs the verification job', async () => {
    const verified = await candor(database.env, ['audit', 'verify']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^audit chain OK: \d+ events/);

    const job = await candor(database.env, ['jobs', 'run', 'audit.verify-chain']);
    expect(job.stderr).toBe('');
    expect(job.code).toBe(0);
    expect(job.stdout).toMatch(/^audit\.verify-chain \S+: completed$/m);
  });

  it('exits 1 from audit verify once a row was edited', async () => {
    await withDeps(database.env, async (deps) => {
      await deps.db.transaction(async (tx) => {
        await tx.execute('SET LOCAL session_replication_role = replica');
        await tx.execute("UPDATE audit_events SET action = 'organization.forged' WHERE seq = 1");
      });
    });
    const result = await candor(database.env, ['audit', 'verify', '--json']);
    expect(result.code).toBe(1);
    const verification = JSON.parse(result.stdout);
    expect(verification.ok).toBe(false);
    expect(verification.problems).toEqual([{ kind: 'hash-mismatch', seq: 1 }]);
  });
});
