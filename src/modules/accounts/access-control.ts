import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import type { AccessControl } from '../../platform/http/build-http-app.ts';
import type { AccessRule, Principal } from '../../shared/access.ts';
import { DomainError } from '../../shared/errors.ts';
import { decideAccess, isWriteMethod } from './domain/permissions.ts';
import { isSameSecret, resolveApiToken, resolveSession } from './service/sessions.ts';

export const SESSION_COOKIE = 'candor_session';

/**
 * Resolves the caller from `Authorization: Bearer <token>` or the session cookie and applies the route's
 * rule. Cookie-authenticated writes must echo the session's CSRF token in `x-csrf-token`.
 */
export function createAccessControl(deps: Pick<Deps, 'db' | 'clock' | 'config'>): AccessControl {
  return {
    async check(request: FastifyRequest, rule: AccessRule): Promise<Principal | null> {
      const principal = await resolvePrincipal(deps, request);
      if (principal?.via === 'session' && isWriteMethod(request.method) && rule.kind !== 'public') {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !principal.csrfToken || !isSameSecret(sent, principal.csrfToken)) {
          throw new DomainError(
            'forbidden',
            'Missing or wrong x-csrf-token header for a write with a session cookie.',
          );
        }
      }
      const params = request.params as Record<string, string> | undefined;
      const decision = decideAccess(rule, principal, {
        ...(params?.orgId ? { organizationId: params.orgId } : {}),
        method: request.method,
        operatorOrganizations: deps.config.operatorOrganizations,
      });
      if (!decision.allowed) throw new DomainError(decision.code, decision.reason);
      return principal;
    },
  };
}

async function resolvePrincipal(
  deps: Pick<Deps, 'db' | 'clock'>,
  request: FastifyRequest,
): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const principal = match?.[1] && match[1].length < 200 ? await resolveApiToken(deps, match[1]) : null;
    // A bad token is an error even on public routes: the caller meant to authenticate.
    if (!principal) throw new DomainError('unauthenticated', 'The API token is invalid, expired or revoked.');
    return principal;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie && cookie.length < 200) return resolveSession(deps, cookie);
  return null;
}
