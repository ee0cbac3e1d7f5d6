import type { AssessmentResults } from '@contracts/risk/risk.contracts.ts';
import { Link } from 'react-router-dom';
import { Alert } from '../../components/alert.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { FieldError } from '../../components/field.tsx';
import type { RubricAnswer } from './assessment-form-state.ts';
import type { Rubric } from './risk.api.ts';
import { RadioGroup } from './risk-fields.tsx';

const metricNames: Record<string, string> = {
  AV: 'Attack vector',
  AC: 'Attack complexity',
  PR: 'Privileges required',
  UI: 'User interaction',
  S: 'Scope',
  C: 'Confidentiality',
  I: 'Integrity',
  A: 'Availability',
};

const answerOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unknown', label: 'Unknown' },
] as const;

interface RubricQuestionnaireProps {
  orgId: string;
  rubric: Rubric;
  answers: Readonly<Record<string, RubricAnswer>>;
  onAnswer(question: string, answer: RubricAnswer | null): void;
  /** The newest preview's evaluation of the answers; null until the first arrives. */
  evaluation: AssessmentResults['rubric'];
  error?: string | undefined;
}

/**
 * The MITRE medical-device rubric as a guided questionnaire: the questions answered and those the server
 * says to ask next, grouped by CVSS metric with how each metric was reached; answers an earlier answer
 * took off the path are struck through and not used.
 */
export function RubricQuestionnaire({
  orgId,
  rubric,
  answers,
  onAnswer,
  evaluation,
  error,
}: RubricQuestionnaireProps) {
  const missing = new Set(evaluation?.missing ?? []);
  const ignored = new Set(evaluation?.ignored ?? []);
  const shown = rubric.questions.filter((q) => q.id in answers || missing.has(q.id));
  const metrics = [...new Set(rubric.questions.map((q) => q.metric))];
  const mapping = evaluation?.mapping ?? rubric.mapping;

  return (
    <div className="risk-rubric">
      <p className="small">
        Mapping: <strong>{mapping.label}</strong>{' '}
        {mapping.confirmed ? (
          <Badge tone="success">Confirmed</Badge>
        ) : (
          <Badge tone="warning">Unconfirmed default</Badge>
        )}
      </p>
      {mapping.confirmed ? null : (
        <Alert tone="info" title="The rubric mapping is an unconfirmed default">
          Which answer gives which CVSS value is the shipped default, labelled as such: your organisation has
          not confirmed it. An administrator can review it in the{' '}
          <Link to={`/console/${orgId}/settings/risk`}>risk settings</Link>.
        </Alert>
      )}
      <RubricVector evaluation={evaluation} />
      {evaluation === null ? <p className="muted small">Loading the questions…</p> : null}
      <FieldError id="rubric-error" error={error} />
      {metrics.map((metric) => {
        const questions = shown.filter((q) => q.metric === metric);
        const explanation = evaluation?.explanations.find((e) => e.metric === metric);
        if (questions.length === 0 && !explanation) return null;
        return (
          <section key={metric} className="risk-rubric__metric" aria-label={metricNames[metric] ?? metric}>
            <h4 className="risk-rubric__metric-title">
              {metricNames[metric] ?? metric} <code>{metric}</code>
              {explanation?.value ? (
                <Badge tone="info">
                  {metric}:{explanation.value}
                </Badge>
              ) : null}
            </h4>
            {explanation ? <p className="small muted risk-rubric__explanation">{explanation.text}</p> : null}
            {questions.map((question) => {
              const isIgnored = ignored.has(question.id);
              const answer = answers[question.id];
              return (
                <div
                  key={question.id}
                  className={isIgnored ? 'risk-question risk-question--ignored' : 'risk-question'}
                >
                  <RadioGroup
                    inline
                    legend={
                      <>
                        {question.text} <code className="small muted">{question.id}</code>
                      </>
                    }
                    options={answerOptions}
                    value={answer ?? ''}
                    onChange={(value) => onAnswer(question.id, value)}
                  />
                  {isIgnored ? (
                    <p className="small muted risk-question__note">
                      Not used: an earlier answer took this question off the path.{' '}
                      <Button variant="quiet" size="small" onClick={() => onAnswer(question.id, null)}>
                        Clear answer<span className="visually-hidden"> to {question.id}</span>
                      </Button>
                    </p>
                  ) : null}
                </div>
              );
            })}
          </section>
        );
      })}
    </div>
  );
}

function RubricVector({ evaluation }: { evaluation: AssessmentResults['rubric'] }) {
  if (!evaluation) return null;
  return (
    <dl className="facts facts--grid risk-rubric__vector">
      <div className="facts__wide">
        <dt>Resulting vector</dt>
        <dd>
          {evaluation.vector ? (
            <code className="identity__id" data-testid="rubric-vector">
              {evaluation.vector}
            </code>
          ) : (
            <span className="muted">
              Not yet: {evaluation.missing.length} question{evaluation.missing.length === 1 ? '' : 's'} to
              answer
            </span>
          )}
        </dd>
      </div>
      {evaluation.extendedVector ? (
        <div className="facts__wide">
          <dt>Extended vector (the answers)</dt>
          <dd>
            <code className="identity__id">{evaluation.extendedVector}</code>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
