import type { AssessmentResults } from '@contracts/risk/risk.contracts.ts';
import { Link } from 'react-router-dom';
import { Alert } from '../../components/alert.tsx';
import { Badge, SeverityBadge } from '../../components/badge.tsx';
import { Card } from '../../components/card.tsx';
import { None } from '../devices/devices-display.tsx';
import { DecisionBadge, SupplierBadge } from './risk-display.tsx';

type Score = NonNullable<AssessmentResults['base']>;

const coordinatorLabels: Record<string, string> = {
  track: 'Track',
  'track*': 'Track*',
  attend: 'Attend',
  act: 'Act',
};

interface LiveResultProps {
  orgId: string;
  results: AssessmentResults | null;
  pending: boolean;
  /** Why the newest inputs could not be scored (shown above the last results). */
  error: string | null;
}

/** What the server computes from the form's inputs, as they change: scores, exploitability, decision, SSVC. */
export function LiveResult({ orgId, results, pending, error }: LiveResultProps) {
  return (
    <Card
      title="Live result"
      className="risk-live"
      description="Computed from the form as you change it; saved only with the assessment."
    >
      <p className="small muted" role="status">
        {pending ? 'Updating…' : results ? 'Up to date.' : ''}
      </p>
      {error ? (
        <Alert tone="error" title="These inputs cannot be scored">
          {error}
        </Alert>
      ) : null}
      {results ? <ResultDetails orgId={orgId} results={results} /> : null}
    </Card>
  );
}

function ResultDetails({ orgId, results }: { orgId: string; results: AssessmentResults }) {
  const { decision, exploitability, ssvc } = results;
  return (
    <div className="stack stack--tight">
      <section aria-label="Decision" className="risk-live__decision">
        <h3 className="subsection-title">Decision</h3>
        {decision ? (
          <>
            <p className="risk-live__outcome">
              <DecisionBadge decision={decision.outcome} />{' '}
              <span className="small">
                {decision.rule === 'privacy-only'
                  ? 'Automatic rule: privacy-only impact'
                  : 'By the control matrix'}
              </span>
            </p>
            {decision.matrix ? (
              <p className="small">
                Matrix: {decision.matrix.label}{' '}
                {decision.matrix.confirmed ? null : (
                  <>
                    <Badge tone="warning">Unconfirmed placeholder</Badge>{' '}
                    <Link to={`/console/${orgId}/settings/risk`}>Review the matrix</Link>
                  </>
                )}
              </p>
            ) : null}
            <p className="small">
              FDA enforcement discretion:{' '}
              <strong>{decision.enforcementDiscretionAvailable ? 'available' : 'not available'}</strong>
            </p>
            <Explanations items={decision.explanations} />
          </>
        ) : (
          <p className="muted small">
            <DecisionBadge decision={null} /> Choose the severity of patient harm to see the decision.
          </p>
        )}
      </section>
      <section aria-label="Score">
        <h3 className="subsection-title">Score</h3>
        <dl className="facts risk-live__facts">
          <ScoreFact label="Base" score={results.base} part="base" />
          {results.environmental ? (
            <ScoreFact label="Environmental (this device)" score={results.environmental} part="overall" />
          ) : null}
          <div>
            <dt>Used for ranking</dt>
            <dd>
              {results.score === null ? (
                <None text="No score" />
              ) : (
                <span className="cvss">
                  <span className="cvss__score">{results.score.toFixed(1)}</span>
                  {results.severity ? <SeverityBadge severity={results.severity} /> : null}
                </span>
              )}
            </dd>
          </div>
        </dl>
      </section>
      <section aria-label="Exploitability">
        <h3 className="subsection-title">Exploitability</h3>
        <p>
          <Badge tone="info" label="Exploitability">
            {exploitability.level.charAt(0).toUpperCase() + exploitability.level.slice(1)}
          </Badge>
          {exploitability.overridden ? <span className="small muted"> (overridden)</span> : null}
        </p>
        <Explanations items={exploitability.explanations} />
      </section>
      <section aria-label="SSVC">
        <h3 className="subsection-title">SSVC</h3>
        <dl className="facts risk-live__facts">
          <div>
            <dt>Supplier patch priority</dt>
            <dd>
              <SupplierBadge priority={ssvc.supplier} />
              {ssvc.cadence ? (
                <span className="small">
                  {' '}
                  {ssvc.cadence === 'out-of-cycle' ? 'out-of-cycle patch' : 'regular patch cycle'}
                </span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>CISA coordinator</dt>
            <dd>{ssvc.coordinator ? coordinatorLabels[ssvc.coordinator] : <None text="Not decided" />}</dd>
          </div>
          <div>
            <dt>Exploitation</dt>
            <dd>{ssvc.exploitation}</dd>
          </div>
          <div>
            <dt>Technical impact</dt>
            <dd>{ssvc.technicalImpact ?? <None text="Not known" />}</dd>
          </div>
        </dl>
      </section>
      {results.missing.length > 0 ? (
        <section aria-label="Still missing">
          <h3 className="subsection-title">Still missing</h3>
          <ul className="risk-live__missing small">
            {results.missing.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="small">Nothing is missing: the assessment is complete.</p>
      )}
    </div>
  );
}

function ScoreFact({ label, score, part }: { label: string; score: Score | null; part: 'base' | 'overall' }) {
  const value = score
    ? part === 'base'
      ? score.baseScore
      : (score.environmentalScore ?? score.overallScore)
    : 0;
  const severity = score ? (part === 'base' ? score.baseSeverity : score.overallSeverity) : 'none';
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {score ? (
          <>
            <span className="cvss">
              <span className="cvss__score">{value.toFixed(1)}</span>
              <SeverityBadge severity={severity} />
              <span className="small muted">CVSS {score.version}</span>
            </span>
            <code className="identity__id risk-live__vector">{score.vector}</code>
          </>
        ) : (
          <None text="No vector" />
        )}
      </dd>
    </div>
  );
}

function Explanations({ items }: { items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="risk-live__explanations small">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}
