import {
  DeadlineCalendarEntrySchema,
  type ObligationDraft,
  ObligationDraftSchema,
  type ObligationTask,
  ObligationTaskSchema,
  SubmissionSchema,
  type SubmitObligationInput,
  type UpdateObligationInput,
} from '@contracts/incidents/incidents.contracts.ts';
import { z } from 'zod';
import type { ApiClient } from '../../api/client.ts';
import { incidentPath } from './incident-record.api.ts';

/** An incident's obligations as tasks: status, drafts, submissions; and the organisation's deadlines. */
export type Submission = z.infer<typeof SubmissionSchema>;
export type DeadlineEntry = z.infer<typeof DeadlineCalendarEntrySchema>;

export interface ObligationTarget {
  orgId: string;
  incidentId: string;
  obligationId: string;
}

const obligationPath = ({ orgId, incidentId, obligationId }: ObligationTarget) =>
  `${incidentPath(orgId, incidentId)}/obligations/${obligationId}`;

const TasksSchema = z.object({ items: z.array(ObligationTaskSchema) });

export async function listObligations(
  api: ApiClient,
  orgId: string,
  incidentId: string,
  signal: AbortSignal,
): Promise<ObligationTask[]> {
  return (await api.get(`${incidentPath(orgId, incidentId)}/obligations`, TasksSchema, { signal })).items;
}

export function setObligationStatus(
  api: ApiClient,
  target: ObligationTarget,
  input: UpdateObligationInput,
): Promise<ObligationTask> {
  return api.patch(obligationPath(target), ObligationTaskSchema, { body: input });
}

export function getObligationDraft(
  api: ApiClient,
  target: ObligationTarget,
  signal: AbortSignal,
): Promise<ObligationDraft> {
  return api.get(`${obligationPath(target)}/draft`, ObligationDraftSchema, { signal });
}

export function submitObligation(
  api: ApiClient,
  target: ObligationTarget,
  input: SubmitObligationInput,
): Promise<ObligationTask> {
  return api.post(`${obligationPath(target)}/submissions`, ObligationTaskSchema, { body: input });
}

const SubmissionsSchema = z.object({ items: z.array(SubmissionSchema) });

export async function listSubmissions(
  api: ApiClient,
  target: ObligationTarget,
  signal: AbortSignal,
): Promise<Submission[]> {
  return (await api.get(`${obligationPath(target)}/submissions`, SubmissionsSchema, { signal })).items;
}

const DeadlinesSchema = z.object({ items: z.array(DeadlineCalendarEntrySchema) });

export async function listDeadlines(
  api: ApiClient,
  orgId: string,
  window: { from?: string | undefined; to?: string | undefined },
  signal: AbortSignal,
): Promise<DeadlineEntry[]> {
  return (
    await api.get(`/api/v1/orgs/${orgId}/deadlines`, DeadlinesSchema, {
      query: { from: window.from, to: window.to },
      signal,
    })
  ).items;
}
