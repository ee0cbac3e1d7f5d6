import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbortError } from './client.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T> {
  status: 'loading' | 'error' | 'ready';
  items: T[];
  error: unknown;
  hasMore: boolean;
  isLoadingMore: boolean;
  loadMore(): void;
  reload(): void;
  /** Puts an item the user just created at the top, or replaces one they just changed. */
  upsert(item: T): void;
}

/** A cursor-paged list: the first page when `key` changes, then more on request. */
export function usePagedList<T extends { id: string }>(
  key: string,
  loadPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
): PagedList<T> {
  const [status, setStatus] = useState<PagedList<T>['status']>('loading');
  const [items, setItems] = useState<T[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [isLoadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const controllerRef = useRef<AbortController | null>(null);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `attempt` say when to load again
  useEffect(() => {
    const controller = new AbortController();
    controllerRef.current = controller;
    setStatus('loading');
    setError(null);
    setItems([]);
    setNextCursor(null);
    loadRef.current(null, controller.signal).then(
      (page) => {
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setStatus('ready');
      },
      (failure: unknown) => {
        if (isAbortError(failure)) return;
        setError(failure);
        setStatus('error');
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const loadMore = useCallback(() => {
    const controller = controllerRef.current;
    if (!nextCursor || !controller) return;
    setLoadingMore(true);
    setError(null);
    loadRef.current(nextCursor, controller.signal).then(
      (page) => {
        setItems((current) => {
          const known = new Set(current.map((item) => item.id));
          return [...current, ...page.items.filter((item) => !known.has(item.id))];
        });
        setNextCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (failure: unknown) => {
        if (isAbortError(failure)) return;
        setError(failure);
        setLoadingMore(false);
      },
    );
  }, [nextCursor]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const upsert = useCallback((item: T) => {
    setItems((current) =>
      current.some((existing) => existing.id === item.id)
        ? current.map((existing) => (existing.id === item.id ? item : existing))
        : [item, ...current],
    );
  }, []);

  return { status, items, error, hasMore: nextCursor !== null, isLoadingMore, loadMore, reload, upsert };
}
