/**
 * Who may call a route. Every route declares one rule in `config.access`; the HTTP layer refuses to
 * start when a route has none, so a new route cannot ship without an authorization decision.
 */
export const roles = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const organizationKinds = ['manufacturer', 'hdo', 'regulator', 'researcher', 'isao'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export type AccessRule =
  /** Anyone, signed in or not: public portal, health, OpenAPI. */
  | { kind: 'public' }
  /** Any signed-in user, acting on their own account. */
  | { kind: 'signed-in' }
  /** A member of the organisation named by the route's `:orgId` parameter, with at least `minRole`. */
  | { kind: 'organization'; minRole: Role; organizationKinds?: readonly OrganizationKind[] }
  /**
   * Admins of an operator organisation (CANDOR_OPERATOR_ORGS): the people who run this installation and
   * feed its shared data (vulnerability feeds), which no tenant may write.
   */
  | { kind: 'operator' };

export const publicAccess: AccessRule = { kind: 'public' };
export const signedInAccess: AccessRule = { kind: 'signed-in' };
export const operatorAccess: AccessRule = { kind: 'operator' };
export function organizationAccess(
  minRole: Role,
  organizationKinds?: readonly OrganizationKind[],
): AccessRule {
  return organizationKinds
    ? { kind: 'organization', minRole, organizationKinds }
    : { kind: 'organization', minRole };
}

/** The authenticated caller, as the HTTP layer resolved it from a session cookie or an API token. */
export interface Principal {
  userId: string;
  via: 'session' | 'token';
  memberships: {
    organizationId: string;
    organizationSlug?: string;
    organizationKind: OrganizationKind;
    role: Role;
  }[];
  /** For API tokens: the one organisation and the scopes it was issued for. */
  token?: { id: string; organizationId: string; scopes: readonly string[] };
  /** For sessions: the value writes must echo in `x-csrf-token`. */
  csrfToken?: string;
  sessionExpiresAt?: Date;
}
