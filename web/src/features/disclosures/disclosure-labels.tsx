import type {
  customerTlpLabels,
  Disclosure,
  disclosureKinds,
  productStatuses,
  remediationCategories,
  tlpLabels,
  vexJustifications,
} from '@contracts/disclosures/disclosures.contracts.ts';
import { Badge } from '../../components/badge.tsx';
import type { Revision } from './disclosures.api.ts';

/** Words for the disclosure contract's codes, shared by the editor and the public pages. */

export const kindLabels: Record<(typeof disclosureKinds)[number], string> = {
  advisory: 'Security advisory',
  incident_notice: 'Incident notice',
};

export const tlpDescriptions: Record<(typeof tlpLabels)[number], { label: string; text: string }> = {
  CLEAR: {
    label: 'TLP:CLEAR — public',
    text: 'Anyone may read it: published on the portal, in the Atom feed and in the public CSAF folders.',
  },
  GREEN: {
    label: 'TLP:GREEN — customers and community',
    text: 'Not on the public pages: only customers who sign in to the customer channel receive it; they may share it within their community.',
  },
  AMBER: {
    label: 'TLP:AMBER — customers only',
    text: 'Not on the public pages: only customers who sign in to the customer channel receive it, to share only within their organisation on a need-to-know basis.',
  },
};

export const customerTlpText: Record<(typeof customerTlpLabels)[number], string> = {
  GREEN: 'TLP:GREEN — customers may share it within their community',
  AMBER: 'TLP:AMBER — customers keep it within their organisation',
};

export const productStatusLabels: Record<(typeof productStatuses)[number], string> = {
  known_affected: 'Affected',
  fixed: 'Fixed',
  known_not_affected: 'Not affected',
  under_investigation: 'Under investigation',
};

export const justificationLabels: Record<(typeof vexJustifications)[number], string> = {
  component_not_present: 'The vulnerable component is not present',
  vulnerable_code_not_present: 'The vulnerable code is not present',
  vulnerable_code_cannot_be_controlled_by_adversary:
    'The vulnerable code cannot be controlled by an attacker',
  vulnerable_code_not_in_execute_path: 'The vulnerable code is not in the execute path',
  inline_mitigations_already_exist: 'Mitigations already exist in the product',
};

export const remediationLabels: Record<(typeof remediationCategories)[number], string> = {
  vendor_fix: 'Vendor fix (update)',
  workaround: 'Workaround',
  mitigation: 'Mitigation',
  none_available: 'No fix available',
  no_fix_planned: 'No fix planned',
};

export const revisionActionLabels: Record<Revision['action'], string> = {
  published: 'Published',
  revised: 'Revised',
  withdrawn: 'Withdrawn',
};

const statusDisplay: Record<
  Disclosure['status'],
  { tone: 'neutral' | 'info' | 'success' | 'danger'; text: string }
> = {
  draft: { tone: 'neutral', text: 'Draft' },
  approved: { tone: 'info', text: 'Approved' },
  published: { tone: 'success', text: 'Published' },
  withdrawn: { tone: 'danger', text: 'Withdrawn' },
};

/** The record's status, withdrawn included. */
export function DisclosureStatusBadge({ status }: { status: Disclosure['status'] }) {
  const display = statusDisplay[status];
  return (
    <Badge tone={display.tone} label="Status">
      {display.text}
    </Badge>
  );
}

export const cveUrl = (cve: string) => `https://www.cve.org/CVERecord?id=${encodeURIComponent(cve)}`;

export function cweUrl(id: string): string | null {
  const number = /^CWE-(\d+)$/.exec(id)?.[1];
  return number ? `https://cwe.mitre.org/data/definitions/${number}.html` : null;
}

/** FIRST's calculator opened at the vector, for readers who want the metrics explained. */
export function cvssCalculatorUrl(vector: string): string | null {
  const version = /^CVSS:(3\.[01]|4\.0)\//.exec(vector)?.[1];
  return version ? `https://www.first.org/cvss/calculator/${version}#${vector}` : null;
}
