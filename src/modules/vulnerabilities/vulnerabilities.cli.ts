import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliContext } from '../../platform/cli/cli-context.ts';
import { DomainError } from '../../shared/errors.ts';
import { reachesThreshold, type SeverityLevel, severityLevels, severityOfScore } from './domain/severity.ts';
import { feedKinds, importFeed } from './service/import-feed.ts';
import { type ScanResult, scanSbom } from './service/scan-sbom.ts';
import { scanAsCycloneDxVex } from './service/vex-documents.ts';

const feedDescriptions: Record<(typeof feedKinds)[number], string> = {
  osv: 'OSV JSON records (a file or a directory)',
  nvd: 'NVD CVE API 2.0 JSON (page, item or bare cve) or the legacy 1.1 feed',
  cve5: 'CVE JSON 5 records (a file or a directory)',
  csaf: 'CSAF 2.0 advisories (a file or a provider directory; .json files only, matched by purl/CPE helpers)',
  kev: 'the CISA Known Exploited Vulnerabilities catalogue (JSON)',
  epss: 'FIRST EPSS scores (CSV, optionally .gz)',
};

interface ScanCommandOptions {
  format: string;
  failOn: string;
  allowNameMatching?: boolean;
}

function formatTable(result: ScanResult): string {
  if (result.findings.length === 0) return `${result.components} components, no known vulnerabilities`;
  const rows = result.findings.map((f) => [
    f.vulnerability.id,
    f.vulnerability.cvssScore === null
      ? '—'
      : `${f.vulnerability.cvssScore.toFixed(1)} ${severityOfScore(f.vulnerability.cvssScore)}`,
    `${f.component.name}@${f.component.version ?? '?'}`,
    f.fixedIn ?? '—',
    f.confidence,
    [
      f.vulnerability.kevDateAdded ? 'KEV' : '',
      f.vulnerability.epss !== null ? `EPSS ${(f.vulnerability.epss * 100).toFixed(1)}%` : '',
    ]
      .filter(Boolean)
      .join(' '),
  ]);
  const header = ['vulnerability', 'cvss', 'component', 'fixed in', 'confidence', 'exploitation'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    ...rows.map(line),
    '',
    `${result.components} components, ${result.findings.length} findings`,
  ].join('\n');
}

export function registerVulnerabilitiesCommands(program: Command, context: CliContext): void {
  const importCommand =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('Import data from files');
  for (const kind of feedKinds) {
    importCommand
      .command(`${kind} <path>`)
      .description(
        `Import ${feedDescriptions[kind]}; unchanged records are skipped, affected versions re-matched`,
      )
      .option('--json', 'print the import report as JSON')
      .option('--no-rematch', 'only store; do not re-match product versions')
      .action(async (path: string, options: { json?: boolean; rematch: boolean }) => {
        const report = await context.withDeps((deps) =>
          importFeed(deps, kind, path, { rematch: options.rematch }),
        );
        if (options.json) {
          context.print(JSON.stringify(report, null, 2));
          return;
        }
        context.print(
          `${kind}: ${report.files} files, ${report.records} records (${report.inserted} new, ${report.updated} changed, ${report.unchanged} unchanged, ${report.withdrawn} withdrawn)`,
        );
        if (report.rematch) {
          context.print(
            `re-matched ${report.rematch.versions} product versions: ${report.rematch.opened} findings opened, ${report.rematch.closed} closed`,
          );
        }
        for (const warning of report.warnings.slice(0, 20)) context.print(`  warning ${warning}`);
        if (report.warnings.length > 20)
          context.print(`  … ${report.warnings.length - 20} more warnings (--json prints all)`);
      });
  }

  program
    .command('scan <sbom-file>')
    .description('Match one SBOM against the local vulnerability store, offline, without saving it')
    .option('--format <format>', 'table | json | cyclonedx-vex', 'table')
    .option(
      '--fail-on <severity>',
      `exit 1 when a finding reaches: ${[...severityLevels, 'any', 'never'].join(' | ')}`,
      'high',
    )
    .option(
      '--allow-name-matching',
      'also match components with neither purl nor CPE by their name (low confidence, flagged)',
    )
    .action(async (file: string, options: ScanCommandOptions) => {
      if (!['table', 'json', 'cyclonedx-vex'].includes(options.format)) {
        throw new DomainError(
          'invalid',
          `--format must be table, json or cyclonedx-vex, not ${options.format}`,
        );
      }
      const threshold = options.failOn as SeverityLevel | 'any' | 'never';
      if (![...severityLevels, 'any', 'never'].includes(threshold)) {
        throw new DomainError(
          'invalid',
          `--fail-on must be one of ${[...severityLevels, 'any', 'never'].join(', ')}`,
        );
      }
      const bytes = new Uint8Array(
        await readFile(file).catch(() => {
          throw new DomainError('invalid', `${file}: no such file`);
        }),
      );
      const result = await context.withDeps((deps) =>
        scanSbom(deps, bytes, { allowNameMatching: options.allowNameMatching === true }),
      );
      if (options.format === 'json') context.print(JSON.stringify(result, null, 2));
      else if (options.format === 'cyclonedx-vex') context.print(scanAsCycloneDxVex(result));
      else context.print(formatTable(result));
      if (result.findings.some((f) => reachesThreshold(f.vulnerability.cvssScore, threshold)))
        process.exitCode = 1;
    });
}
