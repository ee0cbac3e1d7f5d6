import type { PortfolioComponent } from '@contracts/devices/devices.contracts.ts';
import { Link } from 'react-router-dom';
import { usePagedList } from '../../api/use-paged-list.ts';
import { useConsoleContext, useSessionGuard } from '../../app/console-context.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { Card } from '../../components/card.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PagedListView } from '../../components/paged-list-view.tsx';
import { useApi } from '../accounts/session.tsx';
import { ComponentFilters, isFiltered, queryKey, useComponentQuery } from './component-filters.tsx';
import { searchPortfolioComponents } from './devices.api.ts';
import { ComponentIdentity, VersionText } from './devices-display.tsx';
import { versionFilterError } from './version-page.tsx';

/**
 * `/console/:orgId/components`: components across every product version, e.g. "which of our products
 * contain openssl < 3.0.14?".
 */
export function ComponentSearchPage() {
  const { orgId, membership } = useConsoleContext();
  const api = useApi();
  useDocumentTitle(`Component search · ${membership.organization.name}`);
  const [query, setQuery] = useComponentQuery();
  const results = usePagedList(`portfolio:${orgId}:${queryKey(query)}`, (cursor, signal) =>
    searchPortfolioComponents(api, orgId, query, cursor, signal),
  );
  useSessionGuard(results.error);
  const filterError = versionFilterError(results.error);
  const shown = results.items.length;

  return (
    <>
      <PageHeader
        eyebrow={membership.organization.name}
        title="Component search"
        description="Find a component across every version of every product, by name, version constraint and package type. For example: openssl with version <3.0.14."
      />
      <Card>
        <ComponentFilters label="Search components" query={query} onSearch={setQuery} error={filterError} />
        {results.status === 'ready' && shown > 0 ? (
          <p className="muted small" role="status">
            {resultSummary(shown, results.hasMore, versionCount(results.items), isFiltered(query))}
          </p>
        ) : null}
        <PagedListView
          list={filterError ? { ...results, error: null } : results}
          noun="components"
          emptyTitle={isFiltered(query) ? 'No product contains a matching component' : 'No components yet'}
          emptyText={
            isFiltered(query)
              ? 'None of this organisation’s product versions lists a component that matches.'
              : 'Components appear here once SBOMs are uploaded to product versions.'
          }
        >
          <PortfolioTable orgId={orgId} rows={results.items} />
        </PagedListView>
      </Card>
    </>
  );
}

function PortfolioTable({ orgId, rows }: { orgId: string; rows: readonly PortfolioComponent[] }) {
  return (
    <DataTable
      caption="Matching components by product and version"
      hideCaption
      rows={rows}
      rowKey={(row) => row.id}
      columns={[
        {
          header: 'Product',
          cell: (row) => <Link to={`/console/${orgId}/products/${row.product.id}`}>{row.product.name}</Link>,
        },
        {
          header: 'Product version',
          cell: (row) => (
            <Link to={`/console/${orgId}/products/${row.product.id}/versions/${row.productVersion.id}`}>
              <span className="visually-hidden">{row.product.name} </span>
              {row.productVersion.label}
            </Link>
          ),
        },
        { header: 'Component', isRowHeader: true, cell: (row) => row.name },
        { header: 'Version', cell: (row) => <VersionText version={row.version} /> },
        {
          header: 'purl / CPE',
          className: 'table__wide',
          cell: (row) => <ComponentIdentity component={row} />,
        },
      ]}
    />
  );
}

function versionCount(rows: readonly PortfolioComponent[]): number {
  return new Set(rows.map((row) => row.productVersion.id)).size;
}

function plural(count: number, word: string, more = false): string {
  return `${count}${more ? '+' : ''} ${word}${count === 1 && !more ? '' : 's'}`;
}

function resultSummary(shown: number, hasMore: boolean, versions: number, filtered: boolean): string {
  const components = plural(shown, filtered ? 'matching component' : 'component', hasMore);
  return `${components} in ${plural(versions, 'product version')}${hasMore ? ' so far' : ''}.`;
}
