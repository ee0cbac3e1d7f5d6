import {
  customerTlpLabels,
  disclosureKinds,
  severities,
  tlpLabels,
} from '@contracts/disclosures/disclosures.contracts.ts';
import { severityLabels } from '../../components/badge.tsx';
import { Select } from '../../components/select.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { customerTlpText, kindLabels, tlpDescriptions } from './disclosure-labels.tsx';
import { errorAt, RadioGroup, type SectionProps } from './editor-controls.tsx';
import type { EditorValues, IncidentValues } from './editor-state.ts';

/** The form's text fields and where the contract reports their errors. */
const textPaths = {
  title: 'title',
  summary: 'summary',
  body: 'body',
  patientHarm: 'content.patientHarm',
  compensatingControls: 'content.compensatingControls',
  customerDetails: 'content.customer.details',
} as const;
type TextKey = keyof typeof textPaths;

function textBinding(props: SectionProps) {
  return (key: TextKey) => ({
    value: props.values[key],
    error: errorAt(props.errors, textPaths[key]),
    onChange(event: { currentTarget: { value: string } }) {
      const { value } = event.currentTarget;
      props.setValues((current) => ({ ...current, [key]: value }));
    },
  });
}

/** What the record is: kind, title, summary, details, severity, audience (TLP), embargo. */
export function RecordSection(props: SectionProps) {
  const { values, setValues, errors } = props;
  const text = textBinding(props);
  const set = <K extends keyof EditorValues>(key: K, value: EditorValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  return (
    <div className="form">
      <RadioGroup
        legend="Kind"
        name="kind"
        value={values.kind}
        error={errors.get('kind')}
        options={disclosureKinds.map((kind) => ({
          value: kind,
          label: kindLabels[kind],
          description:
            kind === 'advisory'
              ? 'Vulnerabilities in products: what is affected and how to fix it (CSAF security advisory).'
              : 'A cyber incident: what happened, its impact and what users should do (CSAF incident response).',
        }))}
        onChange={(kind) => set('kind', kind)}
      />
      <TextField label="Title" {...text('title')} />
      <TextArea
        label="Summary"
        hint="One or two sentences: what is affected and what to do. Shown in lists and feeds."
        rows={2}
        {...text('summary')}
      />
      <TextArea
        label="Details"
        optional
        hint="Plain text. Leave a blank line between paragraphs."
        rows={6}
        {...text('body')}
      />
      <Select
        label="Severity"
        value={values.severity}
        error={errors.get('severity')}
        options={[...severities].reverse().map((value) => ({ value, label: severityLabels[value] }))}
        onChange={(event) => set('severity', event.currentTarget.value as EditorValues['severity'])}
      />
      <RadioGroup
        legend="Audience (Traffic Light Protocol)"
        name="tlp"
        value={values.tlp}
        error={errors.get('tlp')}
        options={tlpLabels.map((tlp) => ({
          value: tlp,
          label: tlpDescriptions[tlp].label,
          description: tlpDescriptions[tlp].text,
        }))}
        onChange={(tlp) => set('tlp', tlp)}
      />
      <TextField
        label="Embargo until"
        optional
        type="datetime-local"
        hint="Your local time. Once approved, the record is published automatically at this moment, not before."
        value={values.embargoUntil}
        error={errors.get('embargoUntil')}
        onChange={(event) => set('embargoUntil', event.currentTarget.value)}
      />
    </div>
  );
}

/** The products and versions the record concerns, from the device registry. */
export function AffectedSection({ values, setValues, errors, products, versions }: SectionProps) {
  if (products.length === 0) {
    return (
      <p className="muted">Add products and their versions first: the record names them from the registry.</p>
    );
  }
  function toggleProduct(productId: string, checked: boolean) {
    setValues((current) => ({
      ...current,
      productIds: checked
        ? [...current.productIds, productId]
        : current.productIds.filter((id) => id !== productId),
      // A product no longer affected takes its versions with it.
      productVersionIds: checked
        ? current.productVersionIds
        : current.productVersionIds.filter(
            (id) => versions.find((version) => version.id === id)?.productId !== productId,
          ),
    }));
  }
  function toggleVersion(versionId: string, productId: string, checked: boolean) {
    setValues((current) => ({
      ...current,
      productIds:
        checked && !current.productIds.includes(productId)
          ? [...current.productIds, productId]
          : current.productIds,
      productVersionIds: checked
        ? [...current.productVersionIds, versionId]
        : current.productVersionIds.filter((id) => id !== versionId),
    }));
  }
  const error = errorAt(errors, 'productIds') ?? errorAt(errors, 'productVersionIds');
  return (
    <fieldset className="field field--group version-picker" aria-invalid={error ? true : undefined}>
      <legend className="field__label">Affected products and versions</legend>
      <p className="field__hint">
        Tick the versions that are affected. A product ticked without versions is named as a whole (incident
        notices may name only products).
      </p>
      {products.map((product) => {
        const own = versions.filter((version) => version.productId === product.id);
        return (
          <div key={product.id} className="version-picker__product">
            <label className="checkbox version-picker__name">
              <input
                type="checkbox"
                className="checkbox__input"
                checked={values.productIds.includes(product.id)}
                onChange={(event) => toggleProduct(product.id, event.currentTarget.checked)}
              />
              <span>{product.name}</span>
            </label>
            <div className="checkbox-group version-picker__versions">
              {own.length === 0 ? <span className="small muted">No versions registered.</span> : null}
              {own.map((version) => (
                <label key={version.id} className="checkbox">
                  <input
                    type="checkbox"
                    className="checkbox__input"
                    checked={values.productVersionIds.includes(version.id)}
                    onChange={(event) => toggleVersion(version.id, product.id, event.currentTarget.checked)}
                  />
                  <span>{version.name}</span>
                </label>
              ))}
            </div>
          </div>
        );
      })}
      {error ? (
        <p className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The patient-harm decision in words and the compensating controls. */
export function PatientSection(props: SectionProps) {
  const text = textBinding(props);
  return (
    <div className="form">
      <TextArea
        label="Patient-harm decision"
        optional
        rows={3}
        hint="In words for patients and clinicians: could exploitation harm a patient, how, and why this conclusion (from the risk assessment)."
        {...text('patientHarm')}
      />
      <TextArea
        label="Compensating controls"
        optional
        rows={3}
        hint="What hospitals can do until they update, one control per line."
        {...text('compensatingControls')}
      />
    </div>
  );
}

const incidentFields: readonly { key: keyof IncidentValues; label: string; hint: string }[] = [
  {
    key: 'whatHappened',
    label: 'What happened',
    hint: 'The incident in plain words: when, what, how it was found.',
  },
  {
    key: 'impactOnSafety',
    label: 'Impact on patient safety',
    hint: 'Whether patients were or could be harmed.',
  },
  {
    key: 'impactOnPrivacy',
    label: 'Impact on privacy',
    hint: 'Whether personal or health data was exposed.',
  },
  {
    key: 'impactOnPerformance',
    label: 'Impact on device performance',
    hint: 'Whether the device worked as intended throughout.',
  },
  {
    key: 'userActions',
    label: 'What users should do',
    hint: 'Steps for hospitals, clinicians and patients.',
  },
];

/** An incident notice's account, for the public. */
export function IncidentSection({ values, setValues, errors }: SectionProps) {
  return (
    <div className="form">
      {incidentFields.map((field) => (
        <TextArea
          key={field.key}
          label={field.label}
          optional
          rows={3}
          hint={field.hint}
          value={values.incident[field.key]}
          error={errors.get(`content.incident.${field.key}`)}
          onChange={(event) => {
            const { value } = event.currentTarget;
            setValues((current) => ({ ...current, incident: { ...current.incident, [field.key]: value } }));
          }}
        />
      ))}
    </div>
  );
}

/** Details only customers receive: a companion TLP:GREEN/AMBER document beside the public one. */
export function CustomerSection(props: SectionProps) {
  const { values, setValues, errors } = props;
  const text = textBinding(props);
  return (
    <div className="form">
      <label className="checkbox">
        <input
          type="checkbox"
          className="checkbox__input"
          checked={values.hasCustomer}
          onChange={(event) => {
            const { checked } = event.currentTarget;
            setValues((current) => ({ ...current, hasCustomer: checked }));
          }}
        />
        <span>Add customer-only details</span>
      </label>
      {values.hasCustomer ? (
        <>
          <Select
            label="Customer details TLP"
            value={values.customerTlp}
            error={errors.get('content.customer.tlp')}
            options={customerTlpLabels.map((tlp) => ({ value: tlp, label: customerTlpText[tlp] }))}
            onChange={(event) => {
              const tlp = event.currentTarget.value as EditorValues['customerTlp'];
              setValues((current) => ({ ...current, customerTlp: tlp }));
            }}
          />
          <TextArea
            label="Customer-only details"
            rows={5}
            hint="Never on the public page: published as a separate CSAF document through the customer channel."
            {...text('customerDetails')}
          />
        </>
      ) : null}
    </div>
  );
}
