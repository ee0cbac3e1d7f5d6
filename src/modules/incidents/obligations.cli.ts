import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliContext } from '../../platform/cli/cli-context.ts';
import { DomainError } from '../../shared/errors.ts';
import {
  type EvaluateObligationsOptions,
  evaluateObligations,
  parseObligationFacts,
} from './domain/obligations/index.ts';
import { HolidayOverridesSchema, type ObligationsEvaluation } from './obligations.contracts.ts';

interface ObligationsCommandOptions {
  format: string;
  now?: string;
  filed?: string[];
  holidays?: string;
}

async function readText(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  return readFile(file, 'utf8').catch(() => {
    throw new DomainError('invalid', `${file}: no such file`);
  });
}

async function readJson(file: string): Promise<unknown> {
  const text = await readText(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError('invalid', `${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function parseFiled(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    values.map((value) => {
      const at = value.indexOf('=');
      if (at < 1) throw new DomainError('invalid', `--filed takes <key>=<instant>, not ${value}`);
      return [value.slice(0, at), value.slice(at + 1)];
    }),
  );
}

async function readHolidays(file: string) {
  const result = HolidayOverridesSchema.safeParse(await readJson(file));
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
  throw new DomainError('invalid', `${file} is not a holiday override list: ${problems.join('; ')}`);
}

const truncate = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text;

/** The evaluation as a table: one line per obligation, earliest first, then what does not apply and why. */
export function formatObligationsTable(evaluation: ObligationsEvaluation): string {
  const rows = evaluation.obligations.map((o) => [
    o.dueAt ?? (o.provisional ? 'pending' : 'no fixed period'),
    o.key,
    o.jurisdiction,
    truncate(o.recipient, 48),
    [
      o.confirmed ? null : 'unconfirmed',
      o.dueAt && o.provisional ? 'provisional' : null,
      o.public ? 'public' : null,
    ]
      .filter(Boolean)
      .join(', '),
  ]);
  const header = ['DUE', 'OBLIGATION', 'WHERE', 'RECIPIENT', 'FLAGS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [line(header), ...rows.map(line)];
  if (evaluation.obligations.length === 0) lines.push('(no obligations)');
  lines.push('', `Not applicable (${evaluation.notApplicable.length}):`);
  for (const n of evaluation.notApplicable) lines.push(`  ${n.id}: ${n.reason}`);
  return lines.join('\n');
}

export function registerObligationsCommands(program: Command, context: CliContext): void {
  program
    .command('obligations <facts.json>')
    .description(
      "Which reports an incident's facts make mandatory, to whom and by when (JSON, or a table); invalid facts exit 2",
    )
    .option('--format <format>', 'json | table', 'json')
    .option('--now <instant>', 'evaluate as of this instant (anchors provisional clocks); default: now')
    .option(
      '--filed <key=instant...>',
      'filing instant of a report already made, e.g. nis2-notification-72h=2026-03-09T09:00:00Z',
    )
    .option('--holidays <file>', 'holiday overrides: {"US": {"add": ["2026-12-24"], "remove": []}, …}')
    .action(async (file: string, options: ObligationsCommandOptions) => {
      if (!['json', 'table'].includes(options.format))
        throw new DomainError('invalid', `--format must be json or table, not ${options.format}`);
      const facts = parseObligationFacts(await readJson(file));
      const evaluateOptions: EvaluateObligationsOptions = {
        now: options.now ?? new Date(),
        filed: parseFiled(options.filed ?? []),
        ...(options.holidays ? { holidays: await readHolidays(options.holidays) } : {}),
      };
      const evaluation = evaluateObligations(facts, evaluateOptions);
      context.print(
        options.format === 'table' ? formatObligationsTable(evaluation) : JSON.stringify(evaluation, null, 2),
      );
    });
}
