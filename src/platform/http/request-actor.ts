import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../shared/actor.ts';
import { DomainError } from '../../shared/errors.ts';

/** The acting user of an authenticated request, with the request id for the audit log. */
export function actorOf(request: FastifyRequest): Actor & { kind: 'user' } {
  const principal = request.principal;
  if (!principal) throw new DomainError('unauthenticated', 'Sign in or send an API token.');
  return {
    kind: 'user',
    userId: principal.userId,
    via: principal.via,
    ...(principal.token ? { tokenId: principal.token.id } : {}),
    requestId: String(request.id),
  };
}
