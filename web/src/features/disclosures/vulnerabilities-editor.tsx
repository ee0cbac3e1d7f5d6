import { productStatuses, vexJustifications } from '@contracts/disclosures/disclosures.contracts.ts';
import { Button } from '../../components/button.tsx';
import { Select } from '../../components/select.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { TextField } from '../../components/text-field.tsx';
import { justificationLabels, productStatusLabels } from './disclosure-labels.tsx';
import { errorAt, type SectionProps, updateItem } from './editor-controls.tsx';
import {
  newStatusRow,
  newVulnerability,
  type ProductStatus,
  type StatusRow,
  type VexJustification,
  type VulnerabilityValues,
} from './editor-state.ts';

/** The record's vulnerabilities: identifiers, weakness, CVSS vectors and each version's status (VEX). */
export function VulnerabilitiesEditor(props: SectionProps) {
  const { values, setValues } = props;
  const setVulnerabilities = (change: (list: VulnerabilityValues[]) => VulnerabilityValues[]) =>
    setValues((current) => ({ ...current, vulnerabilities: change(current.vulnerabilities) }));

  return (
    <div className="stack">
      {values.vulnerabilities.length === 0 ? (
        <p className="muted">
          {values.kind === 'advisory'
            ? 'No vulnerability yet. A security advisory needs at least one.'
            : 'No vulnerability: an incident notice may have none.'}
        </p>
      ) : null}
      {values.vulnerabilities.map((vulnerability, index) => (
        <VulnerabilityFields
          key={vulnerability.key}
          {...props}
          index={index}
          vulnerability={vulnerability}
          onChange={(change) => setVulnerabilities((list) => updateItem(list, vulnerability.key, change))}
          onRemove={() => setVulnerabilities((list) => list.filter((item) => item.key !== vulnerability.key))}
        />
      ))}
      <div>
        <Button
          variant="secondary"
          size="small"
          onClick={() => setVulnerabilities((list) => [...list, newVulnerability()])}
        >
          Add vulnerability
        </Button>
      </div>
    </div>
  );
}

interface VulnerabilityFieldsProps extends SectionProps {
  index: number;
  vulnerability: VulnerabilityValues;
  onChange(change: (vulnerability: VulnerabilityValues) => VulnerabilityValues): void;
  onRemove(): void;
}

function VulnerabilityFields({
  index,
  vulnerability,
  onChange,
  onRemove,
  errors,
  values,
  versions,
}: VulnerabilityFieldsProps) {
  const path = `content.vulnerabilities.${index}`;
  const number = index + 1;
  const text = (key: 'cve' | 'title' | 'description' | 'cvssV3' | 'cvssV4', errorPath = key) => ({
    value: vulnerability[key],
    error: errorAt(errors, `${path}.${errorPath}`),
    onChange(event: { currentTarget: { value: string } }) {
      const { value } = event.currentTarget;
      onChange((current) => ({ ...current, [key]: value }));
    },
  });
  const setRows = (change: (rows: StatusRow[]) => StatusRow[]) =>
    onChange((current) => ({ ...current, productStatus: change(current.productStatus) }));

  function addRow() {
    const listed = new Set(vulnerability.productStatus.map((row) => row.productVersionId));
    const next =
      values.productVersionIds.find((id) => !listed.has(id)) ??
      versions.find((version) => !listed.has(version.id))?.id ??
      versions[0]?.id ??
      '';
    setRows((rows) => [...rows, newStatusRow(next)]);
  }

  return (
    <fieldset className="editor-item">
      <legend className="editor-item__legend">
        Vulnerability {number}
        {vulnerability.cve ? `: ${vulnerability.cve}` : ''}
      </legend>
      <div className="form__row">
        <TextField label="CVE" optional placeholder="CVE-2024-12345" {...text('cve')} />
        <TextField label="Vulnerability title" optional {...text('title')} />
      </div>
      <TextArea
        label="Description"
        rows={3}
        hint="What the weakness allows, for whom, and under which conditions."
        {...text('description')}
      />
      <div className="form__row">
        <TextField
          label="CWE id"
          optional
          placeholder="CWE-306"
          value={vulnerability.cweId}
          error={errors.get(`${path}.cwe.id`) ?? errors.get(`${path}.cwe`)}
          onChange={(event) => {
            const { value } = event.currentTarget;
            onChange((current) => ({ ...current, cweId: value }));
          }}
        />
        <TextField
          label="CWE name"
          optional
          placeholder="Missing Authentication for Critical Function"
          value={vulnerability.cweName}
          error={errors.get(`${path}.cwe.name`)}
          onChange={(event) => {
            const { value } = event.currentTarget;
            onChange((current) => ({ ...current, cweName: value }));
          }}
        />
      </div>
      <div className="form__row">
        <TextField
          label="CVSS 3.1 vector"
          optional
          placeholder="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
          spellCheck={false}
          {...text('cvssV3')}
        />
        <TextField
          label="CVSS 4.0 vector"
          optional
          placeholder="CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
          spellCheck={false}
          {...text('cvssV4')}
        />
      </div>
      <div className="status-rows">
        <p className="field__label">Product status</p>
        <p className="field__hint">
          Each version’s status for this vulnerability. A version that is not affected needs a justification
          or an impact statement (VEX).
        </p>
        {vulnerability.productStatus.length === 0 ? (
          <p className="small muted">No version listed yet.</p>
        ) : null}
        {vulnerability.productStatus.map((row, rowIndex) => (
          <StatusRowFields
            key={row.key}
            row={row}
            label={`Product status ${rowIndex + 1} of vulnerability ${number}`}
            path={`${path}.productStatus.${rowIndex}`}
            errors={errors}
            versions={versions}
            onChange={(change) => setRows((rows) => updateItem(rows, row.key, change))}
            onRemove={() => setRows((rows) => rows.filter((item) => item.key !== row.key))}
          />
        ))}
        <div>
          <Button variant="secondary" size="small" onClick={addRow} disabled={versions.length === 0}>
            Add product status
          </Button>
        </div>
      </div>
      <div className="editor-item__actions">
        <Button variant="danger" size="small" onClick={onRemove}>
          Remove vulnerability {number}
        </Button>
      </div>
    </fieldset>
  );
}

