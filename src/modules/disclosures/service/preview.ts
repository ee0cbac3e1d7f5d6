import type { Deps } from '../../../platform/deps.ts';
import { validateCsafDocument } from '../../../shared/csaf-validation.ts';
import type { UpdateDisclosureInput } from '../disclosures.contracts.ts';
import { type DisclosureRow, listRevisions } from '../disclosures.repository.ts';
import { atomFeed } from '../domain/atom-feed.ts';
import { buildCsafDocument } from '../domain/csaf/build-csaf.ts';
import { planCsafDocuments, registrySnapshot } from './csaf-snapshot.ts';
import { listPublicDisclosures } from './public-records.ts';
import { contentOf, getDisclosureRow } from './records.ts';

/**
 * What the record would publish, with the editor's unsaved changes applied and nothing saved: the CSAF
 * documents and the validator's findings for each. Versions of other organisations are simply absent
 * from the registry snapshot (the save checks ownership).
 */
export async function previewDisclosure(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  organizationId: string,
  disclosureId: string,
  unsaved: Partial<UpdateDisclosureInput>,
) {
  const saved = await getDisclosureRow(deps, organizationId, disclosureId);
  const row: DisclosureRow = {
    ...saved,
    ...Object.fromEntries(Object.entries(unsaved).filter(([, v]) => v !== undefined)),
    embargoUntil: saved.embargoUntil,
  };
  const content = contentOf(row);
  const now = deps.clock.now();
  const previous = await listRevisions(deps.db, disclosureId);
  const pending =
    row.status === 'published' || row.status === 'withdrawn' ? row.revision : row.publishedRevision + 1;
  const registry = await registrySnapshot(deps, row, content);
  const plans = planCsafDocuments(deps.config, row, registry, {
    // Never published: a draft document (version 0). Otherwise the next final revision as it would read.
    status: previous.length === 0 ? 'draft' : 'final',
    revisions:
      previous.length === 0
        ? []
        : [
            ...previous.map((r) => ({
              number: r.number,
              date: r.publishedAt.toISOString(),
              summary: r.summary,
            })),
            ...(pending > (previous.at(-1)?.number ?? 0)
              ? [
                  {
                    number: pending,
                    date: now.toISOString(),
                    summary: row.revisionSummary || 'Pending revision',
                  },
                ]
              : []),
          ],
    initialReleaseDate: saved.publishedAt ?? now,
    currentReleaseDate: now,
    withdrawn: null,
  });
  const documents = [];
  for (const plan of plans) {
    const document = buildCsafDocument(plan.input);
    documents.push({
      tlp: plan.tlp,
      fileName: plan.fileName,
      document: document as Record<string, unknown>,
      validation: await validateCsafDocument(document),
    });
  }
  return { documents };
}

/** The Atom feed of the latest public publications (first publications, revisions and withdrawals). */
export async function publicationsAtomFeed(deps: Pick<Deps, 'db' | 'config' | 'clock'>): Promise<string> {
  const { items } = await listPublicDisclosures(deps, { limit: 50 });
  const base = deps.config.publicUrl.replace(/\/+$/, '');
  return atomFeed({
    id: `${base}/disclosures/feed.atom`,
    title: 'Candor: published security advisories and incident notices',
    selfUrl: `${base}/disclosures/feed.atom`,
    // The portal's list of publications is its home page.
    pageUrl: `${base}/`,
    updated: items[0]?.publishedAt ?? deps.clock.now().toISOString(),
    entries: items.map((d) => ({
      id: `urn:uuid:${d.id}`,
      title: `${d.status === 'withdrawn' ? '[Withdrawn] ' : ''}${d.trackingId}: ${d.title}`,
      summary: d.summary,
      url: d.url,
      updated: d.publishedAt,
      published: d.initialReleaseAt,
      author: d.publisher.name,
      categories: [d.kind, d.severity, ...d.cves],
    })),
  });
}
