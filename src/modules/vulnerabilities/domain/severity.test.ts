import { describe, expect, it } from 'vitest';
import { reachesThreshold, severityOfScore } from './severity.ts';

describe('severity bands', () => {
  it.each([
    [0, 'none'],
    [0.1, 'low'],
    [3.9, 'low'],
    [4, 'medium'],
    [6.9, 'medium'],
    [7, 'high'],
    [8.9, 'high'],
    [9, 'critical'],
    [10, 'critical'],
  ] as const)('%f is %s', (score, level) => {
    expect(severityOfScore(score)).toBe(level);
  });

  it('applies --fail-on thresholds, unscored findings only for any', () => {
    expect(reachesThreshold(7.5, 'high')).toBe(true);
    expect(reachesThreshold(6.9, 'high')).toBe(false);
    expect(reachesThreshold(9.8, 'critical')).toBe(true);
    expect(reachesThreshold(null, 'low')).toBe(false);
    expect(reachesThreshold(null, 'any')).toBe(true);
    expect(reachesThreshold(10, 'never')).toBe(false);
  });
});
