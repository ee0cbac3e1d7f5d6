import { describe, expect, it } from 'vitest';
import { compareDistro, readComponentDistro, readEcosystemRelease } from './distro-release.ts';
import { comparableName, normalisePypiName, readPurlIdentity } from './purl-identity.ts';

const read = (purl: string, version: string | null = null) => {
  const identity = readPurlIdentity(purl, version);
  return identity && [identity.purlType, identity.ecosystemName, identity.version, identity.distro];
};

describe('readPurlIdentity', () => {
  it.each([
    [
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      ['maven', 'org.apache.logging.log4j:log4j-core', '2.14.1', null],
    ],
    ['pkg:npm/%40babel/core@7.0.0', ['npm', '@babel/core', '7.0.0', null]],
    ['pkg:npm/@babel/core@7.0.0', ['npm', '@babel/core', '7.0.0', null]],
    ['pkg:npm/lodash@4.17.20', ['npm', 'lodash', '4.17.20', null]],
    ['pkg:golang/golang.org/x/text@v0.3.5', ['golang', 'golang.org/x/text', 'v0.3.5', null]],
    ['pkg:pypi/Jw_Util@2.2', ['pypi', 'jw-util', '2.2', null]],
    ['pkg:composer/laravel/framework@8.0.0', ['composer', 'laravel/framework', '8.0.0', null]],
    ['pkg:nuget/Newtonsoft.Json@9.0.1', ['nuget', 'Newtonsoft.Json', '9.0.1', null]],
    [
      'pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?arch=amd64&distro=debian-11',
      ['deb', 'openssl', '1.1.1n-0+deb11u3', 'debian-11'],
    ],
    ['pkg:alpine/busybox@1.35.0-r17?distro=alpine-3.16.2', ['apk', 'busybox', '1.35.0-r17', 'alpine-3.16.2']],
    [
      'pkg:rpm/redhat/openssl@1.1.1k-7.el8?epoch=1&distro=rhel-8',
      ['rpm', 'openssl', '1:1.1.1k-7.el8', 'rhel-8'],
    ],
    ['pkg:nuget/xunit%402.4.1', ['nuget', 'xunit', '2.4.1', null]],
    ['PKG:NPM/left-pad@1.3.0#sub/path', ['npm', 'left-pad', '1.3.0', null]],
  ])('%s', (purl, expected) => {
    expect(read(purl)).toEqual(expected);
  });

  it('takes a missing version from the component and says so', () => {
    const identity = readPurlIdentity('pkg:github/wolfssl/wolfssl', '4.8.1');
    expect(identity).toMatchObject({
      purlType: 'github',
      ecosystemName: 'wolfssl/wolfssl',
      version: '4.8.1',
    });
    expect(identity?.repairs).toEqual(["version '4.8.1' taken from the component (the purl has none)"]);
    expect(readPurlIdentity('pkg:generic/qualcomm_atheros_qca9563', null)?.version).toBeNull();
  });

  it('rejects what is not a purl', () => {
    for (const text of ['', 'cpe:2.3:a:x:y:1', 'pkg:', 'pkg:npm', 'pkg:npm/', 'npm/left-pad@1']) {
      expect(readPurlIdentity(text, null)).toBeNull();
    }
  });

  it('compares names with the ecosystem normalisation', () => {
    expect(normalisePypiName('Zope.Interface__x--y')).toBe('zope-interface-x-y');
    expect(comparableName('nuget', 'Newtonsoft.Json')).toBe(comparableName('nuget', 'newtonsoft.json'));
    expect(comparableName('golang', 'github.com/BurntSushi/toml')).toBe('github.com/BurntSushi/toml');
  });
});

describe('distro releases', () => {
  it('reads ecosystems and purl distro qualifiers', () => {
    expect(readEcosystemRelease('Alpine:v3.16')).toEqual({ family: 'alpine', release: '3.16' });
    expect(readEcosystemRelease('Ubuntu:Pro:18.04:LTS')).toEqual({ family: 'ubuntu', release: '18.04' });
    expect(readEcosystemRelease('Red Hat:enterprise_linux:9::appstream')).toEqual({
      family: 'redhat',
      release: '9',
    });
    expect(readComponentDistro('bookworm', null)).toEqual({ family: 'debian', release: '12' });
    expect(readComponentDistro(null, 'alpine')).toEqual({ family: 'alpine', release: null });
  });

  it.each([
    ['Debian:11', 'debian-11', 'debian', 'agree'],
    ['Debian:11', 'debian-11.6', 'debian', 'agree'],
    ['Debian:11', 'debian-12', 'debian', 'disagree'],
    ['Debian:11', 'debian-1', 'debian', 'disagree'],
    ['Debian:11', null, 'debian', 'unknown'],
    ['Debian:11', 'ubuntu-22.04', 'ubuntu', 'disagree'],
    ['Alpine:v3.16', 'alpine-3.16.2', 'alpine', 'agree'],
    ['Alpine:v3.16', 'alpine-3', 'alpine', 'unknown'],
    ['Alpine:v3.16', 'alpine-3.1', 'alpine', 'disagree'],
    ['Wolfi', null, 'wolfi', 'agree'],
    ['Wolfi', null, 'alpine', 'disagree'],
    ['Wolfi', null, null, 'unknown'],
  ] as const)('%s vs distro %s (namespace %s): %s', (ecosystem, distro, namespace, expected) => {
    expect(compareDistro(ecosystem, distro, namespace)).toBe(expected);
  });
});
