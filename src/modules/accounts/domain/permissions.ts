import type { AccessRule, Principal, Role } from '../../../shared/access.ts';

const roleRank: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export function hasAtLeastRole(role: Role, minRole: Role): boolean {
  return roleRank[role] >= roleRank[minRole];
}

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isWriteMethod(method: string): boolean {
  return !readMethods.has(method.toUpperCase());
}

export type AccessDecision =
  | { allowed: true }
  | { allowed: false; code: 'unauthenticated' | 'forbidden'; reason: string };

/**
 * Applies a route's rule to a caller. `organizationId` is the `:orgId` of the path for organisation
 * routes. API tokens reach only the organisation they were issued for, and writes need the `write` scope.
 */
export function decideAccess(
  rule: AccessRule,
  principal: Principal | null,
  target: { organizationId?: string; method: string; operatorOrganizations?: readonly string[] },
): AccessDecision {
  if (rule.kind === 'public') return { allowed: true };
  if (!principal) return { allowed: false, code: 'unauthenticated', reason: 'Sign in or send an API token.' };
  if (principal.token && isWriteMethod(target.method) && !principal.token.scopes.includes('write')) {
    return { allowed: false, code: 'forbidden', reason: 'This API token has no write scope.' };
  }
  if (rule.kind === 'signed-in') return { allowed: true };
  if (rule.kind === 'operator') {
    const operators = new Set(target.operatorOrganizations ?? []);
    const isOperator = principal.memberships.some(
      (m) =>
        m.role === 'admin' &&
        m.organizationSlug !== undefined &&
        operators.has(m.organizationSlug) &&
        (!principal.token || principal.token.organizationId === m.organizationId),
    );
    return isOperator
      ? { allowed: true }
      : {
          allowed: false,
          code: 'forbidden',
          reason: 'Only administrators of an operator organisation can do this.',
        };
  }

  const organizationId = target.organizationId;
  if (!organizationId) return { allowed: false, code: 'forbidden', reason: 'No organisation in the path.' };
  if (principal.token && principal.token.organizationId !== organizationId) {
    return { allowed: false, code: 'forbidden', reason: 'This API token belongs to another organisation.' };
  }
  const membership = principal.memberships.find((m) => m.organizationId === organizationId);
  if (!membership)
    return { allowed: false, code: 'forbidden', reason: 'You are not a member of this organisation.' };
  if (rule.organizationKinds && !rule.organizationKinds.includes(membership.organizationKind)) {
    return {
      allowed: false,
      code: 'forbidden',
      reason: `Only ${rule.organizationKinds.join(' or ')} organisations can do this.`,
    };
  }
  if (!hasAtLeastRole(membership.role, rule.minRole)) {
    return { allowed: false, code: 'forbidden', reason: `This needs the ${rule.minRole} role or higher.` };
  }
  return { allowed: true };
}
