import type { Product } from '@contracts/devices/devices.contracts.ts';
import type { Incident } from '@contracts/incidents/incidents.contracts.ts';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useResource } from '../../api/use-resource.ts';
import { Alert } from '../../components/alert.tsx';
import { Card } from '../../components/card.tsx';
import { DateText } from '../../components/format.tsx';
import { Select } from '../../components/select.tsx';
import { useApi } from '../accounts/session.tsx';
import { EditIncidentForm } from './edit-incident-form.tsx';
import { incidentKindText, incidentStatusOptions, incidentStatusText } from './incident-labels.ts';
import { type Member, updateIncident, versionsOf } from './incident-record.api.ts';

interface IncidentDetailsProps {
  orgId: string;
  incident: Incident;
  products: readonly Product[];
  members: readonly Member[];
  canWrite: boolean;
  onUpdated(incident: Incident): void;
}

/** What the incident is and where it stands: its status (editors move it here), owner, what it affects. */
export function IncidentDetails({
  orgId,
  incident,
  products,
  members,
  canWrite,
  onUpdated,
}: IncidentDetailsProps) {
  const api = useApi();
  const [statusBusy, setStatusBusy] = useState(false);
  const [statusOutcome, setStatusOutcome] = useState<{ tone: 'error' | 'success'; text: string } | null>(
    null,
  );
  const productIds = incident.productIds;
  const { resource: versions } = useResource(`incident-versions:${orgId}:${productIds.join(',')}`, (signal) =>
    versionsOf(api, orgId, productIds, signal),
  );
  const productNames = new Map(products.map((product) => [product.id, product.name]));
  const versionLabels = new Map<string, string>();
  if (versions.status === 'ready') {
    for (const [productId, list] of versions.data) {
      for (const version of list)
        versionLabels.set(version.id, `${productNames.get(productId) ?? 'Product'} ${version.label}`);
    }
  }

  async function moveStatus(status: Incident['status']) {
    setStatusBusy(true);
    setStatusOutcome(null);
    try {
      const updated = await updateIncident(api, orgId, incident.id, { status });
      onUpdated(updated);
      setStatusOutcome({
        tone: 'success',
        text: `Status set to ${incidentStatusText[status].toLowerCase()}.`,
      });
    } catch (error) {
      setStatusOutcome({ tone: 'error', text: describeError(error) });
    } finally {
      setStatusBusy(false);
    }
  }

  const none = <span className="muted">None</span>;
  return (
    <Card title="Details" id="details" description="What happened, where it stands, and what it affects.">
      {statusOutcome ? <Alert tone={statusOutcome.tone}>{statusOutcome.text}</Alert> : null}
      <dl className="facts facts--grid">
        <div>
          <dt>Status</dt>
          <dd>
            {canWrite ? (
              <Select
                label="Move to"
                inline
                options={incidentStatusOptions}
                value={incident.status}
                disabled={statusBusy}
                aria-busy={statusBusy || undefined}
                onChange={(event) => moveStatus(event.currentTarget.value as Incident['status'])}
              />
            ) : (
              incidentStatusText[incident.status]
            )}
          </dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{incidentKindText[incident.kind]}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{incident.owner?.name || none}</dd>
        </div>
        <div>
          <dt>Detected</dt>
          <dd>
            <DateText iso={incident.detectedAt} withTime />
          </dd>
        </div>
        <div className="facts__wide">
          <dt>Products</dt>
          <dd>
            {incident.productIds.length > 0
              ? incident.productIds.map((id) => productNames.get(id) ?? 'Unknown product').join(', ')
              : none}
          </dd>
        </div>
        <div className="facts__wide">
          <dt>Versions</dt>
          <dd>
            {incident.productVersionIds.length > 0
              ? incident.productVersionIds.map((id) => versionLabels.get(id) ?? 'A version').join(', ')
              : none}
          </dd>
        </div>
        <div className="facts__wide">
          <dt>Vulnerabilities</dt>
          <dd>
            {incident.vulnerabilities.length > 0
              ? incident.vulnerabilities.map((vulnerability) => vulnerability.displayId).join(', ')
              : none}
          </dd>
        </div>
        {incident.description ? (
          <div className="facts__wide">
            <dt>Description</dt>
            <dd className="pre-line">{incident.description}</dd>
          </div>
        ) : null}
      </dl>
      {canWrite ? (
        <EditIncidentForm
          orgId={orgId}
          incident={incident}
          products={products}
          members={members}
          onUpdated={onUpdated}
        />
      ) : null}
    </Card>
  );
}
