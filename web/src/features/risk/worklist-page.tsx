import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { type Resource, useResource } from '../../api/use-resource.ts';
import { useConsoleContext, useSessionGuard } from '../../app/console-context.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { Alert } from '../../components/alert.tsx';
import { SeverityBadge } from '../../components/badge.tsx';
import { Button, ButtonLink } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useApi } from '../accounts/session.tsx';
import { listProducts } from '../devices/devices.api.ts';
import { None } from '../devices/devices-display.tsx';
import { EpssText, KevBadge } from '../vulnerabilities/vulnerability-display.tsx';
import { assessmentPagePath, getWorklist, type Worklist, type WorklistFilters } from './risk.api.ts';
import {
  asVulnerabilitySummary,
  ComponentList,
  DecisionBadge,
  DueDate,
  SupplierBadge,
  TriageBadge,
} from './risk-display.tsx';
import {
  filtersKey,
  isFiltered,
  useWorklistQuery,
  WorklistFiltersForm,
  worklistPageSize,
} from './worklist-filters.tsx';
import './risk.css';

type WorklistItem = Worklist['items'][number];

/**
 * `/console/:orgId/worklist`: every open finding of the portfolio, ranked by the server (patient-harm
 * decision, SSVC priority, KEV, EPSS, fleet exposure), with filters in the address.
 */
export function WorklistPage() {
  const { orgId, membership } = useConsoleContext();
  const api = useApi();
  const { filters, offset, setFilters, setOffset } = useWorklistQuery();
  useDocumentTitle(`Worklist · ${membership.organization.name}`);
  const { resource, reload } = useResource(
    `worklist:${orgId}:${filtersKey(filters)}:${offset}`,
    (signal) => getWorklist(api, orgId, filters, { limit: worklistPageSize, offset }, signal),
    { keepWhileReloading: true },
  );
  const { resource: products } = useResource(`worklist-products:${orgId}`, (signal) =>
    listProducts(api, orgId, null, signal),
  );
  useSessionGuard(resource.status === 'error' ? resource.error : null);
  const filterError = worklistFilterError(resource.status === 'error' ? resource.error : null);

  return (
    <>
      <PageHeader
        eyebrow={membership.organization.name}
        title="Worklist"
        description="Open vulnerability findings across all products, most urgent first: uncontrolled patient-harm risk, SSVC priority, known exploitation, EPSS and devices in the field."
        actions={
          <ButtonLink to={`/console/${orgId}/settings/risk`} variant="secondary" size="small">
            Risk settings
          </ButtonLink>
        }
      />
      <div className="stack">
        <Card>
          <WorklistFiltersForm
            filters={filters}
            products={products.status === 'ready' ? products.data.items : []}
            onApply={setFilters}
            error={filterError}
          />
        </Card>
        <Card title="Findings" description={<WorklistCount resource={resource} offset={offset} />}>
          {resource.status === 'loading' ? <LoadingState label="Loading the worklist…" /> : null}
          {resource.status === 'error' && !filterError ? (
            <Alert tone="error" title="The worklist could not be loaded">
              <p>{describeError(resource.error)}</p>
              <Button variant="secondary" size="small" onClick={reload}>
                Try again
              </Button>
            </Alert>
          ) : null}
          {resource.status === 'ready' && resource.data.items.length === 0 ? (
            <EmptyState title={isFiltered(filters) ? 'No findings match' : 'Nothing on the worklist'}>
              <p>
                {isFiltered(filters)
                  ? 'Try fewer filters, another triage state or a lower EPSS.'
                  : 'No product version has an open vulnerability finding. Findings appear once SBOMs are uploaded and matched against the vulnerability store.'}
              </p>
            </EmptyState>
          ) : null}
          {resource.status === 'ready' && resource.data.items.length > 0 ? (
            <>
              <WorklistTable orgId={orgId} items={resource.data.items} />
              <Pager total={resource.data.total} offset={offset} onChange={setOffset} />
            </>
          ) : null}
        </Card>
      </div>
    </>
  );
}

function WorklistCount({ resource, offset }: { resource: Resource<Worklist>; offset: number }) {
  if (resource.status !== 'ready') return null;
  const { total, items } = resource.data;
  if (total === 0 || items.length === 0) return <span role="status">No findings</span>;
  return (
    <span role="status">
      {`Showing ${offset + 1}–${offset + items.length} of ${total} finding${total === 1 ? '' : 's'}`}
    </span>
  );
}

