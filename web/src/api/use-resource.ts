import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbortError } from './client.ts';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: T };

/**
 * Loads one thing when `key` changes and aborts the call when it changes again or the page goes away.
 * `key` names what is loaded (e.g. the path), so a stale answer never overwrites a newer one.
 * With `keepWhileReloading`, `reload()` leaves the current data in place until the new data arrives,
 * so what the page shows around it (a form's state, say) is not replaced by a loading state.
 */
export function useResource<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  options: { keepWhileReloading?: boolean } = {},
): { resource: Resource<T>; reload(): void } {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadedKey = useRef<string | null>(null);
  const keepWhileReloading = options.keepWhileReloading ?? false;
  // `load` is a fresh closure on every render; `key` and `attempt` say when to call it again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    const controller = new AbortController();
    if (!(keepWhileReloading && loadedKey.current === key)) setResource({ status: 'loading' });
    load(controller.signal).then(
      (data) => {
        loadedKey.current = key;
        setResource({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!isAbortError(error)) setResource({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { resource, reload };
}
