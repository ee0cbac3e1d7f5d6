import {
  type AssessmentInput,
  AssessmentInputSchema,
  type baseVectorSourceValues,
  type exploitabilityLevelValues,
  type rubricDataClassValues,
} from '@contracts/risk/risk.contracts.ts';
import { isApiError } from '../../api/client.ts';
import type { FormProblem } from '../../api/problem.ts';
import type { HarmSeverity } from './risk-display.tsx';

/**
 * What the assessment form holds, and how it becomes the contract's AssessmentInput: text where people
 * type (the manual vector, environmental metrics, one compensating control a line), '' for "not set".
 */
export type RubricAnswer = 'yes' | 'no' | 'unknown';
export type BaseVectorSource = (typeof baseVectorSourceValues)[number];
export type DataClass = (typeof rubricDataClassValues)[number];
export type ExploitabilityLevel = (typeof exploitabilityLevelValues)[number];
export const ssvcKeys = [
  'exploitation',
  'automatable',
  'valueDensity',
  'missionPrevalence',
  'publicWellBeing',
  'technicalImpact',
] as const;
export type SsvcKey = (typeof ssvcKeys)[number];

export interface AssessmentFormValues {
  baseVectorSource: BaseVectorSource;
  manualVector: string;
  /** Whether the rubric is answered (always when it gives the base vector). */
  useRubric: boolean;
  rubricAnswers: Record<string, RubricAnswer>;
  /** CVSS environmental metrics as `MAV:A/CR:L`. */
  environment: string;
  severity: HarmSeverity | '';
  affectedDataClasses: DataClass[];
  knownSeriousAdverseEvent: boolean;
  /** One control a line. */
  compensatingControls: string;
  controlsReduceExploitability: boolean;
  exploitabilityOverride: ExploitabilityLevel | '';
  ssvc: Record<SsvcKey, string>;
  rationale: string;
}

/** The fields problems land on: the contract's paths (`harm.severity`), top-level or one level down. */
export const assessmentFields = [
  'baseVectorSource',
  'manualVector',
  'rubricAnswers',
  'environment',
  'harm.severity',
  'harm.affectedDataClasses',
  'harm.knownSeriousAdverseEvent',
  'harm.compensatingControls',
  'harm.controlsReduceExploitability',
  'harm.exploitabilityOverride',
  ...ssvcKeys.map((key) => `ssvc.${key}` as const),
  'rationale',
] as const;
export type AssessmentField = (typeof assessmentFields)[number];
export type AssessmentProblem = FormProblem<AssessmentField>;

export function formValuesOf(inputs: AssessmentInput | null): AssessmentFormValues {
  const ssvc = Object.fromEntries(ssvcKeys.map((key) => [key, inputs?.ssvc[key] ?? ''])) as Record<
    SsvcKey,
    string
  >;
  return {
    baseVectorSource: inputs?.baseVectorSource ?? 'published',
    manualVector: inputs?.manualVector ?? '',
    useRubric: inputs ? inputs.rubricAnswers !== null || inputs.baseVectorSource === 'rubric' : false,
    rubricAnswers: { ...(inputs?.rubricAnswers ?? {}) },
    environment: formatEnvironment(inputs?.environment ?? null),
    severity: inputs?.harm.severity ?? '',
    affectedDataClasses: [...(inputs?.harm.affectedDataClasses ?? [])],
    knownSeriousAdverseEvent: inputs?.harm.knownSeriousAdverseEvent ?? false,
    compensatingControls: (inputs?.harm.compensatingControls ?? []).join('\n'),
    controlsReduceExploitability: inputs?.harm.controlsReduceExploitability ?? false,
    exploitabilityOverride: inputs?.harm.exploitabilityOverride ?? '',
    ssvc,
    rationale: inputs?.rationale ?? '',
  };
}

function formatEnvironment(environment: Record<string, string> | null): string {
  return environment
    ? Object.entries(environment)
        .map(([key, value]) => `${key}:${value}`)
        .join('/')
    : '';
}

/**
 * `MAV:A/CR:L` → `{ MAV: 'A', CR: 'L' }`; a leading `CVSS:3.1/` is dropped. Which metrics the vector's
 * version accepts is the server's to say.
 */
