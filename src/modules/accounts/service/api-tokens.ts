import { withTransaction } from '../../../platform/db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { Actor } from '../../../shared/actor.ts';
import { sha256Hex } from '../../../shared/canonical-json.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId, newSecret } from '../../../shared/ids.ts';
import { recordAuditEvent } from '../../audit/index.ts';
import type { ApiToken, CreateApiTokenInput } from '../accounts.contracts.ts';
import {
  type ApiTokenRow,
  findApiToken,
  insertApiToken,
  listApiTokensOfOrganization,
  revokeApiToken as revokeApiTokenRow,
} from '../accounts.repository.ts';

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    displayPrefix: row.displayPrefix,
    scopes: row.scopes as ApiToken['scopes'],
    userId: row.userId,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * Issues a token that acts for `userId` inside one organisation, with its role there. The secret is
 * returned once; only its SHA-256 is stored.
 */
export async function createApiToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  input: CreateApiTokenInput,
): Promise<ApiToken & { token: string }> {
  if (actor.kind !== 'user') throw new DomainError('forbidden', 'API tokens act for a user.');
  const token = newSecret('cdr_');
  const now = deps.clock.now();
  const row: ApiTokenRow = {
    id: newId(),
    organizationId,
    userId: actor.userId,
    name: input.name,
    tokenHash: sha256Hex(token),
    displayPrefix: token.slice(0, 10),
    scopes: [...new Set(input.scopes)],
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
    revokedAt: null,
    lastUsedAt: null,
  };
  return withTransaction(deps.db, async (tx) => {
    await insertApiToken(tx, row);
    const view = toApiToken(row);
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'api_token.created',
      organizationId,
      entityType: 'api_token',
      entityId: row.id,
      after: view,
    });
    return { ...view, token };
  });
}

export async function listApiTokens(deps: Pick<Deps, 'db'>, organizationId: string): Promise<ApiToken[]> {
  return (await listApiTokensOfOrganization(deps.db, organizationId)).map(toApiToken);
}

export async function revokeApiToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  organizationId: string,
  tokenId: string,
): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const row = await findApiToken(tx, organizationId, tokenId);
    if (!row) throw new DomainError('not_found', 'No such API token.');
    if (row.revokedAt) return;
    await revokeApiTokenRow(tx, tokenId, deps.clock.now());
    await recordAuditEvent(tx, deps.clock, actor, {
      action: 'api_token.revoked',
      organizationId,
      entityType: 'api_token',
      entityId: tokenId,
      before: toApiToken(row),
    });
  });
}
