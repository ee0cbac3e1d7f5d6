import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess } from '../../shared/access.ts';
import {
  IdSchema,
  OrganizationParamsSchema,
  PageQuerySchema,
  pageOf,
} from '../../shared/contract-helpers.ts';
import {
  DisclosureParamsSchema,
  DisclosurePreviewSchema,
  DisclosureSchema,
  DraftDisclosureInputSchema,
  PublicRevisionSchema,
  UpdateDisclosureInputSchema,
  WithdrawDisclosureInputSchema,
} from './disclosures.contracts.ts';
import { listRevisionsOfDisclosure } from './service/org-revisions.ts';
import { previewDisclosure } from './service/preview.ts';
import { publishDisclosure, withdrawDisclosure } from './service/publication.ts';
import {
  approveDisclosure,
  draftDisclosure,
  draftDisclosureFromIncident,
  getDisclosure,
  listDisclosures,
  updateDisclosure,
} from './service/records.ts';

const authoring = organizationAccess('editor', ['manufacturer']);
const EmptyBody = z.strictObject({}).nullish();

/** The organisation's side: drafting, four-eyes approval, publication, revisions and withdrawal. */
export async function disclosuresRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['disclosures'];

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
        summary: 'Draft a disclosure: a security advisory or an incident notice',
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
        summary:
          'Edit a disclosure (an edit withdraws the approval; on a published one it starts the next revision)',
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
    '/api/v1/orgs/:orgId/disclosures/:disclosureId/preview',
    {
      config: { access: organizationAccess('viewer') },
      schema: {
        tags,
        summary:
          'The CSAF documents the disclosure would publish, with unsaved changes applied, and their validation',
        params: DisclosureParamsSchema,
        body: UpdateDisclosureInputSchema.or(z.strictObject({})).nullish(),
        response: { 200: DisclosurePreviewSchema, ...problemResponses(404) },
      },
    },
    async (request) =>
      previewDisclosure(deps, request.params.orgId, request.params.disclosureId, request.body ?? {}),
  );

  app.get(
    '/api/v1/orgs/:orgId/disclosures/:disclosureId/revisions',
    {
      config: { access: organizationAccess('viewer') },
      schema: {
        tags,
        summary: 'Published revisions of the disclosure, oldest first',
        params: DisclosureParamsSchema,
        response: {
          200: z.object({ items: z.array(PublicRevisionSchema) }),
          ...problemResponses(404),
        },
      },
    },
    async (request) => listRevisionsOfDisclosure(deps, request.params.orgId, request.params.disclosureId),
  );

  app.post(
    '/api/v1/orgs/:orgId/incidents/:incidentId/disclosures',
    {
      config: { access: authoring },
      schema: {
        tags,
        summary: "Start the incident's public disclosure: a draft pre-filled from its record and facts",
        params: z.strictObject({ orgId: IdSchema, incidentId: IdSchema }),
        body: EmptyBody,
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
        body: EmptyBody,
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
        summary:
          'Publish an approved disclosure or revision (refused while under embargo or when its CSAF fails a mandatory test)',
        params: DisclosureParamsSchema,
        body: EmptyBody,
        response: { 200: DisclosureSchema, ...problemResponses(404, 412) },
      },
    },
    async (request) =>
      publishDisclosure(deps, actorOf(request), request.params.orgId, request.params.disclosureId),
  );

  app.post(
    '/api/v1/orgs/:orgId/disclosures/:disclosureId/withdraw',
    {
      config: { access: organizationAccess('admin', ['manufacturer']) },
      schema: {
        tags,
        summary: 'Withdraw a published disclosure (a final revision with the reason; admins only)',
        params: DisclosureParamsSchema,
        body: WithdrawDisclosureInputSchema,
        response: { 200: DisclosureSchema, ...problemResponses(404, 412) },
      },
    },
    async (request) =>
      withdrawDisclosure(
        deps,
        actorOf(request),
        request.params.orgId,
        request.params.disclosureId,
        request.body.reason,
      ),
  );
}
