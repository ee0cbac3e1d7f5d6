import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules of STYLE.md, checked on the import statements of every server file:
 * modules reach each other only through index.ts, platform/ imports no module, domain/ stays pure.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? m[2] ?? '');
}

const files = sourceFiles(src).map((file) => ({ path: relative(src, file).split(sep).join('/'), file }));

function resolved(file: string, specifier: string): string | null {
  return specifier.startsWith('.')
    ? relative(src, resolve(dirname(file), specifier))
        .split(sep)
        .join('/')
    : null;
}

describe('architecture', () => {
  it('reads the server sources', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it('lets modules import other modules only through their index.ts', () => {
    const violations = files.flatMap(({ path, file }) => {
      const own = /^modules\/([^/]+)\//.exec(path)?.[1];
      return importsOf(file)
        .map((s) => resolved(file, s))
        .filter((target): target is string => target?.startsWith('modules/') === true)
        .filter((target) => {
          const [, module, ...rest] = target.split('/');
          return module !== own && rest.join('/') !== 'index.ts';
        })
        .map((target) => `${path} → ${target}`);
    });
    expect(violations).toEqual([]);
  });

  it('keeps platform/ and shared/ free of modules', () => {
    const violations = files
      .filter(({ path }) => path.startsWith('platform/') || path.startsWith('shared/'))
      .flatMap(({ path, file }) =>
        importsOf(file)
          .map((s) => resolved(file, s))
          .filter((t) => t?.startsWith('modules/') || t?.startsWith('main/'))
          .map((t) => `${path} → ${t}`),
      );
    expect(violations).toEqual([]);
  });

  it('keeps domain/ pure: no database, HTTP, queue, file system or process access', () => {
    const forbidden =
      /^(drizzle-orm|fastify|pg|pg-boss|@electric-sql\/pglite|node:fs|node:net|node:http|node:child_process)/;
    const violations = files
      .filter(({ path }) => path.includes('/domain/'))
      .flatMap(({ path, file }) => {
        const bad = importsOf(file).filter(
          (s) => forbidden.test(s) || (resolved(file, s) ?? '').startsWith('platform/'),
        );
        const usesProcess = /\bprocess\./.test(readFileSync(file, 'utf8'));
        return [...bad.map((s) => `${path} imports ${s}`), ...(usesProcess ? [`${path} uses process`] : [])];
      });
    expect(violations).toEqual([]);
  });

  it('keeps contracts browser-safe: zod and shared/ only', () => {
    const violations = files
      .filter(({ path }) => path.endsWith('.contracts.ts'))
      .flatMap(({ path, file }) =>
        importsOf(file)
          .filter(
            (s) =>
              s !== 'zod' && !(resolved(file, s) ?? '').startsWith('shared/') && !s.endsWith('.contracts.ts'),
          )
          .map((s) => `${path} imports ${s}`),
      );
    expect(violations).toEqual([]);
  });
});
