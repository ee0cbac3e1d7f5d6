import { z } from 'zod';
import { organizationKinds, roles } from '../../shared/access.ts';
import { IdSchema, TimestampSchema } from '../../shared/contract-helpers.ts';

export const OrganizationKindSchema = z.enum(organizationKinds);
export const RoleSchema = z.enum(roles);

export const OrganizationSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  name: z.string(),
  kind: OrganizationKindSchema,
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const MembershipSchema = z.object({ organization: OrganizationSchema, role: RoleSchema });
export type Membership = z.infer<typeof MembershipSchema>;

export const UserSchema = z.object({ id: IdSchema, email: z.string(), name: z.string() });

export const SignInInputSchema = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
});
export type SignInInput = z.infer<typeof SignInInputSchema>;

/** What the web app knows about the signed-in user. `csrfToken` goes in `x-csrf-token` on every write. */
export const SessionViewSchema = z.object({
  user: UserSchema,
  memberships: z.array(MembershipSchema),
  csrfToken: z.string(),
  expiresAt: TimestampSchema,
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const apiTokenScopes = ['read', 'write'] as const;
export const CreateApiTokenInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(apiTokenScopes)).min(1).max(2),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInputSchema>;

export const ApiTokenSchema = z.object({
  id: IdSchema,
  name: z.string(),
  displayPrefix: z.string(),
  scopes: z.array(z.enum(apiTokenScopes)),
  userId: IdSchema,
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema,
  revokedAt: TimestampSchema.nullable(),
  lastUsedAt: TimestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;
/** Returned once, at creation: the secret is never shown again. */
export const CreatedApiTokenSchema = ApiTokenSchema.extend({ token: z.string() });

export const CreateOrganizationInputSchema = z.strictObject({
  slug: z
    .string()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
      'lowercase letters, digits and inner hyphens, at most 64',
    ),
  name: z.string().trim().min(1).max(200),
  kind: OrganizationKindSchema,
});
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationInputSchema>;

export const CreateUserInputSchema = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(12, 'at least 12 characters').max(1024),
});
export type CreateUserInput = z.infer<typeof CreateUserInputSchema>;

export const AddMemberInputSchema = z.strictObject({ email: z.email(), role: RoleSchema });
export const MemberSchema = z.object({ user: UserSchema, role: RoleSchema, createdAt: TimestampSchema });
