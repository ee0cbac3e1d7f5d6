import { describe, expect, it } from 'vitest';
import { packageLookupName } from './package-lookup-name.ts';

describe('package lookup names', () => {
  it('is the last segment of the name, lower-cased', () => {
    expect(packageLookupName('npm', '@Scope/Name')).toBe('name');
    expect(packageLookupName('maven', 'org.apache.logging.log4j:log4j-core')).toBe('log4j-core');
    expect(packageLookupName('golang', 'github.com/Foo/Bar')).toBe('bar');
    expect(packageLookupName('deb', 'openssl')).toBe('openssl');
  });

  it('keeps a Go major version suffix with the segment before it', () => {
    expect(packageLookupName('golang', 'github.com/foo/bar/v2')).toBe('bar/v2');
    expect(packageLookupName('golang', 'github.com/jackc/pgx/v5')).toBe('pgx/v5');
    expect(packageLookupName('golang', 'bar/v12')).toBe('bar/v12');
    // Not a major version suffix: gopkg.in's `.vN`, a bare `v`, a `v` with letters, other ecosystems.
    expect(packageLookupName('golang', 'gopkg.in/yaml.v2')).toBe('yaml.v2');
    expect(packageLookupName('golang', 'example.com/x/v')).toBe('v');
    expect(packageLookupName('golang', 'example.com/x/v2beta')).toBe('v2beta');
    expect(packageLookupName('golang', 'v2')).toBe('v2');
    expect(packageLookupName('npm', 'foo/v2')).toBe('v2');
  });

  it('normalises PyPI names as PEP 503 does', () => {
    expect(packageLookupName('pypi', 'Zope.Interface')).toBe('zope-interface');
    expect(packageLookupName('pypi', 'typing__extensions')).toBe('typing-extensions');
  });
});
