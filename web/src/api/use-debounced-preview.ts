import { useEffect, useRef, useState } from 'react';
import { isAbortError } from './client.ts';

export interface DebouncedPreview<R> {
  /** The newest answer the server gave (kept while the next one is on its way). */
  result: R | null;
  /** The newest request's failure, cleared by the next success. */
  error: unknown;
  /** A change is waiting for its answer. */
  pending: boolean;
}

/**
 * Live previews of a form (a risk score, a CSAF validation): `input` goes to the server through `fetch`
 * after a pause of `debounceMs` in its changes (the first time at once); a newer change aborts the
 * older request, so a stale answer never replaces a newer one. `input` null (the form holds something
 * the contract refuses) sends nothing and keeps the last answer. `inputKey` stands for `input` (stable
 * JSON); a change of `targetKey` (what is previewed) asks again.
 */
export function useDebouncedPreview<I, R>(
  input: I | null,
  inputKey: string | null,
  targetKey: string,
  fetch: (input: I, signal: AbortSignal) => Promise<R>,
  debounceMs: number,
): DebouncedPreview<R> {
  const [state, setState] = useState<DebouncedPreview<R>>({
    result: null,
    error: null,
    pending: input !== null,
  });
  const inputRef = useRef(input);
  inputRef.current = input;
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  const hasAnswer = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `inputKey` stands for `input`, `targetKey` for what `fetch` reads
  useEffect(() => {
    const current = inputRef.current;
    if (inputKey === null || current === null) {
      setState((previous) => ({ ...previous, pending: false }));
      return;
    }
    setState((previous) => ({ ...previous, pending: true }));
    const controller = new AbortController();
    const timer = setTimeout(
      () => {
        fetchRef.current(current, controller.signal).then(
          (result) => {
            hasAnswer.current = true;
            setState({ result, error: null, pending: false });
          },
          (error: unknown) => {
            if (isAbortError(error)) return;
            setState((previous) => ({ ...previous, error, pending: false }));
          },
        );
      },
      hasAnswer.current ? debounceMs : 0,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [inputKey, targetKey, debounceMs]);

  return state;
}
