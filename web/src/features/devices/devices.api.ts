import {
  ComponentSchema,
  type CreateProductInput,
  type CreateProductVersionInput,
  PortfolioComponentSchema,
  type Product,
  ProductSchema,
  ProductVersionSchema,
  SbomDocumentSchema,
  type SbomImportResult,
  SbomImportResultSchema,
  type sbomExportFormats,
  VersionDiffSchema,
} from '@contracts/devices/devices.contracts.ts';
import { ProblemSchema, pageOf } from '@shared/contract-helpers.ts';
import { z } from 'zod';
import { type ApiClient, ApiError } from '../../api/client.ts';
import { orgCollection } from '../../api/org-collection.ts';

const products = orgCollection<Product, CreateProductInput>('products', ProductSchema, 100);

export const listProducts = products.list;
export const createProduct = products.create;

const productPath = (orgId: string, productId: string) => `/api/v1/orgs/${orgId}/products/${productId}`;
const versionPath = (orgId: string, productId: string, versionId: string) =>
  `${productPath(orgId, productId)}/versions/${versionId}`;

export function getProduct(api: ApiClient, orgId: string, productId: string, signal: AbortSignal) {
  return api.get(productPath(orgId, productId), ProductSchema, { signal });
}

const VersionListSchema = z.object({ items: z.array(ProductVersionSchema) });

export async function listProductVersions(
  api: ApiClient,
  orgId: string,
  productId: string,
  signal: AbortSignal,
) {
  return (await api.get(`${productPath(orgId, productId)}/versions`, VersionListSchema, { signal })).items;
}

export function createProductVersion(
  api: ApiClient,
  orgId: string,
  productId: string,
  input: CreateProductVersionInput,
) {
  return api.post(`${productPath(orgId, productId)}/versions`, ProductVersionSchema, { body: input });
}

export function getProductVersion(
  api: ApiClient,
  orgId: string,
  productId: string,
  versionId: string,
  signal: AbortSignal,
) {
  return api.get(versionPath(orgId, productId, versionId), ProductVersionSchema, { signal });
}

const SbomListSchema = z.object({ items: z.array(SbomDocumentSchema) });

export async function listVersionSboms(
  api: ApiClient,
  orgId: string,
  productId: string,
  versionId: string,
  signal: AbortSignal,
) {
  return (await api.get(`${versionPath(orgId, productId, versionId)}/sboms`, SbomListSchema, { signal }))
    .items;
}

/** What the component tables filter by; empty strings mean "any". */
export interface ComponentQuery {
  q: string;
  version: string;
  purlType: string;
}

const componentPageSize = 50;

function filterQuery(query: ComponentQuery, cursor: string | null) {
  return {
    q: query.q.trim() || undefined,
    version: query.version.trim() || undefined,
    purlType: query.purlType || undefined,
    limit: componentPageSize,
    cursor,
  };
}

const ComponentPageSchema = pageOf(ComponentSchema);
const PortfolioPageSchema = pageOf(PortfolioComponentSchema);

export function listVersionComponents(
  api: ApiClient,
  target: { orgId: string; productId: string; versionId: string },
  query: ComponentQuery,
  cursor: string | null,
  signal: AbortSignal,
) {
  return api.get(
    `${versionPath(target.orgId, target.productId, target.versionId)}/components`,
    ComponentPageSchema,
    { query: filterQuery(query, cursor), signal },
  );
}

export function searchPortfolioComponents(
  api: ApiClient,
  orgId: string,
  query: ComponentQuery,
  cursor: string | null,
  signal: AbortSignal,
) {
  return api.get(`/api/v1/orgs/${orgId}/components`, PortfolioPageSchema, {
    query: filterQuery(query, cursor),
    signal,
  });
}

export function diffProductVersions(
  api: ApiClient,
  orgId: string,
  productId: string,
  versions: { from: string; to: string },
  signal: AbortSignal,
) {
  return api.get(`${productPath(orgId, productId)}/diff`, VersionDiffSchema, { query: versions, signal });
}

export type SbomExportFormat = (typeof sbomExportFormats)[number];

/** Plain links (the browser downloads them with the session cookie): no fetch needed. */
export function exportUrl(orgId: string, productId: string, versionId: string, format: SbomExportFormat) {
  return `${versionPath(orgId, productId, versionId)}/export?format=${format}`;
}

export function sbomOriginalUrl(orgId: string, sbomId: string) {
  return `/api/v1/orgs/${orgId}/sboms/${sbomId}/original`;
}

export interface UploadProgress {
  loaded: number;
  /** null when the browser cannot tell the size. */
  total: number | null;
}

export interface SbomUpload {
  result: Promise<{ status: number; body: SbomImportResult }>;
  abort(): void;
}

/**
 * Uploads an SBOM as multipart `file`. XMLHttpRequest rather than the fetch client, because only it
 * reports upload progress; it sends the same CSRF header and answers errors as the same ApiError.
 */
export function uploadSbom(
  target: { orgId: string; productId: string; versionId: string },
  file: File,
  csrfToken: string,
  onProgress: (progress: UploadProgress) => void,
  onSent: () => void,
): SbomUpload {
  const xhr = new XMLHttpRequest();
  const result = new Promise<{ status: number; body: SbomImportResult }>((resolve, reject) => {
    xhr.open('POST', `${versionPath(target.orgId, target.productId, target.versionId)}/sboms`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) =>
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : null });
    xhr.upload.onload = () => onSent();
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.onerror = () =>
      reject(
        new ApiError({
          type: 'about:blank',
          title: 'Network error',
          status: 0,
          code: 'network',
          detail: 'The upload did not reach Candor. Check your connection and try again.',
        }),
      );
    xhr.onload = () => {
      const json = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = SbomImportResultSchema.safeParse(json);
        if (parsed.success) resolve({ status: xhr.status, body: parsed.data });
        else reject(unexpected(xhr.status));
        return;
      }
      const problem = ProblemSchema.safeParse(json);
      reject(
        new ApiError(
          problem.success
            ? problem.data
            : {
                type: 'about:blank',
                title: xhr.statusText || 'Upload failed',
                status: xhr.status,
                code: xhr.status >= 500 ? 'internal' : 'unknown',
                detail: `The server answered ${xhr.status}.`,
              },
        ),
      );
    };
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
  return { result, abort: () => xhr.abort() };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unexpected(status: number): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: 'Unexpected response',
    status,
    code: 'invalid_response',
    detail: 'The server sent a response this page does not understand. Reload the page and try again.',
  });
}
