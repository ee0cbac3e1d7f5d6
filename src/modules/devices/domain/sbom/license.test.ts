import { describe, expect, it } from 'vitest';
import { licenseFromCycloneDx, licenseFromSpdx, normaliseLicenseExpression } from './license.ts';

describe('normaliseLicenseExpression', () => {
  it.each([
    ['MIT', 'MIT'],
    ['  Apache-2.0 ', 'Apache-2.0'],
    ['MIT OR (Apache-2.0 AND BSD-3-Clause)', 'MIT OR (Apache-2.0 AND BSD-3-Clause)'],
    ['Apache-2.0 WITH LLVM-exception', 'Apache-2.0 WITH LLVM-exception'],
    ['LicenseRef-Acme-Proprietary', 'LicenseRef-Acme-Proprietary'],
    ['DocumentRef-other:LicenseRef-x', 'DocumentRef-other:LicenseRef-x'],
    ['GPL-2.0+', 'GPL-2.0+'],
    ['NOASSERTION', null],
    ['NONE', null],
    ['', null],
  ])('%s → %s without warning', (input, expected) => {
    expect(normaliseLicenseExpression(input)).toEqual({ expression: expected, warnings: [] });
  });

  it.each(['mit', 'Apache License 2.0', 'MIT AND', 'MIT/BOUNCY CASTLE LICENSE', 'x'.repeat(5000)])(
    'refuses %s with a warning',
    (input) => {
      const result = normaliseLicenseExpression(input);
      expect(result.expression).toBeNull();
      expect(result.warnings[0]).toMatch(/not a valid SPDX licence expression/);
    },
  );
});

describe('licenseFromCycloneDx', () => {
  it.each([
    [[{ license: { id: 'MIT' } }], 'MIT', 0],
    [[{ license: { name: 'MIT' } }], 'MIT', 0],
    [[{ expression: 'MIT OR Apache-2.0' }], 'MIT OR Apache-2.0', 0],
    [[{ license: { id: 'MIT' } }, { license: { id: 'BSD-3-Clause' } }], 'MIT AND BSD-3-Clause', 0],
    [[{ license: { id: 'MIT' } }, { expression: 'GPL-2.0-only OR MIT' }], 'MIT AND (GPL-2.0-only OR MIT)', 0],
    [[{ license: { id: 'MIT' } }, { license: { id: 'MIT' } }], 'MIT', 0],
    [[{ license: { id: 'MIT' } }, { license: { name: 'Qualcomm' } }], null, 1],
    [[{ license: { url: 'https://example.com' } }], null, 0],
    [[], null, 0],
    ['MIT', null, 0],
  ])('%j → %s', (input, expected, warnings) => {
    const result = licenseFromCycloneDx(input);
    expect(result.expression).toBe(expected);
    expect(result.warnings).toHaveLength(warnings);
  });
});

describe('licenseFromSpdx', () => {
  it.each([
    ['MIT', 'Apache-2.0', 'MIT'],
    ['NOASSERTION', 'Apache-2.0', 'Apache-2.0'],
    ['NONE', 'NOASSERTION', null],
    [
      null,
      'LicenseRef-GPL-2.0-only-with-libgit2-exception',
      'LicenseRef-GPL-2.0-only-with-libgit2-exception',
    ],
  ])('concluded %s, declared %s → %s', (concluded, declared, expected) => {
    expect(licenseFromSpdx(concluded, declared).expression).toBe(expected);
  });
});
