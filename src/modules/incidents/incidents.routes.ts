import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess } from '../../shared/access.ts';
import { OrganizationParamsSchema, PageQuerySchema, pageOf } from '../../shared/contract-helpers.ts';
import {
  AddTimelineEntryInputSchema,
  CreateIncidentInputSchema,
  FactSuggestionsSchema,
  FactsAtQuerySchema,
  FactsRevisionSchema,
  IncidentParamsSchema,
  IncidentSchema,
  ObligationTaskSchema,
  SetFactsInputSchema,
  TimelineEntrySchema,
  UpdateIncidentInputSchema,
} from './incidents.contracts.ts';
import { suggestIncidentFacts } from './service/fact-suggestions.ts';
import {
  addTimelineEntry,
  getIncidentFacts,
  listIncidentFactsRevisions,
  listIncidentTimeline,
  setIncidentFacts,
} from './service/facts.ts';
import { getIncident, listIncidents, recordIncident, updateIncident } from './service/incidents.ts';
import { listObligationTasks } from './service/obligations.ts';

const member = organizationAccess('viewer');
const manufacturerEditor = organizationAccess('editor', ['manufacturer']);
const incidentPath = '/api/v1/orgs/:orgId/incidents/:incidentId';

export async function incidentsRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['incidents'];

  app.get(
    '/api/v1/orgs/:orgId/incidents',
    {
      config: { access: member },
      schema: {
        tags,
        summary: "The organisation's incidents, newest first",
        params: OrganizationParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: pageOf(IncidentSchema), ...problemResponses(400) },
      },
    },
    async (request) => listIncidents(deps, request.params.orgId, request.query),
  );

  app.post(
    '/api/v1/orgs/:orgId/incidents',
    {
      config: { access: manufacturerEditor },
      schema: {
        tags,
        summary: 'Record an incident',
        params: OrganizationParamsSchema,
        body: CreateIncidentInputSchema,
        response: { 201: IncidentSchema, ...problemResponses(400) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordIncident(deps, actorOf(request), request.params.orgId, request.body)),
  );

  app.get(
    incidentPath,
    {
      config: { access: member },
      schema: {
        tags,
        summary: 'An incident',
        params: IncidentParamsSchema,
        response: { 200: IncidentSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => getIncident(deps, request.params.orgId, request.params.incidentId),
  );

  app.patch(
    incidentPath,
    {
      config: { access: manufacturerEditor },
      schema: {
        tags,
        summary: 'Change an incident: status, owner, kind, linked products, versions and vulnerabilities',
        params: IncidentParamsSchema,
        body: UpdateIncidentInputSchema,
        response: { 200: IncidentSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      updateIncident(deps, actorOf(request), request.params.orgId, request.params.incidentId, request.body),
  );

  app.get(
    `${incidentPath}/facts`,
    {
      config: { access: member },
      schema: {
        tags,
        summary: 'The facts as they stand, or as they stood at `at`',
        params: IncidentParamsSchema,
        querystring: FactsAtQuerySchema,
        response: { 200: FactsRevisionSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      getIncidentFacts(deps, request.params.orgId, request.params.incidentId, request.query.at),
  );

  app.put(
    `${incidentPath}/facts`,
    {
      config: { access: manufacturerEditor },
      schema: {
        tags,
        summary: 'Record a new revision of the facts; obligations are recomputed, deadline history kept',
        params: IncidentParamsSchema,
        body: SetFactsInputSchema,
        response: {
          200: z.object({
            revision: z.number().int(),
            added: z.number().int(),
            changed: z.number().int(),
            withdrawn: z.number().int(),
            obligations: z.array(ObligationTaskSchema),
          }),
          ...problemResponses(400, 404),
        },
      },
    },
    async (request) =>
      setIncidentFacts(deps, actorOf(request), request.params.orgId, request.params.incidentId, request.body),
  );

  app.get(
    `${incidentPath}/facts/suggestions`,
    {
      config: { access: member },
      schema: {
        tags,
        summary:
          "Suggestions towards the facts: the products' markets and fda.riskControlled from risk decisions",
        params: IncidentParamsSchema,
        response: { 200: FactSuggestionsSchema, ...problemResponses(404) },
      },
    },
    async (request) => suggestIncidentFacts(deps, request.params.orgId, request.params.incidentId),
  );

  app.get(
    `${incidentPath}/facts/revisions`,
    {
      config: { access: member },
      schema: {
        tags,
        summary: 'Every revision of the facts, oldest first',
        params: IncidentParamsSchema,
        response: { 200: z.object({ items: z.array(FactsRevisionSchema) }), ...problemResponses(400, 404) },
      },
    },
    async (request) => ({
      items: await listIncidentFactsRevisions(deps, request.params.orgId, request.params.incidentId),
    }),
  );

  app.get(
    `${incidentPath}/timeline`,
    {
      config: { access: member },
      schema: {
        tags,
        summary: 'The incident timeline, oldest first',
        params: IncidentParamsSchema,
        response: { 200: z.object({ items: z.array(TimelineEntrySchema) }), ...problemResponses(400, 404) },
      },
    },
    async (request) => ({
      items: await listIncidentTimeline(deps, request.params.orgId, request.params.incidentId),
    }),
  );

  app.post(
    `${incidentPath}/timeline`,
    {
      config: { access: manufacturerEditor },
      schema: {
        tags,
        summary: 'Add a timeline entry',
        params: IncidentParamsSchema,
        body: AddTimelineEntryInputSchema,
        response: { 201: TimelineEntrySchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addTimelineEntry(
            deps,
            actorOf(request),
            request.params.orgId,
            request.params.incidentId,
            request.body,
          ),
        ),
  );

  app.get(
    `${incidentPath}/obligations`,
    {
      config: { access: member },
      schema: {
        tags,
        summary: "The incident's mandatory reports: deadlines, reasons, sources, task status and history",
        params: IncidentParamsSchema,
        response: { 200: z.object({ items: z.array(ObligationTaskSchema) }), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      await getIncident(deps, request.params.orgId, request.params.incidentId);
      return { items: await listObligationTasks(deps, request.params.incidentId) };
    },
  );
}
