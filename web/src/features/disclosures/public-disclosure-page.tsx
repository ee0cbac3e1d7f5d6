import type { PublicDisclosure } from '@contracts/disclosures/disclosures.contracts.ts';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { useResource } from '../../api/use-resource.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { Alert } from '../../components/alert.tsx';
import { Badge, SeverityBadge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useApi } from '../accounts/session.tsx';
import { scoresOf } from './csaf-scores.ts';
import { cveUrl, DisclosureStatusBadge, kindLabels } from './disclosure-labels.tsx';
import { DisclosureView } from './disclosure-view.tsx';
import { getCsafDocument, getPublicDisclosure } from './disclosures.api.ts';
import { TransparencyLogEntry } from './transparency-log-entry.tsx';

/** `/disclosures/:disclosureId`: one published advisory or notice, readable on screen and on paper. */
export function PublicDisclosurePage() {
  const { disclosureId = '' } = useParams();
  const api = useApi();
  const { resource, reload } = useResource(`public-disclosure:${disclosureId}`, (signal) =>
    getPublicDisclosure(api, disclosureId, signal),
  );
  useDocumentTitle(resource.status === 'ready' ? resource.data.title : null);

  if (resource.status === 'loading') return <LoadingState label="Loading disclosure…" />;
  if (resource.status === 'error') {
    const { error } = resource;
    // A malformed id is answered 400 by the server: for a reader it is the same as a missing page.
    if (isApiError(error) && (error.status === 404 || (error.status === 400 && error.code === 'invalid'))) {
      return (
        <NotFoundPage
          title="Disclosure not found"
          text="No published disclosure has this address. It may have been mistyped, or it is not public."
        />
      );
    }
    return (
      <Alert tone="error" title="This disclosure could not be loaded">
        <p>{describeError(error)}</p>
        <Button variant="secondary" size="small" onClick={reload}>
          Try again
        </Button>
      </Alert>
    );
  }
  return <PublishedDisclosure disclosure={resource.data} />;
}

function PublishedDisclosure({ disclosure }: { disclosure: PublicDisclosure }) {
  const api = useApi();
  // The links carry the installation's public address; read the document from this origin, by its path.
  const csafUrl = disclosure.csaf ? pathOf(disclosure.csaf.json) : null;
  // The scores are the CSAF document's own; the page reads without them if the document is unreachable.
  const { resource: csaf } = useResource(`csaf:${csafUrl ?? 'none'}`, (signal) =>
    csafUrl ? getCsafDocument(api, csafUrl, signal) : Promise.resolve(null),
  );
  const scores = scoresOf(csaf.status === 'ready' ? csaf.data : null);

  return (
    <article className="disclosure">
      <p className="back-link no-print">
        <Link to="/">
          <span aria-hidden="true">← </span>All disclosures
        </Link>
      </p>
      <PageHeader
        eyebrow={`${disclosure.publisher.name} · ${kindLabels[disclosure.kind]}`}
        title={disclosure.title}
        meta={
          <>
            <SeverityBadge severity={disclosure.severity} />
            {disclosure.status === 'withdrawn' ? <DisclosureStatusBadge status="withdrawn" /> : null}
            <span>{disclosure.trackingId}</span>
            <span>
              Published <DateText iso={disclosure.publishedAt} />
            </span>
            <span>Revision {disclosure.revision}</span>
          </>
        }
        actions={
          <Button variant="secondary" size="small" className="no-print" onClick={() => window.print()}>
            Print
          </Button>
        }
      />
      <div className="disclosure__layout">
        <div className="disclosure__content">
          <DisclosureView disclosure={disclosure} scores={scores} />
        </div>
        <aside className="disclosure__aside" aria-label="About this disclosure">
          <dl className="facts">
            <div>
              <dt>Publisher</dt>
              <dd>{disclosure.publisher.name}</dd>
            </div>
            <div>
              <dt>Kind</dt>
              <dd>
                <Badge tone="neutral">{kindLabels[disclosure.kind]}</Badge>
              </dd>
            </div>
            <div>
              <dt>Tracking ID</dt>
              <dd>
                <code>{disclosure.trackingId}</code>
              </dd>
            </div>
            <div>
              <dt>Severity</dt>
              <dd>
                <SeverityBadge severity={disclosure.severity} />
              </dd>
            </div>
            <div>
              <dt>First published</dt>
              <dd>
                <DateText iso={disclosure.initialReleaseAt} withTime />
              </dd>
            </div>
            <div>
              <dt>This revision</dt>
              <dd>
                Revision {disclosure.revision}, <DateText iso={disclosure.publishedAt} withTime />
              </dd>
            </div>
            {disclosure.cves.length > 0 ? (
              <div>
                <dt>CVE</dt>
                <dd>
                  <ul className="plain-list">
                    {disclosure.cves.map((cve) => (
                      <li key={cve}>
                        <a href={cveUrl(cve)} rel="noreferrer">
                          {cve}
                        </a>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ) : null}
            <div>
              <dt>Affected products</dt>
              <dd>
                {disclosure.products.length > 0 ? (
                  <ul className="plain-list">
                    {disclosure.products.map((product) => (
                      <li key={product.id}>{product.name}</li>
                    ))}
                  </ul>
                ) : (
                  'None listed'
                )}
              </dd>
            </div>
            <Downloads disclosure={disclosure} />
            <TransparencyLogEntry disclosureId={disclosure.id} />
          </dl>
        </aside>
      </div>
    </article>
  );
}

function pathOf(url: string): string {
  try {
    return new URL(url, window.location.origin).pathname;
  } catch {
    return url;
  }
}

/** The machine-readable record: the CSAF document, its hashes and its OpenPGP signature. */
function Downloads({ disclosure }: { disclosure: PublicDisclosure }) {
  const { csaf } = disclosure;
  if (!csaf) return null;
  const fileName = csaf.json.split('/').pop() ?? 'document.json';
  return (
    <div>
      <dt>Machine-readable (CSAF 2.0)</dt>
      <dd>
        <ul className="plain-list downloads" aria-label="Downloads">
          <li>
            <a href={csaf.json} download={fileName}>
              CSAF document (JSON)
            </a>
          </li>
          <li>
            <a href={csaf.sha256}>SHA-256 checksum</a>
          </li>
          <li>
            <a href={csaf.sha512}>SHA-512 checksum</a>
          </li>
          <li>
            <a href={csaf.signature}>OpenPGP signature (.asc)</a>
          </li>
        </ul>
        <p className="small muted">
          Verify the signature with the publisher’s key listed in its{' '}
          <a href="/.well-known/csaf/provider-metadata.json">CSAF provider metadata</a>.
        </p>
      </dd>
    </div>
  );
}
