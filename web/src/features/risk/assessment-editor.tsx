import type { Assessment, RiskPair } from '@contracts/risk/risk.contracts.ts';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { useApi } from '../accounts/session.tsx';
import {
  type AssessmentField,
  type AssessmentProblem,
  formValuesOf,
  type RubricAnswer,
  toAssessmentInput,
  toAssessmentProblem,
} from './assessment-form-state.ts';
import {
  BaseVectorSection,
  EnvironmentSection,
  HarmSection,
  type SectionProps,
  SsvcSection,
} from './assessment-sections.tsx';
import { LiveResult } from './live-result.tsx';
import { type PairTarget, type Rubric, saveAssessment } from './risk.api.ts';
import { RubricQuestionnaire } from './rubric-questionnaire.tsx';
import { useLivePreview } from './use-live-preview.ts';

interface AssessmentEditorProps {
  target: PairTarget;
  pair: RiskPair;
  rubric: Rubric;
  canWrite: boolean;
  onSaved(assessment: Assessment): void;
}

/**
 * The assessment form beside its live result: every change is scored by the server (nothing saved);
 * "Save assessment" keeps a new revision. Viewers see the same form, read-only.
 */
export function AssessmentEditor({ target, pair, rubric, canWrite, onSaved }: AssessmentEditorProps) {
  const api = useApi();
  const [values, setValues] = useState(() => formValuesOf(pair.assessment?.inputs ?? null));
  const converted = useMemo(() => toAssessmentInput(values), [values]);
  const preview = useLivePreview(api, target, converted.ok ? converted.input : null);
  const [saveState, setSaveState] = useState<{
    problem: AssessmentProblem | null;
    /** The values the problem was about: a change hides it. */
    values: typeof values | null;
    busy: boolean;
    saved: string | null;
  }>({ problem: null, values: null, busy: false, saved: null });
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const localProblem = converted.ok ? null : converted.problem;
  const previewProblem = preview.error ? toAssessmentProblem(preview.error, values) : null;
  const saveProblem = saveState.values === values ? saveState.problem : null;
  const fieldErrors: Partial<Record<AssessmentField, string>> = {
    ...previewProblem?.fieldErrors,
    ...saveProblem?.fieldErrors,
    ...localProblem?.fieldErrors,
  };
  const problem: AssessmentProblem = { message: '', fieldErrors };

  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canWrite) return;
    if (!converted.ok) {
      setSaveState({ problem: converted.problem, values, busy: false, saved: null });
      setAttempt((n) => n + 1);
      return;
    }
    setSaveState({ problem: null, values: null, busy: true, saved: null });
    try {
      const assessment = await saveAssessment(api, target, converted.input);
      setSaveState({
        problem: null,
        values: null,
        busy: false,
        saved: `Saved as revision ${assessment.revision}.`,
      });
      onSaved(assessment);
    } catch (error) {
      setSaveState({
        problem: toAssessmentProblem(error, values),
        values,
        busy: false,
        saved: null,
      });
      setAttempt((n) => n + 1);
    }
  }

  function answer(question: string, value: RubricAnswer | null) {
    setValues((current) => {
      const rubricAnswers = { ...current.rubricAnswers };
      if (value === null) delete rubricAnswers[question];
      else rubricAnswers[question] = value;
      return { ...current, rubricAnswers };
    });
  }

  const usesRubric = values.useRubric || values.baseVectorSource === 'rubric';
  const sectionProps: SectionProps = { values, setValues, problem };
  const cvssVersion =
    preview.results?.base?.version ?? /^CVSS:([\d.]+)/.exec(pair.vulnerability.cvssVector ?? '')?.[1] ?? null;
  const previewMessage =
    localProblem?.message ?? (preview.error && previewProblem ? previewProblem.message : null);

  return (
    <form className="risk-layout" ref={formRef} onSubmit={handleSubmit} noValidate aria-label="Assessment">
      <div className="risk-layout__main">
        <fieldset className="risk-fieldset" disabled={!canWrite}>
          <legend className="visually-hidden">Assessment inputs</legend>
          <div className="stack">
            <Card title="Base vector" description="Where the CVSS base vector comes from.">
              <div className="form">
                <BaseVectorSection {...sectionProps} publishedVector={pair.vulnerability.cvssVector} />
              </div>
            </Card>
            {usesRubric ? (
              <Card
                title="Medical-device rubric"
                description="MITRE’s rubric for applying CVSS to medical devices: answer until the vector appears."
              >
                <RubricQuestionnaire
                  orgId={target.orgId}
                  rubric={rubric}
                  answers={values.rubricAnswers}
                  onAnswer={answer}
                  evaluation={preview.results?.rubric ?? null}
                  error={fieldErrors.rubricAnswers}
                />
              </Card>
            ) : null}
            <Card
              title="Device environment"
              description="CVSS environmental metrics for this device version."
            >
              <EnvironmentSection {...sectionProps} cvssVersion={cvssVersion} />
            </Card>
            <Card
              title="Patient harm"
              description="What exploitation could do to a patient, and what already controls it."
            >
              <div className="form">
                <HarmSection {...sectionProps} rubric={rubric} usesRubric={usesRubric} />
              </div>
            </Card>
            <Card title="SSVC" description="Decision points of the CISA coordinator and supplier trees.">
              <SsvcSection {...sectionProps} />
            </Card>
            <Card title="Rationale">
              <TextArea
                label="Rationale"
                optional
                rows={4}
                hint="Why this decision: kept with the revision and used in the advisory text."
                value={values.rationale}
                error={fieldErrors.rationale}
                onChange={(event) => {
                  const { value } = event.currentTarget;
                  setValues((current) => ({ ...current, rationale: value }));
                }}
              />
            </Card>
          </div>
        </fieldset>
        {canWrite ? (
          <div className="risk-save stack stack--tight">
            {saveProblem ? (
              <Alert tone="error" title="The assessment was not saved">
                {saveProblem.message}
              </Alert>
            ) : null}
            {saveState.saved ? <Alert tone="success">{saveState.saved}</Alert> : null}
            <div className="form__actions">
              <Button type="submit" busy={saveState.busy}>
                Save assessment
              </Button>
            </div>
          </div>
        ) : (
          <p className="muted small risk-save">
            You can read this assessment. Editors and administrators of the manufacturer change it.
          </p>
        )}
      </div>
      <div className="risk-layout__aside">
        <LiveResult
          orgId={target.orgId}
          results={preview.results}
          pending={preview.pending}
          error={previewMessage}
        />
      </div>
    </form>
  );
}
