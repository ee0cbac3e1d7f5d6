import type { Disclosure } from '@contracts/disclosures/disclosures.contracts.ts';
import type { ReactNode } from 'react';

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'caution' | 'danger';

/** A short label. Its colour only repeats what its text says. */
export function Badge({
  tone = 'neutral',
  children,
  label,
}: {
  tone?: Tone;
  children: ReactNode;
  label?: string;
}) {
  return (
    <span className={`badge badge--${tone}`}>
      {label ? <span className="visually-hidden">{label}: </span> : null}
      {children}
    </span>
  );
}

type Severity = Disclosure['severity'];

const severityDisplay: Record<Severity, { tone: Tone; text: string; glyph: string }> = {
  critical: { tone: 'danger', text: 'Critical', glyph: '▲▲' },
  high: { tone: 'caution', text: 'High', glyph: '▲' },
  medium: { tone: 'warning', text: 'Medium', glyph: '◆' },
  low: { tone: 'info', text: 'Low', glyph: '▼' },
  none: { tone: 'neutral', text: 'None', glyph: '○' },
};

export const severityLabels: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'None',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const display = severityDisplay[severity];
  return (
    <Badge tone={display.tone} label="Severity">
      <span className="badge__glyph" aria-hidden="true">
        {display.glyph}
      </span>
      {display.text}
    </Badge>
  );
}

type Status = Disclosure['status'];

const statusDisplay: Record<Status, { tone: Tone; text: string }> = {
  draft: { tone: 'neutral', text: 'Draft' },
  approved: { tone: 'info', text: 'Approved' },
  published: { tone: 'success', text: 'Published' },
  withdrawn: { tone: 'danger', text: 'Withdrawn' },
};

export function StatusBadge({ status }: { status: Status }) {
  const display = statusDisplay[status];
  return (
    <Badge tone={display.tone} label="Status">
      {display.text}
    </Badge>
  );
}
