import { z } from 'zod';

/** Shared zod pieces for contracts. Browser-safe: zod only. */
export const IdSchema = z.uuid({ error: 'must be a UUID' });
export const TimestampSchema = z.iso.datetime({ offset: true });
export const OrganizationParamsSchema = z.strictObject({ orgId: IdSchema });
export const PageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** RFC 9457 problem details, as every error response of the API. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
