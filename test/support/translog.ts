import { sql } from 'drizzle-orm';
import { createProduct } from '../../src/modules/devices/index.ts';
import {
  approveDisclosure,
  draftDisclosure,
  publishDisclosure,
} from '../../src/modules/disclosures/index.ts';
import { formatCheckpoint } from '../../src/modules/translog/domain/checkpoint.ts';
import { hashLeaf } from '../../src/modules/translog/domain/merkle.ts';
import { signNote } from '../../src/modules/translog/domain/signed-note.ts';
import { type PublicationStatement, statementBytes } from '../../src/modules/translog/domain/statement.ts';
import { packInteriorNodes, TreeBuilder } from '../../src/modules/translog/domain/tree-builder.ts';
import { loadLogKey } from '../../src/modules/translog/service/signing-key.ts';
import {
  type EntryRow,
  insertCheckpoint,
  insertEntries,
} from '../../src/modules/translog/translog.repository.ts';
import type { Deps } from '../../src/platform/deps.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { createTestOrganization } from '../factories/accounts.ts';

export const userActor = (userId: string): Actor => ({ kind: 'user', userId, via: 'session' });

/** A manufacturer with a product, and a way to draft → approve → publish disclosures about it. */
export async function createPublisher(deps: Deps) {
  const { organization, users } = await createTestOrganization(deps, 'manufacturer');
  const product = await createProduct(deps, userActor(users.editor.id), organization.id, {
    name: 'Infusion pump',
  });
  let n = 0;
  return {
    organization,
    users,
    product,
    async draftAndApprove(title = `Advisory ${++n}`) {
      const draft = await draftDisclosure(deps, userActor(users.editor.id), organization.id, {
        incidentId: null,
        title,
        summary: `Summary of ${title}`,
        body: `Body of ${title}`,
        severity: 'high',
        productIds: [product.id],
      });
      await approveDisclosure(deps, userActor(users.admin.id), organization.id, draft.id);
      return draft;
    },
    async publish(title?: string) {
      const draft = await this.draftAndApprove(title);
      return publishDisclosure(deps, userActor(users.admin.id), organization.id, draft.id);
    },
  };
}

/** Runs statements past the append-only triggers, as a database superuser could (one transaction). */
export async function tamper(deps: Deps, ...statements: ReturnType<typeof sql>[]): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    for (const statement of statements) await tx.execute(statement);
  });
}

export async function storedStatements(deps: Deps): Promise<PublicationStatement[]> {
  const result = await deps.db.execute(sql`SELECT statement FROM translog_entries ORDER BY index`);
  return result.rows.map((r) => r.statement as PublicationStatement);
}

/**
 * Forges another history, as someone holding the database and the log key could: replaces the entries
 * by `statements` with every stored hash recomputed, drops the checkpoints of sizes ≥ `dropFrom`, and
 * signs a checkpoint of the forged tree with the real key.
 */
export async function forkLog(
  deps: Deps,
  statements: PublicationStatement[],
  dropFrom: number,
): Promise<void> {
  const builder = TreeBuilder.empty();
  const now = deps.clock.now();
  const rows: EntryRow[] = statements.map((statement) => {
    const index = builder.size;
    const leafHash = hashLeaf(statementBytes(statement));
    const completed = builder.append(leafHash);
    return {
      index,
      statement,
      leafHash,
      interiorHashes: packInteriorNodes(completed),
      recordType: 'disclosure',
      recordId: statement.recordId,
      createdAt: now,
    };
  });
  const key = await loadLogKey(deps);
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`DELETE FROM translog_entries`);
    await tx.execute(sql`DELETE FROM translog_checkpoints WHERE size >= ${dropFrom}`);
    await insertEntries(tx, rows);
    const rootHash = builder.root();
    const note = signNote(formatCheckpoint({ origin: key.origin, size: builder.size, rootHash }), [
      key.signer,
    ]);
    await insertCheckpoint(tx, { size: builder.size, rootHash, note, createdAt: now });
  });
}
