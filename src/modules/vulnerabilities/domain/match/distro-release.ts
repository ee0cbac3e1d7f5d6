/**
 * Whether a distro-specific OSV ecosystem (`Debian:11`, `Alpine:v3.16`, `Ubuntu:22.04:LTS`,
 * `Red Hat:enterprise_linux:9::appstream`) applies to a deb/rpm/apk component, judged from the purl's
 * `distro` qualifier (`debian-11`, `debian-11.6`, `bullseye`, `alpine-3.16.2`) and, for the family
 * only, its namespace (`pkg:deb/ubuntu/…`). Distro package versions are only comparable within one
 * release: `3.20230808.1~deb11u1` is below Debian 12's fix `3.20230808.1~deb12u1` although it is the
 * Debian 11 fix (DSA-5474-1). Pure.
 */

export type DistroAgreement =
  /** Same family, and the release agrees (or the ecosystem names no release). */
  | 'agree'
  /** Another family or another release: the ecosystem entry does not apply. */
  | 'disagree'
  /** The component names no release (or one that cannot be read): the entry may apply. */
  | 'unknown';

const familyAliases: Record<string, string> = {
  debian: 'debian',
  ubuntu: 'ubuntu',
  alpine: 'alpine',
  'red hat': 'redhat',
  redhat: 'redhat',
  rhel: 'redhat',
  'rocky linux': 'rocky',
  rocky: 'rocky',
  almalinux: 'almalinux',
  alma: 'almalinux',
  opensuse: 'opensuse',
  'opensuse-leap': 'opensuse',
  suse: 'suse',
  sles: 'suse',
  wolfi: 'wolfi',
  chainguard: 'chainguard',
  mageia: 'mageia',
  openeuler: 'openeuler',
};

/** Debian and Ubuntu code names as syft/trivy sometimes write them in `distro`. */
const codeNames: Record<string, { family: string; release: string }> = {
  squeeze: { family: 'debian', release: '6' },
  wheezy: { family: 'debian', release: '7' },
  jessie: { family: 'debian', release: '8' },
  stretch: { family: 'debian', release: '9' },
  buster: { family: 'debian', release: '10' },
  bullseye: { family: 'debian', release: '11' },
  bookworm: { family: 'debian', release: '12' },
  trixie: { family: 'debian', release: '13' },
  xenial: { family: 'ubuntu', release: '16.04' },
  bionic: { family: 'ubuntu', release: '18.04' },
  focal: { family: 'ubuntu', release: '20.04' },
  jammy: { family: 'ubuntu', release: '22.04' },
  noble: { family: 'ubuntu', release: '24.04' },
};

interface DistroRelease {
  family: string | null;
  release: string | null;
}

function familyOf(text: string): string | null {
  return familyAliases[text.trim().toLowerCase()] ?? null;
}

/** `Alpine:v3.16` → alpine/3.16; `Debian:11` → debian/11; `Ubuntu:Pro:18.04:LTS` → ubuntu/18.04. */
export function readEcosystemRelease(ecosystem: string): DistroRelease {
  const [base = '', ...suffix] = ecosystem.split(':');
  const release = /(?:^|[^\d.])v?(\d+(?:\.\d+)*)/.exec(`:${suffix.join(':')}`)?.[1] ?? null;
  return { family: familyOf(base), release };
}

/** `debian-11`, `alpine-3.16.2`, `ubuntu-22.04`, `rhel-9`, `bullseye`, `alpine` → family/release. */
export function readComponentDistro(distro: string | null, namespace: string | null): DistroRelease {
  const fromNamespace = namespace === null ? null : familyOf(namespace);
  if (distro === null) return { family: fromNamespace, release: null };
  const text = distro.trim().toLowerCase();
  const named = codeNames[text];
  if (named) return named;
  const match = /^([a-z][a-z ]*?)[-_ ]?v?(\d+(?:\.\d+)*)/.exec(text);
  if (match) return { family: familyOf(match[1] as string) ?? fromNamespace, release: match[2] as string };
  return { family: familyOf(text) ?? fromNamespace, release: null };
}

/**
 * Whether an OSV ecosystem entry applies to a component of this distro. A component release equal to
 * the ecosystem's or more precise (`3.16.2` for `v3.16`, `11.6` for `11`) agrees; a family known on
 * both sides must be the same (Ubuntu packages never match Debian entries).
 */
export function compareDistro(
  ecosystem: string,
  distro: string | null,
  namespace: string | null,
): DistroAgreement {
  const wanted = readEcosystemRelease(ecosystem);
  const actual = readComponentDistro(distro, namespace);
  if (wanted.family !== null && actual.family !== null && wanted.family !== actual.family) return 'disagree';
  // `pkg:apk/curl` without namespace or distro may be Alpine or Wolfi: possible, not established.
  if (wanted.release === null) return wanted.family !== null && actual.family === null ? 'unknown' : 'agree';
  if (actual.release === null) return 'unknown';
  if (actual.release === wanted.release || actual.release.startsWith(`${wanted.release}.`)) return 'agree';
  // A less precise component release (`3` for `v3.16`) cannot be decided.
  return wanted.release.startsWith(`${actual.release}.`) ? 'unknown' : 'disagree';
}
