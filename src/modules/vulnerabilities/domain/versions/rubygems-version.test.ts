import { describe, expect, it } from 'vitest';
import { compareRubyGems, isRubyGemsVersion } from './rubygems-version.ts';

type Row = [string, '<' | '=' | '>', string];
const order = (n: number) => (n < 0 ? '<' : n > 0 ? '>' : '=');
const flipped = { '<': '>', '=': '=', '>': '<' } as const;

/** Cases from rubygems test/rubygems/test_gem_version.rb (`test_spaceship`, `test_canonical_segments`). */
const rows: Row[] = [
  ['1.0', '=', '1.0.0'],
  ['1.0', '>', '1.0.a'],
  ['1.8.2', '>', '0.0.0'],
  ['1.8.2', '>', '1.8.2.a'],
  ['1.8.2.b', '>', '1.8.2.a'],
  ['1.8.2.a', '<', '1.8.2'],
  ['1.8.2.a10', '>', '1.8.2.a9'],
  ['1.0.0.a', '<', '1.0.0'],
  ['1.0.0.pre', '<', '1.0.0'],
  ['1.0.0-rc1', '<', '1.0.0'],
  ['1.0.0-rc1', '=', '1.0.0.pre.rc1'],
  ['1.0.0.a', '<', '1.0.0.b'],
  ['1.0.0.rc1', '>', '1.0.0.beta2'],
  ['5.2.4.a', '<', '5.2.4'],
  ['5.2.4.a.0', '=', '5.2.4.a'],
  ['1.2.0.a.1', '<', '1.2.0.a.2'],
  ['9.8.7', '<', '9.8.10'],
  ['0.1.0', '=', '0.1'],
  ['', '=', '0'],
  ['1.0.0.A', '<', '1.0.0.a'],
];

describe('compareRubyGems (Gem::Version#<=>)', () => {
  it.each(rows)('%s %s %s', (a, op, b) => {
    expect(order(compareRubyGems(a, b))).toBe(op);
    expect(order(compareRubyGems(b, a))).toBe(flipped[op]);
  });

  it('follows Gem::Version.correct?', () => {
    expect(isRubyGemsVersion('1.2.3.pre.1')).toBe(true);
    expect(isRubyGemsVersion('1.0.0-rc1')).toBe(true);
    expect(isRubyGemsVersion('junk')).toBe(false);
    expect(isRubyGemsVersion('1.0\n2.0')).toBe(false);
    expect(() => compareRubyGems('junk', '1')).toThrow(expect.objectContaining({ code: 'invalid' }));
  });
});
