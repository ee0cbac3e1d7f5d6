import type { RiskPair } from '@contracts/risk/risk.contracts.ts';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../../api/describe-error.ts';
import { useResource } from '../../api/use-resource.ts';
import { useConsoleContext, useSessionGuard } from '../../app/console-context.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useApi } from '../accounts/session.tsx';
import { isMissing } from '../devices/product-page.tsx';
import { CvssScore, EpssText, KevBadge } from '../vulnerabilities/vulnerability-display.tsx';
import { AssessmentEditor } from './assessment-editor.tsx';
import { AssessmentHistory } from './assessment-history.tsx';
import { getRiskPair, getRubric, type PairTarget } from './risk.api.ts';
import { asVulnerabilitySummary, ComponentList, DecisionBadge, TriageBadge } from './risk-display.tsx';
import { TriagePanel } from './triage-panel.tsx';
import './risk.css';

/**
 * `/console/:orgId/products/:productId/versions/:versionId/risk/:vulnerability`: the risk assessment of
 * one vulnerability in one device version (rubric, live score, patient-harm decision, SSVC), its
 * history, and its triage.
 */
export function AssessmentPage() {
  const { orgId, membership, canWrite } = useConsoleContext();
  const { productId = '', versionId = '', vulnerability = '' } = useParams();
  const api = useApi();
  const target: PairTarget = { orgId, productId, versionId, vulnerability };
  const pairKey = `risk-pair:${orgId}:${productId}:${versionId}:${vulnerability}`;
  const { resource: pair, reload: reloadPair } = useResource(
    pairKey,
    (signal) => getRiskPair(api, target, signal),
    { keepWhileReloading: true },
  );
  const { resource: rubric, reload: reloadRubric } = useResource(`risk-rubric:${orgId}`, (signal) =>
    getRubric(api, orgId, signal),
  );
  // Bumped after a save, so the history is read again.
  const [epoch, setEpoch] = useState(0);
  const [triage, setTriage] = useState<RiskPair['triage'] | null>(null);
  const [saved, setSaved] = useState<RiskPair['assessment']>(null);
  useSessionGuard(
    pair.status === 'error' ? pair.error : null,
    rubric.status === 'error' ? rubric.error : null,
  );
  useDocumentTitle(
    pair.status === 'ready'
      ? `${pair.data.vulnerability.displayId} in ${pair.data.product.name} ${pair.data.productVersion.label} · Risk`
      : null,
  );

  if (pair.status === 'loading' || rubric.status === 'loading') {
    return <LoadingState label="Loading the assessment…" />;
  }
  if (pair.status === 'error') {
    if (isMissing(pair.error)) {
      return (
        <NotFoundPage
          title="Finding not found"
          text="This product version has no finding of this vulnerability, or the address is mistyped."
        />
      );
    }
    return (
      <Alert tone="error" title="This assessment could not be loaded">
        <p>{describeError(pair.error)}</p>
        <Button variant="secondary" size="small" onClick={reloadPair}>
          Try again
        </Button>
      </Alert>
    );
  }
  if (rubric.status === 'error') {
    return (
      <Alert tone="error" title="The rubric could not be loaded">
        <p>{describeError(rubric.error)}</p>
        <Button variant="secondary" size="small" onClick={reloadRubric}>
          Try again
        </Button>
      </Alert>
    );
  }

  const data = pair.data;
  const currentTriage = triage ?? data.triage;
  const assessment = saved ?? data.assessment;
  const versionPath = `/console/${orgId}/products/${productId}/versions/${versionId}`;
  const summary = asVulnerabilitySummary(data.vulnerability);
  return (
    <>
      <p className="back-link">
        <Link to={versionPath}>
          <span aria-hidden="true">← </span>
          {data.product.name} {data.productVersion.label}
        </Link>
        {' · '}
        <Link to={`/console/${orgId}/worklist`}>Worklist</Link>
      </p>
      <PageHeader
        eyebrow={`${data.product.name} ${data.productVersion.label} · Risk assessment`}
        title={data.vulnerability.displayId}
        meta={
          <>
            <DecisionBadge decision={assessment?.results.decision?.outcome ?? null} />
            <TriageBadge state={currentTriage.state} />
            {assessment ? (
              <span>
                Revision {assessment.revision}
                {assessment.decidedBy.name ? ` by ${assessment.decidedBy.name}` : ''}
              </span>
            ) : null}
          </>
        }
        description={data.vulnerability.summary ?? undefined}
      />
      <div className="stack">
        <Card title="Vulnerability" description="What is published about it, and where this version has it.">
          <dl className="facts facts--grid">
            <div>
              <dt>Published CVSS</dt>
              <dd>
                <CvssScore vulnerability={summary} />
              </dd>
            </div>
            <div>
              <dt>Known exploited (CISA KEV)</dt>
              <dd>
                {data.vulnerability.kevDateAdded ? (
                  <KevBadge dateAdded={data.vulnerability.kevDateAdded} />
                ) : (
                  'Not listed'
                )}
              </dd>
            </div>
            <div>
              <dt>EPSS</dt>
              <dd>
                <EpssText vulnerability={summary} />
              </dd>
            </div>
            <div>
              <dt>Units in the field</dt>
              <dd>{data.productVersion.unitsInField?.toLocaleString() ?? 'Not known'}</dd>
            </div>
            {data.vulnerability.cvssVector ? (
              <div className="facts__wide">
                <dt>Published vector</dt>
                <dd>
                  <code className="identity__id">{data.vulnerability.cvssVector}</code>
                </dd>
              </div>
            ) : null}
            <div className="facts__wide">
              <dt>Found in</dt>
              <dd>
                <ComponentList components={data.components} />
              </dd>
            </div>
          </dl>
        </Card>
        <AssessmentEditor
          key={pairKey}
          target={target}
          pair={data}
          rubric={rubric.data}
          canWrite={canWrite}
          onSaved={(next) => {
            // The assessment's severity may move the remediation due date: read the pair again.
            setSaved(next);
            setTriage(null);
            setEpoch((n) => n + 1);
            reloadPair();
          }}
        />
        <AssessmentHistory target={target} epoch={epoch} />
        <TriagePanel
          key={`${pairKey}:triage`}
          target={target}
          triage={currentTriage}
          canWrite={canWrite}
          isAdmin={canWrite && membership.role === 'admin'}
          onChanged={setTriage}
        />
      </div>
    </>
  );
}
