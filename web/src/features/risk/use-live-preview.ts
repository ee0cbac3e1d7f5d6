import type { AssessmentInput, AssessmentResults } from '@contracts/risk/risk.contracts.ts';
import type { ApiClient } from '../../api/client.ts';
import { useDebouncedPreview } from '../../api/use-debounced-preview.ts';
import { type PairTarget, previewAssessment } from './risk.api.ts';

export interface LivePreview {
  /** The newest results the server computed (kept while the next ones are on their way). */
  results: AssessmentResults | null;
  /** The newest preview's failure, cleared by the next success. */
  error: unknown;
  /** A change is waiting for its results. */
  pending: boolean;
}

/** The live score: every change of the inputs goes to …/preview after a pause of 300 ms (the first at once). */
export function useLivePreview(
  api: ApiClient,
  target: PairTarget,
  input: AssessmentInput | null,
): LivePreview {
  const { result, error, pending } = useDebouncedPreview(
    input,
    input ? JSON.stringify(input) : null,
    `${target.orgId}/${target.productId}/${target.versionId}/${target.vulnerability}`,
    (current, signal) => previewAssessment(api, target, current, signal),
    300,
  );
  return { results: result, error, pending };
}
