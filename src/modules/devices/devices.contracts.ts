import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../../shared/contract-helpers.ts';

export const ProductSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  name: z.string(),
  description: z.string(),
  modelNumber: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Product = z.infer<typeof ProductSchema>;

export const CreateProductInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).default(''),
  modelNumber: z.string().trim().min(1).max(100).nullable().default(null),
});
export type CreateProductInput = z.infer<typeof CreateProductInputSchema>;
export const ProductParamsSchema = z.strictObject({ orgId: IdSchema, productId: IdSchema });
