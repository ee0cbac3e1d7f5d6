import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess } from '../../shared/access.ts';
import { OrganizationParamsSchema, PageQuerySchema, pageOf } from '../../shared/contract-helpers.ts';
import { CreateProductInputSchema, ProductParamsSchema, ProductSchema } from './devices.contracts.ts';
import { createProduct, getProduct, listProducts } from './devices.service.ts';

export async function devicesRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['devices'];

  app.get(
    '/api/v1/orgs/:orgId/products',
    {
      config: { access: organizationAccess('viewer') },
      schema: {
        tags,
        summary: "The organisation's products, newest first",
        params: OrganizationParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: pageOf(ProductSchema), ...problemResponses() },
      },
    },
    async (request) => listProducts(deps, request.params.orgId, request.query),
  );

  app.post(
    '/api/v1/orgs/:orgId/products',
    {
      config: { access: organizationAccess('editor', ['manufacturer']) },
      schema: {
        tags,
        summary: 'Register a product',
        params: OrganizationParamsSchema,
        body: CreateProductInputSchema,
        response: { 201: ProductSchema, ...problemResponses(409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createProduct(deps, actorOf(request), request.params.orgId, request.body)),
  );

  app.get(
    '/api/v1/orgs/:orgId/products/:productId',
    {
      config: { access: organizationAccess('viewer') },
      schema: {
        tags,
        summary: 'A product',
        params: ProductParamsSchema,
        response: { 200: ProductSchema, ...problemResponses(404) },
      },
    },
    async (request) => getProduct(deps, request.params.orgId, request.params.productId),
  );
}
