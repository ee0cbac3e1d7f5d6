import { CveIdSchema, remediationCategories } from '@contracts/disclosures/disclosures.contracts.ts';
import { Button } from '../../components/button.tsx';
import { Select } from '../../components/select.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { remediationLabels } from './disclosure-labels.tsx';
import { Checklist, errorAt, itemTextBinding, type SectionProps, updateItem } from './editor-controls.tsx';
import {
  type AcknowledgementValues,
  newKey,
  newRemediation,
  type ReferenceValues,
  type RemediationCategory,
  type RemediationValues,
} from './editor-state.ts';

/** What to do: each remediation with its category, the versions and CVEs it covers, the fixed version. */
export function RemediationsEditor(props: SectionProps) {
  const { values, setValues, errors, versions } = props;
  const setRemediations = (change: (list: RemediationValues[]) => RemediationValues[]) =>
    setValues((current) => ({ ...current, remediations: change(current.remediations) }));
  const cves = [
    ...new Set(
      values.vulnerabilities
        .map((vulnerability) => vulnerability.cve.trim())
        .filter((cve) => CveIdSchema.safeParse(cve).success),
    ),
  ];
  // The versions to offer: the record's own first, then the rest of the registry.
  const versionOptions = [
    ...versions.filter((version) => values.productVersionIds.includes(version.id)),
    ...versions.filter((version) => !values.productVersionIds.includes(version.id)),
  ].map((version) => ({ value: version.id, label: version.name }));

  return (
    <div className="stack">
      {values.remediations.length === 0 ? <p className="muted">No remediation yet.</p> : null}
      {values.remediations.map((remediation, index) => {
        const path = `content.remediations.${index}`;
        const number = index + 1;
        const change = (update: (item: RemediationValues) => RemediationValues) =>
          setRemediations((list) => updateItem(list, remediation.key, update));
        const text = itemTextBinding(remediation, path, errors, change);
        return (
          <fieldset key={remediation.key} className="editor-item">
            <legend className="editor-item__legend">Remediation {number}</legend>
            <Select
              label="Category"
              value={remediation.category}
              error={errors.get(`${path}.category`)}
              options={remediationCategories.map((value) => ({ value, label: remediationLabels[value] }))}
              onChange={(event) => {
                const category = event.currentTarget.value as RemediationCategory;
                change((item) => ({ ...item, category }));
              }}
            />
            <TextArea
              label="Remediation details"
              rows={3}
              hint="What to do, in words a hospital’s technician can follow."
              {...text('details')}
            />
            <Checklist
              legend="Applies to versions"
              value={remediation.productVersionIds}
              error={errorAt(errors, `${path}.productVersionIds`)}
              options={versionOptions}
              emptyText="Register product versions first."
              onChange={(productVersionIds) => change((item) => ({ ...item, productVersionIds }))}
            />
            <Checklist
              legend="Applies to vulnerabilities"
              hint="None ticked: every vulnerability of this record."
              value={remediation.cves}
              error={errorAt(errors, `${path}.cves`)}
              options={cves.map((cve) => ({ value: cve, label: cve }))}
              emptyText="No vulnerability has a CVE yet: the remediation applies to all of them."
              onChange={(list) => change((item) => ({ ...item, cves: list }))}
            />
            {remediation.category === 'vendor_fix' ? (
              <Select
                label="Fixed version"
                optional
                hint="The registry version that fixes it: listed as fixed in the CSAF document."
                value={remediation.fixedVersionId}
                error={errors.get(`${path}.fixedVersionId`)}
                options={[
                  { value: '', label: 'Not named' },
                  ...versions.map((v) => ({ value: v.id, label: v.name })),
                ]}
                onChange={(event) => {
                  const { value } = event.currentTarget;
                  change((item) => ({ ...item, fixedVersionId: value }));
                }}
              />
            ) : null}
            <TextField
              label="Remediation URL"
              optional
              type="url"
              hint="Where to get the update or read the instructions."
              {...text('url')}
            />
            <div className="editor-item__actions">
              <Button
                variant="danger"
                size="small"
                onClick={() => setRemediations((list) => list.filter((item) => item.key !== remediation.key))}
              >
                Remove remediation {number}
              </Button>
            </div>
          </fieldset>
        );
      })}
      <div>
        <Button
          variant="secondary"
          size="small"
          onClick={() => setRemediations((list) => [...list, newRemediation([...values.productVersionIds])])}
        >
          Add remediation
        </Button>
      </div>
    </div>
  );
}

/** Who to thank and where to read more. */
export function CreditsEditor({ values, setValues, errors }: SectionProps) {
  const setAcknowledgements = (change: (list: AcknowledgementValues[]) => AcknowledgementValues[]) =>
    setValues((current) => ({ ...current, acknowledgements: change(current.acknowledgements) }));
  const setReferences = (change: (list: ReferenceValues[]) => ReferenceValues[]) =>
    setValues((current) => ({ ...current, references: change(current.references) }));

  return (
    <div className="stack">
      <h3 className="subsection-title">Acknowledgements</h3>
      {values.acknowledgements.map((acknowledgement, index) => {
        const path = `content.acknowledgements.${index}`;
        const change = (update: (item: AcknowledgementValues) => AcknowledgementValues) =>
          setAcknowledgements((list) => updateItem(list, acknowledgement.key, update));
        const text = itemTextBinding(acknowledgement, path, errors, change);
        return (
          <fieldset key={acknowledgement.key} className="editor-item">
            <legend className="editor-item__legend">Acknowledgement {index + 1}</legend>
            <div className="form__row">
              <TextField label="Names" optional hint="Separated by commas." {...text('names')} />
              <TextField label="Organisation" optional {...text('organization')} />
            </div>
            <TextField
              label="For what"
              optional
              placeholder="Reporting this vulnerability through coordinated disclosure"
              {...text('summary')}
            />
            <div className="editor-item__actions">
              <Button
                variant="quiet"
                size="small"
                onClick={() =>
                  setAcknowledgements((list) => list.filter((item) => item.key !== acknowledgement.key))
                }
              >
                Remove acknowledgement {index + 1}
              </Button>
            </div>
          </fieldset>
        );
      })}
      <div>
        <Button
          variant="secondary"
          size="small"
          onClick={() =>
            setAcknowledgements((list) => [
              ...list,
              { key: newKey(), names: '', organization: '', summary: '' },
            ])
          }
        >
          Add acknowledgement
        </Button>
      </div>
      <h3 className="subsection-title">References</h3>
      {values.references.map((reference, index) => {
        const path = `content.references.${index}`;
        const change = (update: (item: ReferenceValues) => ReferenceValues) =>
          setReferences((list) => updateItem(list, reference.key, update));
        const text = itemTextBinding(reference, path, errors, change);
        return (
          <fieldset key={reference.key} className="editor-item">
            <legend className="editor-item__legend">Reference {index + 1}</legend>
            <div className="form__row">
              <TextField label="Reference URL" type="url" {...text('url')} />
              <TextField label="Reference summary" {...text('summary')} />
            </div>
            <div className="editor-item__actions">
              <Button
                variant="quiet"
                size="small"
                onClick={() => setReferences((list) => list.filter((item) => item.key !== reference.key))}
              >
                Remove reference {index + 1}
              </Button>
            </div>
          </fieldset>
        );
      })}
      <div>
        <Button
          variant="secondary"
          size="small"
          onClick={() => setReferences((list) => [...list, { key: newKey(), url: '', summary: '' }])}
        >
          Add reference
        </Button>
      </div>
    </div>
  );
}
