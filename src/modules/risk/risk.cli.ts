import type { Command } from 'commander';
import type { CliContext } from '../../platform/cli/cli-context.ts';
import { type CvssScore, scoreCvssVector } from './domain/cvss.ts';

/** What `candor risk score --json` prints: version, base score and severity, plus the scores the vector has. */
export function cvssScoreJson(score: CvssScore): Record<string, string | number> {
  const json: Record<string, string | number> = {
    version: score.version,
    baseScore: score.baseScore,
    severity: score.baseSeverity,
  };
  if (score.temporalScore !== null) json.temporalScore = score.temporalScore;
  if (score.threatScore !== null) json.threatScore = score.threatScore;
  if (score.environmentalScore !== null) json.environmentalScore = score.environmentalScore;
  return json;
}

function formatSummary(score: CvssScore): string {
  const rows: [string, number | null, string | null][] = [
    ['base', score.baseScore, score.baseSeverity],
    ['temporal', score.temporalScore, score.temporalSeverity],
    ['threat (CVSS-BT)', score.threatScore, score.threatSeverity],
    [
      score.version === '4.0' ? `environmental (${score.nomenclature})` : 'environmental',
      score.environmentalScore,
      score.environmentalSeverity,
    ],
  ];
  const shown = rows.filter(([, value]) => value !== null);
  const width = Math.max(...shown.map(([label]) => label.length));
  const lines = shown.map(
    ([label, value, severity]) => `  ${label.padEnd(width)}  ${(value as number).toFixed(1)}  ${severity}`,
  );
  const subscores =
    score.exploitabilityScore !== null && score.impactScore !== null
      ? [
          `  exploitability sub-score ${score.exploitabilityScore.toFixed(1)}, impact sub-score ${score.impactScore.toFixed(1)}`,
        ]
      : [];
  return [`CVSS ${score.version}  ${score.vector}`, ...lines, ...subscores].join('\n');
}

export function registerRiskCommands(program: Command, context: CliContext): void {
  const risk = program
    .command('risk')
    .description('Risk assessment: CVSS scoring and rescoring, rubric, patient harm, SSVC');
  risk
    .command('score <vector>')
    .description('Score a CVSS v2, v3.0, v3.1 or v4.0 vector; invalid vectors exit 2')
    .option(
      '--json',
      'print { "version", "baseScore", "severity" } plus the temporal/threat/environmental scores it has',
    )
    .action((vector: string, options: { json?: boolean }) => {
      const score = scoreCvssVector(vector);
      context.print(options.json ? JSON.stringify(cvssScoreJson(score)) : formatSummary(score));
    });
}
