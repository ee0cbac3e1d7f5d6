import type { FastifyReply } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { publicAccess } from '../../shared/access.ts';
import {
  getCheckpointNote,
  getRecordLogEntry,
  getVerifierKey,
  proveConsistency,
  proveInclusion,
  readTile,
  type Tile,
} from './service/read-log.ts';
import {
  ConsistencyProofQuerySchema,
  ConsistencyProofSchema,
  EntryTileParamsSchema,
  InclusionProofQuerySchema,
  InclusionProofSchema,
  RecordLogEntryParamsSchema,
  RecordLogEntrySchema,
  TileParamsSchema,
} from './translog.contracts.ts';

const text = (description: string) => ({ description, contentTypes: ['text/plain; charset=utf-8'] as const });
const tileResponse = { description: 'The tile bytes', contentTypes: ['application/octet-stream'] as const };

function sendTile(reply: FastifyReply, tile: Tile) {
  return (
    reply
      .type('application/octet-stream')
      .header('cache-control', tile.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=60')
      // Bytes bypass the schema'd serialiser (only the problem responses are typed): hence the cast.
      .send(tile.bytes as never)
  );
}

/**
 * The transparency log's public read API: C2SP tlog-tiles under /log/ (checkpoint, key, hash tiles,
 * entry bundles), JSON proofs for clients that do not compute them from tiles, and each public
 * record's entry with its inclusion proof.
 */
export async function translogRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['transparency log'];

  app.get(
    '/log/checkpoint',
    {
      config: { access: publicAccess, binaryResponse: text('The latest checkpoint, a C2SP signed note') },
      schema: {
        tags,
        summary: 'The latest signed checkpoint (c2sp.org/tlog-checkpoint)',
        response: problemResponses(),
      },
    },
    async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send((await getCheckpointNote(deps)) as never),
  );

  app.get(
    '/log/key',
    {
      config: { access: publicAccess, binaryResponse: text('<origin>+<key ID>+<base64 key>, one line') },
      schema: {
        tags,
        summary: "The log's verifier key (c2sp.org/signed-note)",
        response: problemResponses(),
      },
    },
    async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(`${await getVerifierKey(deps)}\n` as never),
  );

  app.get(
    '/log/tile/entries/*',
    {
      config: { access: publicAccess, binaryResponse: tileResponse },
      schema: {
        tags,
        summary: 'An entry bundle: <N>[.p/<W>], each entry a uint16 length and its bytes',
        params: EntryTileParamsSchema,
        response: problemResponses(404),
      },
    },
    async (request, reply) => sendTile(reply, await readTile(deps, 'entries', request.params['*'])),
  );

  app.get(
    '/log/tile/:level/*',
    {
      config: { access: publicAccess, binaryResponse: tileResponse },
      schema: {
        tags,
        summary: 'A hash tile: <L>/<N>[.p/<W>], up to 256 hashes of tree level 8·L',
        params: TileParamsSchema,
        response: problemResponses(404),
      },
    },
    async (request, reply) =>
      sendTile(reply, await readTile(deps, request.params.level, request.params['*'])),
  );

  app.get(
    '/log/proof/inclusion',
    {
      config: { access: publicAccess },
      schema: {
        tags,
        summary: 'An inclusion proof of entry `index` in the tree of `size` (RFC 9162 §2.1.3)',
        querystring: InclusionProofQuerySchema,
        response: { 200: InclusionProofSchema, ...problemResponses() },
      },
    },
    async (request) => proveInclusion(deps, request.query.index, request.query.size),
  );

  app.get(
    '/log/proof/consistency',
    {
      config: { access: publicAccess },
      schema: {
        tags,
        summary: 'A consistency proof between the trees of sizes `from` and `to` (RFC 9162 §2.1.4)',
        querystring: ConsistencyProofQuerySchema,
        response: { 200: ConsistencyProofSchema, ...problemResponses() },
      },
    },
    async (request) => proveConsistency(deps, request.query.from, request.query.to),
  );

  app.get(
    '/api/v1/public/disclosures/:disclosureId/log-entry',
    {
      config: { access: publicAccess },
      schema: {
        tags,
        summary: "A published disclosure's transparency-log entry and its inclusion proof",
        params: RecordLogEntryParamsSchema,
        response: { 200: RecordLogEntrySchema, ...problemResponses(404) },
      },
    },
    async (request) => getRecordLogEntry(deps, request.params.disclosureId),
  );
}
