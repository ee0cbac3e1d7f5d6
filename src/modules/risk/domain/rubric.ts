import { DomainError } from '../../../shared/errors.ts';
import { type CvssScore, scoreCvssVector } from './cvss.ts';
import { formatCvssVector } from './cvss-metrics.ts';
import { defaultRubricMapping, type RubricMapping } from './rubric-mapping.ts';
import {
  findRubricQuestion,
  nextRubricQuestions,
  type RubricAnswer,
  type RubricAnswers,
  type RubricChain,
  type RubricDataClass,
  type RubricMetric,
  type RubricQuestionId,
  rubricAnswerValues,
  rubricDataClasses,
  rubricMetrics,
  rubricQuestions,
  walkRubric,
} from './rubric-questions.ts';

/**
 * The MITRE medical-device rubric as a guided questionnaire: answers → CVSS v3.x base vector, the
 * "extended vector" of the answers, and per metric which answers gave which value. The rubric scores the
 * vulnerability on the device, not patient harm (that is patient-harm.ts).
 */
export interface RubricChainExplanation {
  root: RubricQuestionId;
  dataClass: RubricDataClass | null;
  path: { question: RubricQuestionId; answer: RubricAnswer }[];
  /** `question=answer` that ended the chain; null while it is open. */
  outcome: string | null;
  value: string | null;
}

export interface RubricMetricExplanation {
  metric: RubricMetric;
  /** Null until every chain of the metric is answered. */
  value: string | null;
  /** One chain for AV, AC, PR, UI and S; one per data class for C, I and A (the metric is their highest). */
  chains: RubricChainExplanation[];
  text: string;
}

export interface RubricEvaluation {
  complete: boolean;
  /** The questions still to ask (see nextRubricQuestions). */
  missing: RubricQuestionId[];
  /** Answered questions that are off the current path (e.g. XAVT after XAVN changed to no); not used. */
  ignored: RubricQuestionId[];
  metrics: Partial<Record<RubricMetric, string>>;
  /** The CVSS v3.x base vector once complete, else null. */
  vector: string | null;
  score: CvssScore | null;
  /** The answers as codes, kept beside the vector: `XAVN:Y/XAVT:N/…` (Y yes, N no, U unknown). */
  extendedVector: string;
  explanations: RubricMetricExplanation[];
  mapping: { label: string; confirmed: boolean };
}

const answerCodes: Record<RubricAnswer, string> = { yes: 'Y', no: 'N', unknown: 'U' };
const impactOrder = ['N', 'L', 'H'];

/**
 * Checks raw answers (e.g. a request body): known question ids, answers yes/no/unknown.
 * @throws DomainError('invalid') naming the bad question or answer.
 */
export function parseRubricAnswers(raw: Record<string, unknown>): RubricAnswers {
  const answers: Record<string, RubricAnswer> = {};
  for (const [id, answer] of Object.entries(raw)) {
    if (!findRubricQuestion(id))
      throw new DomainError('invalid', `unknown rubric question ${id}`, { question: id });
    if (!(rubricAnswerValues as readonly unknown[]).includes(answer))
      throw new DomainError('invalid', `answer to ${id} must be yes, no or unknown`, { question: id });
    answers[id] = answer as RubricAnswer;
  }
  return answers;
}

/** The extended vector of the answers on the current path, in question order. */
export function formatExtendedVector(answers: RubricAnswers): string {
  const onPath = new Set(walkRubric(answers).flatMap((chain) => chain.path.map((p) => p.question)));
  return rubricQuestions
    .filter((q) => onPath.has(q.id))
    .map((q) => `${q.id}:${answerCodes[answers[q.id] as RubricAnswer]}`)
    .join('/');
}

/**
 * Reads an extended vector back into answers.
 * @throws DomainError('invalid') for an unknown question or code.
 */
export function parseExtendedVector(extendedVector: string): RubricAnswers {
  const raw: Record<string, unknown> = {};
  for (const part of extendedVector.split('/').filter(Boolean)) {
    const [id = '', code] = part.split(':');
    const answer = (Object.keys(answerCodes) as RubricAnswer[]).find((a) => answerCodes[a] === code);
    if (!answer) throw new DomainError('invalid', `invalid extended vector component "${part}"`, { part });
    raw[id] = answer;
  }
  return parseRubricAnswers(raw);
}

function explainChain(chain: RubricChain, mapping: RubricMapping): RubricChainExplanation {
  return {
    root: chain.root,
    dataClass: findRubricQuestion(chain.root)?.dataClass ?? null,
    path: chain.path,
    outcome: chain.outcome,
    value: chain.outcome === null ? null : (mapping.values[chain.outcome] ?? null),
  };
}

function describeChain(chain: RubricChainExplanation): string {
  const path = chain.path.map((p) => `${p.question}=${p.answer}`).join(', ');
  const prefix = chain.dataClass ? `${rubricDataClasses[chain.dataClass]}: ` : '';
  return chain.value === null
    ? `${prefix}${path || 'not answered'} (open)`
    : `${prefix}${path} → ${chain.value}`;
}

function explainMetric(
  metric: RubricMetric,
  chains: RubricChain[],
  mapping: RubricMapping,
): RubricMetricExplanation {
  const explained = chains.filter((c) => c.metric === metric).map((c) => explainChain(c, mapping));
  const values = explained.map((c) => c.value);
  const value = values.some((v) => v === null)
    ? null
    : (values as string[]).reduce((a, b) => (impactOrder.indexOf(b) > impactOrder.indexOf(a) ? b : a));
  const head = value === null ? `${metric}: not yet determined` : `${metric}:${value}`;
  const body =
    explained.length === 1
      ? describeChain(explained[0] as RubricChainExplanation)
      : `highest of ${explained.map(describeChain).join('; ')}`;
  return { metric, value, chains: explained, text: `${head} — ${body} (mapping: ${mapping.label})` };
}

/**
 * Evaluates the answers given so far with a mapping (the shipped default unless the organisation has its
 * own). Partial answers give the metrics already determined and the questions still to ask; complete
 * answers give the CVSS base vector and its score.
 * @param cvssVersion the prefix of the vector: the rubric was written for v3.0; the base metrics are the
 * same in v3.1.
 */
export function evaluateRubric(
  answers: RubricAnswers,
  mapping: RubricMapping = defaultRubricMapping,
  cvssVersion: '3.0' | '3.1' = '3.1',
): RubricEvaluation {
  const chains = walkRubric(answers);
  const explanations = rubricMetrics.map((metric) => explainMetric(metric, chains, mapping));
  const metrics: Partial<Record<RubricMetric, string>> = {};
  for (const e of explanations) if (e.value !== null) metrics[e.metric] = e.value;
  const complete = explanations.every((e) => e.value !== null);
  const onPath = new Set(chains.flatMap((chain) => chain.path.map((p) => p.question)));
  const vector = complete ? formatCvssVector(cvssVersion, metrics) : null;
  return {
    complete,
    missing: nextRubricQuestions(answers).map((q) => q.id),
    ignored: Object.keys(answers).filter((id) => !onPath.has(id)),
    metrics,
    vector,
    score: vector === null ? null : scoreCvssVector(vector),
    extendedVector: formatExtendedVector(answers),
    explanations,
    mapping: { label: mapping.label, confirmed: mapping.confirmed },
  };
}
