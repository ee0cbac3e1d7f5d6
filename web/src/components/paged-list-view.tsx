import type { ReactNode } from 'react';
import { describeError } from '../api/describe-error.ts';
import type { PagedList } from '../api/use-paged-list.ts';
import { Alert } from './alert.tsx';
import { Button } from './button.tsx';
import { EmptyState } from './empty-state.tsx';
import { LoadingState } from './loading-state.tsx';

interface PagedListViewProps<T> {
  list: PagedList<T>;
  /** What the list holds, plural and lower case ("products"): names the loading, error and more texts. */
  noun: string;
  emptyTitle: string;
  emptyText: string;
  /** The items, shown once there are any. */
  children: ReactNode;
}

/** A paged list's loading, error and empty states around its items, and the button that loads more. */
export function PagedListView<T>({ list, noun, emptyTitle, emptyText, children }: PagedListViewProps<T>) {
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <>
      {list.status === 'loading' ? <LoadingState label={`Loading ${noun}…`} /> : null}
      {list.error ? (
        <Alert tone="error" title={`${Noun} could not be loaded`}>
          {describeError(list.error)}
        </Alert>
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState title={emptyTitle}>
          <p>{emptyText}</p>
        </EmptyState>
      ) : null}
      {list.items.length > 0 ? children : null}
      {list.hasMore ? (
        <div className="list-footer">
          <Button variant="secondary" size="small" onClick={list.loadMore} busy={list.isLoadingMore}>
            {`Load more ${noun}`}
          </Button>
        </div>
      ) : null}
    </>
  );
}
