import type { UpdateDisclosureInput } from '@contracts/disclosures/disclosures.contracts.ts';
import { useEffect, useRef, useState } from 'react';
import { type ApiClient, isAbortError } from '../../api/client.ts';
import { type DisclosurePreview, previewDisclosure } from './disclosures.api.ts';
import { stableJson } from './editor-state.ts';

export interface PreviewState {
  /** The newest documents and validation the server produced (kept while the next are on their way). */
  preview: DisclosurePreview | null;
  /** The newest preview's failure, cleared by the next success. */
  error: unknown;
  /** A change is waiting for its validation. */
  pending: boolean;
}

const debounceMs = 500;

/**
 * Live CSAF validation: the editor's unsaved fields go to …/preview after a pause in typing (the first
 * time at once); a newer change aborts the older request, so a stale answer never replaces a newer one.
 * `input` null (the form holds something the contract refuses) sends nothing and keeps the last answer.
 * `epoch` changes when the saved record changed (its revision, say) and asks again.
 */
export function useDisclosurePreview(
  api: ApiClient,
  target: { orgId: string; disclosureId: string },
  input: UpdateDisclosureInput | null,
  epoch: string,
): PreviewState {
  const [state, setState] = useState<PreviewState>({ preview: null, error: null, pending: input !== null });
  const key = input ? stableJson(input) : null;
  const inputRef = useRef(input);
  inputRef.current = input;
  const hasAnswer = useRef(false);
  const { orgId, disclosureId } = target;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `input`
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
        previewDisclosure(api, orgId, disclosureId, current, controller.signal).then(
          (preview) => {
            hasAnswer.current = true;
            setState({ preview, error: null, pending: false });
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
  }, [key, orgId, disclosureId, epoch, api]);

  return state;
}
