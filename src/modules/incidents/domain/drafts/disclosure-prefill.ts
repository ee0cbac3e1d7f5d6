/**
 * The public disclosure an incident starts (issue 6 point 6): title, summary, severity and a body laid
 * out as an incident notice (what happened; impact on patient safety, privacy and device performance;
 * affected products; what users should do), pre-filled from the incident and its facts. What only the
 * manufacturer can say is marked TO FILL IN; publication still needs a second person's approval.
 */
import { toFillIn } from './obligation-draft.ts';

export interface PrefillIncident {
  title: string;
  kind: string;
  description: string;
  detectedAt: string;
  productIds: string[];
  products: { name: string; versions: string[] }[];
  vulnerabilities: string[];
  facts: Record<string, unknown> | null;
}

export interface DisclosurePrefill {
  title: string;
  summary: string;
  body: string;
  severity: 'none' | 'low' | 'medium' | 'high' | 'critical';
  productIds: string[];
}

const get = (value: unknown, path: string[]): unknown =>
  path.reduce<unknown>(
    (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
    value,
  );

const harmWords: Record<string, string> = {
  none: 'No patient harm is known.',
  malfunction_could_harm:
    'The device malfunctioned in a way that could lead to patient harm; no harm is known.',
  serious_injury: 'A serious injury to a patient is known to be linked to the incident.',
  death: 'A patient death is known to be linked to the incident.',
};

function severityOf(facts: Record<string, unknown> | null): DisclosurePrefill['severity'] {
  const harm = get(facts, ['event', 'patientHarm']);
  if (harm === 'death') return 'critical';
  if (harm === 'serious_injury') return 'high';
  if (harm === 'malfunction_could_harm') return 'medium';
  const risk = get(facts, ['event', 'personalDataBreach', 'riskToIndividuals']);
  if (risk === 'high') return 'high';
  if (risk === 'risk') return 'medium';
  return 'low';
}

export function disclosurePrefill(incident: PrefillIncident): DisclosurePrefill {
  const kind = incident.kind.replace(/_/g, ' ');
  const harm = get(incident.facts, ['event', 'patientHarm']);
  const breach = get(incident.facts, ['event', 'personalDataBreach']) as
    | { individuals?: number; riskToIndividuals?: string }
    | null
    | undefined;
  const products = incident.products.map(
    (p) => `- ${p.name}${p.versions.length > 0 ? ` (versions ${p.versions.join(', ')})` : ''}`,
  );
  const body = [
    '## What happened',
    '',
    incident.description.trim() || toFillIn,
    '',
    `Candor recorded this ${kind} incident, detected on ${incident.detectedAt.slice(0, 10)}.`,
    '',
    '## Impact on patient safety, privacy and device performance',
    '',
    typeof harm === 'string' ? (harmWords[harm] ?? toFillIn) : toFillIn,
    breach && typeof breach.individuals === 'number'
      ? `Personal data of about ${breach.individuals} individuals may have been affected.`
      : 'No breach of personal data is known.',
    `Device performance: ${toFillIn}`,
    '',
    '## Affected products',
    '',
    ...(products.length > 0 ? products : [toFillIn]),
    '',
    ...(incident.vulnerabilities.length > 0
      ? ['## Vulnerabilities', '', ...incident.vulnerabilities.map((v) => `- ${v}`), '']
      : []),
    '## What users should do',
    '',
    toFillIn,
    '',
  ].join('\n');
  return {
    title: incident.title,
    summary: `${kind.charAt(0).toUpperCase()}${kind.slice(1)} incident affecting ${
      incident.products.map((p) => p.name).join(', ') || 'our products'
    }: ${incident.title}`.slice(0, 2_000),
    body,
    severity: severityOf(incident.facts),
    productIds: incident.productIds,
  };
}
