import { Command } from 'commander';
import { registerAccountsCommands } from '../modules/accounts/index.ts';
import { registerAuditCommands } from '../modules/audit/index.ts';
import { registerDevicesCommands } from '../modules/devices/index.ts';
import { recordExternalCsafAdvisory } from '../modules/disclosures/index.ts';
import { registerIncidentsCommands, registerObligationsCommands } from '../modules/incidents/index.ts';
import { registerRiskCommands } from '../modules/risk/index.ts';
import { registerTranslogCommands } from '../modules/translog/index.ts';
import {
  registerFeedSourcesCommands,
  registerVulnerabilitiesCommands,
} from '../modules/vulnerabilities/index.ts';
import type { CliContext } from '../platform/cli/cli-context.ts';
import { loadConfig } from '../platform/config/config.ts';
import { migrateDatabase } from '../platform/db/database.ts';
import { openDatabase } from '../platform/db/open-database.ts';
import { createLogger } from '../platform/logging/logger.ts';
import { isDomainError } from '../shared/errors.ts';
import { demoCredentials, seedDemoData } from './demo-seed.ts';
import { allJobs, createDeps } from './deps.ts';
import { startCandor } from './start.ts';

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Stops on SIGINT/SIGTERM: in-flight requests and jobs finish first. */
function closeOnSignal(close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`${signal}: finishing in-flight work…\n`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** Every command path below `command` ("admin create-org --slug <slug> …"), depth first, with its description. */
function commandPaths(command: Command, prefix: string[] = []): { path: string; description: string }[] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    const args = sub.registeredArguments.map((a) => {
      const name = `${a.name()}${a.variadic ? '...' : ''}`;
      return a.required ? `<${name}>` : `[${name}]`;
    });
    return [
      { path: [...path, ...args].join(' '), description: sub.description() },
      ...commandPaths(sub, path),
    ];
  });
}

/** The help's closing section: every command, nested ones included, so one `--help` shows them all. */
function allCommandsHelp(program: Command): string {
  const rows = commandPaths(program);
  const width = Math.max(...rows.map((r) => r.path.length));
  const lines = rows.map((r) => `  ${program.name()} ${r.path.padEnd(width)}  ${r.description}`);
  return `\nAll commands (\`${program.name()} <command> --help\` for options):\n${lines.join('\n')}\n`;
}

export function buildCli(): Command {
  const program = new Command('candor')
    .description('Candor: transparent, accountable medical-device cybersecurity disclosure')
    .showHelpAfterError()
    .configureHelp({ subcommandTerm: (cmd) => cmd.name() + (cmd.usage() ? ` ${cmd.usage()}` : '') });

  const context: CliContext = {
    async withDeps(work) {
      const config = loadConfig();
      const deps = await createDeps(
        config,
        createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'stderr'),
      );
      try {
        return await work(deps);
      } finally {
        await deps.close();
      }
    },
    print,
  };

  program
    .command('serve')
    .description('Start the HTTP API and web app (HOST, PORT, DATABASE_URL or CANDOR_DATA_DIR)')
    .option(
      '--with-worker',
      'also run background jobs in this process (always on with the embedded database)',
    )
    .action(async (options: { withWorker?: boolean }) => {
      const running = await startCandor({ ...(options.withWorker ? { runJobs: true } : {}) });
      print(`Candor is listening on ${running.url}`);
      closeOnSignal(running.close);
    });

  program
    .command('start')
    .description('Migrate, seed demo data into an empty database, and serve (what `npm start` runs)')
    .action(async () => {
      const running = await startCandor({ seedDemo: true });
      print('');
      print(`  Candor is running: ${running.url}`);
      print(
        `  Database: ${running.deps.database.kind === 'pglite' ? `embedded (${running.deps.config.database.kind === 'pglite' ? running.deps.config.database.dataDir : ''})` : 'PostgreSQL'}`,
      );
      print(`  Demo sign-in: ${demoCredentials.email} / ${demoCredentials.password}`);
      print(`  API reference: ${running.url}/api/docs`);
      print('');
      closeOnSignal(running.close);
    });

  program
    .command('worker')
    .description('Run only the background job workers (PostgreSQL; scale out with several)')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const deps = await createDeps(config, logger);
      await deps.jobs.start(allJobs(deps), { work: true });
      logger.info({ queue: deps.jobs.kind }, 'worker started');
      closeOnSignal(deps.close);
    });

  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .action(async () => {
      const database = await openDatabase(loadConfig());
      try {
        await migrateDatabase(database);
        print('migrations applied');
      } finally {
        await database.close();
      }
    });

  program
    .command('seed-demo')
    .description('Seed demo organisations, users, products and a published disclosure into an empty database')
    .action(async () => {
      const result = await context.withDeps((deps) => seedDemoData(deps));
      print(
        result.seeded
          ? `demo data seeded; sign in as ${demoCredentials.email}`
          : 'database not empty: nothing seeded',
      );
    });

  program
    .command('jobs')
    .description('Background jobs')
    .command('run <name>')
    .description('Enqueue a job and wait for it (e.g. audit.verify-chain)')
    .action(async (name: string) => {
      const { waitForJob } = await import('../platform/jobs/job-queue.ts');
      await context.withDeps(async (deps) => {
        const definitions = allJobs(deps);
        const definition = definitions.find((d) => d.name === name);
        if (!definition)
          throw new Error(`Unknown job ${name}; known: ${definitions.map((d) => d.name).join(', ')}`);
        await deps.jobs.start(definitions, { work: true });
        const id = await deps.jobs.enqueue(definition, {} as never);
        const state = await waitForJob(deps.jobs, name, id);
        print(`${name} ${id}: ${state}`);
        if (state !== 'completed') process.exitCode = 1;
      });
    });

  registerAccountsCommands(program, context);
  registerAuditCommands(program, context);
  registerDevicesCommands(program, context);
  registerVulnerabilitiesCommands(program, context, {
    // `candor import csaf`: valid documents of other publishers are republished on the portal too.
    onCsafDocument: async (deps, document, sourceUrl) =>
      (await recordExternalCsafAdvisory(deps, document, sourceUrl)).note,
  });
  registerRiskCommands(program, context);
  registerObligationsCommands(program, context);
  registerIncidentsCommands(program, context);
  registerFeedSourcesCommands(program, context);
  registerTranslogCommands(program, context);
  program.addHelpText('after', () => allCommandsHelp(program));
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    process.stderr.write(
      `candor: ${isDomainError(error) ? error.message : error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = isDomainError(error) ? 2 : 1;
  }
}
