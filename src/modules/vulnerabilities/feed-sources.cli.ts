import type { Command } from 'commander';
import type { CliContext } from '../../platform/cli/cli-context.ts';
import { systemActor } from '../../shared/actor.ts';
import { type FeedSourcePullReport, listFeedSources, pullFeedUrls } from './service/import-feed-url.ts';

function describePull(report: FeedSourcePullReport): string {
  const where = `${report.kind} ${report.url}`;
  if (report.status === 'error') return `${where}: error: ${report.error}`;
  if (report.status === 'not-modified') return `${where}: not modified`;
  if (report.status === 'unchanged') return `${where}: unchanged (same content as the last import)`;
  const i = report.import;
  return i
    ? `${where}: imported ${i.files} files, ${i.records} records (${i.inserted} new, ${i.updated} changed, ${i.unchanged} unchanged, ${i.withdrawn} withdrawn)`
    : `${where}: imported`;
}

function formatTable(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const noSources = 'No feed URLs configured (CANDOR_FEED_URLS).';

/** `candor feeds pull` and `candor feeds status`: the feeds read from CANDOR_FEED_URLS. */
export function registerFeedSourcesCommands(program: Command, context: CliContext): void {
  const feeds =
    program.commands.find((c) => c.name() === 'feeds') ??
    program.command('feeds').description('Vulnerability feeds read from URLs (CANDOR_FEED_URLS)');

  feeds
    .command('pull')
    .description('Poll every configured feed URL now and import what changed; exit 1 if one failed')
    .option('--json', 'print the reports as JSON')
    .action(async (options: { json?: boolean }) => {
      const reports = await context.withDeps((deps) => pullFeedUrls(deps, { actor: systemActor('cli') }));
      if (options.json) context.print(JSON.stringify(reports, null, 2));
      else if (reports.length === 0) context.print(noSources);
      else for (const report of reports) context.print(describePull(report));
      if (reports.some((r) => r.status === 'error')) process.exitCode = 1;
    });

  feeds
    .command('status')
    .description('Show each configured feed URL with its last check, status and error')
    .option('--json', 'print the sources as JSON')
    .action(async (options: { json?: boolean }) => {
      const sources = await context.withDeps((deps) => listFeedSources(deps));
      if (options.json) {
        context.print(JSON.stringify(sources, null, 2));
        return;
      }
      if (sources.length === 0) {
        context.print(noSources);
        return;
      }
      context.print(
        formatTable([
          ['kind', 'url', 'last checked', 'status', 'last changed', 'error'],
          ...sources.map((s) => [
            s.kind,
            s.url,
            s.lastCheckedAt ?? 'never',
            s.lastStatus ?? '—',
            s.lastChangedAt ?? '—',
            (s.lastError ?? '').replace(/\s+/g, ' '),
          ]),
        ]),
      );
    });
}
