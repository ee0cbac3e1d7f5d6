import {
  type AssessmentInput,
  AssessmentResultsSchema,
  AssessmentRevisionSchema,
  AssessmentSchema,
  type RiskAcceptanceInput,
  RiskPairSchema,
  type RiskSettingsInput,
  RiskSettingsSchema,
  RubricSchema,
  type TriageInput,
  TriageSchema,
  WorklistSchema,
} from '@contracts/risk/risk.contracts.ts';
import { z } from 'zod';
import type { ApiClient } from '../../api/client.ts';

export type Rubric = z.infer<typeof RubricSchema>;
export type Worklist = z.infer<typeof WorklistSchema>;
export type Triage = z.infer<typeof TriageSchema>;
export type AssessmentRevision = z.infer<typeof AssessmentRevisionSchema>;

/** One (product version, vulnerability) pair; `vulnerability` is the id people know (CVE-…, GHSA-…). */
export interface PairTarget {
  orgId: string;
  productId: string;
  versionId: string;
  vulnerability: string;
}

const orgPath = (orgId: string) => `/api/v1/orgs/${orgId}`;
const pairPath = ({ orgId, productId, versionId, vulnerability }: PairTarget) =>
  `${orgPath(orgId)}/products/${productId}/versions/${versionId}/risk/${encodeURIComponent(vulnerability)}`;

/** The console address of a pair's assessment page. */
export function assessmentPagePath(target: PairTarget): string {
  return `/console/${target.orgId}/products/${target.productId}/versions/${target.versionId}/risk/${encodeURIComponent(target.vulnerability)}`;
}

export function getRubric(api: ApiClient, orgId: string, signal: AbortSignal) {
  return api.get(`${orgPath(orgId)}/risk/rubric`, RubricSchema, { signal });
}

export function getRiskSettings(api: ApiClient, orgId: string, signal: AbortSignal) {
  return api.get(`${orgPath(orgId)}/risk/settings`, RiskSettingsSchema, { signal });
}

/** Admins of a manufacturer only. */
export function updateRiskSettings(api: ApiClient, orgId: string, input: RiskSettingsInput) {
  return api.put(`${orgPath(orgId)}/risk/settings`, RiskSettingsSchema, { body: input });
}

export function getRiskPair(api: ApiClient, target: PairTarget, signal: AbortSignal) {
  return api.get(pairPath(target), RiskPairSchema, { signal });
}

/** Computes the results of the inputs and saves nothing: the live score. */
export function previewAssessment(
  api: ApiClient,
  target: PairTarget,
  input: AssessmentInput,
  signal: AbortSignal,
) {
  return api.post(`${pairPath(target)}/preview`, AssessmentResultsSchema, { body: input, signal });
}

/** Saves a new revision of the assessment (editors and admins of a manufacturer). */
export function saveAssessment(api: ApiClient, target: PairTarget, input: AssessmentInput) {
  return api.put(`${pairPath(target)}/assessment`, AssessmentSchema, { body: input });
}

const HistorySchema = z.object({ items: z.array(AssessmentRevisionSchema) });

/** Every revision, newest first. */
export async function getAssessmentHistory(api: ApiClient, target: PairTarget, signal: AbortSignal) {
  return (await api.get(`${pairPath(target)}/history`, HistorySchema, { signal })).items;
}

export function setTriage(api: ApiClient, target: PairTarget, input: TriageInput) {
  return api.put(`${pairPath(target)}/triage`, TriageSchema, { body: input });
}

/** Accepts the risk until a date (organisation admins only). */
export function acceptRisk(api: ApiClient, target: PairTarget, input: RiskAcceptanceInput) {
  return api.put(`${pairPath(target)}/acceptance`, TriageSchema, { body: input });
}

/** Withdraws the risk acceptance. */
export function removeRiskAcceptance(api: ApiClient, target: PairTarget): Promise<Triage> {
  return api.delete(`${pairPath(target)}/acceptance`, TriageSchema);
}

/** The worklist's filters as the address and the server take them (all strings; empty: not set). */
export interface WorklistFilters {
  /** Comma-separated triage states. */
  state: string;
  decision: string;
  supplier: string;
  kev: boolean;
  overdue: boolean;
  productId: string;
  minEpss: string;
  q: string;
}

export function getWorklist(
  api: ApiClient,
  orgId: string,
  filters: WorklistFilters,
  page: { limit: number; offset: number },
  signal: AbortSignal,
) {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return api.get(`${orgPath(orgId)}/worklist`, WorklistSchema, {
    query: {
      state: text(filters.state),
      decision: text(filters.decision),
      supplier: text(filters.supplier),
      kev: filters.kev ? 'true' : undefined,
      overdue: filters.overdue ? 'true' : undefined,
      productId: text(filters.productId),
      minEpss: text(filters.minEpss),
      q: text(filters.q),
      limit: page.limit,
      offset: page.offset,
    },
    signal,
  });
}
