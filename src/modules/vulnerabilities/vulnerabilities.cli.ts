import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliContext } from '../../platform/cli/cli-context.ts';
import type { Deps } from '../../platform/deps.ts';
import { DomainError } from '../../shared/errors.ts';
import { reachesThreshold, type SeverityLevel, severityLevels, severityOfScore } from './domain/severity.ts';
import { type FeedImportReport, type FeedKind, feedKinds, importFeed } from './service/import-feed.ts';
import { type ScanResult, scanSbom } from './service/scan-sbom.ts';
import { scanAsCycloneDxVex } from './service/vex-documents.ts';

const feedDescriptions: Record<(typeof feedKinds)[number], string> = {
  osv: 'OSV JSON records (a file or a directory)',
  nvd: 'NVD CVE API 2.0 JSON (page, item or bare cve) or the legacy 1.1 feed',
  cve5: 'CVE JSON 5 records (a file or a directory)',
  csaf: 'CSAF 2.0 advisories (a file, a directory, or a CSAF provider URL; each document validated, matched by purl/CPE helpers)',
  kev: 'the CISA Known Exploited Vulnerabilities catalogue (JSON)',
  epss: 'FIRST EPSS scores (CSV, optionally .gz)',
};

/** What `candor import csaf` does besides storing advisories: main/ passes it (e.g. republishing). */
export interface VulnerabilitiesCommandHooks {
  onCsafDocument?: (
    deps: Deps,
    document: Record<string, unknown>,
    sourceUrl: string | null,
  ) => Promise<string | null | undefined>;
}

interface ImportCommandOptions {
  json?: boolean;
  rematch: boolean;
  token?: string;
  since?: string;
}

const csafHelp = `
A provider URL is read as CSAF 2.0 §7.3 says: https://host/.well-known/csaf/provider-metadata.json, or
https://host (then its well-known metadata, then the CSAF: lines of its security.txt). ROLIE feeds are
preferred (TLP:WHITE/CLEAR only, unless --token), else the directory's index.txt and changes.csv. Each
document's .sha512/.sha256 and OpenPGP .asc signature (against the metadata's keys) are checked: a
mismatch or a bad signature skips the document; a missing hash or signature is a warning.

Every document is validated (strict schema and mandatory tests, @secvisogram/csaf-validator-lib); one
that fails is not imported and is listed with the tests it fails (e.g. mandatoryTest_6_1_1), as are files
that are no JSON or no CSAF document.

Exit status: 0 when at least one document was imported (rejected ones are listed) or there was none;
1 when documents were found but none could be imported; 2 when the path or provider cannot be read.
`;

function printImportReport(context: CliContext, kind: FeedKind, report: FeedImportReport): void {
  const documents =
    report.rejected.length > 0
      ? `${report.files} files (${report.files - report.rejected.length} imported, ${report.rejected.length} rejected)`
      : `${report.files} files`;
  context.print(
    `${kind}: ${documents}, ${report.records} records (${report.inserted} new, ${report.updated} changed, ${report.unchanged} unchanged, ${report.withdrawn} withdrawn)`,
  );
  if (report.rematch) {
    context.print(
      `re-matched ${report.rematch.versions} product versions: ${report.rematch.opened} findings opened, ${report.rematch.closed} closed`,
    );
  }
  for (const rejection of report.rejected)
    context.print(`  rejected ${rejection.document}: ${rejection.reason}`);
  // Each rejection is a warning too; listed once above.
  const rejections = new Set(report.rejected.map((r) => `${r.document}: ${r.reason}; skipped`));
  const warnings = report.warnings.filter((w) => !rejections.has(w));
  for (const warning of warnings.slice(0, 20)) context.print(`  warning ${warning}`);
  if (warnings.length > 20) context.print(`  … ${warnings.length - 20} more warnings (--json prints all)`);
}

function parseSince(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at.getTime()))
    throw new DomainError('invalid', `--since must be a date (2024-01-31) or timestamp, not ${value}`);
  return at;
}

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

export function registerVulnerabilitiesCommands(
  program: Command,
  context: CliContext,
  hooks: VulnerabilitiesCommandHooks = {},
): void {
  const importCommand =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('Import data from files');
  for (const kind of feedKinds) {
    const command = importCommand
      .command(kind === 'csaf' ? 'csaf <path-or-url>' : `${kind} <path>`)
      .description(
        `Import ${feedDescriptions[kind]}; unchanged records are skipped, affected versions re-matched`,
      )
      .option('--json', 'print the import report as JSON')
      .option('--no-rematch', 'only store; do not re-match product versions');
    if (kind === 'csaf') {
      command
        .option(
          '--token <token>',
          "bearer token for the provider's TLP:GREEN/AMBER feeds (sent to its host only)",
        )
        .option('--since <date>', 'from a provider: only documents updated on or after this date')
        .addHelpText('after', csafHelp);
    }
    command.action(async (path: string, options: ImportCommandOptions) => {
      const since = parseSince(options.since);
      const report = await context.withDeps((deps) => {
        const hook = hooks.onCsafDocument;
        return importFeed(deps, kind, path, {
          rematch: options.rematch,
          // One rejected CSAF file is reported like a directory's, with its failing tests.
          singleFile: kind === 'csaf' ? 'report' : 'throw',
          provider: { token: options.token ?? null, since },
          ...(hook ? { onCsafDocument: (document, source) => hook(deps, document, source.sourceUrl) } : {}),
        });
      });
      if (options.json) context.print(JSON.stringify(report, null, 2));
      else printImportReport(context, kind, report);
      if (report.files > 0 && report.rejected.length === report.files) {
        const reasons = report.rejected.map((r) => `  ${r.document}: ${r.reason}`).join('\n');
        process.stderr.write(`candor: nothing imported; every document was rejected:\n${reasons}\n`);
        process.exitCode = 1;
      }
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
