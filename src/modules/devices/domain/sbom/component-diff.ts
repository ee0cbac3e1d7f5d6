/**
 * What changed in a device's components between two versions: added, removed, upgraded/downgraded, and
 * how many stayed. Pure.
 */
import { PackageURL } from 'packageurl-js';
import semver from 'semver';
import type { SbomComponent } from './sbom-model.ts';

export type VersionDirection = 'upgrade' | 'downgrade' | 'changed';

export interface ComponentChange {
  from: SbomComponent;
  to: SbomComponent;
  direction: VersionDirection;
}

export interface ComponentDiff {
  /** In `to` order. */
  added: SbomComponent[];
  /** In `from` order. */
  removed: SbomComponent[];
  /** One entry per component whose version changed, in `to` order (the name is historical: see direction). */
  upgraded: ComponentChange[];
  /** Pairs whose versions are equal or equivalent (`1.2` and `v1.2.0`). */
  unchanged: number;
}

/**
 * Compares the components of two versions of a device.
 *
 * A component keeps its identity across versions by, in this order (the first the component has):
 * 1. its purl without version, qualifiers and `@`: type, namespace, name and subpath, as packageurl-js
 *    normalises them (purl spec "Rules for each purl component");
 * 2. its CPE's vendor and product, lower-cased (CPE 2.3 formatted string, NISTIR 7695 §6.2: fields split at
 *    colons not escaped with `\`; a CPE 2.2 URI `cpe:/part:vendor:product` too);
 * 3. its lower-cased name and supplier.
 * A component that gains or loses a purl/CPE between versions therefore shows as removed + added.
 *
 * Several components with one identity (two lodash versions bundled side by side) are paired so: first each
 * `from` component with a `to` component of an equal or equivalent version (unchanged); then the rest, both
 * sides sorted newest first, by rank (newest with newest), as upgrades/downgrades; what is left over on the
 * `from` side is removed, on the `to` side added.
 *
 * Versions are compared with semver when both are clean semver (a leading `v` and missing minor/patch
 * allowed), else by a natural comparison (digit runs as numbers, letter runs alphabetically: `R0.14b` <
 * `R0.15`, `1.0.2k` < `1.0.2l`), else — a commit hash, a missing version, runs of different kinds at the
 * first difference — the direction is `changed`.
 */
export function diffComponents(from: SbomComponent[], to: SbomComponent[]): ComponentDiff {
  const fromGroups = groupByIdentity(from);
  const toGroups = groupByIdentity(to);
  const removed = new Set<SbomComponent>();
  const added = new Set<SbomComponent>(to);
  const changes = new Map<SbomComponent, ComponentChange>();
  let unchanged = 0;

  for (const [identity, olds] of fromGroups) {
    const news = [...(toGroups.get(identity) ?? [])];
    const leftOld: SbomComponent[] = [];
    for (const old of olds) {
      const same = news.findIndex((candidate) => compareVersions(old.version, candidate.version) === 0);
      if (same < 0) {
        leftOld.push(old);
        continue;
      }
      added.delete(news[same]!);
      news.splice(same, 1);
      unchanged++;
    }
    const newestFirst = (a: SbomComponent, b: SbomComponent) => -(compareVersions(a.version, b.version) ?? 0);
    leftOld.sort(newestFirst);
    news.sort(newestFirst);
    leftOld.forEach((old, rank) => {
      const next = news[rank];
      if (!next) {
        removed.add(old);
        return;
      }
      added.delete(next);
      const order = compareVersions(old.version, next.version);
      const direction: VersionDirection =
        order === null || order === 0 ? 'changed' : order < 0 ? 'upgrade' : 'downgrade';
      changes.set(next, { from: old, to: next, direction });
    });
  }
  return {
    added: to.filter((c) => added.has(c)),
    removed: from.filter((c) => removed.has(c)),
    upgraded: to.flatMap((c) => changes.get(c) ?? []),
    unchanged,
  };
}

