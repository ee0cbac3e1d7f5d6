import type { Command } from 'commander';
import type { CliContext } from '../../platform/cli/cli-context.ts';
import { verifyAuditChain } from './audit.service.ts';

export function registerAuditCommands(program: Command, context: CliContext): void {
  const audit = program.command('audit').description('The hash-chained audit log');
  audit
    .command('verify')
    .description('Re-compute the audit hash chain; exit 1 when a row was edited, deleted or re-linked')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await context.withDeps((deps) => verifyAuditChain(deps));
      if (options.json) context.print(JSON.stringify(result, null, 2));
      else if (result.ok)
        context.print(`audit chain OK: ${result.checked} events, head #${result.headSeq} ${result.headHash}`);
      else {
        context.print(`audit chain BROKEN: ${result.problems.length} problem(s) in ${result.checked} events`);
        for (const p of result.problems.slice(0, 50)) context.print(`  ${JSON.stringify(p)}`);
      }
      if (!result.ok) process.exitCode = 1;
    });
}
