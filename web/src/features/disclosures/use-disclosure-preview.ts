import type { UpdateDisclosureInput } from '@contracts/disclosures/disclosures.contracts.ts';
import type { ApiClient } from '../../api/client.ts';
import { useDebouncedPreview } from '../../api/use-debounced-preview.ts';
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

/**
 * Live CSAF validation: the editor's unsaved fields go to …/preview half a second after a pause in
 * typing (the first time at once), as `useDebouncedPreview` sends them. `epoch` changes when the saved
 * record changed (its revision, say) and asks again.
 */
export function useDisclosurePreview(
  api: ApiClient,
  target: { orgId: string; disclosureId: string },
  input: UpdateDisclosureInput | null,
  epoch: string,
): PreviewState {
  const { orgId, disclosureId } = target;
  const { result, error, pending } = useDebouncedPreview(
    input,
    input ? stableJson(input) : null,
    `${orgId}/${disclosureId}/${epoch}`,
    (current, signal) => previewDisclosure(api, orgId, disclosureId, current, signal),
    500,
  );
  return { preview: result, error, pending };
}
