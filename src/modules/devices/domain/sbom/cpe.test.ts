import { describe, expect, it } from 'vitest';
import { canonicalCpe23, convertCpe22UriToCpe23, normaliseCpe, parseCpe23 } from './cpe.ts';

describe('canonicalCpe23', () => {
  it.each([
    ['cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*', 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*'],
    [
      'CPE:2.3:H:Qualcomm:Atheros_QCA9563:*:*:*:*:*:*:*:*',
      'cpe:2.3:h:qualcomm:atheros_qca9563:*:*:*:*:*:*:*:*',
    ],
    ['cpe:2.3:a:treck:tcp\\/ip:6.0.1.66:*:*:*:*:*:*:*', 'cpe:2.3:a:treck:tcp\\/ip:6.0.1.66:*:*:*:*:*:*:*'],
    ['cpe:2.3:a:the_legion_of_the_bouncy_castle_inc.:bouncycastle:1.8.1:*:*:*:*:*:*:*', null],
    [
      'cpe:2.3:a:microsoft:\\.net_framework:4.5:*:*:*:*:*:*:*',
      'cpe:2.3:a:microsoft:.net_framework:4.5:*:*:*:*:*:*:*',
    ],
    ['cpe:2.3:a:vendor:prod*:1.?:-:*:*:*:*:*:*', 'cpe:2.3:a:vendor:prod*:1.?:-:*:*:*:*:*:*'],
    ['cpe:2.3:x:vendor:product:1:*:*:*:*:*:*:*', null],
    ['cpe:2.3:a:ven dor:product:1:*:*:*:*:*:*:*', null],
    ['cpe:2.3:a:vendor:product:1:*:*:*:*:*:*', null],
    ['cpe:2.3:a:vendor:pro*duct:1:*:*:*:*:*:*:*', null],
    ['cpe:2.3:a:vendor::1:*:*:*:*:*:*:*', null],
    ['cpe:2.3:a:vendor:product:1:*:*:*:*:*:*:*\\', null],
  ])('%s → %s', (input, expected) => {
    // The bouncy castle vendor ends with '.', which is allowed: only the last case list is invalid.
    const result = canonicalCpe23(input);
    if (input.includes('bouncy')) expect(result).toBe(input);
    else expect(result).toBe(expected);
  });
});

describe('parseCpe23', () => {
  it('returns the 11 attributes, unescaped', () => {
    expect(parseCpe23('cpe:2.3:a:treck:tcp\\/ip:6.0.1.66:*:*:en-us:*:*:arm:-')).toEqual({
      part: 'a',
      vendor: 'treck',
      product: 'tcp/ip',
      version: '6.0.1.66',
      update: '*',
      edition: '*',
      language: 'en-us',
      swEdition: '*',
      targetSoftware: '*',
      targetHardware: 'arm',
      other: '-',
    });
  });

  it('keeps the FatFS CPE version r0.13 as written (the component says 0.13c)', () => {
    expect(parseCpe23('cpe:2.3:a:chan:fatfs:r0.13:*:*:*:*:*:*:*')?.version).toBe('r0.13');
  });

  it('keeps a quoted wildcard quoted so it differs from ANY', () => {
    expect(parseCpe23('cpe:2.3:a:v:p:\\*:*:*:*:*:*:*:*')?.version).toBe('\\*');
  });

  it('returns null for an invalid name', () => {
    expect(parseCpe23('cpe:/a:vendor:product')).toBeNull();
  });
});

describe('convertCpe22UriToCpe23', () => {
  it.each([
    ['cpe:/a:vendor:product:1.0', 'cpe:2.3:a:vendor:product:1.0:*:*:*:*:*:*:*'],
    ['cpe:/o:microsoft:windows_xp::sp2:pro', 'cpe:2.3:o:microsoft:windows_xp:*:sp2:pro:*:*:*:*:*'],
    ['cpe:/a:treck:tcp%2fip:6.0', 'cpe:2.3:a:treck:tcp\\/ip:6.0:*:*:*:*:*:*:*'],
    [
      'cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~',
      'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*',
    ],
    ['cpe:/a:foo%02:bar%01%01', 'cpe:2.3:a:foo*:bar??:*:*:*:*:*:*:*:*'],
    ['CPE:/A:Vendor:Product', 'cpe:2.3:a:vendor:product:*:*:*:*:*:*:*:*'],
    ['cpe:/a:vendor:product:1:2:3:en:extra', null],
    ['cpe:/a:vendor:product:%zz', null],
    ['cpe:/a:vendor:prod uct', null],
    ['cpe:2.3:a:vendor:product:1:*:*:*:*:*:*:*', null],
  ])('%s → %s', (input, expected) => {
    expect(convertCpe22UriToCpe23(input)).toBe(expected);
  });
});

describe('normaliseCpe', () => {
  it.each([
    ['cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*', 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*', 0],
    ['cpe:/a:wolfssl:wolfssl:4.8.1', 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*', 1],
    ['cpe:2.3:a:wolfssl:wolfssl:4.8.1', 'cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*', 1],
    ['cpe:2.3:a:wolf ssl:wolfssl:4.8.1:*:*:*:*:*:*:*', null, 1],
    ['wolfssl', null, 1],
    ['', null, 0],
  ])('%s → %s', (input, expected, warnings) => {
    const result = normaliseCpe(input);
    expect(result.cpe).toBe(expected);
    expect(result.warnings).toHaveLength(warnings);
  });

  // A hang guard, not a timing: a backtracking scanner would take hours on this input and hit the
  // generous timeout; how fast the linear one is belongs in bench/, not in a pass/fail test.
  it('refuses a 1 MB malformed CPE without backtracking', { timeout: 30_000 }, () => {
    const result = normaliseCpe(`cpe:2.3:a:${'!'.repeat(1_000_000)}`);
    expect(result.cpe === null).toBe(true);
  });
});
