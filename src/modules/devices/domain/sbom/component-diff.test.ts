import { describe, expect, it } from 'vitest';
import { compareVersions, componentIdentity, diffComponents, parseCpe } from './component-diff.ts';
import type { SbomComponent } from './sbom-model.ts';

function c(ref: string, fields: Partial<SbomComponent> = {}): SbomComponent {
  return {
    ref,
    name: ref,
    version: null,
    supplier: null,
    type: null,
    purl: null,
    cpe: null,
    swidTagId: null,
    hashes: [],
    licenseExpression: null,
    sourcePath: '',
    identityHint: null,
    ...fields,
  };
}

const npm = (name: string, version: string, ref = `${name}@${version}`) =>
  c(ref, { name, version, purl: `pkg:npm/${name}@${version}` });

/** Summary of a diff by refs, so the table rows stay readable. */
function summary(from: SbomComponent[], to: SbomComponent[]) {
  const diff = diffComponents(from, to);
  return {
    added: diff.added.map((x) => x.ref),
    removed: diff.removed.map((x) => x.ref),
    changed: diff.upgraded.map((u) => `${u.from.ref} -> ${u.to.ref} ${u.direction}`),
    unchanged: diff.unchanged,
  };
}

describe('diffComponents', () => {
  const cases: {
    name: string;
    from: SbomComponent[];
    to: SbomComponent[];
    want: ReturnType<typeof summary>;
  }[] = [
    {
      name: 'nothing changed (refs may differ)',
      from: [npm('lodash', '4.17.21', 'a'), c('zlib', { version: '1.3.1' })],
      to: [npm('lodash', '4.17.21', 'b'), c('zlib', { version: '1.3.1' })],
      want: { added: [], removed: [], changed: [], unchanged: 2 },
    },
    {
      name: 'added and removed items',
      from: [npm('left-pad', '1.3.0'), npm('lodash', '4.17.21')],
      to: [npm('lodash', '4.17.21'), npm('axios', '1.7.2')],
      want: { added: ['axios@1.7.2'], removed: ['left-pad@1.3.0'], changed: [], unchanged: 1 },
    },
    {
      name: 'npm upgrade, purl qualifiers ignored',
      from: [c('old', { name: 'express', version: '4.18.2', purl: 'pkg:npm/express@4.18.2?arch=x64' })],
      to: [c('new', { name: 'express', version: '4.19.2', purl: 'pkg:npm/express@4.19.2' })],
      want: { added: [], removed: [], changed: ['old -> new upgrade'], unchanged: 0 },
    },
    {
      name: 'a version that went down',
      from: [npm('minimist', '1.2.8')],
      to: [npm('minimist', '1.2.5')],
      want: { added: [], removed: [], changed: ['minimist@1.2.8 -> minimist@1.2.5 downgrade'], unchanged: 0 },
    },
    {
      name: 'semver prerelease is older than the release',
      from: [npm('vite', '6.0.0-beta.3')],
      to: [npm('vite', '6.0.0')],
      want: { added: [], removed: [], changed: ['vite@6.0.0-beta.3 -> vite@6.0.0 upgrade'], unchanged: 0 },
    },
    {
      name: 'FatFs: CPE identity despite renaming, ChaN-style versions compared naturally',
      from: [
        c('fatfs-r014b', {
          name: 'FatFs',
          version: 'R0.14b',
          supplier: 'ChaN',
          cpe: 'cpe:2.3:a:fatfs_project:fatfs:r0.14b:*:*:*:*:*:*:*',
        }),
      ],
      to: [
        c('fatfs-r015', {
          name: 'FatFs - Generic FAT Filesystem Module',
          version: 'R0.15',
          supplier: 'elm-chan.org',
          cpe: 'cpe:2.3:a:fatfs_project:fatfs:r0.15:*:*:*:*:*:*:*',
        }),
      ],
      want: { added: [], removed: [], changed: ['fatfs-r014b -> fatfs-r015 upgrade'], unchanged: 0 },
    },
    {
      name: 'FatFs without identifiers: name + supplier, case-insensitive',
      from: [c('f1', { name: 'FatFs', version: 'R0.15', supplier: 'ChaN' })],
      to: [c('f2', { name: 'fatfs', version: 'R0.14b', supplier: 'chan' })],
      want: { added: [], removed: [], changed: ['f1 -> f2 downgrade'], unchanged: 0 },
    },
    {
      name: 'same name, other supplier is another component',
      from: [c('a', { name: 'fatfs', version: 'R0.15', supplier: 'ChaN' })],
      to: [c('b', { name: 'fatfs', version: 'R0.15', supplier: 'Espressif' })],
      want: { added: ['b'], removed: ['a'], changed: [], unchanged: 0 },
    },
    {
      name: 'npm duplicates: one kept, one upgraded',
      from: [npm('lodash', '3.10.1'), npm('lodash', '4.17.20')],
      to: [npm('lodash', '4.17.21'), npm('lodash', '3.10.1')],
      want: { added: [], removed: [], changed: ['lodash@4.17.20 -> lodash@4.17.21 upgrade'], unchanged: 1 },
    },
    {
      name: 'npm duplicates: paired newest with newest, the rest removed',
      from: [npm('lodash', '3.10.1'), npm('lodash', '4.17.20')],
      to: [npm('lodash', '4.17.21')],
      want: {
        added: [],
        removed: ['lodash@3.10.1'],
        changed: ['lodash@4.17.20 -> lodash@4.17.21 upgrade'],
        unchanged: 0,
      },
    },
    {
      name: 'npm duplicates appear: the extra one is added',
      from: [npm('debug', '2.6.9')],
      to: [npm('debug', '4.3.7'), npm('debug', '2.6.9')],
      want: { added: ['debug@4.3.7'], removed: [], changed: [], unchanged: 1 },
    },
    {
      name: 'OpenSSL letter releases',
      from: [
        c('ssl', {
          name: 'openssl',
          version: '1.0.2k',
          cpe: 'cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*',
        }),
      ],
      to: [
        c('ssl2', {
          name: 'OpenSSL',
          version: '1.0.2u',
          cpe: 'cpe:2.3:a:openssl:openssl:1.0.2u:*:*:*:*:*:*:*',
        }),
      ],
      want: { added: [], removed: [], changed: ['ssl -> ssl2 upgrade'], unchanged: 0 },
    },
    {
      name: 'commit hashes and lost versions are "changed"',
      from: [c('rtos', { version: '3f2a9c1d' }), c('blob', { version: '2.0' })],
      to: [c('rtos', { version: 'b71e04aa' }), c('blob')],
      want: {
        added: [],
        removed: [],
        changed: ['rtos -> rtos changed', 'blob -> blob changed'],
        unchanged: 0,
      },
    },
    {
      name: 'equivalent versions count as unchanged',
      from: [c('zlib', { version: 'v1.3' })],
      to: [c('zlib', { version: '1.3.0' })],
      want: { added: [], removed: [], changed: [], unchanged: 1 },
    },
    {
      name: 'purl beats CPE and name: another purl is another component',
      from: [c('x', { name: 'json', version: '1.0.0', purl: 'pkg:gem/json@1.0.0' })],
      to: [c('y', { name: 'json', version: '1.0.0', purl: 'pkg:pypi/json@1.0.0' })],
      want: { added: ['y'], removed: ['x'], changed: [], unchanged: 0 },
    },
  ];

  it.each(cases)('$name', ({ from, to, want }) => {
    expect(summary(from, to)).toEqual(want);
  });

  it('returns the components themselves', () => {
    const from = npm('minimist', '1.2.8');
    const to = npm('minimist', '1.2.5');
    expect(diffComponents([from], [to]).upgraded).toEqual([{ from, to, direction: 'downgrade' }]);
  });
});

