import type { Deps } from '../../../platform/deps.ts';
import { listRevisions } from '../disclosures.repository.ts';
import { getDisclosureRow } from './records.ts';

/** The organisation's view of a record's published revisions (customer-only records included). */
export async function listRevisionsOfDisclosure(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  disclosureId: string,
) {
  await getDisclosureRow(deps, organizationId, disclosureId);
  const rows = await listRevisions(deps.db, disclosureId);
  return {
    items: rows.map((r) => ({
      number: r.number,
      action: r.action,
      summary: r.summary,
      publishedAt: r.publishedAt.toISOString(),
    })),
  };
}
