import type { AssessmentInput, AssessmentResults } from '@contracts/risk/risk.contracts.ts';
import { useEffect, useRef, useState } from 'react';
import { type ApiClient, isAbortError } from '../../api/client.ts';
import { type PairTarget, previewAssessment } from './risk.api.ts';

export interface LivePreview {
  /** The newest results the server computed (kept while the next ones are on their way). */
  results: AssessmentResults | null;
  /** The newest preview's failure, cleared by the next success. */
  error: unknown;
  /** A change is waiting for its results. */
  pending: boolean;
}

const debounceMs = 300;

/**
 * The live score: every change of the inputs is sent to …/preview after a pause of 300 ms (the first at
 * once); a newer change aborts the older request, so a stale answer never overwrites a newer one.
 * `input` null (the form holds something the contract refuses) sends nothing.
 */
export function useLivePreview(
  api: ApiClient,
  target: PairTarget,
  input: AssessmentInput | null,
): LivePreview {
  const [state, setState] = useState<LivePreview>({ results: null, error: null, pending: input !== null });
  const key = input ? JSON.stringify(input) : null;
  const inputRef = useRef(input);
  inputRef.current = input;
  const hasResults = useRef(false);
  const targetKey = `${target.orgId}/${target.productId}/${target.versionId}/${target.vulnerability}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `input`, `targetKey` for `target`
  useEffect(() => {
    const current = inputRef.current;
    if (key === null || current === null) {
      setState((previous) => ({ ...previous, pending: false }));
      return;
    }
    setState((previous) => ({ ...previous, pending: true }));
    const controller = new AbortController();
    const timer = setTimeout(
      () => {
        previewAssessment(api, target, current, controller.signal).then(
          (results) => {
            hasResults.current = true;
            setState({ results, error: null, pending: false });
          },
          (error: unknown) => {
            if (isAbortError(error)) return;
            setState((previous) => ({ ...previous, error, pending: false }));
          },
        );
      },
      hasResults.current ? debounceMs : 0,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, targetKey]);

  return state;
}