describe('componentIdentity', () => {
  it.each([
    [
      'purl first',
      c('a', { purl: 'pkg:npm/%40babel/core@7.24.0?foo=bar#lib', cpe: 'cpe:2.3:a:x:y:1:*:*:*:*:*:*:*' }),
      'purl:',
    ],
    ['CPE 2.3 vendor+product', c('a', { cpe: 'cpe:2.3:a:X:Y:1:*:*:*:*:*:*:*' }), 'cpe:x:y'],
    ['CPE 2.2 URI', c('a', { cpe: 'cpe:/a:fatfs_project:fatfs:r0.15' }), 'cpe:fatfs_project:fatfs'],
    ['name + supplier', c('a', { name: ' FatFs ', supplier: 'ChaN' }), 'name:["fatfs","chan"]'],
  ])('%s', (_, component, prefix) => {
    expect(componentIdentity(component).startsWith(prefix)).toBe(true);
  });

  it('drops version and qualifiers from the purl but keeps namespace and subpath', () => {
    const a = componentIdentity(c('a', { purl: 'pkg:npm/%40babel/core@7.24.0?foo=bar#lib' }));
    expect(a).toBe(componentIdentity(c('b', { purl: 'pkg:npm/%40babel/core@7.25.1#lib' })));
    expect(a).not.toBe(componentIdentity(c('c', { purl: 'pkg:npm/core@7.25.1#lib' })));
  });
});

describe('parseCpe', () => {
  it.each([
    [
      'cpe:2.3:a:fatfs_project:fatfs:r0.15:*:*:*:*:*:*:*',
      { vendor: 'fatfs_project', product: 'fatfs', version: 'r0.15' },
    ],
    [
      'cpe:2.3:a:acme\\:labs:pump\\:os:1.0:*:*:*:*:*:*:*',
      { vendor: 'acme\\:labs', product: 'pump\\:os', version: '1.0' },
    ],
    ['cpe:/o:Linux:Linux_Kernel:5.10', { vendor: 'linux', product: 'linux_kernel', version: '5.10' }],
  ])('%s', (cpe, want) => {
    expect(parseCpe(cpe)).toMatchObject(want);
  });

  it.each(['cpe:2.3:a', 'not-a-cpe', 'cpe:2.3:a::product'])('rejects %s', (cpe) => {
    expect(parseCpe(cpe)).toBeNull();
  });
});

describe('compareVersions', () => {
  it.each([
    ['1.2.3', '1.2.10', -1],
    ['v2.0.0', '1.9.9', 1],
    ['1.2', '1.2.0', 0],
    ['R0.14b', 'R0.15', -1],
    ['1.0.2k', '1.0.2l', -1],
    ['2023.10', '2024.01', -1],
    ['7.4.3p1', '7.4.3', 1],
    ['deadbeef1', 'cafebabe2', null],
    ['stable', 'beta', null],
    ['1.x-abc', '1.0-abc', null],
    [null, '1.0', null],
    [null, null, 0],
  ] as const)('%s vs %s → %s', (a, b, want) => {
    const got = compareVersions(a, b);
    expect(got === null ? null : Math.sign(got)).toBe(want);
  });
});
