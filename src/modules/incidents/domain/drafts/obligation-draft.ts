/**
 * A pre-filled draft of one mandatory report (issue 6 point 5): every item of the rule's required-content
 * list appears, answered from the incident and its facts where Candor knows the answer, otherwise marked
 * TO FILL IN, so a draft can never silently drop a field the recipient needs. Pure: Markdown and JSON
 * from plain data.
 */
export interface DraftObligation {
  ruleId: string;
  title: string;
  regime: string;
  jurisdiction: string;
  recipient: string;
  dueAt: string | null;
  dueRule: string;
  basis: string;
  source: string;
  confirmed: boolean;
}

export interface DraftIncident {
  title: string;
  kind: string;
  description: string;
  detectedAt: string;
  products: { name: string; modelNumbers: string[]; udiDi: string | null; versions: string[] }[];
  vulnerabilities: string[];
  facts: Record<string, unknown> | null;
}

export interface ObligationDraftContent {
  markdown: string;
  json: Record<string, unknown>;
  missing: string[];
}

export const toFillIn = 'TO FILL IN';

const maliciousKinds = new Set([
  'ransomware',
  'malware',
  'unauthorized_access',
  'device_tampering',
  'supply_chain',
]);

const at = (value: unknown, path: string[]): unknown =>
  path.reduce<unknown>(
    (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
    value,
  );

function deviceIdentification(incident: DraftIncident): string | null {
  if (incident.products.length === 0) return null;
  return incident.products
    .map((p) =>
      [
        p.name,
        p.versions.length > 0 ? `versions ${p.versions.join(', ')}` : null,
        p.modelNumbers.length > 0 ? `models ${p.modelNumbers.join(', ')}` : null,
        p.udiDi ? `UDI-DI ${p.udiDi}` : null,
      ]
        .filter(Boolean)
        .join('; '),
    )
    .join(' | ');
}

/** What Candor can say about a required-content item, matched on the item's words; null: to fill in. */
function answer(item: string, incident: DraftIncident): string | null {
  const text = item.toLowerCase();
  const facts = incident.facts;
  if (/device identification|product identification|affected (products|devices)/.test(text))
    return deviceIdentification(incident);
  if (/unlawful or malicious|malicious act/.test(text))
    return maliciousKinds.has(incident.kind)
      ? `Suspected: yes (the incident is recorded as ${incident.kind.replace(/_/g, ' ')})`
      : null;
  if (/cross-border/.test(text)) {
    const where = at(facts, ['event', 'occurredIn']);
    return Array.isArray(where) && where.length > 0
      ? `${where.length > 1 ? 'Possible' : 'Not known'}: occurred in ${where.join(', ')}`
      : null;
  }
  if (/description of the (event|incident)|nature of the (incident|breach)|what happened/.test(text))
    return incident.description.trim() || null;
  if (/number of (individuals|data subjects|persons)|individuals affected/.test(text)) {
    const count = at(facts, ['event', 'personalDataBreach', 'individuals']);
    return typeof count === 'number' ? String(count) : null;
  }
  if (/vulnerabilit/.test(text) && incident.vulnerabilities.length > 0)
    return incident.vulnerabilities.join(', ');
  if (/date of (awareness|becoming aware)|when .*aware/.test(text)) {
    const aware = at(facts, ['awareAt']);
    return typeof aware === 'string' ? aware : null;
  }
  return null;
}

export function buildObligationDraft(
  obligation: DraftObligation,
  requiredContent: readonly string[],
  incident: DraftIncident,
): ObligationDraftContent {
  const items = requiredContent.map((item) => ({ item, value: answer(item, incident) }));
  const missing = items.filter((i) => i.value === null).map((i) => i.item);
  const lines = [
    `# ${obligation.title}`,
    '',
    `- **To:** ${obligation.recipient} (${obligation.jurisdiction}, ${obligation.regime})`,
    `- **Due:** ${obligation.dueAt ?? obligation.dueRule}`,
    `- **Why:** ${obligation.basis}`,
    `- **Source:** ${obligation.source}${obligation.confirmed ? '' : ' (rule UNCONFIRMED: check before relying on it)'}`,
    '',
    '## Incident',
    '',
    `- **Title:** ${incident.title}`,
    `- **Kind:** ${incident.kind.replace(/_/g, ' ')}`,
    `- **Detected:** ${incident.detectedAt}`,
    `- **Devices:** ${deviceIdentification(incident) ?? toFillIn}`,
    `- **Vulnerabilities:** ${incident.vulnerabilities.join(', ') || 'none linked'}`,
    '',
    incident.description.trim() || `_Description: ${toFillIn}_`,
    '',
    '## Required content',
    '',
    ...items.flatMap(({ item, value }) => [`### ${item}`, '', value ?? `**${toFillIn}**`, '']),
  ];
  return {
    markdown: `${lines.join('\n').trimEnd()}\n`,
    json: {
      obligation,
      incident: {
        title: incident.title,
        kind: incident.kind,
        description: incident.description,
        detectedAt: incident.detectedAt,
        products: incident.products,
        vulnerabilities: incident.vulnerabilities,
      },
      requiredContent: items,
      facts: incident.facts,
    },
    missing,
  };
}
