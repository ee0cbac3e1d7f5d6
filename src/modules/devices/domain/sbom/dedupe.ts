import type { DraftComponent } from './sbom-draft.ts';
import type { SbomComponent, SbomIssue } from './sbom-model.ts';

export interface DedupedComponents {
  components: SbomComponent[];
  /** Ref of a collapsed duplicate → ref of the component it was merged into (for dependency edges). */
  aliases: Map<string, string>;
  /** Every component by its (final, unique) ref. */
  byRef: ReadonlyMap<string, SbomComponent>;
}

/** Without purl: same name, version and supplier. */
function nameVersionSupplierKey(component: DraftComponent): string {
  return `${component.name}\u0000${component.version ?? ''}\u0000${component.supplier ?? ''}`;
}

function mergeHashes(into: DraftComponent, from: DraftComponent): void {
  for (const hash of from.hashes) {
    if (!into.hashes.some((h) => h.algorithm === hash.algorithm && h.value === hash.value)) {
      into.hashes.push(hash);
    }
  }
}

/**
 * Collapses repeated components and gives every component a unique ref, in O(n) with Maps:
 * 1. components with the same identity (same canonical purl, or same name+version+supplier when there
 *    is no purl) collapse into the first one; their hashes are merged, and each duplicate is listed in
 *    `skipped` with its own path. Edges naming a duplicate's ref are redirected (see `aliases`);
 * 2. a component without ref gets a generated one (`candor:component:<n>`);
 * 3. a ref already taken by an earlier, different component (duplicate bom-ref / SPDXID) is renamed to
 *    `<ref>#<n>` with a warning; edges naming that ref keep pointing at the first owner.
 * Never throws.
 */
export function dedupeComponents(
  drafts: DraftComponent[],
  warnings: SbomIssue[],
  skipped: SbomIssue[],
): DedupedComponents {
  // Two maps rather than one of prefixed keys: the purl itself is the key, with no new string to
  // build and hash for each of 10,000 components.
  const byPurl = new Map<string, DraftComponent>();
  const byNameVersionSupplier = new Map<string, DraftComponent>();
  const kept: DraftComponent[] = [];
  const duplicateRefs: [string, DraftComponent][] = [];
  for (const draft of drafts) {
    const byIdentity = draft.purl !== null ? byPurl : byNameVersionSupplier;
    const key = draft.purl ?? nameVersionSupplierKey(draft);
    const first = byIdentity.get(key);
    if (first === undefined) {
      byIdentity.set(key, draft);
      kept.push(draft);
      continue;
    }
    mergeHashes(first, draft);
    const what = draft.purl !== null ? `purl ${draft.purl}` : 'name, version and supplier';
    skipped.push({
      path: draft.sourcePath,
      message: `duplicate of ${first.sourcePath} (same ${what}); merged`,
    });
    if (draft.ref !== null && draft.ref !== first.ref) duplicateRefs.push([draft.ref, first]);
  }

  const byRef = new Map<string, SbomComponent>();
  let generated = 0;
  const components: SbomComponent[] = [];
  for (const draft of kept) {
    let ref = draft.ref;
    if (ref === null) {
      do ref = `candor:component:${++generated}`;
      while (byRef.has(ref));
    } else if (byRef.has(ref)) {
      const original = ref;
      let suffix = 1;
      do ref = `${original}#${++suffix}`;
      while (byRef.has(ref));
      const owner = byRef.get(original) as SbomComponent;
      warnings.push({
        path: draft.sourcePath,
        message: `ref '${original}' is already used by ${owner.sourcePath}; renamed to '${ref}' (edges naming it stay with the first)`,
      });
    }
    // Re-typed in place rather than copied: the drafts are owned by this parse, and copying 10,000
    // components costs more than the rest of the assembly.
    const component = draft as SbomComponent;
    component.ref = ref;
    byRef.set(ref, component);
    components.push(component);
  }

  const aliases = new Map<string, string>();
  for (const [duplicateRef, first] of duplicateRefs) {
    if (!byRef.has(duplicateRef) && !aliases.has(duplicateRef)) {
      aliases.set(duplicateRef, first.ref as string);
    }
  }
  return { components, aliases, byRef };
}
