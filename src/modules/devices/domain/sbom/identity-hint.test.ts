import { describe, expect, it } from 'vitest';
import { guessIdentityHint } from './identity-hint.ts';

describe('guessIdentityHint', () => {
  it.each([
    ['OpenSSL', 'openssl', 'openssl'],
    ['zlib', 'zlib', 'zlib'],
    ['curl', 'haxx', 'curl'],
    ['mbedtls', 'arm', 'mbed_tls'],
    ['OpenBLAS', null, 'openblas'],
    ['Pkg.jl', null, 'pkg.jl'],
    ['  Radio   firmware\tv2 ', null, 'radio_firmware_v2'],
    ['7-Zip', null, '7-zip'],
  ])('%s → vendor %s, product %s', (name, vendor, product) => {
    expect(guessIdentityHint(name)).toEqual({ vendor, product, confidence: 'low' });
  });

  it('returns null for an empty name', () => {
    expect(guessIdentityHint('   ')).toBeNull();
  });
});
