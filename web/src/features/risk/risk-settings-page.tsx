import {
  exploitabilityLevelValues,
  harmSeverityValues,
  type RiskSettingsInput,
} from '@contracts/risk/risk.contracts.ts';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useResource } from '../../api/use-resource.ts';
import { useConsoleContext, useSessionGuard } from '../../app/console-context.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { Alert } from '../../components/alert.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { getRiskSettings, updateRiskSettings } from './risk.api.ts';
import { harmSeverityLabels } from './risk-display.tsx';
import { CheckboxField } from './risk-fields.tsx';
import { type RiskSettings, SettingsForm, type SettingsSave } from './risk-settings-form.tsx';
import './risk.css';

/**
 * `/console/:orgId/settings/risk`: the rubric mapping, the patient-harm control matrix and the
 * remediation SLA. Shipped defaults are labelled as such until an administrator confirms their own.
 */
export function RiskSettingsPage() {
  const { orgId, membership } = useConsoleContext();
  const api = useApi();
  const canEdit = membership.role === 'admin' && membership.organization.kind === 'manufacturer';
  useDocumentTitle(`Risk settings · ${membership.organization.name}`);
  const { resource, reload } = useResource(
    `risk-settings:${orgId}`,
    (signal) => getRiskSettings(api, orgId, signal),
    {
      keepWhileReloading: true,
    },
  );
  const [saved, setSaved] = useState<RiskSettings | null>(null);
  useSessionGuard(resource.status === 'error' ? resource.error : null);
  const settings = saved ?? (resource.status === 'ready' ? resource.data : null);
  const save: SettingsSave = async (input: RiskSettingsInput) => {
    const next = await updateRiskSettings(api, orgId, input);
    setSaved(next);
    return next;
  };

  return (
    <>
      <PageHeader
        eyebrow={membership.organization.name}
        title="Risk settings"
        description={
          canEdit
            ? 'How rubric answers become CVSS values, which harm and exploitability combinations are uncontrolled, and how soon remediation is due.'
            : 'How risk is assessed in this organisation. Only administrators of a manufacturer change these settings.'
        }
      />
      {resource.status === 'loading' ? <LoadingState label="Loading the risk settings…" /> : null}
      {resource.status === 'error' ? (
        <Alert tone="error" title="The risk settings could not be loaded">
          <p>{describeError(resource.error)}</p>
          <Button variant="secondary" size="small" onClick={reload}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {settings ? (
        <div className="stack">
          <RubricMappingCard settings={settings} canEdit={canEdit} save={save} />
          <ControlMatrixCard settings={settings} canEdit={canEdit} save={save} />
          <SlaCard settings={settings} canEdit={canEdit} save={save} />
        </div>
      ) : null}
    </>
  );
}

interface CardProps {
  settings: RiskSettings;
  canEdit: boolean;
  save: SettingsSave;
}

function StatusBadges({ confirmed, isDefault }: { confirmed: boolean; isDefault: boolean }) {
  return (
    <>
      {confirmed ? <Badge tone="success">Confirmed</Badge> : <Badge tone="warning">Unconfirmed</Badge>}{' '}
      {isDefault ? (
        <Badge tone="neutral">Shipped default</Badge>
      ) : (
        <Badge tone="info">Organisation’s own</Badge>
      )}
    </>
  );
}

function RubricMappingCard({ settings, canEdit, save }: CardProps) {
  const mapping = settings.rubricMapping;
  const [label, setLabel] = useState(mapping.label);
  const [confirmed, setConfirmed] = useState(mapping.confirmed);
  return (
    <Card title="Rubric mapping" description="Which rubric answer gives which CVSS value.">
      <p>
        <StatusBadges confirmed={mapping.confirmed} isDefault={mapping.isDefault} />
      </p>
      {mapping.notes.length > 0 ? (
        <ul className="small">
          {mapping.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <details className="panel">
        <summary className="panel__summary">Answer → value ({Object.keys(mapping.values).length})</summary>
        <div className="panel__body risk-mapping-values">
          {Object.entries(mapping.values).map(([outcome, value]) => (
            <code key={outcome} className="small">
              {outcome} → {value}
            </code>
          ))}
        </div>
      </details>
      <SettingsForm
        label="Save the rubric mapping"
        canEdit={canEdit}
        save={save}
        input={() => ({ rubricMapping: { label, confirmed } })}
        reset={mapping.isDefault ? null : () => ({ rubricMapping: null })}
        fields={['rubricMapping']}
      >
        {(errors) => (
          <>
            <TextField
              label="Label"
              value={label}
              error={errors.rubricMapping}
              onChange={(e) => setLabel(e.currentTarget.value)}
            />
            <CheckboxField
              label="Confirmed by the manufacturer"
              checked={confirmed}
              onChange={setConfirmed}
            />
          </>
        )}
      </SettingsForm>
    </Card>
  );
}

const levelLabel = (level: string) => level.charAt(0).toUpperCase() + level.slice(1);

function ControlMatrixCard({ settings, canEdit, save }: CardProps) {
  const matrix = settings.controlMatrix;
  const [label, setLabel] = useState(matrix.label);
  const [confirmed, setConfirmed] = useState(matrix.confirmed);
  const [cells, setCells] = useState(
    () =>
      Object.fromEntries(
        harmSeverityValues.map((severity) => [
          severity,
          Object.fromEntries(
            exploitabilityLevelValues.map((level) => [
              level,
              matrix.cells[severity]?.[level] ?? 'controlled',
            ]),
          ),
        ]),
      ) as Record<string, Record<string, 'controlled' | 'uncontrolled'>>,
  );
  return (
    <Card
      title="Control matrix"
      description="Severity of patient harm × exploitability → controlled or uncontrolled."
    >
      <p>
        <StatusBadges confirmed={matrix.confirmed} isDefault={matrix.isDefault} />
      </p>
      <SettingsForm
        label="Save the control matrix"
        canEdit={canEdit}
        save={save}
        input={() => ({ controlMatrix: { label, confirmed, cells } }) as RiskSettingsInput}
        reset={matrix.isDefault ? null : () => ({ controlMatrix: null })}
        fields={['controlMatrix']}
      >
        {(errors) => (
          <>
            <TextField
              label="Label"
              value={label}
              error={errors.controlMatrix}
              onChange={(e) => setLabel(e.currentTarget.value)}
            />
            <div className="table-scroll">
              <table className="table risk-matrix">
                <caption className="table__caption">
                  Severity of harm (rows) by exploitability (columns)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Severity</th>
                    {exploitabilityLevelValues.map((level) => (
                      <th key={level} scope="col">
                        {levelLabel(level)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {harmSeverityValues.map((severity) => (
                    <tr key={severity}>
                      <th scope="row">{harmSeverityLabels[severity]}</th>
                      {exploitabilityLevelValues.map((level) => (
                        <td
                          key={level}
                          className={
                            cells[severity]?.[level] === 'uncontrolled'
                              ? 'risk-matrix__cell--uncontrolled'
                              : undefined
                          }
                        >
                          <select
                            className="field__control field__control--select"
                            aria-label={`${harmSeverityLabels[severity]} harm, ${level} exploitability`}
                            value={cells[severity]?.[level] ?? 'controlled'}
                            onChange={(event) => {
                              const value = event.currentTarget.value as 'controlled' | 'uncontrolled';
                              setCells((current) => ({
                                ...current,
                                [severity]: { ...current[severity], [level]: value },
                              }));
                            }}
                          >
                            <option value="controlled">Controlled</option>
                            <option value="uncontrolled">Uncontrolled</option>
                          </select>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <CheckboxField
              label="Confirmed by the manufacturer"
              checked={confirmed}
              onChange={setConfirmed}
            />
          </>
        )}
      </SettingsForm>
    </Card>
  );
}

const slaLevels = ['critical', 'high', 'medium', 'low'] as const;

function SlaCard({ settings, canEdit, save }: CardProps) {
  const sla = settings.remediationSlaDays;
  const [days, setDays] = useState(
    () =>
      Object.fromEntries(slaLevels.map((level) => [level, String(sla[level])])) as Record<
        (typeof slaLevels)[number],
        string
      >,
  );
  return (
    <Card
      title="Remediation SLA"
      description="Days from the first finding to the remediation due date, by severity."
    >
      <p>
        {sla.isDefault ? (
          <Badge tone="neutral">Shipped default</Badge>
        ) : (
          <Badge tone="info">Organisation’s own</Badge>
        )}
      </p>
      <SettingsForm
        label="Save the remediation SLA"
        canEdit={canEdit}
        save={save}
        input={() => ({
          remediationSlaDays: Object.fromEntries(
            slaLevels.map((level) => [level, Number(days[level])]),
          ) as Record<(typeof slaLevels)[number], number>,
        })}
        reset={sla.isDefault ? null : () => ({ remediationSlaDays: null })}
        fields={['remediationSlaDays']}
      >
        {(errors) => (
          <div className="form__row">
            {slaLevels.map((level) => (
              <TextField
                key={level}
                label={`${levelLabel(level)} (days)`}
                type="number"
                min={1}
                max={3650}
                value={days[level]}
                error={level === 'critical' ? errors.remediationSlaDays : undefined}
                onChange={(event) => {
                  const { value } = event.currentTarget;
                  setDays((current) => ({ ...current, [level]: value }));
                }}
              />
            ))}
          </div>
        )}
      </SettingsForm>
    </Card>
  );
}
