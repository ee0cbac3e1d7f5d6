import type { Product } from '@contracts/devices/devices.contracts.ts';
import type { Incident } from '@contracts/incidents/incidents.contracts.ts';
import { Link } from 'react-router-dom';
import type { PagedList } from '../../api/use-paged-list.ts';
import { Badge } from '../../components/badge.tsx';
import { Card } from '../../components/card.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { DateText } from '../../components/format.tsx';
import { PagedListView } from '../../components/paged-list-view.tsx';
import { incidentKindText, incidentStatusText, incidentStatusTone } from './incident-labels.ts';
import { RecordIncidentForm } from './record-incident-form.tsx';

interface IncidentsSectionProps {
  orgId: string;
  incidents: PagedList<Incident>;
  products: readonly Product[];
  canWrite: boolean;
}

export function IncidentsSection({ orgId, incidents, products, canWrite }: IncidentsSectionProps) {
  const productNames = new Map(products.map((product) => [product.id, product.name]));
  return (
    <Card
      title="Incidents"
      id="incidents"
      description="What happened, to which products, and when it was detected."
    >
      <PagedListView
        list={incidents}
        noun="incidents"
        emptyTitle="No incidents recorded"
        emptyText={
          canWrite
            ? 'Record an incident as soon as it is detected: reporting deadlines start then.'
            : 'This organisation has recorded no incidents.'
        }
      >
        <DataTable
          caption="Incidents"
          hideCaption
          rows={incidents.items}
          rowKey={(incident) => incident.id}
          columns={[
            {
              header: 'Title',
              isRowHeader: true,
              className: 'table__wide',
              cell: (incident) => (
                <Link to={`/console/${orgId}/incidents/${incident.id}`}>{incident.title}</Link>
              ),
            },
            { header: 'Kind', cell: (incident) => incidentKindText[incident.kind] },
            {
              header: 'Status',
              cell: (incident) => (
                <Badge tone={incidentStatusTone[incident.status]} label="Status">
                  {incidentStatusText[incident.status]}
                </Badge>
              ),
            },
            { header: 'Detected', cell: (incident) => <DateText iso={incident.detectedAt} withTime /> },
            {
              header: 'Products',
              cell: (incident) =>
                incident.productIds.length > 0 ? (
                  incident.productIds.map((id) => productNames.get(id) ?? 'Unknown product').join(', ')
                ) : (
                  <span className="muted">—</span>
                ),
            },
          ]}
        />
      </PagedListView>
      {canWrite ? (
        <RecordIncidentForm orgId={orgId} products={products} onRecorded={incidents.upsert} />
      ) : null}
    </Card>
  );
}
