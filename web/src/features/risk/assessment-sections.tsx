import { exploitabilityLevelValues, harmSeverityValues } from '@contracts/risk/risk.contracts.ts';
import type { Dispatch, SetStateAction } from 'react';
import { CheckboxGroup } from '../../components/checkbox-group.tsx';
import { Select } from '../../components/select.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import {
  type AssessmentFormValues,
  type AssessmentProblem,
  type BaseVectorSource,
  type DataClass,
  environmentalMetricsOf,
  type SsvcKey,
} from './assessment-form-state.ts';
import type { Rubric } from './risk.api.ts';
import { harmSeverityDescriptions, harmSeverityLabels } from './risk-display.tsx';
import { CheckboxField, RadioGroup } from './risk-fields.tsx';

export interface SectionProps {
  values: AssessmentFormValues;
  setValues: Dispatch<SetStateAction<AssessmentFormValues>>;
  problem: AssessmentProblem | null;
}

function setter({ setValues }: SectionProps) {
  return <K extends keyof AssessmentFormValues>(key: K, value: AssessmentFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
}

const sourceOptions: { value: BaseVectorSource; label: string; description: string }[] = [
  { value: 'published', label: 'Published vector', description: 'the vulnerability’s own CVSS vector' },
  { value: 'rubric', label: 'Medical-device rubric', description: 'answer the questionnaire below' },
  { value: 'manual', label: 'Manual vector', description: 'a CVSS v2, v3.x or v4.0 vector you enter' },
];

export function BaseVectorSection(props: SectionProps & { publishedVector: string | null }) {
  const { values, problem, publishedVector } = props;
  const set = setter(props);
  return (
    <>
      <RadioGroup
        legend="Base vector"
        hint={
          publishedVector ? `Published: ${publishedVector}` : 'No vector is published for this vulnerability.'
        }
        options={sourceOptions}
        value={values.baseVectorSource}
        error={problem?.fieldErrors.baseVectorSource}
        onChange={(value) => set('baseVectorSource', value)}
      />
      {values.baseVectorSource === 'manual' ? (
        <TextField
          label="Manual vector"
          hint="E.g. CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
          spellCheck={false}
          autoComplete="off"
          value={values.manualVector}
          error={problem?.fieldErrors.manualVector}
          onChange={(event) => set('manualVector', event.currentTarget.value)}
        />
      ) : null}
      {values.baseVectorSource === 'rubric' ? null : (
        <CheckboxField
          label="Also answer the medical-device rubric"
          hint="Its answers are kept with the assessment and say which data and functions exploitation reaches."
          checked={values.useRubric}
          onChange={(checked) => set('useRubric', checked)}
        />
      )}
    </>
  );
}

export function EnvironmentSection(props: SectionProps & { cvssVersion: string | null }) {
  const { values, problem, cvssVersion } = props;
  const set = setter(props);
  return (
    <TextField
      label="Environmental metrics"
      optional
      hint={`The device’s real exposure, as metric:value pairs separated by “/”, e.g. MAV:A/MPR:H/CR:L. Metrics of this vector’s version: ${environmentalMetricsOf(cvssVersion)}.`}
      spellCheck={false}
      autoComplete="off"
      value={values.environment}
      error={problem?.fieldErrors.environment}
      onChange={(event) => set('environment', event.currentTarget.value)}
    />
  );
}

const severityOptions = harmSeverityValues.map((value) => ({
  value,
  label: harmSeverityLabels[value],
  description: harmSeverityDescriptions[value],
}));

const exploitabilityOptions = [
  { value: '', label: 'Derive it (no override)' },
  ...exploitabilityLevelValues.map((value) => ({
    value,
    label: value.charAt(0).toUpperCase() + value.slice(1),
  })),
];

export function HarmSection(props: SectionProps & { rubric: Rubric; usesRubric: boolean }) {
  const { values, problem, rubric, usesRubric } = props;
  const set = setter(props);
  const errors = problem?.fieldErrors ?? {};
  return (
    <>
      <RadioGroup
        legend="Severity of patient harm"
        hint="The worst credible harm to a patient if this vulnerability is exploited (ISO 14971)."
        options={severityOptions}
        value={values.severity}
        error={errors['harm.severity']}
        onChange={(value) => set('severity', value)}
      />
      {usesRubric ? (
        <p className="small muted">
          The data and functions exploitation reaches come from the rubric’s answers.
        </p>
      ) : (
        <CheckboxGroup
          legend="Data and functions exploitation reaches"
          hint="Privacy-only impact (PHI/PII alone) is controlled by rule."
          options={Object.entries(rubric.dataClasses).map(([value, label]) => ({ value, label }))}
          value={values.affectedDataClasses}
          error={errors['harm.affectedDataClasses']}
          onChange={(classes) => set('affectedDataClasses', classes as DataClass[])}
        />
      )}
      <CheckboxField
        label="A serious adverse event is known"
        hint="Death or serious injury has been associated with this vulnerability: FDA enforcement discretion is then unavailable."
        checked={values.knownSeriousAdverseEvent}
        error={errors['harm.knownSeriousAdverseEvent']}
        onChange={(checked) => set('knownSeriousAdverseEvent', checked)}
      />
      <TextArea
        label="Compensating controls"
        optional
        rows={3}
        hint="One control a line, e.g. “Network segmentation per the installation guide”."
        value={values.compensatingControls}
        error={errors['harm.compensatingControls']}
        onChange={(event) => set('compensatingControls', event.currentTarget.value)}
      />
      <CheckboxField
        label="The controls reduce exploitability"
        checked={values.controlsReduceExploitability}
        error={errors['harm.controlsReduceExploitability']}
        onChange={(checked) => set('controlsReduceExploitability', checked)}
      />
      <Select
        label="Exploitability override"
        optional
        hint="Only to overrule the derived level; give the reason in the rationale."
        options={exploitabilityOptions}
        value={values.exploitabilityOverride}
        error={errors['harm.exploitabilityOverride']}
        onChange={(event) =>
          set(
            'exploitabilityOverride',
            event.currentTarget.value as AssessmentFormValues['exploitabilityOverride'],
          )
        }
      />
    </>
  );
}

const ssvcFields: { key: SsvcKey; label: string; unset: string; hint?: string; values: string[] }[] = [
  {
    key: 'exploitation',
    label: 'Exploitation',
    unset: 'Derive it (active when KEV lists it)',
    values: ['none', 'public-poc', 'active'],
  },
  { key: 'automatable', label: 'Automatable', unset: 'Not set', values: ['no', 'yes'] },
  { key: 'valueDensity', label: 'Value density', unset: 'Not set', values: ['diffuse', 'concentrated'] },
  {
    key: 'missionPrevalence',
    label: 'Mission prevalence',
    unset: 'Not set',
    values: ['minimal', 'support', 'essential'],
  },
  {
    key: 'publicWellBeing',
    label: 'Public well-being impact',
    unset: 'Not set',
    values: ['minimal', 'material', 'irreversible'],
  },
  {
    key: 'technicalImpact',
    label: 'Technical impact',
    unset: 'Derive it from the vector',
    values: ['partial', 'total'],
  },
];

const ssvcValueLabel = (value: string) =>
  value === 'public-poc' ? 'Public PoC' : value.charAt(0).toUpperCase() + value.slice(1);

export function SsvcSection({ values, setValues, problem }: SectionProps) {
  return (
    <div className="form__row">
      {ssvcFields.map((field) => (
        <Select
          key={field.key}
          label={field.label}
          optional
          options={[
            { value: '', label: field.unset },
            ...field.values.map((value) => ({ value, label: ssvcValueLabel(value) })),
          ]}
          value={values.ssvc[field.key]}
          error={problem?.fieldErrors[`ssvc.${field.key}`]}
          onChange={(event) => {
            const { value } = event.currentTarget;
            setValues((current) => ({ ...current, ssvc: { ...current.ssvc, [field.key]: value } }));
          }}
        />
      ))}
    </div>
  );
}
