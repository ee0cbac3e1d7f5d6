import { describe, expect, it } from 'vitest';
import { type CpeValue, parseCpe22Uri, parseCpeName, parseCpeValue } from './cpe-name.ts';

const text = (literal: string, prefix = '', suffix = ''): CpeValue => ({
  kind: 'text',
  literal,
  prefix,
  suffix,
});

describe('parseCpeValue (NISTIR 7695 §5.3, §6.2.3.2)', () => {
  it.each<[string, CpeValue | null]>([
    ['*', { kind: 'any' }],
    ['-', { kind: 'na' }],
    ['wolfssl', text('wolfssl')],
    ['WolfSSL', text('wolfssl')],
    ['tcp\\/ip', text('tcp/ip')],
    ['\\.net_framework', text('.net_framework')],
    ['.net_foundation', text('.net_foundation')],
    ['a\\:b', text('a:b')],
    ['back\\\\slash', text('back\\slash')],
    ['5.0\\(1\\)', text('5.0(1)')],
    ['foo*', text('foo', '', '*')],
    ['*bar', text('bar', '*', '')],
    ['*oba*', text('oba', '*', '*')],
    ['??o', text('o', '??', '')],
    ['fo?', text('fo', '', '?')],
    ['foo\\*', text('foo*')],
    ['foo\\?', text('foo?')],
    ['foo\\\\*', text('foo\\', '', '*')],
    ['', null],
    ['pro*duct', null],
    ['pro?duct', null],
    ['tcp/ip', null],
    ['ven dor', null],
    ['\\a', null],
    ['trailing\\', null],
  ])('%j → %j', (raw, expected) => {
    expect(parseCpeValue(raw)).toEqual(expected);
  });
});

describe('parseCpeName', () => {
  it('unbinds the 11 attributes of a formatted string', () => {
    const name = parseCpeName('cpe:2.3:a:treck:tcp\\/ip:6.0.1.66:*:*:*:*:*:*:*');
    expect(name?.part).toEqual(text('a'));
    expect(name?.vendor).toEqual(text('treck'));
    expect(name?.product).toEqual(text('tcp/ip'));
    expect(name?.version).toEqual(text('6.0.1.66'));
    expect(name?.other).toEqual({ kind: 'any' });
  });

  it('keeps attribute positions when values contain quoted colons', () => {
    const name = parseCpeName('cpe:2.3:a:vendor:a\\:b:1.0:-:*:*:*:windows:*:*');
    expect(name?.product).toEqual(text('a:b'));
    expect(name?.version).toEqual(text('1.0'));
    expect(name?.update).toEqual({ kind: 'na' });
    expect(name?.targetSoftware).toEqual(text('windows'));
  });

  it('is case-insensitive, prefix included', () => {
    expect(parseCpeName('CPE:2.3:H:Qualcomm:Atheros_QCA9563:*:*:*:*:*:*:*:*')?.product).toEqual(
      text('atheros_qca9563'),
    );
  });

  it('pads a short formatted string with ANY, as the SBOM side normalises it', () => {
    const name = parseCpeName('cpe:2.3:a:haxx:libcurl:8.3.0');
    expect(name?.version).toEqual(text('8.3.0'));
    expect(name?.update).toEqual({ kind: 'any' });
    expect(name?.other).toEqual({ kind: 'any' });
  });

  it.each([
    'cpe:2.3:x:vendor:product:1:*:*:*:*:*:*:*',
    'cpe:2.3:a*:vendor:product:1:*:*:*:*:*:*:*',
    'cpe:2.3:a:vendor:product:1:*:*:*:*:*:*:*:*',
    'cpe:2.3:a:vendor::1:*:*:*:*:*:*:*',
    'cpe:2.3:a:vendor:product:1:*:*:*:*:*:*:*\\',
    'cpe:2.2:a:vendor:product',
    'pkg:generic/wolfssl@4.8.1',
    '',
  ])('rejects %j', (input) => {
    expect(parseCpeName(input)).toBeNull();
  });
});

describe('parseCpe22Uri (NISTIR 7695 §6.1.3)', () => {
  it('converts a URI, empty components being ANY', () => {
    const name = parseCpe22Uri('cpe:/a:wolfssl:wolfssl:4.8.1');
    expect(name?.version).toEqual(text('4.8.1'));
    expect(name?.update).toEqual({ kind: 'any' });
    expect(parseCpeName('cpe:/a:wolfssl:wolfssl:4.8.1')).toEqual(name);
  });

  it('decodes percent-encoding and the %01/%02 wildcards', () => {
    expect(parseCpe22Uri('cpe:/a:treck:tcp%2fip:6.0.1.66')?.product).toEqual(text('tcp/ip'));
    expect(parseCpe22Uri('cpe:/a:vendor:product:1.%02')?.version).toEqual(text('1.', '', '*'));
    expect(parseCpe22Uri('cpe:/a:vendor:product:%01.0')?.version).toEqual(text('.0', '?', ''));
  });

  it('unpacks an extended edition', () => {
    const name = parseCpe22Uri('cpe:/a:vendor:product:1.0::~-~pro~windows~x64~');
    expect(name?.edition).toEqual({ kind: 'na' });
    expect(name?.swEdition).toEqual(text('pro'));
    expect(name?.targetSoftware).toEqual(text('windows'));
    expect(name?.targetHardware).toEqual(text('x64'));
    expect(name?.other).toEqual({ kind: 'any' });
  });

  it.each(['cpe:/a:v:p:1:2:3:4:5', 'cpe:/a:v:p:1::~a~b', 'cpe:/a:v:p:%zz', 'cpe:/a:v:p:%4'])(
    'rejects %j',
    (uri) => {
      expect(parseCpe22Uri(uri)).toBeNull();
    },
  );
});
