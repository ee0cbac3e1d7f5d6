import { describe, expect, it } from 'vitest';
import { parseSbom } from './parse-sbom.ts';
import { jsonMayHoldLongerString } from './string-limit.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** A CycloneDX document of `count` components, each with a version of `versionLength` characters. */
function cdx(count: number, version: string): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    components: Array.from({ length: count }, (_, i) => ({ type: 'library', name: `c${i}`, version })),
  });
}

describe('jsonMayHoldLongerString', () => {
  it('rules out long strings in a long text of short strings', () => {
    const text = cdx(200, '1.0.0');
    expect(text.length).toBeGreaterThan(1000);
    expect(jsonMayHoldLongerString(text, 100)).toBe(false);
    expect(jsonMayHoldLongerString('{"a":"b"}', 100)).toBe(false);
  });

  it('keeps every text that may hold one: a long run without quotes, an escaped quote', () => {
    expect(jsonMayHoldLongerString(cdx(3, '9'.repeat(101)), 100)).toBe(true);
    // Quote-free runs are short here, but the escaped quotes make one 120-character string.
    expect(jsonMayHoldLongerString(cdx(3, 'ab"'.repeat(40)), 100)).toBe(true);
    // A long run without quotes that is no string at all (deep nesting) is still walked.
    expect(jsonMayHoldLongerString(`{"a":${'['.repeat(300)}${']'.repeat(300)}}`, 100)).toBe(true);
  });

  it('leaves parseSbom dropping an over-long string made of escaped quotes', () => {
    const sbom = parseSbom(bytes(cdx(3, 'ab"'.repeat(40))), { maxStringLength: 100 });
    expect(sbom.components.map((c) => c.version)).toEqual([null, null, null]);
    expect(sbom.warnings.map((w) => w.path).sort()).toEqual([
      '/components/0/version',
      '/components/1/version',
      '/components/2/version',
    ]);
  });

  it('leaves parseSbom keeping every short string of a document longer than the limit', () => {
    const sbom = parseSbom(bytes(cdx(200, '1.0.0')), { maxStringLength: 100 });
    expect(sbom.components).toHaveLength(200);
    expect(sbom.warnings).toEqual([]);
  });
});
