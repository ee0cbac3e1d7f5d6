export { createAccessControl, SESSION_COOKIE } from './access-control.ts';
export { registerAccountsCommands } from './accounts.cli.ts';
export { accountsRoutes } from './accounts.routes.ts';
export { createApiToken, revokeApiToken } from './service/api-tokens.ts';
export {
  createOrganization,
  createUser,
  getOnlyOrganizationOfKind,
  getOrganization,
  hasAnyOrganization,
  listMembers,
  setMembership,
  userNamesById,
} from './service/organizations-and-users.ts';
export { signIn } from './service/sessions.ts';
