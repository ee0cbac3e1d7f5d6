import type {
  harmSeverityValues,
  supplierPriorityValues,
  triageStateValues,
} from '@contracts/risk/risk.contracts.ts';
import type { VulnerabilitySummary } from '@contracts/vulnerabilities/vulnerabilities.contracts.ts';
import { Badge } from '../../components/badge.tsx';
import { DateText } from '../../components/format.tsx';
import { None } from '../devices/devices-display.tsx';

export type TriageState = (typeof triageStateValues)[number];
export type SupplierPriority = (typeof supplierPriorityValues)[number];
export type HarmSeverity = (typeof harmSeverityValues)[number];
export type Decision = 'controlled' | 'uncontrolled';

export const triageStateLabels: Record<TriageState, string> = {
  new: 'New',
  in_analysis: 'In analysis',
  exploitable: 'Exploitable',
  not_affected: 'Not affected',
  false_positive: 'False positive',
  resolved: 'Resolved',
};

const triageTones: Record<TriageState, 'neutral' | 'info' | 'danger' | 'success'> = {
  new: 'neutral',
  in_analysis: 'info',
  exploitable: 'danger',
  not_affected: 'success',
  false_positive: 'success',
  resolved: 'success',
};

export function TriageBadge({ state }: { state: TriageState }) {
  return (
    <Badge tone={triageTones[state]} label="Triage">
      {triageStateLabels[state]}
    </Badge>
  );
}

export const supplierPriorityLabels: Record<SupplierPriority, string> = {
  defer: 'Defer',
  scheduled: 'Scheduled',
  'out-of-cycle': 'Out-of-cycle',
  immediate: 'Immediate',
};

const supplierTones: Record<SupplierPriority, 'neutral' | 'info' | 'caution' | 'danger'> = {
  defer: 'neutral',
  scheduled: 'info',
  'out-of-cycle': 'caution',
  immediate: 'danger',
};

export function SupplierBadge({ priority }: { priority: SupplierPriority | null }) {
  if (!priority) return <None text="No SSVC priority" />;
  return (
    <Badge tone={supplierTones[priority]} label="SSVC supplier priority">
      {supplierPriorityLabels[priority]}
    </Badge>
  );
}

/** Controlled / uncontrolled (FDA postmarket guidance), or "not assessed": as text and glyph, not colour alone. */
export function DecisionBadge({ decision }: { decision: Decision | null | undefined }) {
  if (decision === 'uncontrolled') {
    return (
      <Badge tone="danger" label="Decision">
        <span className="badge__glyph" aria-hidden="true">
          ▲
        </span>
        Uncontrolled
      </Badge>
    );
  }
  if (decision === 'controlled') {
    return (
      <Badge tone="success" label="Decision">
        <span className="badge__glyph" aria-hidden="true">
          ✓
        </span>
        Controlled
      </Badge>
    );
  }
  return (
    <Badge tone="neutral" label="Decision">
      Not assessed
    </Badge>
  );
}

export const harmSeverityLabels: Record<HarmSeverity, string> = {
  negligible: 'Negligible',
  minor: 'Minor',
  serious: 'Serious',
  critical: 'Critical',
  catastrophic: 'Catastrophic',
};

/** ISO 14971 (2007) severity levels as the FDA postmarket guidance reproduces them. */
export const harmSeverityDescriptions: Record<HarmSeverity, string> = {
  negligible: 'Inconvenience or temporary discomfort',
  minor: 'Temporary injury or impairment not needing professional medical intervention',
  serious: 'Injury or impairment needing professional medical intervention',
  critical: 'Permanent impairment or life-threatening injury',
  catastrophic: 'Patient death',
};

/** Today in the browser's calendar, as YYYY-MM-DD. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The remediation due date and, when it has passed, an "Overdue" flag. */
export function DueDate({
  dueOn,
  overdue,
  withLabel = false,
}: {
  dueOn: string | null;
  overdue: boolean;
  /** Say "Due" before the date (where no header says it). */
  withLabel?: boolean;
}) {
  if (!dueOn) return withLabel ? null : <None text="No due date" />;
  return (
    <span className="risk-due">
      <span>
        {withLabel ? 'Due ' : null}
        <DateText iso={dueOn} />
      </span>
      {overdue ? (
        <Badge tone="danger">
          <span className="badge__glyph" aria-hidden="true">
            ⏰
          </span>
          Overdue
        </Badge>
      ) : null}
    </span>
  );
}

type VulnerabilityFacts = Pick<
  VulnerabilitySummary,
  'id' | 'displayId' | 'summary' | 'cvssScore' | 'kevDateAdded' | 'epss' | 'epssPercentile'
> & { cvssVector?: string | null };

/** The risk contracts' vulnerability facts in the shape the vulnerabilities feature's badges take. */
export function asVulnerabilitySummary(vulnerability: VulnerabilityFacts): VulnerabilitySummary {
  return {
    ...vulnerability,
    ids: [vulnerability.displayId],
    cvssVector: vulnerability.cvssVector ?? null,
    withdrawn: null,
  };
}

export function ComponentList({
  components,
}: {
  components: readonly { name: string; version: string | null; purl: string | null }[];
}) {
  if (components.length === 0) return <None text="No component" />;
  return (
    <ul className="risk-components">
      {components.map((component) => (
        <li
          key={`${component.name}@${component.version ?? ''}@${component.purl ?? ''}`}
          title={component.purl ?? undefined}
        >
          {component.name}
          {component.version ? (
            <>
              <span aria-hidden="true">@</span>
              <span className="visually-hidden"> version </span>
              <span className="version">{component.version}</span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
