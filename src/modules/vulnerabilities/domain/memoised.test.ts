import { describe, expect, it } from 'vitest';
import { memoised } from './memoised.ts';

describe('memoised', () => {
  it('parses each string once and gives the same answer again, null answers included', () => {
    const seen: string[] = [];
    const parse = memoised((text: string) => {
      seen.push(text);
      return text.startsWith('v') ? { version: text.slice(1) } : null;
    });
    const first = parse('v1.2.3');
    expect(parse('v1.2.3')).toBe(first);
    expect(first).toEqual({ version: '1.2.3' });
    expect(parse('x')).toBeNull();
    expect(parse('x')).toBeNull();
    expect(seen).toEqual(['v1.2.3', 'x']);
  });

  it('answers for the string given, even one that is not well-formed UTF-16, and starts over when full', () => {
    const parse = memoised((text: string) => `<${text}>`, 2);
    expect(parse('\ud800a')).toBe('<\ud800a>');
    expect(parse('\ud800b')).toBe('<\ud800b>');
    expect(parse('\ud800a')).toBe('<\ud800a>');
    // The third distinct string empties the memo: answers stay right.
    expect(parse('abc')).toBe('<abc>');
    expect(parse('\ud800b')).toBe('<\ud800b>');
  });
});
