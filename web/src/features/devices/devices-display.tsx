import type { Component, ProductVersion, VersionDiff } from '@contracts/devices/devices.contracts.ts';
import { Badge } from '../../components/badge.tsx';

type SupportPhase = ProductVersion['supportPhase'];

export const supportPhaseLabels: Record<SupportPhase, string> = {
  development: 'In development',
  supported: 'Supported',
  'security-updates-only': 'Security updates only',
  'end-of-support': 'End of support',
};

const supportPhaseDisplay: Record<
  SupportPhase,
  { tone: 'info' | 'success' | 'warning' | 'neutral'; glyph: string }
> = {
  development: { tone: 'info', glyph: '◇' },
  supported: { tone: 'success', glyph: '●' },
  'security-updates-only': { tone: 'warning', glyph: '◐' },
  'end-of-support': { tone: 'neutral', glyph: '○' },
};

export function SupportPhaseBadge({ phase }: { phase: SupportPhase }) {
  const display = supportPhaseDisplay[phase];
  return (
    <Badge tone={display.tone} label="Support">
      <span className="badge__glyph" aria-hidden="true">
        {display.glyph}
      </span>
      {supportPhaseLabels[phase]}
    </Badge>
  );
}

type Direction = VersionDiff['changed'][number]['direction'];

const directionDisplay: Record<
  Direction,
  { tone: 'success' | 'caution' | 'info'; glyph: string; text: string }
> = {
  upgrade: { tone: 'success', glyph: '▲', text: 'Upgrade' },
  downgrade: { tone: 'caution', glyph: '▼', text: 'Downgrade' },
  changed: { tone: 'info', glyph: '◆', text: 'Changed' },
};

export function DirectionBadge({ direction }: { direction: Direction }) {
  const display = directionDisplay[direction];
  return (
    <Badge tone={display.tone} label="Change">
      <span className="badge__glyph" aria-hidden="true">
        {display.glyph}
      </span>
      {display.text}
    </Badge>
  );
}

/** A dash that screen readers read as "none". */
export function None({ text = 'None' }: { text?: string }) {
  return (
    <span className="muted">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{text}</span>
    </span>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The first 12 hex digits, the whole hash in a tooltip and for assistive technology. */
export function ShortHash({ sha256 }: { sha256: string }) {
  return (
    <code className="hash" title={sha256}>
      <span aria-hidden="true">{sha256.slice(0, 12)}…</span>
      <span className="visually-hidden">{sha256}</span>
    </code>
  );
}

/** A component's identifiers: its purl, else its CPE, else a low-confidence guess from its name. */
export function ComponentIdentity({ component }: { component: Component }) {
  if (component.purl || component.cpe) {
    return (
      <span className="identity">
        {component.purl ? <code className="identity__id">{component.purl}</code> : null}
        {component.cpe ? <code className="identity__id">{component.cpe}</code> : null}
      </span>
    );
  }
  if (component.identityHint) {
    const { vendor, product } = component.identityHint;
    return (
      <span className="muted">
        No purl or CPE; probably {vendor ? `${vendor} ` : ''}
        {product} (low confidence)
      </span>
    );
  }
  return <None text="No purl or CPE" />;
}

export function VersionText({ version }: { version: string | null }) {
  return version ? <span className="version">{version}</span> : <None text="No version" />;
}

/** purl types (package-url spec) offered as a filter; the server accepts any. */
export const purlTypes = [
  'apk',
  'bitbucket',
  'cargo',
  'cocoapods',
  'composer',
  'conan',
  'conda',
  'deb',
  'docker',
  'gem',
  'generic',
  'github',
  'golang',
  'hex',
  'maven',
  'npm',
  'nuget',
  'oci',
  'pub',
  'pypi',
  'rpm',
  'swift',
] as const;

const formatLabels: Record<string, string> = {
  cyclonedx: 'CycloneDX',
  'cyclonedx-json': 'CycloneDX JSON',
  'cyclonedx-xml': 'CycloneDX XML',
  spdx: 'SPDX',
  'spdx-json': 'SPDX JSON',
  'spdx-tag-value': 'SPDX tag-value',
  'spdx-tv': 'SPDX tag-value',
};

/** The server's format name for people: "cyclonedx-json" as "CycloneDX JSON"; unknown names as sent. */
export function formatLabel(format: string): string {
  return formatLabels[format.toLowerCase()] ?? format;
}
