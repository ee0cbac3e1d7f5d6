import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess } from '../../shared/access.ts';
import { OrganizationParamsSchema } from '../../shared/contract-helpers.ts';
import {
  DeadlineCalendarEntrySchema,
  DeadlineCalendarQuerySchema,
  ObligationDraftSchema,
  ObligationParamsSchema,
  ObligationTaskSchema,
  SubmissionSchema,
  SubmitObligationInputSchema,
  UpdateObligationInputSchema,
} from './incidents.contracts.ts';
import {
  getObligationDraft,
  listDeadlineCalendar,
  listObligationSubmissions,
  submitObligation,
  updateObligationStatus,
} from './service/obligation-tasks.ts';

const member = organizationAccess('viewer');
const manufacturerEditor = organizationAccess('editor', ['manufacturer']);
const obligationPath = '/api/v1/orgs/:orgId/incidents/:incidentId/obligations/:obligationId';

const targetOf = (params: z.infer<typeof ObligationParamsSchema>) => ({
  organizationId: params.orgId,
  incidentId: params.incidentId,
  obligationId: params.obligationId,
});

/** The obligations of incidents as tasks: status, drafts, submissions, and the deadline calendar. */
export async function obligationTasksRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['incidents'];

  app.patch(
    obligationPath,
    {
      config: { access: manufacturerEditor },
      schema: {
        tags,
        summary: 'Move a report task: drafted, due, waived or not applicable (with a reason)',
        params: ObligationParamsSchema,
        body: UpdateObligationInputSchema,
        response: { 200: ObligationTaskSchema, ...problemResponses(400, 404, 409) },
      },
    },
    async (request) => updateObligationStatus(deps, actorOf(request), targetOf(request.params), request.body),
  );

  app.get(
    `${obligationPath}/draft`,
    {
      config: { access: member },
      schema: {
        tags,
        summary: 'A pre-filled draft of the report: every field the rule requires (Markdown and JSON)',
        params: ObligationParamsSchema,
        response: { 200: ObligationDraftSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => getObligationDraft(deps, targetOf(request.params)),
  );

  app.post(
    `${obligationPath}/submissions`,
    {
      config: { access: manufacturerEditor },
      schema: {
        tags,
        summary: 'Record the submission of the report (immutable; submitting again is a correction)',
        params: ObligationParamsSchema,
        body: SubmitObligationInputSchema,
        response: { 201: ObligationTaskSchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await submitObligation(deps, actorOf(request), targetOf(request.params), request.body)),
  );

  app.get(
    `${obligationPath}/submissions`,
    {
      config: { access: member },
      schema: {
        tags,
        summary: 'Every submitted version of the report, oldest first',
        params: ObligationParamsSchema,
        response: { 200: z.object({ items: z.array(SubmissionSchema) }), ...problemResponses(400, 404) },
      },
    },
    async (request) => ({ items: await listObligationSubmissions(deps, targetOf(request.params)) }),
  );

  app.get(
    '/api/v1/orgs/:orgId/deadlines',
    {
      config: { access: member },
      schema: {
        tags,
        summary: "The organisation's reporting deadlines across incidents, soonest first",
        params: OrganizationParamsSchema,
        querystring: DeadlineCalendarQuerySchema,
        response: {
          200: z.object({ items: z.array(DeadlineCalendarEntrySchema) }),
          ...problemResponses(400),
        },
      },
    },
    async (request) => ({ items: await listDeadlineCalendar(deps, request.params.orgId, request.query) }),
  );
}