interface StatusRowFieldsProps {
  row: StatusRow;
  label: string;
  path: string;
  errors: SectionProps['errors'];
  versions: SectionProps['versions'];
  onChange(change: (row: StatusRow) => StatusRow): void;
  onRemove(): void;
}

function StatusRowFields({ row, label, path, errors, versions, onChange, onRemove }: StatusRowFieldsProps) {
  const notAffected = row.status === 'known_not_affected';
  const known = versions.some((version) => version.id === row.productVersionId);
  return (
    <fieldset className="status-row" aria-label={label}>
      <Select
        label="Product version"
        value={row.productVersionId}
        error={errors.get(`${path}.productVersionId`)}
        options={[
          ...(known ? [] : [{ value: row.productVersionId, label: 'A version not in the registry' }]),
          ...versions.map((version) => ({ value: version.id, label: version.name })),
        ]}
        onChange={(event) => {
          const { value } = event.currentTarget;
          onChange((current) => ({ ...current, productVersionId: value }));
        }}
      />
      <Select
        label="Status"
        value={row.status}
        error={errors.get(`${path}.status`)}
        options={productStatuses.map((status) => ({ value: status, label: productStatusLabels[status] }))}
        onChange={(event) => {
          const status = event.currentTarget.value as ProductStatus;
          onChange((current) => ({ ...current, status }));
        }}
      />
      {notAffected ? (
        <>
          <Select
            label="Justification"
            value={row.justification}
            error={errors.get(`${path}.justification`)}
            options={[
              { value: '', label: 'No justification flag' },
              ...vexJustifications.map((value) => ({ value, label: justificationLabels[value] })),
            ]}
            onChange={(event) => {
              const justification = event.currentTarget.value as VexJustification | '';
              onChange((current) => ({ ...current, justification }));
            }}
          />
          <TextField
            label="Impact"
            optional
            hint="Why it is not affected, in words."
            value={row.impact}
            error={errors.get(`${path}.impact`)}
            onChange={(event) => {
              const { value } = event.currentTarget;
              onChange((current) => ({ ...current, impact: value }));
            }}
          />
        </>
      ) : null}
      <div className="status-row__remove">
        <Button variant="quiet" size="small" onClick={onRemove} aria-label={`Remove ${label.toLowerCase()}`}>
          Remove
        </Button>
      </div>
    </fieldset>
  );
}
