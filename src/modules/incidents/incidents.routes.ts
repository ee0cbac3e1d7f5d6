import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess } from '../../shared/access.ts';
import { OrganizationParamsSchema, PageQuerySchema, pageOf } from '../../shared/contract-helpers.ts';
import { CreateIncidentInputSchema, IncidentParamsSchema, IncidentSchema } from './incidents.contracts.ts';
import { getIncident, listIncidents, recordIncident } from './incidents.service.ts';

export async function incidentsRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['incidents'];

  app.get(
    '/api/v1/orgs/:orgId/incidents',
    {
      config: { access: organizationAccess('viewer') },
      schema: {
        tags,
        summary: "The organisation's incidents, newest first",
        params: OrganizationParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: pageOf(IncidentSchema), ...problemResponses() },
      },
    },
    async (request) => listIncidents(deps, request.params.orgId, request.query),
  );

  app.post(
    '/api/v1/orgs/:orgId/incidents',
    {
      config: { access: organizationAccess('editor', ['manufacturer']) },
      schema: {
        tags,
        summary: 'Record an incident',
        params: OrganizationParamsSchema,
        body: CreateIncidentInputSchema,
        response: { 201: IncidentSchema, ...problemResponses() },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordIncident(deps, actorOf(request), request.params.orgId, request.body)),
  );

  app.get(
    '/api/v1/orgs/:orgId/incidents/:incidentId',
    {
      config: { access: organizationAccess('viewer') },
      schema: {
        tags,
        summary: 'An incident',
        params: IncidentParamsSchema,
        response: { 200: IncidentSchema, ...problemResponses(404) },
      },
    },
    async (request) => getIncident(deps, request.params.orgId, request.params.incidentId),
  );
}
