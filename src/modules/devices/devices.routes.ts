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
  ComponentFilterSchema,
  ComponentSchema,
  CreateProductInputSchema,
  CreateProductVersionInputSchema,
  PortfolioComponentFilterSchema,
  PortfolioComponentSchema,
  ProductParamsSchema,
  ProductSchema,
  ProductVersionParamsSchema,
  ProductVersionSchema,
  SbomDocumentSchema,
  SbomExportQuerySchema,
  UpdateProductInputSchema,
  UpdateProductVersionInputSchema,
  VersionDiffQuerySchema,
  VersionDiffSchema,
} from './devices.contracts.ts';
import { registerSbomUploadRoute } from './sbom-upload.routes.ts';
import {
  diffProductVersions,
  exportProductVersion,
  getSbomOriginal,
  listVersionComponentsPage,
  listVersionSboms,
  searchPortfolioComponents,
} from './service/components.ts';
import {
  createProductVersion,
  getProductVersion,
  listProductVersions,
  updateProductVersion,
} from './service/product-versions.ts';
import { createProduct, getProduct, listProducts, updateProduct } from './service/products.ts';

const manufacturerEditor = organizationAccess('editor', ['manufacturer']);
const member = organizationAccess('viewer');

export async function devicesRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['devices'];

  app.get(
    '/api/v1/orgs/:orgId/products',
    {
      config: { access: member },
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
      config: { access: manufacturerEditor },
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
      config: { access: member },
      schema: {
        tags,
        summary: 'A product',
        params: ProductParamsSchema,
        response: { 200: ProductSchema, ...problemResponses(404) },
      },
    },
    async (request) => getProduct(deps, request.params.orgId, request.params.productId),
  );

  app.patch(
    '/api/v1/orgs/:orgId/products/:productId',
    {
      config: { access: manufacturerEditor },
      schema: {
        tags,
        summary: 'Change a product',
        params: ProductParamsSchema,
        body: UpdateProductInputSchema,
        response: { 200: ProductSchema, ...problemResponses(404, 409) },
      },
    },
    async (request) =>
      updateProduct(deps, actorOf(request), request.params.orgId, request.params.productId, request.body),
  );

  app.patch(
    '/api/v1/orgs/:orgId/products/:productId/versions/:versionId',
    {
      config: { access: manufacturerEditor },
      schema: {
        tags,
        summary: 'Change a version: release and end-of-support dates, support phase, units in the field',
        params: ProductVersionParamsSchema,
        body: UpdateProductVersionInputSchema,
        response: { 200: ProductVersionSchema, ...problemResponses(404) },
      },
    },
    async (request) =>
      updateProductVersion(
        deps,
        actorOf(request),
        request.params.orgId,
        request.params.productId,
        request.params.versionId,
        request.body,
      ),
  );

  app.get(
    '/api/v1/orgs/:orgId/products/:productId/versions',
    {
      config: { access: member },
      schema: {
        tags,
        summary: "A product's versions, newest first, with component counts",
        params: ProductParamsSchema,
        response: { 200: z.object({ items: z.array(ProductVersionSchema) }), ...problemResponses(404) },
      },
    },
    async (request) => ({
      items: await listProductVersions(deps, request.params.orgId, request.params.productId),
    }),
  );

  app.post(
    '/api/v1/orgs/:orgId/products/:productId/versions',
    {
      config: { access: manufacturerEditor },
      schema: {
        tags,
        summary: 'Add a version (release) of a product',
        params: ProductParamsSchema,
        body: CreateProductVersionInputSchema,
        response: { 201: ProductVersionSchema, ...problemResponses(404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createProductVersion(
            deps,
            actorOf(request),
            request.params.orgId,
            request.params.productId,
            request.body,
          ),
        ),
  );

  app.get(
    '/api/v1/orgs/:orgId/products/:productId/versions/:versionId',
    {
      config: { access: member },
      schema: {
        tags,
        summary: 'A product version',
        params: ProductVersionParamsSchema,
        response: { 200: ProductVersionSchema, ...problemResponses(404) },
      },
    },
    async (request) =>
      getProductVersion(deps, request.params.orgId, request.params.productId, request.params.versionId),
  );

  await app.register(registerSbomUploadRoute, { deps });

  app.get(
    '/api/v1/orgs/:orgId/products/:productId/versions/:versionId/sboms',
    {
      config: { access: member },
      schema: {
        tags,
        summary: "The version's SBOM documents, newest first, with what each import understood",
        params: ProductVersionParamsSchema,
        response: { 200: z.object({ items: z.array(SbomDocumentSchema) }), ...problemResponses(404) },
      },
    },
    async (request) => ({
      items: await listVersionSboms(deps, { organizationId: request.params.orgId, ...request.params }),
    }),
  );

  app.get(
    '/api/v1/orgs/:orgId/sboms/:sbomId/original',
    {
      config: {
        access: member,
        binaryResponse: {
          description: 'The document as uploaded',
          contentTypes: ['application/json', 'application/xml', 'text/spdx'],
        },
      },
      schema: {
        tags,
        summary: 'An SBOM document exactly as uploaded (its SHA-256 in the ETag)',
        params: z.strictObject({ orgId: IdSchema, sbomId: IdSchema }),
        response: problemResponses(404),
      },
    },
    async (request, reply) => {
      const original = await getSbomOriginal(deps, request.params.orgId, request.params.sbomId);
      return (
        reply
          .type(original.contentType)
          .header('etag', `"${original.sha256}"`)
          .header('content-disposition', `attachment; filename="${original.fileName}"`)
          // Bytes bypass the schema'd serialiser (only the problem responses are typed): hence the cast.
          .send(Buffer.from(original.bytes) as never)
      );
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/products/:productId/versions/:versionId/components',
    {
      config: { access: member },
      schema: {
        tags,
        summary: "The version's components in name order; filter by text, purl type and version constraint",
        params: ProductVersionParamsSchema,
        querystring: ComponentFilterSchema,
        response: { 200: pageOf(ComponentSchema), ...problemResponses(404) },
      },
    },
    async (request) =>
      listVersionComponentsPage(
        deps,
        { organizationId: request.params.orgId, ...request.params },
        request.query,
      ),
  );

  app.get(
    '/api/v1/orgs/:orgId/components',
    {
      config: { access: member },
      schema: {
        tags,
        summary: 'Components across all products, e.g. q=openssl&version=<3.0.14',
        params: OrganizationParamsSchema,
        querystring: PortfolioComponentFilterSchema,
        response: { 200: pageOf(PortfolioComponentSchema), ...problemResponses() },
      },
    },
    async (request) => searchPortfolioComponents(deps, request.params.orgId, request.query),
  );

  app.get(
    '/api/v1/orgs/:orgId/products/:productId/diff',
    {
      config: { access: member },
      schema: {
        tags,
        summary: 'Components added, removed and changed between two versions',
        params: ProductParamsSchema,
        querystring: VersionDiffQuerySchema,
        response: { 200: VersionDiffSchema, ...problemResponses(404) },
      },
    },
    async (request) =>
      diffProductVersions(
        deps,
        request.params.orgId,
        request.params.productId,
        request.query.from,
        request.query.to,
      ),
  );

  app.get(
    '/api/v1/orgs/:orgId/products/:productId/versions/:versionId/export',
    {
      config: {
        access: member,
        binaryResponse: {
          description: 'The SBOM document',
          contentTypes: [
            'application/vnd.cyclonedx+json',
            'application/vnd.cyclonedx+xml',
            'application/spdx+json',
          ],
        },
      },
      schema: {
        tags,
        summary: 'The version as CycloneDX 1.6 (JSON or XML) or SPDX 2.3 JSON',
        params: ProductVersionParamsSchema,
        querystring: SbomExportQuerySchema,
        response: problemResponses(404),
      },
    },
    async (request, reply) => {
      const exported = await exportProductVersion(
        deps,
        { organizationId: request.params.orgId, ...request.params },
        request.query.format,
      );
      return reply
        .type(exported.contentType)
        .header('content-disposition', `attachment; filename="${exported.fileName}"`)
        .send(exported.body as never);
    },
  );
}
