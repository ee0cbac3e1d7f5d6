import type { PublicDisclosure } from '@contracts/disclosures/disclosures.contracts.ts';
import { DateText } from '../../components/format.tsx';
import type { CsafScore } from './csaf-scores.ts';
import {
  cveUrl,
  cvssCalculatorUrl,
  cweUrl,
  justificationLabels,
  productStatusLabels,
  remediationLabels,
  revisionActionLabels,
} from './disclosure-labels.tsx';
import { PlainText } from './plain-text.tsx';

type Vulnerability = PublicDisclosure['content']['vulnerabilities'][number];

interface DisclosureViewProps {
  disclosure: PublicDisclosure;
  /** CVSS v3 scores by vector, from the CSAF document. */
  scores: ReadonlyMap<string, CsafScore>;
  /** 2 on the public page; 3 inside the editor's preview, under its own headings. */
  level?: 2 | 3;
}

/**
 * A disclosure as the public reads it: what it is about, who is affected, the vulnerabilities, the risk
 * to patients, what to do, the incident's account, credits, references and the revisions. The public
 * page and the editor's preview render the same component, so the preview is what will be published.
 */
export function DisclosureView({ disclosure, scores, level = 2 }: DisclosureViewProps) {
  const { content } = disclosure;
  const versionNames = new Map(
    disclosure.productVersions.map((version) => [version.id, `${version.productName} ${version.version}`]),
  );
  const versionName = (id: string) => versionNames.get(id) ?? 'a version not listed';
  // Named regions on the public page only: inside the editor they would repeat the editor's own.
  const region = (name: string) => (level === 2 ? name : undefined);
  const heading = (text: string) =>
    level === 2 ? <h2 className="section-title">{text}</h2> : <h3 className="section-title">{text}</h3>;
  const withdrawal = [...disclosure.revisions].reverse().find((revision) => revision.action === 'withdrawn');
  const incident = content.incident;
  const hasIncident =
    disclosure.kind === 'incident_notice' && incident && Object.values(incident).some((text) => text.trim());

  return (
    <div className="disclosure-view">
      {disclosure.status === 'withdrawn' ? (
        <div className="withdrawn-banner" role="note" aria-label="Withdrawn">
          <p className="withdrawn-banner__title">Withdrawn</p>
          <p>
            The publisher withdrew this {disclosure.kind === 'incident_notice' ? 'notice' : 'advisory'}
            {withdrawal ? (
              <>
                {' '}
                on <DateText iso={withdrawal.publishedAt} />:{' '}
                {withdrawal.summary.replace(/^Withdrawn:\s*/, '')}
              </>
            ) : (
              '.'
            )}{' '}
            Do not act on it without checking the publisher’s newer guidance.
          </p>
        </div>
      ) : null}
      <section aria-label={region('Summary')}>
        <p className="lead">{disclosure.summary}</p>
      </section>

      <section aria-label={region('Who is affected')}>
        {heading('Who is affected')}
        <AffectedList disclosure={disclosure} />
      </section>

      {hasIncident && incident ? (
        <section aria-label={region('What happened')}>
          {heading('What happened')}
          <IncidentAccount incident={incident} />
        </section>
      ) : null}

      {content.vulnerabilities.length > 0 ? (
        <section aria-label={region('Vulnerabilities')}>
          {heading('Vulnerabilities')}
          <div className="stack">
            {content.vulnerabilities.map((vulnerability, index) => (
              <VulnerabilityItem
                // Vulnerabilities have no id: their place and CVE name them within this revision.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={`${index}:${vulnerability.cve ?? ''}`}
                vulnerability={vulnerability}
                scores={scores}
                versionName={versionName}
              />
            ))}
          </div>
        </section>
      ) : null}

      {content.patientHarm.trim() ? (
        <section aria-label={region('Risk to patients')}>
          {heading('Risk to patients')}
          <PlainText text={content.patientHarm} />
        </section>
      ) : null}

      <section aria-label={region('What to do')}>
        {heading('What to do')}
        {content.remediations.length === 0 && content.compensatingControls.length === 0 ? (
          <p>The publisher lists no remediation yet.</p>
        ) : null}
        {content.remediations.length > 0 ? (
          <ul className="remediation-list">
            {content.remediations.map((remediation, index) => (
              // Remediations have no identity beyond their place in this revision.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={index} className="remediation">
                <p className="remediation__category">{remediationLabels[remediation.category]}</p>
                <PlainText text={remediation.details} />
                <p className="small">
                  For {remediation.productVersionIds.map(versionName).join(', ')}
                  {remediation.cves.length > 0 ? ` (${remediation.cves.join(', ')})` : null}.
                  {remediation.fixedVersionId ? (
                    <> Fixed in {versionName(remediation.fixedVersionId)}.</>
                  ) : null}
                </p>
                {remediation.url ? (
                  <p className="small">
                    <a href={remediation.url} rel="noreferrer">
                      {remediation.url}
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {content.compensatingControls.length > 0 ? (
          <>
            <p className="subsection-title">Compensating controls</p>
            <ul>
              {content.compensatingControls.map((control) => (
                <li key={control}>{control}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {disclosure.body.trim() ? (
        <section aria-label={region('Details')}>
          {heading('Details')}
          <PlainText text={disclosure.body} className="prose" />
        </section>
      ) : null}

      {content.acknowledgements.length > 0 ? (
        <section aria-label={region('Acknowledgements')}>
          {heading('Acknowledgements')}
          <ul>
            {content.acknowledgements.map((acknowledgement, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: credits have no identity beyond their place
              <li key={index}>
                {[acknowledgement.names.join(', '), acknowledgement.organization].filter(Boolean).join(', ')}
                {acknowledgement.summary ? ` — ${acknowledgement.summary}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {content.references.length > 0 ? (
        <section aria-label={region('References')}>
          {heading('References')}
          <ul>
            {content.references.map((reference) => (
              <li key={reference.url}>
                <a href={reference.url} rel="noreferrer">
                  {reference.summary}
                </a>{' '}
                <span className="small muted print-url">{reference.url}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-label={region('Revision history')}>
        {heading('Revision history')}
        {disclosure.revisions.length === 0 ? (
          <p className="muted">Not published yet.</p>
        ) : (
          <ol className="revision-timeline">
            {disclosure.revisions.map((revision) => (
              <li key={revision.number}>
                <p>
                  <strong>
                    Revision {revision.number}: {revisionActionLabels[revision.action]}
                  </strong>{' '}
                  <DateText iso={revision.publishedAt} withTime />
                </p>
                {revision.summary ? <p>{revision.summary}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

type Standing = 'affected' | 'investigating' | 'fixed' | 'notAffected';
const standingLabels: Record<Standing, string> = {
  affected: 'Affected',
  investigating: 'Under investigation',
  fixed: 'Fixed',
  notAffected: 'Not affected',
};

/**
 * Where a version stands across the record's vulnerabilities: affected wins over under investigation,
 * which wins over fixed (a version named as a vendor fix's target is fixed), then not affected. A
 * version the record names without any statement (an incident notice's, say) counts as affected.
 */
function standingOf(disclosure: PublicDisclosure, versionId: string): Standing {
  const statuses = new Set(
    disclosure.content.vulnerabilities.flatMap((vulnerability) =>
      vulnerability.productStatus
        .filter((entry) => entry.productVersionId === versionId)
        .map((entry) => entry.status),
    ),
  );
  if (statuses.has('known_affected')) return 'affected';
  if (statuses.has('under_investigation')) return 'investigating';
  const isFixTarget = disclosure.content.remediations.some(
    (remediation) => remediation.fixedVersionId === versionId,
  );
  if (statuses.has('fixed') || isFixTarget) return 'fixed';
  if (statuses.has('known_not_affected')) return 'notAffected';
  return 'affected';
}

function AffectedList({ disclosure }: { disclosure: PublicDisclosure }) {
  const groups = new Map<Standing, Map<string, { name: string; versions: string[] }>>();
  const add = (standing: Standing, productId: string, name: string, version: string | null) => {
    const products = groups.get(standing) ?? new Map<string, { name: string; versions: string[] }>();
    const entry = products.get(productId) ?? { name, versions: [] };
    if (version) entry.versions.push(version);
    products.set(productId, entry);
    groups.set(standing, products);
  };
  for (const version of disclosure.productVersions) {
    add(standingOf(disclosure, version.id), version.productId, version.productName, version.version);
  }
  // Products named as a whole, without a version.
  for (const product of disclosure.products) {
    if (!disclosure.productVersions.some((version) => version.productId === product.id)) {
      add('affected', product.id, product.name, null);
    }
  }
  if (groups.size === 0) return <p>The publisher names no product.</p>;
  return (
    <dl className="affected-groups">
      {(Object.keys(standingLabels) as Standing[])
        .filter((standing) => groups.has(standing))
        .map((standing) => (
          <div key={standing}>
            <dt>{standingLabels[standing]}</dt>
            <dd>
              <ul className="affected-list">
                {[...(groups.get(standing) ?? [])].map(([id, product]) => (
                  <li key={id}>
                    <strong>{product.name}</strong>
                    {product.versions.length > 0 ? `: ${product.versions.join(', ')}` : null}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ))}
    </dl>
  );
}

const incidentParts = [
  ['whatHappened', 'What happened'],
  ['impactOnSafety', 'Impact on patient safety'],
  ['impactOnPrivacy', 'Impact on privacy'],
  ['impactOnPerformance', 'Impact on device performance'],
  ['userActions', 'What users should do'],
] as const;

function IncidentAccount({ incident }: { incident: NonNullable<PublicDisclosure['content']['incident']> }) {
  return (
    <dl className="incident-account">
      {incidentParts
        .filter(([key]) => incident[key].trim())
        .map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>
              <PlainText text={incident[key]} />
            </dd>
          </div>
        ))}
    </dl>
  );
}

function VulnerabilityItem({
  vulnerability,
  scores,
  versionName,
}: {
  vulnerability: Vulnerability;
  scores: ReadonlyMap<string, CsafScore>;
  versionName(id: string): string;
}) {
  const name = vulnerability.cve ?? vulnerability.ids[0]?.text ?? 'Vulnerability without identifier';
  const score = vulnerability.cvssV3 ? scores.get(vulnerability.cvssV3) : undefined;
  const cweLink = vulnerability.cwe ? cweUrl(vulnerability.cwe.id) : null;
  return (
    <article className="vulnerability" aria-label={name}>
      <p className="vulnerability__name">
        {vulnerability.cve ? (
          <a href={cveUrl(vulnerability.cve)} rel="noreferrer">
            {vulnerability.cve}
          </a>
        ) : (
          name
        )}
        {vulnerability.title ? <span>: {vulnerability.title}</span> : null}
      </p>
      <PlainText text={vulnerability.description} />
      <dl className="vulnerability__facts">
        {vulnerability.cwe ? (
          <div>
            <dt>Weakness</dt>
            <dd>
              {cweLink ? (
                <a href={cweLink} rel="noreferrer">
                  {vulnerability.cwe.id}
                </a>
              ) : (
                vulnerability.cwe.id
              )}
              : {vulnerability.cwe.name}
            </dd>
          </div>
        ) : null}
        {vulnerability.cvssV3 ? (
          <CvssFact label="CVSS v3" vector={vulnerability.cvssV3} score={score} />
        ) : null}
        {vulnerability.cvssV4 ? <CvssFact label="CVSS v4.0" vector={vulnerability.cvssV4} /> : null}
      </dl>
      {vulnerability.productStatus.length > 0 ? (
        <table className="table status-table">
          <caption className="visually-hidden">Product status for {name}</caption>
          <thead>
            <tr>
              <th scope="col">Product version</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {vulnerability.productStatus.map((entry) => (
              <tr key={entry.productVersionId}>
                <th scope="row">{versionName(entry.productVersionId)}</th>
                <td>
                  {productStatusLabels[entry.status]}
                  {entry.status === 'known_not_affected' && (entry.justification || entry.impact) ? (
                    <span className="small">
                      {' — '}
                      {[entry.justification ? justificationLabels[entry.justification] : null, entry.impact]
                        .filter(Boolean)
                        .join('. ')}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}

function CvssFact({
  label,
  vector,
  score,
}: {
  label: string;
  vector: string;
  score?: CsafScore | undefined;
}) {
  const calculator = cvssCalculatorUrl(vector);
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {score ? (
          <strong className="cvss-score">
            {score.baseScore.toFixed(1)}{' '}
            {score.baseSeverity.charAt(0) + score.baseSeverity.slice(1).toLowerCase()}
          </strong>
        ) : null}{' '}
        {calculator ? (
          <a href={calculator} rel="noreferrer" className="cvss-vector">
            {vector}
          </a>
        ) : (
          <code className="cvss-vector">{vector}</code>
        )}
      </dd>
    </div>
  );
}
