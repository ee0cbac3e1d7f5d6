import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliContext } from '../../platform/cli/cli-context.ts';
import { systemActor } from '../../shared/actor.ts';
import { DomainError } from '../../shared/errors.ts';
import { getOnlyOrganizationOfKind, getOrganization } from '../accounts/index.ts';
import { SlugSchema } from './devices.contracts.ts';
import { importSbom } from './service/import-sbom.ts';
import { ensureProductVersion } from './service/product-versions.ts';
import { createProduct, findProductBySlugOrNull } from './service/products.ts';

interface ImportSbomOptions {
  product: string;
  version: string;
  org?: string;
  json?: boolean;
}

export function registerDevicesCommands(program: Command, context: CliContext): void {
  const importCommand =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('Import data from files (SBOMs now; feeds with later modules)');

  importCommand
    .command('sbom <file>')
    .description('Import an SBOM into a product version, creating the product and version when missing')
    .requiredOption('--product <slug>', 'product slug (created when missing)')
    .requiredOption('--version <label>', 'product version (created when missing)')
    .option('--org <slug-or-id>', 'manufacturer organisation (default: the only one)')
    .option('--json', 'print { "components": n, "skipped": n, "warnings": [...] }')
    .action(async (file: string, options: ImportSbomOptions) => {
      const slug = SlugSchema.safeParse(options.product);
      if (!slug.success) throw new DomainError('invalid', `--product: ${slug.error.issues[0]?.message}`);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) throw new DomainError('invalid', `${file}: no such file`);
      const bytes = new Uint8Array(await readFile(file));
      const actor = systemActor('cli');
      const result = await context.withDeps(async (deps) => {
        if (bytes.byteLength > deps.config.sbomLimitBytes) {
          throw new DomainError('payload_too_large', `${file} is larger than CANDOR_SBOM_LIMIT_BYTES.`);
        }
        const organization = options.org
          ? await getOrganization(deps, options.org)
          : await getOnlyOrganizationOfKind(deps, 'manufacturer');
        if (organization.kind !== 'manufacturer')
          throw new DomainError('invalid', `${organization.slug} is not a manufacturer.`);
        const product =
          (await findProductBySlugOrNull(deps, organization.id, slug.data)) ??
          (await createProduct(deps, actor, organization.id, { name: slug.data, slug: slug.data }));
        const version = await ensureProductVersion(deps, actor, organization.id, product.id, options.version);
        const imported = await importSbom(
          deps,
          actor,
          { organizationId: organization.id, productId: product.id, versionId: version.id },
          bytes,
        );
        return { ...imported, product: product.slug, version: version.label };
      });
      if (options.json) {
        context.print(
          JSON.stringify(
            { components: result.components, skipped: result.skipped, warnings: result.warnings },
            null,
            2,
          ),
        );
        return;
      }
      context.print(
        `${result.alreadyImported ? 'already imported' : 'imported'} ${result.sbom.format} ${result.sbom.specVersion} into ${result.product} ${result.version}: ${result.components} components, ${result.skipped} skipped, ${result.warnings.length} warnings`,
      );
      for (const issue of result.sbom.skipped.slice(0, 20))
        context.print(`  skipped ${issue.path}: ${issue.message}`);
      for (const issue of result.warnings.slice(0, 20))
        context.print(`  warning ${issue.path}: ${issue.message}`);
      if (result.warnings.length > 20)
        context.print(`  … ${result.warnings.length - 20} more warnings (--json prints all)`);
    });
}
