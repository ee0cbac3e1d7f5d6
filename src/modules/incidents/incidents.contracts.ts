import { z } from 'zod';
import { IdSchema, TimestampSchema } from '../../shared/contract-helpers.ts';

export const incidentStatuses = ['open', 'contained', 'closed'] as const;
export const IncidentSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  title: z.string(),
  description: z.string(),
  status: z.enum(incidentStatuses),
  productIds: z.array(IdSchema),
  detectedAt: TimestampSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Incident = z.infer<typeof IncidentSchema>;

export const CreateIncidentInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  description: z.string().max(50_000).default(''),
  productIds: z.array(IdSchema).max(100).default([]),
  detectedAt: TimestampSchema,
});
export type CreateIncidentInput = z.infer<typeof CreateIncidentInputSchema>;
export const IncidentParamsSchema = z.strictObject({ orgId: IdSchema, incidentId: IdSchema });
