/**
 * FIRST EPSS daily CSV (https://www.first.org/epss/data_stats; corpus/vulns/README "EPSS": a
 * `#model_version:…,score_date:…` line, then the header `cve,epss,percentile`, ~300k rows).
 */
import type { EpssScore } from '../advisory-model.ts';
import { type FeedWarnings, invalid } from './feed-json.ts';

/**
 * Reads the CSV text (already decompressed). The comment line is optional (older files have none);
 * without `score_date` every score gets `''`; `score_date` keeps its date part (YYYY-MM-DD). Rows whose CVE id is malformed or whose probabilities are
 * not numbers in 0–1 are skipped with a warning naming the line; blank lines are ignored.
 *
 * @throws DomainError('invalid') when the first non-comment line is not the `cve,epss,percentile` header.
 */
export function parseEpssCsv(text: string, warnings: FeedWarnings = []): EpssScore[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let modelVersion: string | null = null;
  let scoreDate = '';
  let index = 0;
  while (index < lines.length && lines[index]?.startsWith('#')) {
    for (const pair of (lines[index] ?? '').slice(1).split(',')) {
      const [key, ...rest] = pair.split(':');
      const value = rest.join(':').trim();
      if (key?.trim() === 'model_version' && value) modelVersion = value;
      // `2023-03-26T00:00:00+0000`: a score is for one day, so the date part is kept.
      if (key?.trim() === 'score_date' && value)
        scoreDate = /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
    }
    index += 1;
  }
  const header = (lines[index] ?? '').trim().toLowerCase();
  if (header !== 'cve,epss,percentile') invalid(`line ${index + 1}`, 'the EPSS header cve,epss,percentile');

  const scores: EpssScore[] = [];
  for (let number = index + 2; number <= lines.length; number += 1) {
    const line = (lines[number - 1] ?? '').trim();
    if (line === '') continue;
    const [cveId = '', epss = '', percentile = ''] = line.split(',');
    const probability = toProbability(epss);
    const rank = toProbability(percentile);
    if (!/^CVE-\d{4}-\d{4,}$/.test(cveId) || probability === null || rank === null) {
      warnings.push(`line ${number}: not "CVE-…,<0–1>,<0–1>"; skipped`);
      continue;
    }
    scores.push({ cveId, epss: probability, percentile: rank, scoreDate, modelVersion });
  }
  return scores;
}

function toProbability(value: string): number | null {
  if (!/^\d*\.?\d+(e-?\d+)?$/i.test(value.trim())) return null;
  const number = Number(value);
  return number >= 0 && number <= 1 ? number : null;
}
