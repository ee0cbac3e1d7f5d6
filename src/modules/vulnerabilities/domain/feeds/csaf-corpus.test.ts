import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/errors.ts';
import type { Advisory } from '../advisory-model.ts';
import { parseCsafAdvisories } from './csaf.ts';

/**
 * Every JSON file of the shared CSAF corpus (../shared/corpus/csaf beside the repository, see its
 * README) through the CSAF feed parser: advisories parse without throwing, the provider-metadata, ROLIE
 * and aggregator documents are refused as `invalid`, and the totals are those of the corpus.
 */
const corpus = fileURLToPath(new URL('../../../../../../shared/corpus/csaf/', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const folderOf = (path: string) =>
  path.startsWith('cisa-icsma/')
    ? 'cisa-icsma'
    : path.includes('/csaf_vex/')
      ? 'oasis/csaf_vex'
      : path.startsWith('oasis/examples/csaf/')
        ? 'oasis/csaf'
        : 'not-csaf';

describe.skipIf(!existsSync(corpus))('CSAF corpus', () => {
  const files = new Map<string, number>();
  const advisories = new Map<string, Advisory[]>();
  const warnings = new Map<string, string[]>();
  const refused: string[] = [];

  it('parses every advisory and refuses every other JSON document as invalid', () => {
    for (const file of walk(corpus)) {
      const path = relative(corpus, file).split('\\').join('/');
      // The JSON schemas are no documents at all; README.md is prose.
      if (!path.endsWith('.json') || path.startsWith('oasis/json_schema/')) continue;
      const folder = folderOf(path);
      files.set(folder, (files.get(folder) ?? 0) + 1);
      const found: string[] = [];
      try {
        advisories.set(folder, [
          ...(advisories.get(folder) ?? []),
          ...parseCsafAdvisories(JSON.parse(readFileSync(file, 'utf8')), found),
        ]);
      } catch (error) {
        expect(error, path).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('invalid');
        refused.push(path);
      }
      warnings.set(folder, [...(warnings.get(folder) ?? []), ...found]);
    }
    expect(Object.fromEntries(files)).toEqual({
      'cisa-icsma': 15,
      'oasis/csaf': 6,
      'oasis/csaf_vex': 13,
      'not-csaf': 8,
    });
    expect(refused.sort()).toEqual([
      'oasis/examples/ROLIE/example-01-category.json',
      'oasis/examples/ROLIE/example-01-feed-tlp-white.json',
      'oasis/examples/ROLIE/example-01-service.json',
      'oasis/examples/ROLIE/example-02-service.json',
      'oasis/examples/aggregator/example-01-aggregator.json',
      'oasis/examples/aggregator/example-02-aggregator.json',
      'oasis/examples/aggregator/example-03-aggregator.json',
      'oasis/examples/provider-metadata/example-01-provider-metadata.json',
    ]);
  });

  it('reads the CISA ICSMA advisories: 67 vulnerabilities, all scored and with CWE, none matchable', () => {
    const icsma = advisories.get('cisa-icsma') ?? [];
    expect(icsma).toHaveLength(67);
    expect(
      icsma.every((a) => /^https:\/\/www\.cisa\.gov\/ICSMA-20-\d{3}-\d{2}\/CVE-\d{4}-\d+$/.test(a.id)),
    ).toBe(true);
    expect(icsma.every((a) => a.severities.length > 0 && a.cwes.length > 0)).toBe(true);
    expect(icsma.every((a) => a.affected.length === 0 && a.configurations.length === 0)).toBe(true);
    // One warning per document, counting its products without purl/CPE (CSAF test 6.2.16).
    const found = warnings.get('cisa-icsma') ?? [];
    expect(found).toHaveLength(15);
    expect(
      found.every((w) => /^ICSMA-20-\d{3}-\d{2} \d+ affected product\(s\) have no purl or CPE/.test(w)),
    ).toBe(true);
    const products = found.reduce((sum, w) => sum + Number(/ (\d+) affected/.exec(w)?.[1]), 0);
    expect(products).toBe(161);
  });

  it('reads the OASIS examples: only BSI-2022-0001 names affected products with a CPE', () => {
    const examples = advisories.get('oasis/csaf') ?? [];
    // RHSA-2019:1862 is an informational advisory (no vulnerabilities).
    expect(examples).toHaveLength(6);
    expect(
      examples.flatMap((a) => a.configurations.flatMap((c) => c.nodes.flatMap((n) => n.cpeMatch))),
    ).toHaveLength(5);
    expect(examples.flatMap((a) => a.affected)).toEqual([]);
    expect(warnings.get('oasis/csaf')).toEqual([
      'cisco-sa-20180328-smi2 259 affected product(s) have no purl or CPE (product_identification_helper), so they cannot be matched against SBOM components',
      'RHSA-2019:1862 $.vulnerabilities: none; nothing to import',
    ]);

    const vex = advisories.get('oasis/csaf_vex') ?? [];
    expect(vex).toHaveLength(53);
    expect(vex.every((a) => a.aliases[0] === /\/(CVE-[\d-]+)$/.exec(a.id)?.[1])).toBe(true);
    expect(new Set(vex.map((a) => a.id)).size).toBe(53);
    expect(warnings.get('oasis/csaf_vex')).toHaveLength(7);
  });
});
