import { describe, expect, it } from 'vitest';
import { type ComponentFields, draftComponent, normaliseHashAlgorithm } from './sbom-draft.ts';
import type { SbomIssue } from './sbom-model.ts';

function fields(hashes: ComponentFields['hashes']): ComponentFields {
  return {
    ref: 'a',
    name: 'OpenSSL',
    version: '3.0.0',
    supplier: null,
    type: 'library',
    purl: null,
    cpe: null,
    swidTagId: null,
    hashes,
    licenseExpression: null,
    sourcePath: '/components/0',
  };
}

describe('normaliseHashAlgorithm', () => {
  it.each([
    ['SHA-256', 'SHA-256'],
    ['sha256', 'SHA-256'],
    [' sha-1 ', 'SHA-1'],
    ['SHA1', 'SHA-1'],
    ['blake2b-256', 'BLAKE2b-256'],
    ['md5', 'MD5'],
    ['whirlpool', 'WHIRLPOOL'],
  ])('spells %s as %s, the same when asked again (cached)', (raw, expected) => {
    expect(normaliseHashAlgorithm(raw)).toBe(expected);
    expect(normaliseHashAlgorithm(raw)).toBe(expected);
  });

  it('stays right past the cache bound and for names too long to cache', () => {
    for (let i = 0; i < 1500; i++) expect(normaliseHashAlgorithm(`x-${i}`)).toBe(`X-${i}`);
    const long = `sha-${'1'.repeat(100)}`;
    expect(normaliseHashAlgorithm(long)).toBe(long.toUpperCase());
    expect(normaliseHashAlgorithm('sha-1')).toBe('SHA-1');
  });
});

describe('draftComponent hashes', () => {
  const hash = (algorithm: string | null, value: string | null) => ({ algorithm, value });

  it.each([
    ['no hash', [], []],
    ['one hash', [hash('sha256', 'AB')], [{ algorithm: 'SHA-256', value: 'ab' }]],
    ['one hash without value', [hash('SHA-256', null)], []],
    ['one hash without algorithm', [hash(null, 'ab')], []],
    [
      'repeated hashes, spelt differently',
      [hash('SHA-256', 'AB'), hash('sha256', 'ab'), hash('SHA-1', 'cd'), hash(null, 'ef')],
      [
        { algorithm: 'SHA-256', value: 'ab' },
        { algorithm: 'SHA-1', value: 'cd' },
      ],
    ],
  ])('normalises %s', (_label, hashes, expected) => {
    const warnings: SbomIssue[] = [];
    expect(draftComponent(fields(hashes), warnings).hashes).toEqual(expected);
    expect(warnings).toEqual([]);
  });
});
