import { describe, expect, it } from 'vitest';
import type { VendorProductRange } from '../advisory-model.ts';
import { compareGeneric } from '../versions/generic-version.ts';
import { evaluateCve5Version } from './cve5-version-status.ts';

const entry = (
  version: string,
  status: 'affected' | 'unaffected',
  bounds: { lessThan?: string; lessThanOrEqual?: string } = {},
) => ({
  version,
  status,
  lessThan: bounds.lessThan ?? null,
  lessThanOrEqual: bounds.lessThanOrEqual ?? null,
  versionType: 'custom',
});
const product = (
  defaultStatus: VendorProductRange['defaultStatus'],
  versions: VendorProductRange['versions'],
): VendorProductRange => ({
  vendor: 'acme',
  product: 'widget',
  cpes: [],
  defaultStatus,
  versions,
});
const verdict = (range: VendorProductRange, version: string) => {
  const result = evaluateCve5Version(range, version, compareGeneric);
  return [result.status, result.fixedIn];
};

describe('evaluateCve5Version', () => {
  it('ranges from the beginning, exclusive and inclusive upper bounds', () => {
    const range = product('unaffected', [
      entry('0', 'affected', { lessThan: '2.0' }),
      entry('3.0', 'affected', { lessThanOrEqual: '3.2' }),
    ]);
    expect(verdict(range, '1.9')).toEqual(['affected', '2.0']);
    expect(verdict(range, '2.0')).toEqual(['unaffected', null]);
    expect(verdict(range, '3.2')).toEqual(['affected', null]);
    expect(verdict(range, '3.2.1')).toEqual(['unaffected', null]);
  });

  it('defaultStatus affected with an unaffected tail names the fix', () => {
    const range = product('affected', [entry('5.0', 'unaffected', { lessThan: '*' })]);
    expect(verdict(range, '4.9')).toEqual(['affected', '5.0']);
    expect(verdict(range, '5.1')).toEqual(['unaffected', null]);
  });

  it('the innermost range wins: a backported fix inside a wider affected range', () => {
    const range = product('unknown', [
      entry('1.0', 'affected', { lessThan: '2.0' }),
      entry('1.5.3', 'unaffected', { lessThan: '1.5.*' }),
    ]);
    expect(verdict(range, '1.5.2')).toEqual(['affected', '2.0']);
    expect(verdict(range, '1.5.4')).toEqual(['unaffected', null]);
    expect(verdict(range, '1.6')).toEqual(['affected', '2.0']);
  });

  it('an exact entry beats a range; unknown status and git entries decide nothing', () => {
    const range = product('unknown', [
      entry('0', 'affected', { lessThan: '2.0' }),
      entry('1.2', 'unaffected'),
      { ...entry('1.3', 'affected'), versionType: 'git' },
    ]);
    expect(verdict(range, '1.2')).toEqual(['unaffected', null]);
    expect(verdict(range, '1.3')).toEqual(['affected', '2.0']);
    expect(verdict(range, '2.5')).toEqual(['unknown', null]);
  });
});
