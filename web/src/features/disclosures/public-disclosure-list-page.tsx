import type { PublicDisclosure } from '@contracts/disclosures/disclosures.contracts.ts';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { usePagedList } from '../../api/use-paged-list.ts';
import { useResource } from '../../api/use-resource.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { Alert } from '../../components/alert.tsx';
import { Badge, SeverityBadge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import type { SelectOption } from '../../components/select.tsx';
import { useApi } from '../accounts/session.tsx';
import { DisclosureStatusBadge, kindLabels } from './disclosure-labels.tsx';
import { listPublicDisclosures, type PublicDisclosureFilters, publicFilterKeys } from './disclosures.api.ts';
import { ExternalAdvisoriesSection } from './external-advisories-section.tsx';
import {
  emptyPublicFilters,
  filtersKey,
  isFiltered,
  PublicDisclosureFiltersForm,
  usePublicFilters,
} from './public-disclosure-filters.tsx';

export const atomFeedUrl = '/disclosures/feed.atom';

export function PublicDisclosureListPage() {
  useDocumentTitle('Published disclosures');
  const api = useApi();
  const { filters, setFilters } = usePublicFilters();
  const key = filtersKey(filters);
  const list = usePagedList(`public-disclosures?${key}`, (cursor, signal) =>
    listPublicDisclosures(api, filters, cursor, signal),
  );
  const options = useFilterOptions();
  const focusIndexRef = useRef<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const count = list.items.length;

  // After "Load more", focus the first new disclosure so keyboard users continue from there.
  useEffect(() => {
    const index = focusIndexRef.current;
    if (index === null || count <= index) return;
    focusIndexRef.current = null;
    listRef.current?.querySelectorAll<HTMLElement>('.disclosure-item h2 a')[index]?.focus();
  }, [count]);

  function loadMore() {
    focusIndexRef.current = count;
    list.loadMore();
  }

  const filterError = filterErrorOf(list.error);

  return (
    <>
      {/* Feed readers find the feed through the <link rel="alternate"> in web/index.html, on every page. */}
      <PageHeader
        eyebrow="Public portal"
        title="Published disclosures"
        description="Cybersecurity disclosures from medical-device manufacturers: what is affected, how severe it is, and what to do. Every notice is approved by a second person before it is published."
        actions={
          <a className="button button--secondary button--small" href={atomFeedUrl}>
            Atom feed
          </a>
        }
      />
      <PublicDisclosureFiltersForm
        filters={filters}
        manufacturers={options.manufacturers}
        products={options.products}
        onApply={setFilters}
        error={filterError}
      />
      {list.status === 'loading' ? <LoadingState label="Loading disclosures…" /> : null}
      {list.error && !filterError ? (
        <Alert tone="error" title="Disclosures could not be loaded">
          <p>{describeError(list.error)}</p>
          <Button variant="secondary" size="small" onClick={list.reload}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        isFiltered(filters) ? (
          <EmptyState
            title="No disclosure matches these filters"
            action={
              <Button variant="secondary" onClick={() => setFilters(emptyPublicFilters)}>
                Clear filters
              </Button>
            }
          >
            <p>Try fewer filters or a wider date range.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No disclosures yet">
            <p>When a manufacturer publishes a disclosure, it appears here.</p>
          </EmptyState>
        )
      ) : null}
      {list.items.length > 0 ? (
        <ol className="disclosure-list" ref={listRef} aria-label="Published disclosures">
          {list.items.map((disclosure) => (
            <DisclosureListItem key={disclosure.id} disclosure={disclosure} />
          ))}
        </ol>
      ) : null}
      {list.hasMore ? (
        <div className="list-footer">
          <Button variant="secondary" onClick={loadMore} busy={list.isLoadingMore}>
            {list.isLoadingMore ? 'Loading…' : 'Load more disclosures'}
          </Button>
        </div>
      ) : null}
      <ExternalAdvisoriesSection cve={filters.cve} />
    </>
  );
}

/** A filter the server refused (`querystring.cve`), shown on its field rather than as a page error. */
function filterErrorOf(
  error: unknown,
): { field: keyof PublicDisclosureFilters | null; message: string } | null {
  if (!isApiError(error) || error.status !== 400) return null;
  const issue = error.problem.errors?.[0];
  const name = issue?.path.split('.').pop();
  const field = publicFilterKeys.find((key) => key === name) ?? null;
  return { field, message: issue?.message ?? describeError(error) };
}

/**
 * The manufacturers and products to filter by, from the newest publications (the portal has no list of
 * publishers of its own).
 */
function useFilterOptions(): { manufacturers: SelectOption[]; products: SelectOption[] } {
  const api = useApi();
  const { resource } = useResource('public-disclosure-filter-options', (signal) =>
    listPublicDisclosures(api, emptyPublicFilters, null, signal, 100),
  );
  if (resource.status !== 'ready') return { manufacturers: [], products: [] };
  const manufacturers = new Map<string, string>();
  const products = new Map<string, string>();
  for (const disclosure of resource.data.items) {
    manufacturers.set(disclosure.publisher.slug, disclosure.publisher.name);
    for (const product of disclosure.products) {
      products.set(product.id, `${product.name} (${disclosure.publisher.name})`);
    }
  }
  const sorted = (map: Map<string, string>) =>
    [...map].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  return { manufacturers: sorted(manufacturers), products: sorted(products) };
}

function DisclosureListItem({ disclosure }: { disclosure: PublicDisclosure }) {
  return (
    <li className="disclosure-item" data-disclosure-id={disclosure.id}>
      <article aria-labelledby={`disclosure-${disclosure.id}`}>
        <div className="disclosure-item__meta">
          <SeverityBadge severity={disclosure.severity} />
          <Badge tone="neutral" label="Kind">
            {kindLabels[disclosure.kind]}
          </Badge>
          {disclosure.status === 'withdrawn' ? <DisclosureStatusBadge status="withdrawn" /> : null}
          <span className="disclosure-item__publisher">{disclosure.publisher.name}</span>
          <span aria-hidden="true" className="dot">
            ·
          </span>
          <span>
            Published <DateText iso={disclosure.publishedAt} />
          </span>
          <span aria-hidden="true" className="dot">
            ·
          </span>
          <span>{disclosure.trackingId}</span>
        </div>
        <h2 className="disclosure-item__title" id={`disclosure-${disclosure.id}`}>
          <Link to={`/disclosures/${disclosure.id}`}>{disclosure.title}</Link>
        </h2>
        <p className="disclosure-item__summary">{disclosure.summary}</p>
        {disclosure.products.length > 0 ? (
          <p className="disclosure-item__products">
            <span className="disclosure-item__products-label">Affected products: </span>
            {disclosure.products.map((product) => product.name).join(', ')}
          </p>
        ) : null}
        {disclosure.cves.length > 0 ? (
          <p className="disclosure-item__products">
            <span className="disclosure-item__products-label">CVE: </span>
            {disclosure.cves.join(', ')}
          </p>
        ) : null}
      </article>
    </li>
  );
}
