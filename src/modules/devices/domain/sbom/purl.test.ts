import { describe, expect, it } from 'vitest';
import { normalisePurl } from './purl.ts';

describe('normalisePurl', () => {
  it.each([
    // [raw, component version, canonical purl, number of warnings]
    ['pkg:nuget/Aspose.Words@20.1.0', '20.1.0', 'pkg:nuget/Aspose.Words@20.1.0', 0],
    ['pkg:nuget/xunit%402.4.1', '2.4.1', 'pkg:nuget/xunit@2.4.1', 1],
    ['pkg:nuget/xunit%402.4.1', null, 'pkg:nuget/xunit@2.4.1', 1],
    ['pkg:npm/%40angular/core@1.0.0', '1.0.0', 'pkg:npm/%40angular/core@1.0.0', 0],
    ['pkg:npm/%40angular/core', '12.0.0', 'pkg:npm/%40angular/core@12.0.0', 1],
    [
      'pkg:alpine/busybox@1.34.1-r3?distro=alpine-3.14.2&arch=x86_64',
      '1.34.1-r3',
      'pkg:apk/alpine/busybox@1.34.1-r3?arch=x86_64&distro=alpine-3.14.2',
      1,
    ],
    ['pkg:apk/alpine/busybox@1.35.0-r17', null, 'pkg:apk/alpine/busybox@1.35.0-r17', 0],
    ['pkg:github/wolfssl/wolfssl', '4.8.1', 'pkg:github/wolfssl/wolfssl@4.8.1', 1],
    ['pkg:github/abbrev/fatfs', '0.13c', 'pkg:github/abbrev/fatfs@0.13c', 1],
    ['pkg:generic/qualcomm_atheros_qca9563', null, 'pkg:generic/qualcomm_atheros_qca9563', 0],
    ['pkg:PyPI/Django_Rest@1.0', '1.0', 'pkg:pypi/django-rest@1.0', 0],
    ['pkg:GitHub/WolfSSL/wolfSSL@v5', null, 'pkg:github/wolfssl/wolfssl@v5', 0],
    ['  pkg:maven/org.a/b@1?type=jar  ', '1', 'pkg:maven/org.a/b@1?type=jar', 0],
  ] as const)('%s (version %s) → %s', (raw, version, expected, warnings) => {
    const result = normalisePurl(raw, version);
    expect(result.purl).toBe(expected);
    expect(result.warnings).toHaveLength(warnings);
  });

  it.each(['not a purl', 'pkg:', 'pkg:/name', 'http://example.com/x'])('refuses %s with a warning', (raw) => {
    const result = normalisePurl(raw, '1.0');
    expect(result.purl).toBeNull();
    expect(result.warnings.at(-1)).toMatch(/is not valid and was left out/);
  });

  it('ignores a blank purl without a warning', () => {
    expect(normalisePurl('  ', '1')).toEqual({ purl: null, warnings: [] });
  });
});
