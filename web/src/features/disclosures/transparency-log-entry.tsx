import { RecordLogEntrySchema } from '@contracts/translog/translog.contracts.ts';
import { isApiError } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useApi } from '../accounts/session.tsx';

/**
 * Where this publication sits in the public transparency log: its entry index, the signed checkpoint it
 * is proved against, and links to what anyone needs to verify it (`candor log verify`, or any C2SP
 * tlog client). Nothing shows for a record the log has no entry of (older than the log).
 */
export function TransparencyLogEntry({ disclosureId }: { disclosureId: string }) {
  const api = useApi();
  const { resource } = useResource(`log-entry:${disclosureId}`, (signal) =>
    api.get(
      `/api/v1/public/disclosures/${encodeURIComponent(disclosureId)}/log-entry`,
      RecordLogEntrySchema,
      {
        signal,
      },
    ),
  );
  if (resource.status === 'loading') return null;
  if (resource.status === 'error')
    return isApiError(resource.error) && resource.error.status === 404 ? null : (
      <p className="muted">The transparency log could not be reached.</p>
    );
  const entry = resource.data;
  return (
    <div>
      <dt>Transparency log</dt>
      <dd>
        Entry {entry.index.toLocaleString('en-US')} of {entry.checkpoint.size.toLocaleString('en-US')}, with
        an inclusion proof of {entry.inclusionProof.length} hashes against the signed checkpoint.{' '}
        <a href={`/api/v1/public/disclosures/${encodeURIComponent(disclosureId)}/log-entry`}>
          Entry and proof
        </a>
        {' · '}
        <a href="/log/checkpoint">Checkpoint</a>
        {' · '}
        <a href="/log/key">Verifier key</a>
      </dd>
    </div>
  );
}
