import type { Finding } from '@contracts/vulnerabilities/vulnerabilities.contracts.ts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api/describe-error.ts';
import { useResource } from '../../api/use-resource.ts';
import { useSessionGuard } from '../../app/console-context.ts';
import { Alert } from '../../components/alert.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { DataTable, detailId } from '../../components/data-table.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { useApi } from '../accounts/session.tsx';
import { None, VersionText } from '../devices/devices-display.tsx';
import { assessmentPagePath } from '../risk/risk.api.ts';
import { VexExportLinks, VexImportForm } from './vex-documents.tsx';
import { VexForm } from './vex-form.tsx';
import { listVersionFindings, type VersionTarget } from './vulnerabilities.api.ts';
import {
  ConfidenceBadge,
  CvssScore,
  EpssText,
  fixedInOf,
  KevBadge,
  matchedByLabel,
  VexStatusBadge,
  VulnerabilityId,
  vexJustificationLabels,
} from './vulnerability-display.tsx';

interface FindingsSectionProps {
  target: VersionTarget;
  canWrite: boolean;
  /** Whether the version has components at all (for the empty state's words). */
  hasComponents: boolean;
  /** Changes when the version's components may have changed (an SBOM import): the findings are read again. */
  epoch?: number;
}

/** Exposure first: open and unsuppressed, then suppressed by VEX, then closed; the server's order within. */
function rank(finding: Finding): number {
  if (finding.status === 'closed') return 2;
  return finding.suppressedByVex ? 1 : 0;
}

/**
 * The version's vulnerability findings: what matched, how sure the match is and why, how bad and how
 * exploited the vulnerability is, and the manufacturer's VEX statement about it.
 */
