import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess, publicAccess, signedInAccess } from '../../shared/access.ts';
import { IdSchema, OrganizationParamsSchema } from '../../shared/contract-helpers.ts';
import { DomainError } from '../../shared/errors.ts';
import { SESSION_COOKIE } from './access-control.ts';
import {
  AddMemberInputSchema,
  ApiTokenSchema,
  CreateApiTokenInputSchema,
  CreatedApiTokenSchema,
  MemberSchema,
  OrganizationSchema,
  SessionViewSchema,
  SignInInputSchema,
} from './accounts.contracts.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './service/api-tokens.ts';
import { getOrganization, listMembers, setMembership } from './service/organizations-and-users.ts';
import { buildSessionView, signIn, signOut } from './service/sessions.ts';

export async function accountsRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['accounts'];

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: {
        access: publicAccess,
        rateLimit: { max: deps.config.authRateLimitPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags,
        summary: 'Sign in with email and password; sets the HttpOnly session cookie',
        body: SignInInputSchema,
        response: { 200: SessionViewSchema, ...problemResponses(429) },
      },
    },
    async (request, reply) => {
      const { sessionSecret, view } = await signIn(deps, request.body, String(request.id));
      reply.setCookie(SESSION_COOKIE, sessionSecret, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
        path: '/',
        expires: new Date(view.expiresAt),
      });
      return view;
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      config: { access: signedInAccess },
      schema: { tags, summary: 'End this session', response: { 204: z.null(), ...problemResponses() } },
    },
    async (request, reply) => {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret && request.principal?.via === 'session') await signOut(deps, actorOf(request), secret);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      config: { access: signedInAccess },
      schema: {
        tags,
        summary: 'The signed-in user, their organisations and the CSRF token',
        response: { 200: SessionViewSchema, ...problemResponses() },
      },
    },
    async (request) => {
      const principal = request.principal;
      const secret = request.cookies[SESSION_COOKIE];
      if (principal?.via !== 'session' || !secret || !principal.sessionExpiresAt) {
        throw new DomainError('forbidden', 'This endpoint describes browser sessions; API tokens have none.');
      }
      return buildSessionView(deps, principal.userId, secret, principal.sessionExpiresAt);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId',
    {
      config: { access: organizationAccess('viewer') },
      schema: {
        tags,
        summary: 'An organisation',
        params: OrganizationParamsSchema,
        response: { 200: OrganizationSchema, ...problemResponses(404) },
      },
    },
    async (request) => getOrganization(deps, request.params.orgId),
  );

  app.get(
    '/api/v1/orgs/:orgId/members',
    {
      config: { access: organizationAccess('viewer') },
      schema: {
        tags,
        summary: 'Members and their roles',
        params: OrganizationParamsSchema,
        response: { 200: z.object({ items: z.array(MemberSchema) }), ...problemResponses() },
      },
    },
    async (request) => ({ items: await listMembers(deps, request.params.orgId) }),
  );

  app.put(
    '/api/v1/orgs/:orgId/members',
    {
      config: { access: organizationAccess('admin') },
      schema: {
        tags,
        summary: 'Give an existing user a role in this organisation',
        params: OrganizationParamsSchema,
        body: AddMemberInputSchema,
        response: { 204: z.null(), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      await setMembership(deps, actorOf(request), { organizationId: request.params.orgId, ...request.body });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/api-tokens',
    {
      config: { access: organizationAccess('admin') },
      schema: {
        tags,
        summary: 'API tokens of this organisation (never their secrets)',
        params: OrganizationParamsSchema,
        response: { 200: z.object({ items: z.array(ApiTokenSchema) }), ...problemResponses() },
      },
    },
    async (request) => ({ items: await listApiTokens(deps, request.params.orgId) }),
  );

  app.post(
    '/api/v1/orgs/:orgId/api-tokens',
    {
      config: { access: organizationAccess('admin') },
      schema: {
        tags,
        summary: 'Issue an API token; its secret is in this response only',
        params: OrganizationParamsSchema,
        body: CreateApiTokenInputSchema,
        response: { 201: CreatedApiTokenSchema, ...problemResponses() },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(deps, actorOf(request), request.params.orgId, request.body);
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/v1/orgs/:orgId/api-tokens/:tokenId',
    {
      config: { access: organizationAccess('admin') },
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: z.strictObject({ orgId: IdSchema, tokenId: IdSchema }),
        response: { 204: z.null(), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      await revokeApiToken(deps, actorOf(request), request.params.orgId, request.params.tokenId);
      return reply.code(204).send(null);
    },
  );
}
