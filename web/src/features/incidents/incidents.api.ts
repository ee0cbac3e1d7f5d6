import {
  type CreateIncidentInput,
  type Incident,
  IncidentSchema,
} from '@contracts/incidents/incidents.contracts.ts';
import { pageOf } from '@shared/contract-helpers.ts';
import type { ApiClient } from '../../api/client.ts';
import type { Page } from '../../api/use-paged-list.ts';

const IncidentPageSchema = pageOf(IncidentSchema);

export function listIncidents(
  api: ApiClient,
  orgId: string,
  cursor: string | null,
  signal: AbortSignal,
): Promise<Page<Incident>> {
  return api.get(`/api/v1/orgs/${orgId}/incidents`, IncidentPageSchema, {
    query: { limit: 50, cursor },
    signal,
  });
}

export function recordIncident(api: ApiClient, orgId: string, input: CreateIncidentInput): Promise<Incident> {
  return api.post(`/api/v1/orgs/${orgId}/incidents`, IncidentSchema, { body: input });
}
