import type { Command } from 'commander';
import type { CliContext } from '../../platform/cli/cli-context.ts';
import { systemActor } from '../../shared/actor.ts';
import { DomainError } from '../../shared/errors.ts';
import { CreateOrganizationInputSchema, CreateUserInputSchema, RoleSchema } from './accounts.contracts.ts';
import {
  createOrganization,
  createUser,
  getOrganization,
  setMembership,
} from './service/organizations-and-users.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function parseOrThrow<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new DomainError(
      'invalid',
      result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  return result.data;
}

export function registerAccountsCommands(program: Command, context: CliContext): void {
  const admin = program.command('admin').description('Organisations, users and roles (for the first admin)');
  const actor = systemActor('cli');

  admin
    .command('create-org')
    .description('Create an organisation')
    .requiredOption('--slug <slug>', 'short unique name, e.g. acme-medical')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--kind <kind>', 'manufacturer | hdo | regulator | researcher | isao')
    .action(async (options: { slug: string; name: string; kind: string }) => {
      const input = parseOrThrow(CreateOrganizationInputSchema, options);
      const organization = await context.withDeps((deps) => createOrganization(deps, actor, input));
      context.print(JSON.stringify(organization, null, 2));
    });

  admin
    .command('create-user')
    .description('Create a user, optionally with a role in an organisation')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .option('--password <password>', 'at least 12 characters (prefer --password-stdin)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--org <slug-or-id>', 'organisation to join')
    .option('--role <role>', 'viewer | editor | admin', 'admin')
    .action(
      async (options: {
        email: string;
        name: string;
        password?: string;
        passwordStdin?: boolean;
        org?: string;
        role: string;
      }) => {
        const password = options.passwordStdin ? await readStdin() : options.password;
        const input = parseOrThrow(CreateUserInputSchema, {
          email: options.email,
          name: options.name,
          password,
        });
        const role = parseOrThrow(RoleSchema, options.role);
        const user = await context.withDeps(async (deps) => {
          const organization = options.org ? await getOrganization(deps, options.org) : null;
          const created = await createUser(deps, actor, input);
          if (organization)
            await setMembership(deps, actor, { organizationId: organization.id, email: created.email, role });
          return { ...created, organization: organization?.slug ?? null, role: organization ? role : null };
        });
        context.print(JSON.stringify(user, null, 2));
      },
    );

  admin
    .command('add-member')
    .description('Give an existing user a role in an organisation (or change it)')
    .requiredOption('--email <email>', 'the user')
    .requiredOption('--org <slug-or-id>', 'the organisation')
    .requiredOption('--role <role>', 'viewer | editor | admin')
    .action(async (options: { email: string; org: string; role: string }) => {
      const role = parseOrThrow(RoleSchema, options.role);
      await context.withDeps(async (deps) => {
        const organization = await getOrganization(deps, options.org);
        await setMembership(deps, actor, { organizationId: organization.id, email: options.email, role });
      });
      context.print(`${options.email} is now ${role} of ${options.org}`);
    });
}
