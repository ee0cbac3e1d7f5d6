import { MemberSchema } from '@contracts/accounts/accounts.contracts.ts';
import type { ProductVersion } from '@contracts/devices/devices.contracts.ts';
import { DisclosureSchema } from '@contracts/disclosures/disclosures.contracts.ts';
import {
  FactsRevisionSchema,
  type Incident,
  IncidentSchema,
  ObligationTaskSchema,
  TimelineEntrySchema,
  type UpdateIncidentInput,
} from '@contracts/incidents/incidents.contracts.ts';
import { ObligationsEvaluationSchema } from '@contracts/incidents/obligations.contracts.ts';
import { z } from 'zod';
import { type ApiClient, isApiError } from '../../api/client.ts';
import { listProductVersions } from '../devices/devices.api.ts';

/** One incident's record: the incident, its facts and their revisions, its timeline, its members. */
export type FactsRevision = z.infer<typeof FactsRevisionSchema>;
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;
export type Member = z.infer<typeof MemberSchema>;
export type Facts = Record<string, unknown>;

export const incidentPath = (orgId: string, incidentId: string) =>
  `/api/v1/orgs/${orgId}/incidents/${incidentId}`;

export function getIncident(api: ApiClient, orgId: string, incidentId: string, signal: AbortSignal) {
  return api.get(incidentPath(orgId, incidentId), IncidentSchema, { signal });
}

export function updateIncident(
  api: ApiClient,
  orgId: string,
  incidentId: string,
  input: UpdateIncidentInput,
): Promise<Incident> {
  return api.patch(incidentPath(orgId, incidentId), IncidentSchema, { body: input });
}

/** The facts as they stand (or stood at `at`); null when none were recorded (by then). */
export async function getFacts(
  api: ApiClient,
  orgId: string,
  incidentId: string,
  signal: AbortSignal,
  at?: string,
): Promise<FactsRevision | null> {
  try {
    return await api.get(`${incidentPath(orgId, incidentId)}/facts`, FactsRevisionSchema, {
      signal,
      query: { at },
    });
  } catch (error) {
    if (isApiError(error) && error.status === 404 && error.problem.detail?.startsWith('No facts'))
      return null;
    throw error;
  }
}

const SetFactsResultSchema = z.object({
  revision: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  withdrawn: z.number().int(),
  obligations: z.array(ObligationTaskSchema),
});
export type SetFactsResult = z.infer<typeof SetFactsResultSchema>;

export function setFacts(
  api: ApiClient,
  orgId: string,
  incidentId: string,
  input: { facts: Facts; note: string },
): Promise<SetFactsResult> {
  return api.put(`${incidentPath(orgId, incidentId)}/facts`, SetFactsResultSchema, { body: input });
}

const RevisionsSchema = z.object({ items: z.array(FactsRevisionSchema) });

export async function listFactsRevisions(
  api: ApiClient,
  orgId: string,
  incidentId: string,
  signal: AbortSignal,
): Promise<FactsRevision[]> {
  return (await api.get(`${incidentPath(orgId, incidentId)}/facts/revisions`, RevisionsSchema, { signal }))
    .items;
}

const TimelineSchema = z.object({ items: z.array(TimelineEntrySchema) });

export async function listTimeline(
  api: ApiClient,
  orgId: string,
  incidentId: string,
  signal: AbortSignal,
): Promise<TimelineEntry[]> {
  return (await api.get(`${incidentPath(orgId, incidentId)}/timeline`, TimelineSchema, { signal })).items;
}

export function addTimelineEntry(
  api: ApiClient,
  orgId: string,
  incidentId: string,
  input: { at: string; text: string },
): Promise<TimelineEntry> {
  return api.post(`${incidentPath(orgId, incidentId)}/timeline`, TimelineEntrySchema, { body: input });
}

const MembersSchema = z.object({ items: z.array(MemberSchema) });

export async function listMembers(api: ApiClient, orgId: string, signal: AbortSignal): Promise<Member[]> {
  return (await api.get(`/api/v1/orgs/${orgId}/members`, MembersSchema, { signal })).items;
}

/** What the facts would make due, without storing anything (the facts editor's preview). */
export function evaluateFacts(api: ApiClient, facts: Facts, signal: AbortSignal) {
  return api.post('/api/v1/obligations/evaluate', ObligationsEvaluationSchema, { body: facts, signal });
}

/** Starts the incident's public disclosure: a draft pre-filled from its record and facts. */
export function startDisclosure(api: ApiClient, orgId: string, incidentId: string) {
  return api.post(`${incidentPath(orgId, incidentId)}/disclosures`, DisclosureSchema, { body: {} });
}

/** The versions of some products, by product id (one call per product). */
export async function versionsOf(
  api: ApiClient,
  orgId: string,
  productIds: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, ProductVersion[]>> {
  const lists = await Promise.all(productIds.map((id) => listProductVersions(api, orgId, id, signal)));
  return new Map(productIds.map((id, index) => [id, lists[index] ?? []]));
}
