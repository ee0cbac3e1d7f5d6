import type { PublicDisclosure } from '@contracts/disclosures/disclosures.contracts.ts';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api/describe-error.ts';
import { usePagedList } from '../../api/use-paged-list.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { Alert } from '../../components/alert.tsx';
import { SeverityBadge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useApi } from '../accounts/session.tsx';
import { listPublicDisclosures } from './disclosures.api.ts';

export function PublicDisclosureListPage() {
  useDocumentTitle('Published disclosures');
  const api = useApi();
  const list = usePagedList('public-disclosures', (cursor, signal) =>
    listPublicDisclosures(api, cursor, signal),
  );
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

  return (
    <>
      <PageHeader
        eyebrow="Public portal"
        title="Published disclosures"
        description="Cybersecurity disclosures from medical-device manufacturers: what is affected, how severe it is, and what to do. Every notice is approved by a second person before it is published."
      />
      {list.status === 'loading' ? <LoadingState label="Loading disclosures…" /> : null}
      {list.error ? (
        <Alert tone="error" title="Disclosures could not be loaded">
          <p>{describeError(list.error)}</p>
          <Button variant="secondary" size="small" onClick={list.reload}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState title="No disclosures yet">
          <p>When a manufacturer publishes a disclosure, it appears here.</p>
        </EmptyState>
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
    </>
  );
}

function DisclosureListItem({ disclosure }: { disclosure: PublicDisclosure }) {
  return (
    <li className="disclosure-item" data-disclosure-id={disclosure.id}>
      <article aria-labelledby={`disclosure-${disclosure.id}`}>
        <div className="disclosure-item__meta">
          <SeverityBadge severity={disclosure.severity} />
          <span className="disclosure-item__publisher">{disclosure.publisher.name}</span>
          <span aria-hidden="true" className="dot">
            ·
          </span>
          <span>
            Published <DateText iso={disclosure.publishedAt} />
          </span>
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
      </article>
    </li>
  );
}
