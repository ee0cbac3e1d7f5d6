import type { ObligationDraft } from '@contracts/incidents/incidents.contracts.ts';
import { useId, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useResource } from '../../api/use-resource.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { useApi } from '../accounts/session.tsx';
import { getObligationDraft, type ObligationTarget } from './obligations.api.ts';

/** Saves text as a file through the browser (no server round trip: the draft is already here). */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileStem = (draft: ObligationDraft) =>
  `${draft.ruleId}-${draft.title}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/** "View draft": the pre-filled report, as Markdown text, with downloads of the Markdown and the JSON. */
export function ObligationDraftView({ target, epoch }: { target: ObligationTarget; epoch: number }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="obligation__draft">
      <Button
        variant="secondary"
        size="small"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide draft' : 'View draft'}
      </Button>
      <div id={panelId}>{open ? <DraftContent target={target} epoch={epoch} /> : null}</div>
    </div>
  );
}

function DraftContent({ target, epoch }: { target: ObligationTarget; epoch: number }) {
  const api = useApi();
  const { resource, reload } = useResource(
    `obligation-draft:${target.obligationId}:${epoch}`,
    (signal) => getObligationDraft(api, target, signal),
    { keepWhileReloading: true },
  );
  if (resource.status === 'loading') return <LoadingState label="Loading the draft…" />;
  if (resource.status === 'error') {
    return (
      <Alert tone="error" title="The draft could not be loaded">
        <p>{describeError(resource.error)}</p>
        <Button variant="secondary" size="small" onClick={reload}>
          Try again
        </Button>
      </Alert>
    );
  }
  const draft = resource.data;
  return (
    <section className="draft" aria-label={`Draft: ${draft.title}`}>
      <p className="small muted">To {draft.recipient}</p>
      {draft.missing.length > 0 ? (
        <Alert tone="info" title={`${draft.missing.length} required field(s) to fill in`}>
          <p>The facts do not give them yet; the draft marks them TO FILL IN:</p>
          <ul>
            {draft.missing.map((field) => (
              <li key={field}>{field}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="button-row">
        <Button
          variant="quiet"
          size="small"
          onClick={() => downloadText(`${fileStem(draft)}.md`, draft.markdown, 'text/markdown')}
        >
          Download Markdown (.md)
        </Button>
        <Button
          variant="quiet"
          size="small"
          onClick={() =>
            downloadText(
              `${fileStem(draft)}.json`,
              `${JSON.stringify(draft.json, null, 2)}\n`,
              'application/json',
            )
          }
        >
          Download JSON (.json)
        </Button>
      </div>
      <pre className="draft__text" data-testid="obligation-draft">
        {draft.markdown}
      </pre>
    </section>
  );
}
