import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess, publicAccess } from '../../shared/access.ts';
import {
  IdSchema,
  OrganizationParamsSchema,
  PageQuerySchema,
  pageOf,
} from '../../shared/contract-helpers.ts';
import {
  DisclosureParamsSchema,
  DisclosureSchema,
  DraftDisclosureInputSchema,
  PublicDisclosureParamsSchema,
  PublicDisclosureSchema,
  UpdateDisclosureInputSchema,
} from './disclosures.contracts.ts';
import {
  approveDisclosure,
  draftDisclosure,
  draftDisclosureFromIncident,
  getDisclosure,
  getPublicDisclosure,
  listDisclosures,
  listPublicDisclosures,
  publishDisclosure,
  updateDisclosure,
} from './disclosures.service.ts';

const authoring = organizationAccess('editor', ['manufacturer']);

export async function disclosuresRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['disclosures'];

  app.get(
    '/api/v1/public/disclosures',
    {
      config: { access: publicAccess },
      schema: {
        tags,
        summary: 'Published disclosures of every organisation, newest first',
        querystring: PageQuerySchema,
        response: { 200: pageOf(PublicDisclosureSchema), 400: problemResponses()[400] },
      },
    },
    async (request) => listPublicDisclosures(deps, request.query),
  );

  app.get(
    '/api/v1/public/disclosures/:disclosureId',
    {
      config: { access: publicAccess },
      schema: {
        tags,
        summary: 'One published disclosure',
        params: PublicDisclosureParamsSchema,
        response: {
          200: PublicDisclosureSchema,
          400: problemResponses()[400],
          404: problemResponses(404)[404],
        },
      },
    },
    async (request) => getPublicDisclosure(deps, request.params.disclosureId),
  );

  app.get(
    '/api/v1/orgs/:orgId/disclosures',
    {
      config: { access: organizationAccess('viewer') },
      schema: {
        tags,
        summary: "The organisation's disclosures, drafts included, newest first",
        params: OrganizationParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: pageOf(DisclosureSchema), ...problemResponses() },
      },
    },
    async (request) => listDisclosures(deps, request.params.orgId, request.query),
  );

  app.post(
    '/api/v1/orgs/:orgId/disclosures',
    {
      config: { access: authoring },
      schema: {
        tags,
        summary: 'Draft a disclosure',
        params: OrganizationParamsSchema,
        body: DraftDisclosureInputSchema,
        response: { 201: DisclosureSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await draftDisclosure(deps, actorOf(request), request.params.orgId, request.body)),
  );

  app.get(
    '/api/v1/orgs/:orgId/disclosures/:disclosureId',
    {
      config: { access: organizationAccess('viewer') },
      schema: {
        tags,
        summary: 'A disclosure',
        params: DisclosureParamsSchema,
        response: { 200: DisclosureSchema, ...problemResponses(404) },
      },
    },
    async (request) => getDisclosure(deps, request.params.orgId, request.params.disclosureId),
  );

  app.patch(
    '/api/v1/orgs/:orgId/disclosures/:disclosureId',
    {
      config: { access: authoring },
      schema: {
        tags,
        summary: 'Edit a draft or approved disclosure (an edit withdraws the approval)',
        params: DisclosureParamsSchema,
        body: UpdateDisclosureInputSchema,
        response: { 200: DisclosureSchema, ...problemResponses(404, 412) },
      },
    },
    async (request) =>
      updateDisclosure(
        deps,
        actorOf(request),
        request.params.orgId,
        request.params.disclosureId,
        request.body,
      ),
  );

  app.post(
    '/api/v1/orgs/:orgId/incidents/:incidentId/disclosures',
    {
      config: { access: authoring },
      schema: {
        tags,
        summary: "Start the incident's public disclosure: a draft pre-filled from its record and facts",
        params: z.strictObject({ orgId: IdSchema, incidentId: IdSchema }),
        body: z.strictObject({}).nullish(),
        response: { 201: DisclosureSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await draftDisclosureFromIncident(
            deps,
            actorOf(request),
            request.params.orgId,
            request.params.incidentId,
          ),
        ),
  );

  app.post(
    '/api/v1/orgs/:orgId/disclosures/:disclosureId/approve',
    {
      config: { access: authoring },
      schema: {
        tags,
        summary: 'Approve a draft (four eyes: not by its author)',
        params: DisclosureParamsSchema,
        body: z.strictObject({}).nullish(),
        response: { 200: DisclosureSchema, ...problemResponses(404, 412) },
      },
    },
    async (request) =>
      approveDisclosure(deps, actorOf(request), request.params.orgId, request.params.disclosureId),
  );

  app.post(
    '/api/v1/orgs/:orgId/disclosures/:disclosureId/publish',
    {
      config: { access: authoring },
      schema: {
        tags,
        summary: 'Publish an approved disclosure',
        params: DisclosureParamsSchema,
        body: z.strictObject({}).nullish(),
        response: { 200: DisclosureSchema, ...problemResponses(404, 412) },
      },
    },
    async (request) =>
      publishDisclosure(deps, actorOf(request), request.params.orgId, request.params.disclosureId),
  );
}