function groupByIdentity(components: readonly SbomComponent[]): Map<string, SbomComponent[]> {
  const groups = new Map<string, SbomComponent[]>();
  for (const component of components) {
    const key = componentIdentity(component);
    const group = groups.get(key);
    if (group) group.push(component);
    else groups.set(key, [component]);
  }
  return groups;
}

/** The key a component keeps across versions (see {@link diffComponents}). */
export function componentIdentity(component: SbomComponent): string {
  if (component.purl) {
    const purl = purlIdentity(component.purl);
    if (purl) return `purl:${purl}`;
  }
  if (component.cpe) {
    const cpe = parseCpe(component.cpe);
    if (cpe) return `cpe:${cpe.vendor}:${cpe.product}`;
  }
  return `name:${JSON.stringify([component.name.trim().toLowerCase(), component.supplier?.trim().toLowerCase() ?? ''])}`;
}

function purlIdentity(text: string): string | null {
  try {
    const { type, namespace, name, subpath } = PackageURL.fromString(text);
    return JSON.stringify([type, namespace ?? '', name, subpath ?? '']);
  } catch {
    // Not spec-valid: strip qualifiers, subpath and version by hand rather than lose the purl.
    const bare = text.trim().split(/[?#]/)[0]!;
    const at = bare.lastIndexOf('@');
    const slash = bare.lastIndexOf('/');
    return (at > slash ? bare.slice(0, at) : bare).toLowerCase() || null;
  }
}

/**
 * Vendor, product and version of a CPE 2.3 formatted string (`cpe:2.3:part:vendor:product:version:…`,
 * colons escaped as `\:` stay inside a field) or a CPE 2.2 URI; lower-cased, escapes kept. Null if neither.
 */
export function parseCpe(
  cpe: string,
): { part: string; vendor: string; product: string; version: string } | null {
  const text = cpe.trim().toLowerCase();
  let fields: string[];
  if (text.startsWith('cpe:2.3:')) {
    fields = splitUnescaped(text).slice(2);
  } else if (text.startsWith('cpe:/')) {
    fields = text.slice('cpe:/'.length).split(':');
  } else {
    return null;
  }
  const [part = '', vendor = '', product = '', version = ''] = fields;
  return vendor && product ? { part, vendor, product, version } : null;
}

function splitUnescaped(text: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < text.length) {
      current += char + text[i + 1];
      i++;
    } else if (char === ':') {
      fields.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  fields.push(current);
  return fields;
}

/**
 * Negative when `a` is older than `b`, positive when newer, 0 when equal or equivalent, null when the two
 * cannot be ordered (see {@link diffComponents}).
 */
export function compareVersions(a: string | null, b: string | null): number | null {
  const left = a?.trim() ?? '';
  const right = b?.trim() ?? '';
  if (left === right) return 0;
  if (left === '' || right === '') return null;
  const semverLeft = cleanSemver(left);
  const semverRight = cleanSemver(right);
  if (semverLeft && semverRight) return semver.compare(semverLeft, semverRight);
  return naturalCompare(left, right);
}

function cleanSemver(version: string): string | null {
  // Strict on purpose: loose mode reads OpenSSH's `7.4p1` as the prerelease 7.4.0-p1.
  const clean = semver.valid(semver.clean(version));
  if (clean) return clean;
  // `1.2` and `v4` are semver with the missing parts at zero.
  return /^v?\d+(\.\d+){0,2}$/i.test(version) ? (semver.coerce(version)?.version ?? null) : null;
}

const looksLikeHash = /^(?=.*[a-f])[0-9a-f]{7,64}$/i;

function naturalCompare(a: string, b: string): number | null {
  if (looksLikeHash.test(a) || looksLikeHash.test(b) || !/\d/.test(a) || !/\d/.test(b)) return null;
  const tokens = (v: string) => v.toLowerCase().match(/\d+|[a-z]+/g) ?? [];
  const left = tokens(a);
  const right = tokens(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xNumeric = /^\d/.test(x);
    if (xNumeric !== /^\d/.test(y)) return null;
    if (xNumeric) {
      const diff = BigInt(x) - BigInt(y);
      if (diff !== 0n) return diff < 0n ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  return 0;
}