export function parseEnvironment(text: string):
  | { ok: true; value: Record<string, string> | null }
  | {
      ok: false;
      message: string;
    } {
  const parts = text
    .trim()
    .split('/')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !/^CVSS:/i.test(part));
  if (parts.length === 0) return { ok: true, value: null };
  const value: Record<string, string> = {};
  for (const part of parts) {
    const match = /^([A-Za-z]{1,5}):([A-Za-z]{1,5})$/.exec(part);
    if (!match?.[1] || !match[2]) {
      return {
        ok: false,
        message: `“${part}” is not a metric such as MAV:A (metric:value, / between them).`,
      };
    }
    value[match[1].toUpperCase()] = match[2].toUpperCase();
  }
  return { ok: true, value };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The contract's input, or the problem that keeps the form from sending it. */
export function toAssessmentInput(
  values: AssessmentFormValues,
): { ok: true; input: AssessmentInput } | { ok: false; problem: AssessmentProblem } {
  const environment = parseEnvironment(values.environment);
  if (!environment.ok) {
    return {
      ok: false,
      problem: {
        message: 'Check the highlighted fields.',
        fieldErrors: { environment: environment.message },
      },
    };
  }
  const useRubric = values.useRubric || values.baseVectorSource === 'rubric';
  const raw = {
    baseVectorSource: values.baseVectorSource,
    manualVector: values.baseVectorSource === 'manual' ? values.manualVector.trim() || null : null,
    rubricAnswers: useRubric ? values.rubricAnswers : null,
    environment: environment.value,
    harm: {
      severity: values.severity || null,
      affectedDataClasses: useRubric ? [] : values.affectedDataClasses,
      knownSeriousAdverseEvent: values.knownSeriousAdverseEvent,
      compensatingControls: lines(values.compensatingControls),
      controlsReduceExploitability: values.controlsReduceExploitability,
      exploitabilityOverride: values.exploitabilityOverride || null,
    },
    ssvc: Object.fromEntries(ssvcKeys.map((key) => [key, values.ssvc[key] || null])),
    rationale: values.rationale,
  };
  const parsed = AssessmentInputSchema.safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  const fieldErrors: Partial<Record<AssessmentField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(issue.path.map(String));
    if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
  }
  return { ok: false, problem: { message: 'Check the highlighted fields.', fieldErrors } };
}

/** The field a path names: `body.harm.compensatingControls.0` → `harm.compensatingControls`. */
export function fieldOfPath(segments: readonly string[]): AssessmentField | undefined {
  const rest = segments[0] === 'body' ? segments.slice(1) : segments;
  const two = rest.slice(0, 2).join('.');
  return (
    assessmentFields.find((field) => field === two) ?? assessmentFields.find((field) => field === rest[0])
  );
}

/**
 * A failed preview or save, shaped for the form. Schema problems name their fields; the service's own
 * refusals (a vector that does not parse, a metric the version lacks) come as a sentence, placed on the
 * field they speak of.
 */
export function toAssessmentProblem(
  error: unknown,
  values: Pick<AssessmentFormValues, 'baseVectorSource' | 'environment'>,
): AssessmentProblem {
  if (!isApiError(error)) return { message: 'Something went wrong. Try again.', fieldErrors: {} };
  const { problem } = error;
  const message = problem.detail ?? problem.title;
  const fieldErrors: Partial<Record<AssessmentField, string>> = {};
  for (const issue of problem.errors ?? []) {
    const field = fieldOfPath(issue.path.split(/[./]/).filter(Boolean));
    if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
  }
  if (!problem.errors?.length && problem.status === 400) {
    const environment = parseEnvironment(values.environment);
    const named = /metric "?([A-Za-z]{1,5})"?/.exec(message)?.[1];
    const aboutEnvironment =
      /environmental|environment/i.test(message) ||
      (environment.ok && named !== undefined && environment.value !== null && named in environment.value);
    if (aboutEnvironment) fieldErrors.environment = message;
    else if (/rubric|question/i.test(message)) fieldErrors.rubricAnswers = message;
    else if (values.baseVectorSource === 'manual' && /vector|cvss|metric/i.test(message)) {
      fieldErrors.manualVector = message;
    }
  }
  return { message, fieldErrors };
}

/** The environmental metrics a vector's CVSS version accepts, for the field's hint. */
export function environmentalMetricsOf(version: string | null): string {
  if (version?.startsWith('4')) return 'CR, IR, AR, MAV, MAC, MAT, MPR, MUI, MVC, MVI, MVA, MSC, MSI, MSA';
  if (version?.startsWith('3')) return 'CR, IR, AR, MAV, MAC, MPR, MUI, MS, MC, MI, MA';
  if (version?.startsWith('2')) return 'CDP, TD, CR, IR, AR';
  return 'those of the base vector’s CVSS version (e.g. MAV, MPR, CR for v3.x)';
}
