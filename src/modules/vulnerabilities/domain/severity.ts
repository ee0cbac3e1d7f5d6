/** CVSS v3/v4 qualitative severity bands (CVSS v3.1 specification §5, the same bands in v4.0). */
export const severityLevels = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type SeverityLevel = (typeof severityLevels)[number];

export function severityOfScore(score: number | null): SeverityLevel | null {
  if (score === null) return null;
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/** Whether a finding of this score reaches a `--fail-on` threshold; unscored findings reach only `any`. */
export function reachesThreshold(score: number | null, threshold: SeverityLevel | 'any' | 'never'): boolean {
  if (threshold === 'never') return false;
  if (threshold === 'any') return true;
  const level = severityOfScore(score);
  return level !== null && severityLevels.indexOf(level) >= severityLevels.indexOf(threshold);
}
