import { z } from 'zod';
import { IdSchema } from '../../shared/contract-helpers.ts';

/** A tree size or index in a query: decimal digits only (no signs, exponents or empty values). */
const Count = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a whole number')
  .transform(Number);
const Base64Hash = z.string().describe('base64 of a 32-byte SHA-256 hash');

export const InclusionProofQuerySchema = z.strictObject({
  index: Count,
  size: Count.optional().describe('tree size; default: the latest checkpoint'),
});

export const ConsistencyProofQuerySchema = z.strictObject({
  from: Count,
  to: Count.optional().describe('tree size; default: the latest checkpoint'),
});

/** RFC 9162 §2.1.3 inclusion proof, hashes in base64, the leaf's sibling first. */
export const InclusionProofSchema = z.object({
  index: z.number().int(),
  treeSize: z.number().int(),
  leafHash: Base64Hash,
  rootHash: Base64Hash,
  proof: z.array(Base64Hash),
});
export type InclusionProof = z.infer<typeof InclusionProofSchema>;

/** RFC 9162 §2.1.4 consistency proof, hashes in base64. */
export const ConsistencyProofSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  fromRootHash: Base64Hash,
  toRootHash: Base64Hash,
  proof: z.array(Base64Hash),
});
export type ConsistencyProof = z.infer<typeof ConsistencyProofSchema>;

/** What one entry says (its bytes are this object's canonical JSON). See docs/decisions/0011. */
export const PublicationStatementSchema = z.object({
  type: z.enum(['candor.dev/publication/v2', 'candor.dev/publication/v1']),
  action: z.enum(['published', 'revised', 'withdrawn']),
  recordType: z.literal('disclosure'),
  recordId: IdSchema,
  organizationId: IdSchema,
  publisher: z.string(),
  revision: z.number().int(),
  publishedAt: z.string(),
  contentSha256: z.string(),
  csafSha256: z.string().nullable(),
});

/** A public record's entry in the log, with the proof that the latest signed checkpoint includes it. */
export const RecordLogEntrySchema = z.object({
  index: z.number().int(),
  statement: PublicationStatementSchema,
  leafHash: Base64Hash,
  checkpoint: z.object({
    size: z.number().int(),
    rootHash: Base64Hash,
    note: z.string().describe('the signed checkpoint note, as /log/checkpoint served it'),
  }),
  inclusionProof: z.array(Base64Hash),
});
export type RecordLogEntry = z.infer<typeof RecordLogEntrySchema>;

export const RecordLogEntryParamsSchema = z.strictObject({ disclosureId: IdSchema });

export const TileParamsSchema = z.strictObject({ level: z.string().max(8), '*': z.string().max(64) });
export const EntryTileParamsSchema = z.strictObject({ '*': z.string().max(64) });
