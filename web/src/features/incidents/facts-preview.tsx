import type { ObligationTask } from '@contracts/incidents/incidents.contracts.ts';
import type { ObligationsEvaluation } from '@contracts/incidents/obligations.contracts.ts';
import { useEffect, useId, useRef, useState } from 'react';
import { isAbortError } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { Alert } from '../../components/alert.tsx';
import { Badge } from '../../components/badge.tsx';
import { useApi } from '../accounts/session.tsx';
import { evaluateFacts, type Facts } from './incident-record.api.ts';
import { ObligationFlags } from './obligation-card.tsx';
import { formatInZone } from './urgency.ts';

interface Preview {
  evaluation: ObligationsEvaluation | null;
  error: unknown;
  pending: boolean;
}

/**
 * What the facts in the editor would make due, asked of the engine (nothing stored) 400 ms after the
 * last change; a newer change aborts the older request. `facts` null (they do not check) asks nothing.
 */
function useFactsPreview(facts: Facts | null): Preview {
  const api = useApi();
  const [state, setState] = useState<Preview>({ evaluation: null, error: null, pending: facts !== null });
  const key = facts ? JSON.stringify(facts) : null;
  const factsRef = useRef(facts);
  factsRef.current = facts;

  // `key` stands for `facts` (read through the ref, so a new object with the same content sends nothing).
  useEffect(() => {
    const current = factsRef.current;
    if (key === null || current === null) {
      setState((previous) => ({ ...previous, pending: false }));
      return;
    }
    setState((previous) => ({ ...previous, pending: true }));
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      evaluateFacts(api, current, controller.signal).then(
        (evaluation) => setState({ evaluation, error: null, pending: false }),
        (error: unknown) => {
          if (!isAbortError(error)) setState((previous) => ({ ...previous, error, pending: false }));
        },
      );
    }, 400);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key, api]);
  return state;
}

interface FactsPreviewProps {
  /** The facts in the editor, or null while they do not check. */
  facts: Facts | null;
  /** The incident's obligations as stored, to mark what saving would add. */
  tasks: readonly ObligationTask[];
}

/** "What would be due": the engine's answer for the facts being edited, before they are saved. */
export function FactsPreview({ facts, tasks }: FactsPreviewProps) {
  const preview = useFactsPreview(facts);
  const titleId = useId();
  const known = new Set(tasks.filter((task) => task.applicable).map((task) => task.key));
  const evaluation = preview.evaluation;
  return (
    <section className="facts-preview" aria-labelledby={titleId}>
      <h3 className="facts-preview__title" id={titleId}>
        What these facts make due
      </h3>
      <p className="small muted" aria-live="polite">
        {facts === null
          ? 'Correct the highlighted facts to see the reports they call for.'
          : preview.pending
            ? 'Working it out…'
            : 'Up to date. Nothing is stored until you save.'}
      </p>
      {preview.error ? (
        <Alert tone="error" title="The preview failed">
          {describeError(preview.error)}
        </Alert>
      ) : null}
      {evaluation ? (
        evaluation.obligations.length === 0 ? (
          <p>No mandatory report.</p>
        ) : (
          <ul className="plain-list facts-preview__list">
            {evaluation.obligations.map((obligation) => (
              <li key={obligation.key}>
                <p className="facts-preview__item">
                  {obligation.title} — {obligation.jurisdiction}{' '}
                  {known.has(obligation.key) ? null : <Badge tone="info">New</Badge>}{' '}
                  <ObligationFlags task={obligation} />
                </p>
                <p className="small muted">
                  {obligation.dueAt
                    ? `Due ${formatInZone(obligation.dueAt, obligation.timeZone)}`
                    : obligation.dueRule}
                </p>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {evaluation && evaluation.notApplicable.length > 0 ? (
        <p className="small muted">{evaluation.notApplicable.length} other rules do not apply.</p>
      ) : null}
    </section>
  );
}
