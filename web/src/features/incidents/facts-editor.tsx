import type { Product } from '@contracts/devices/devices.contracts.ts';
import type { Incident, ObligationTask } from '@contracts/incidents/incidents.contracts.ts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { useApi } from '../accounts/session.tsx';
import { FactSuggestions } from './fact-suggestions.tsx';
import type { FactsBinding } from './facts-fields.tsx';
import { checkFacts, defaultFacts, type FactsIssues, issuesFromProblem, setAt } from './facts-form-state.ts';
import { FactsPreview } from './facts-preview.tsx';
import { FactsSections } from './facts-sections.tsx';
import { type Facts, type FactsRevision, type SetFactsResult, setFacts } from './incident-record.api.ts';
import './facts.css';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function savedText(result: SetFactsResult): string {
  return `Saved as revision ${result.revision}: ${count(result.added, 'obligation', 'obligations')} added, ${count(result.changed, 'deadline', 'deadlines')} moved, ${count(result.withdrawn, 'obligation', 'obligations')} withdrawn.`;
}

interface FactsEditorProps {
  orgId: string;
  incident: Incident;
  products: readonly Product[];
  /** The facts as they stand, or null when none are recorded yet. */
  current: FactsRevision | null;
  tasks: readonly ObligationTask[];
  canWrite: boolean;
  onSaved(result: SetFactsResult): void;
}

/**
 * The incident's facts: a form for the common fields, the whole JSON for the rest, a change note, and
 * the live answer of "what would be due". Saving records a new revision; the obligations are recomputed
 * and every earlier deadline stays in their history.
 */
export function FactsEditor({
  orgId,
  incident,
  products,
  current,
  tasks,
  canWrite,
  onSaved,
}: FactsEditorProps) {
  const api = useApi();
  const [facts, setFactsValue] = useState<Facts>(() => current?.facts ?? defaultFacts(incident, products));
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState(false);
  const [serverIssues, setServerIssues] = useState<FactsIssues | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const issues = checkFacts(facts);
  const shownIssues: FactsIssues = serverIssues ?? (checked ? issues : new Map());

  // After a refused save, take the reader to the first fact that needs attention.
  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  function replaceFacts(next: Facts) {
    setFactsValue(next);
    setServerIssues(null);
    setSaved(null);
  }
  const binding: FactsBinding = {
    facts,
    issues: shownIssues,
    set: (path, value) => {
      setFactsValue((previous) => setAt(previous, path, value));
      setServerIssues(null);
      setSaved(null);
    },
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChecked(true);
    setSaved(null);
    if (issues.size > 0) {
      setProblem(`Check the highlighted facts: ${[...issues].map(([p, m]) => `${p}: ${m}`).join('; ')}`);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const result = await setFacts(api, orgId, incident.id, { facts, note: note.trim() });
      setNote('');
      setChecked(false);
      setSaved(savedText(result));
      onSaved(result);
    } catch (error) {
      if (isApiError(error) && error.problem.errors) setServerIssues(issuesFromProblem(error.problem.errors));
      setProblem(describeError(error));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="facts-layout">
      <form className="form facts-form" ref={formRef} onSubmit={save} noValidate aria-label="Incident facts">
        {problem ? (
          <Alert tone="error" title="The facts were not saved">
            {problem}
          </Alert>
        ) : null}
        {saved ? <Alert tone="success">{saved}</Alert> : null}
        <FactSuggestions orgId={orgId} incidentId={incident.id} binding={binding} canWrite={canWrite} />
        <fieldset className="facts-form__all" disabled={!canWrite}>
          <FactsSections b={binding} />
        </fieldset>
        <FactsJson facts={facts} canWrite={canWrite} onApply={replaceFacts} />
        {canWrite ? (
          <>
            <TextArea
              label="Change note"
              optional
              rows={2}
              hint="What changed and why (“a patient died on 12 March”): kept with the revision."
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            <div className="form__actions">
              <Button type="submit" busy={busy}>
                Save facts
              </Button>
            </div>
          </>
        ) : null}
      </form>
      <aside className="facts-layout__aside">
        <FactsPreview facts={issues.size === 0 ? facts : null} tasks={tasks} />
      </aside>
    </div>
  );
}

/** The whole facts object as JSON: for fields the form does not show (and a deployment's own). */
function FactsJson({
  facts,
  canWrite,
  onApply,
}: {
  facts: Facts;
  canWrite: boolean;
  onApply(facts: Facts): void;
}) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const shown = text ?? JSON.stringify(facts, null, 2);

  function apply() {
    try {
      const parsed: unknown = JSON.parse(shown);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        setError('The facts must be one JSON object.');
        return;
      }
      setError(undefined);
      setText(null);
      onApply(parsed as Facts);
    } catch (failure) {
      setError(`Not valid JSON: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  }

  return (
    <details className="panel">
      <summary className="panel__summary">
        {canWrite ? 'Edit the facts as JSON' : 'The facts as JSON'}
      </summary>
      <div className="panel__body form">
        <TextArea
          label="Facts (JSON)"
          hint="The shape of docs/obligations-facts.schema.json; fields the form does not show are kept."
          rows={14}
          className="facts-json"
          value={shown}
          error={error}
          readOnly={!canWrite}
          spellCheck={false}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        {canWrite ? (
          <div className="form__actions">
            <Button variant="secondary" size="small" onClick={apply} disabled={text === null}>
              Apply JSON to the form
            </Button>
            <Button
              variant="quiet"
              size="small"
              onClick={() => {
                setText(null);
                setError(undefined);
              }}
              disabled={text === null}
            >
              Discard JSON changes
            </Button>
          </div>
        ) : null}
      </div>
    </details>
  );
}