export function FindingsSection({ target, canWrite, hasComponents, epoch = 0 }: FindingsSectionProps) {
  const api = useApi();
  const [showClosed, setShowClosed] = useState(false);
  const status = showClosed ? 'all' : 'open';
  const { resource, reload } = useResource(
    `findings:${target.versionId}:${status}:${epoch}`,
    (signal) => listVersionFindings(api, target, status, signal),
    { keepWhileReloading: true },
  );
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useSessionGuard(resource.status === 'error' ? resource.error : null);

  function toggle(id: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const findings =
    resource.status === 'ready' ? [...resource.data].sort((a, b) => rank(a) - rank(b)) : ([] as Finding[]);

  return (
    <Card
      title="Vulnerabilities"
      id="vulnerabilities"
      description="Known vulnerabilities matched against this version’s components, worst first, with why each matched and the VEX statement about it."
      actions={<VexExportLinks target={target} />}
    >
      <div className="findings-toolbar">
        <label className="checkbox">
          <input
            type="checkbox"
            className="checkbox__input"
            checked={showClosed}
            onChange={(event) => setShowClosed(event.currentTarget.checked)}
          />
          <span>Show closed findings</span>
        </label>
        {resource.status === 'ready' ? <FindingsSummary findings={resource.data} /> : null}
      </div>
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      {resource.status === 'loading' ? <LoadingState label="Loading vulnerability findings…" /> : null}
      {resource.status === 'error' ? (
        <Alert tone="error" title="Vulnerability findings could not be loaded">
          <p>{describeError(resource.error)}</p>
          <Button variant="secondary" size="small" onClick={reload}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {resource.status === 'ready' && findings.length === 0 ? (
        <EmptyState title={showClosed ? 'No findings' : 'No open findings'}>
          <p>
            {hasComponents
              ? 'No vulnerability in the store matches this version’s components.'
              : 'Findings appear once an SBOM is uploaded and matched against the vulnerability store.'}
          </p>
        </EmptyState>
      ) : null}
      {findings.length > 0 ? (
        <div className="findings-table">
          <DataTable
            caption="Vulnerability findings"
            hideCaption
            rows={findings}
            rowKey={(finding) => finding.id}
            rowClassName={(finding) =>
              finding.suppressedByVex || finding.status === 'closed' ? 'table__row--muted' : undefined
            }
            detail={(finding) =>
              expanded.has(finding.id) || editing === finding.id ? (
                <div className="finding-detail">
                  {editing === finding.id ? (
                    <VexForm
                      target={target}
                      finding={finding}
                      onCancel={() => setEditing(null)}
                      onSaved={(statement) => {
                        setEditing(null);
                        setSaved(
                          `${finding.vulnerability.displayId}: VEX status set to ${statement.status.replace(/_/g, ' ')}.`,
                        );
                        reload();
                      }}
                    />
                  ) : null}
                  {expanded.has(finding.id) ? <FindingReasons finding={finding} /> : null}
                </div>
              ) : null
            }
            columns={[
              {
                header: 'Vulnerability',
                isRowHeader: true,
                cell: (finding) => (
                  <div className="finding-id">
                    <button
                      type="button"
                      className="disclosure-toggle"
                      aria-expanded={expanded.has(finding.id)}
                      aria-controls={expanded.has(finding.id) ? detailId(finding.id) : undefined}
                      onClick={() => toggle(finding.id)}
                    >
                      <span className="disclosure-toggle__glyph" aria-hidden="true">
                        {expanded.has(finding.id) ? '▾' : '▸'}
                      </span>
                      {finding.vulnerability.displayId}
                    </button>
                    <VulnerabilityId vulnerability={finding.vulnerability} hideMain />
                    {finding.status === 'open' ? (
                      <Link
                        className="small"
                        to={assessmentPagePath({ ...target, vulnerability: finding.vulnerability.displayId })}
                      >
                        Assess
                        <span className="visually-hidden">
                          {' '}
                          the risk of {finding.vulnerability.displayId}
                        </span>
                      </Link>
                    ) : null}
                  </div>
                ),
              },
              { header: 'CVSS', cell: (finding) => <CvssScore vulnerability={finding.vulnerability} /> },
              {
                header: 'Exploitation',
                cell: (finding) => (
                  <div className="stack-inline">
                    <KevBadge dateAdded={finding.vulnerability.kevDateAdded} />
                    <EpssText vulnerability={finding.vulnerability} />
                  </div>
                ),
              },
              {
                header: 'Component',
                cell: (finding) => (
                  <span className="nowrap">
                    {finding.component.name}
                    <span aria-hidden="true">@</span>
                    <span className="visually-hidden"> version </span>
                    <VersionText version={finding.component.version} />
                  </span>
                ),
              },
              {
                header: 'Fixed in',
                cell: (finding) => {
                  const fixedIn = fixedInOf(finding);
                  return fixedIn ? (
                    <span className="version">{fixedIn}</span>
                  ) : (
                    <None text="No fixed version stated" />
                  );
                },
              },
              {
                header: 'Confidence',
                cell: (finding) => (
                  <div className="stack-inline">
                    <ConfidenceBadge confidence={finding.confidence} />
                    <span className="small muted nowrap">by {matchedByLabel(finding.matchedBy)}</span>
                  </div>
                ),
              },
              { header: 'Status', cell: (finding) => <FindingStatus finding={finding} /> },
              ...(canWrite
                ? [
                    {
                      header: 'Actions',
                      cell: (finding: Finding) =>
                        finding.status === 'open' ? (
                          <Button
                            variant="secondary"
                            size="small"
                            aria-expanded={editing === finding.id}
                            aria-controls={editing === finding.id ? detailId(finding.id) : undefined}
                            onClick={() => {
                              setSaved(null);
                              setEditing(editing === finding.id ? null : finding.id);
                            }}
                          >
                            VEX
                            <span className="visually-hidden">
                              {' '}
                              statement for {finding.vulnerability.displayId}
                            </span>
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        </div>
      ) : null}
      {canWrite ? (
        <VexImportForm
          target={target}
          onImported={() => {
            setSaved(null);
            reload();
          }}
        />
      ) : null}
    </Card>
  );
}

function FindingsSummary({ findings }: { findings: readonly Finding[] }) {
  const open = findings.filter((f) => f.status === 'open');
  const suppressed = open.filter((f) => f.suppressedByVex).length;
  const exploited = open.filter((f) => !f.suppressedByVex && f.vulnerability.kevDateAdded).length;
  const closed = findings.length - open.length;
  const parts = [`${open.length} open finding${open.length === 1 ? '' : 's'}`];
  if (suppressed > 0) parts.push(`${suppressed} suppressed by VEX`);
  if (exploited > 0) parts.push(`${exploited} known exploited`);
  if (closed > 0) parts.push(`${closed} closed`);
  return (
    <p className="muted small" role="status">
      {parts.join(', ')}
    </p>
  );
}

function FindingStatus({ finding }: { finding: Finding }) {
  if (finding.status === 'closed') {
    return (
      <div className="stack-inline">
        <Badge tone="neutral" label="Finding">
          Closed
        </Badge>
        {finding.closedAt ? (
          <span className="small muted">
            <DateText iso={finding.closedAt} />
          </span>
        ) : null}
        {finding.closeReason ? <span className="small">{finding.closeReason}</span> : null}
      </div>
    );
  }
  if (finding.vex) {
    return (
      <div className="stack-inline">
        <VexStatusBadge status={finding.vex.status} />
        {finding.suppressedByVex ? <span className="small muted">Suppressed by VEX</span> : null}
      </div>
    );
  }
  return (
    <Badge tone="caution" label="Finding">
      Open
    </Badge>
  );
}

/** Why it matched, record by record, and the VEX statement in full. */
function FindingReasons({ finding }: { finding: Finding }) {
  const { vulnerability, vex } = finding;
  return (
    <div className="finding-reasons">
      {vulnerability.summary ? <p className="finding-reasons__summary">{vulnerability.summary}</p> : null}
      <dl className="facts facts--grid">
        <div>
          <dt>Identifiers</dt>
          <dd>{vulnerability.ids.join(', ')}</dd>
        </div>
        {vulnerability.cvssVector ? (
          <div>
            <dt>CVSS vector</dt>
            <dd>
              <code className="identity__id">{vulnerability.cvssVector}</code>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Component identity</dt>
          <dd className="identity">
            {finding.component.purl ? <code className="identity__id">{finding.component.purl}</code> : null}
            {finding.component.cpe ? <code className="identity__id">{finding.component.cpe}</code> : null}
            {!finding.component.purl && !finding.component.cpe ? <None text="No purl or CPE" /> : null}
          </dd>
        </div>
        <div>
          <dt>First seen</dt>
          <dd>
            <DateText iso={finding.firstSeen} withTime />
          </dd>
        </div>
        {finding.status === 'closed' ? (
          <div>
            <dt>Closed</dt>
            <dd>
              {finding.closedAt ? <DateText iso={finding.closedAt} withTime /> : null}
              {finding.closeReason ? `: ${finding.closeReason}` : null}
            </dd>
          </div>
        ) : null}
      </dl>
      <h4 className="finding-reasons__title">Why it matched</h4>
      <ul className="finding-reasons__list">
        {finding.reasons.map((reason) => (
          <li key={reason.advisory} className="finding-reason">
            <p className="finding-reason__head">
              <code>{reason.advisory}</code>{' '}
              <ConfidenceBadge confidence={reason.confidence as Finding['confidence']} />{' '}
              <span className="small muted">matched by {matchedByLabel(reason.matchedBy)}</span>
              {reason.fixedIn ? (
                <span className="small">
                  {' '}
                  · fixed in <span className="version">{reason.fixedIn}</span>
                </span>
              ) : null}
            </p>
            <ul className="finding-reason__reasons">
              {reason.reasons.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {vex ? (
        <>
          <h4 className="finding-reasons__title">VEX statement</h4>
          <dl className="facts facts--grid">
            <div>
              <dt>Status</dt>
              <dd>
                <VexStatusBadge status={vex.status} />
              </dd>
            </div>
            {vex.justification ? (
              <div>
                <dt>Justification</dt>
                <dd>{vexJustificationLabels[vex.justification]}</dd>
              </div>
            ) : null}
            {vex.impactStatement ? (
              <div className="facts__wide">
                <dt>Impact statement</dt>
                <dd className="pre-line">{vex.impactStatement}</dd>
              </div>
            ) : null}
            {vex.actionStatement ? (
              <div className="facts__wide">
                <dt>Action statement</dt>
                <dd className="pre-line">{vex.actionStatement}</dd>
              </div>
            ) : null}
            <div>
              <dt>Source</dt>
              <dd>{vex.source}</dd>
            </div>
            <div>
              <dt>Updated</dt>
              <dd>
                <DateText iso={vex.updatedAt} withTime />
              </dd>
            </div>
          </dl>
        </>
      ) : null}
    </div>
  );
}
