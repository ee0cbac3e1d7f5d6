import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliContext } from '../../platform/cli/cli-context.ts';
import { type RemoteLogState, verifyRemoteLog } from './service/verify-remote-log.ts';

async function readState(file: string): Promise<RemoteLogState | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const state = JSON.parse(text) as Partial<RemoteLogState>;
  if (
    typeof state.origin !== 'string' ||
    typeof state.verifierKey !== 'string' ||
    !Number.isSafeInteger(state.size) ||
    typeof state.rootHash !== 'string'
  )
    throw new Error(`${file} is not a state file of \`candor log verify\``);
  return state as RemoteLogState;
}

/** Writes the state next to itself, then renames: a crash never leaves half a state file. */
async function writeState(file: string, state: RemoteLogState): Promise<void> {
  await writeFile(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
  await rename(`${file}.tmp`, file);
}

export function registerTranslogCommands(program: Command, context: CliContext): void {
  const log = program.command('log').description('The transparency log of publications');
  log
    .command('verify <base-url>')
    .description(
      'Verify a Candor transparency log over HTTP: signature, consistency with --state, every entry, every public record; exit 1 on any mismatch',
    )
    .option(
      '--state <file>',
      'keep the last verified checkpoint (and the key) here; the next run must extend it',
    )
    .option(
      '--key <verifier-key>',
      'trust this verifier key (<origin>+<key ID>+<base64>) instead of the served one',
    )
    .option('--json', 'print the result as JSON')
    .action(async (baseUrl: string, options: { state?: string; key?: string; json?: boolean }) => {
      const state = options.state ? await readState(options.state) : null;
      const result = await verifyRemoteLog(baseUrl, {
        state,
        ...(options.key ? { verifierKey: options.key } : {}),
      });
      if (result.ok && result.state && options.state) await writeState(options.state, result.state);
      if (options.json) context.print(JSON.stringify({ ...result, state: undefined }, null, 2));
      else if (result.ok)
        context.print(
          `log OK: ${result.origin}, ${result.size} entries, root ${result.rootHash}, ${result.records} records checked` +
            (state ? `; consistent with the checkpoint of size ${state.size} seen before` : ''),
        );
      if (!result.ok) {
        for (const problem of result.problems.slice(0, 100))
          process.stderr.write(`candor: log verify: ${problem}\n`);
        process.exitCode = 1;
      }
    });
}
