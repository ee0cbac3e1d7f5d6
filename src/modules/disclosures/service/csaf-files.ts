import { createHash } from 'node:crypto';
import type { Deps } from '../../../platform/deps.ts';
import { DomainError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { type CsafDocumentRow, insertCsafDocument } from '../csaf-documents.repository.ts';
import { type CsafTlpLabel, csafDocumentPath, csafFileName } from '../domain/provider/provider-paths.ts';
import { signDetached } from './signing-keys.ts';

export interface StoreCsafDocumentInput {
  revisionId: string;
  disclosureId: string;
  organizationId: string;
  revisionNumber: number;
  tlp: CsafTlpLabel;
  trackingId: string;
  /** The §5.1 file name of the tracking id. */
  fileName: string;
  initialReleaseAt: Date;
  currentReleaseAt: Date;
  /** The serialised CSAF document: the exact bytes that are served, hashed and signed. */
  document: string;
}

/** The label and tracking id the document itself carries, to check them against the row's. */
function labelsOf(document: string): { tlp: unknown; trackingId: unknown } {
  let parsed: { document?: { distribution?: { tlp?: { label?: unknown } }; tracking?: { id?: unknown } } };
  try {
    parsed = JSON.parse(document);
  } catch {
    throw new DomainError('invalid', 'The CSAF document is not JSON.');
  }
  return { tlp: parsed.document?.distribution?.tlp?.label, trackingId: parsed.document?.tracking?.id };
}

/**
 * Stores one CSAF document of a published revision, as it will be served: path
 * `<YYYY of initial release, UTC>/<file name>` (CSAF 2.0 §7.1.11, §5.1), SHA-256 and SHA-512 (§7.1.18)
 * and a detached signature by the organisation's key (§7.1.19, the key made on first need).
 *
 * Call it with deps bound to the publication's transaction (joinTransaction), so the document commits
 * with its revision. Throws `invalid` when the file name is not the tracking id's §5.1 name or the
 * document's own TLP label or tracking id differ from the input (a document must never be served under
 * another label than the one it carries).
 */
export async function storeCsafDocument(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: StoreCsafDocumentInput,
): Promise<CsafDocumentRow> {
  if (input.fileName !== csafFileName(input.trackingId))
    throw new DomainError(
      'invalid',
      `The CSAF file name must be ${csafFileName(input.trackingId)} (CSAF 2.0 §5.1), not ${input.fileName}.`,
    );
  const own = labelsOf(input.document);
  if (own.tlp !== input.tlp)
    throw new DomainError(
      'invalid',
      `The CSAF document is labelled ${String(own.tlp)}, not TLP:${input.tlp}.`,
    );
  if (own.trackingId !== input.trackingId)
    throw new DomainError('invalid', `The CSAF document's tracking id is not ${input.trackingId}.`);

  const bytes = Buffer.from(input.document, 'utf8');
  const row: CsafDocumentRow = {
    id: newId(),
    revisionId: input.revisionId,
    disclosureId: input.disclosureId,
    organizationId: input.organizationId,
    revisionNumber: input.revisionNumber,
    tlp: input.tlp,
    trackingId: input.trackingId,
    path: csafDocumentPath(input.initialReleaseAt, input.fileName),
    document: input.document,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sha512: createHash('sha512').update(bytes).digest('hex'),
    signature: await signDetached(deps, input.organizationId, input.document),
    currentReleaseAt: input.currentReleaseAt,
    createdAt: deps.clock.now(),
  };
  await insertCsafDocument(deps.db, row);
  return row;
}