/** A filter the server refused belongs on its field. */
function worklistFilterError(
  error: unknown,
): { field: keyof WorklistFilters | null; message: string } | null {
  if (!isApiError(error) || error.status !== 400) return null;
  const fields: (keyof WorklistFilters)[] = ['state', 'decision', 'supplier', 'productId', 'minEpss', 'q'];
  for (const issue of error.problem.errors ?? []) {
    const name = issue.path.split(/[./]/).filter((s) => s !== 'querystring' && s !== 'query')[0];
    const field = fields.find((f) => f === name);
    if (field) return { field, message: issue.message };
  }
  return { field: null, message: error.problem.detail ?? error.problem.title };
}

function Pager({
  total,
  offset,
  onChange,
}: {
  total: number;
  offset: number;
  onChange(offset: number): void;
}) {
  if (total <= worklistPageSize && offset === 0) return null;
  const hasPrevious = offset > 0;
  const hasNext = offset + worklistPageSize < total;
  return (
    <nav aria-label="Worklist pages" className="list-footer risk-pager">
      <Button
        variant="secondary"
        size="small"
        disabled={!hasPrevious}
        onClick={() => onChange(Math.max(0, offset - worklistPageSize))}
      >
        Previous page
      </Button>
      <span className="small muted">
        Page {Math.floor(offset / worklistPageSize) + 1} of {Math.max(1, Math.ceil(total / worklistPageSize))}
      </span>
      <Button
        variant="secondary"
        size="small"
        disabled={!hasNext}
        onClick={() => onChange(offset + worklistPageSize)}
      >
        Next page
      </Button>
    </nav>
  );
}

function WorklistTable({ orgId, items }: { orgId: string; items: readonly WorklistItem[] }) {
  return (
    <DataTable
      caption="Worklist"
      hideCaption
      rows={items}
      rowKey={(item) => `${item.productVersion.id}:${item.vulnerability.id}`}
      columns={[
        { header: 'Rank', className: 'table__number', cell: (item) => item.rank },
        {
          header: 'Vulnerability',
          isRowHeader: true,
          cell: (item) => (
            <div className="stack-inline">
              <Link
                className="nowrap"
                to={assessmentPagePath({
                  orgId,
                  productId: item.product.id,
                  versionId: item.productVersion.id,
                  vulnerability: item.vulnerability.displayId,
                })}
              >
                {item.vulnerability.displayId}
                <span className="visually-hidden">
                  {' '}
                  in {item.product.name} {item.productVersion.label}
                </span>
              </Link>
              <KevBadge dateAdded={item.vulnerability.kevDateAdded} />
              <EpssText vulnerability={asVulnerabilitySummary(item.vulnerability)} />
            </div>
          ),
        },
        {
          header: 'Product version',
          cell: (item) => (
            <Link to={`/console/${orgId}/products/${item.product.id}/versions/${item.productVersion.id}`}>
              {item.product.name} {item.productVersion.label}
            </Link>
          ),
        },
        { header: 'Components', cell: (item) => <ComponentList components={item.components} /> },
        {
          header: 'Score',
          cell: (item) => <WorklistScore item={item} />,
        },
        {
          header: 'Decision',
          cell: (item) => <DecisionBadge decision={item.assessment?.decision ?? null} />,
        },
        {
          header: 'SSVC',
          cell: (item) => <SupplierBadge priority={item.assessment?.supplier ?? null} />,
        },
        {
          header: 'Triage and due date',
          cell: (item) => (
            <div className="stack-inline">
              <TriageBadge state={item.triage.state} />
              <DueDate dueOn={item.triage.dueOn} overdue={item.overdue} withLabel />
              {item.triage.acceptance?.active ? <span className="small muted">Risk accepted</span> : null}
            </div>
          ),
        },
        {
          header: 'Units in field',
          className: 'table__number',
          cell: (item) =>
            item.productVersion.unitsInField === null ? (
              <None text="Not known" />
            ) : (
              item.productVersion.unitsInField.toLocaleString()
            ),
        },
      ]}
    />
  );
}

/** The assessed (environmental) score when there is one, else the published score. */
function WorklistScore({ item }: { item: WorklistItem }) {
  const assessed = item.assessment?.score ?? null;
  const score = assessed ?? item.vulnerability.cvssScore;
  const severity = item.assessment?.severity ?? item.slaSeverity;
  if (score === null) return <None text="No score" />;
  return (
    <div className="stack-inline">
      <span className="cvss">
        <span className="cvss__score">{score.toFixed(1)}</span>
        {severity ? <SeverityBadge severity={severity} /> : null}
      </span>
      <span className="small muted">{assessed !== null ? 'assessed' : 'published'}</span>
    </div>
  );
}
