import { describe, expect, it } from 'vitest';
import { csafFileName, csafTlpLabel } from './file-name.ts';
import { serializeCsaf } from './serialize.ts';

describe('csafFileName (CSAF 2.0 §5.1)', () => {
  it.each([
    // The examples of §5.1 and of the research notes.
    ['cisco-sa-20190513-secureboot', 'cisco-sa-20190513-secureboot.json'],
    ['Example Company - 2019-YH3234', 'example_company_-_2019-yh3234.json'],
    ['RHBA-2019:0024', 'rhba-2019_0024.json'],
    ['2022_#01-A', '2022_01-a.json'],
    // `+` and `-` stay; any run of other characters (non-ASCII included) becomes one `_`.
    ['ICSMA-20-049-01 Update A+', 'icsma-20-049-01_update_a+.json'],
    ['Größe//Ärger', 'gr_e_rger.json'],
  ])('%s → %s', (trackingId, fileName) => {
    expect(csafFileName(trackingId)).toBe(fileName);
  });
});

describe('csafTlpLabel', () => {
  it('writes TLP 2.0 CLEAR as TLP 1.0 WHITE and keeps GREEN and AMBER', () => {
    expect(csafTlpLabel('CLEAR')).toBe('WHITE');
    expect(csafTlpLabel('GREEN')).toBe('GREEN');
    expect(csafTlpLabel('AMBER')).toBe('AMBER');
  });
});

describe('serializeCsaf', () => {
  it('sorts keys at every level, indents by two spaces and ends with a newline', () => {
    const text = serializeCsaf({
      vulnerabilities: [{ title: 't', cve: 'CVE-2025-0001' }],
      document: { tracking: { version: '1', id: 'X' }, category: 'csaf_vex' },
    });
    expect(text).toBe(
      [
        '{',
        '  "document": {',
        '    "category": "csaf_vex",',
        '    "tracking": {',
        '      "id": "X",',
        '      "version": "1"',
        '    }',
        '  },',
        '  "vulnerabilities": [',
        '    {',
        '      "cve": "CVE-2025-0001",',
        '      "title": "t"',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('gives the same bytes whatever the key order of the input', () => {
    expect(serializeCsaf({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: 3 } })).toBe(
      serializeCsaf({ a: { c: 3, d: [2, { x: 2, y: 1 }] }, b: 1 }),
    );
  });
});
