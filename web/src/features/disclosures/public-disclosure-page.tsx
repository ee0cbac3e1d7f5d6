import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { useResource } from '../../api/use-resource.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { Alert } from '../../components/alert.tsx';
import { SeverityBadge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useApi } from '../accounts/session.tsx';
import { getPublicDisclosure } from './disclosures.api.ts';
import { PlainText } from './plain-text.tsx';
import { TransparencyLogEntry } from './transparency-log-entry.tsx';

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

  const disclosure = resource.data;
  return (
    <article className="disclosure">
      <p className="back-link">
        <Link to="/">
          <span aria-hidden="true">← </span>All disclosures
        </Link>
      </p>
      <PageHeader
        eyebrow={disclosure.publisher.name}
        title={disclosure.title}
        meta={
          <>
            <SeverityBadge severity={disclosure.severity} />
            <span>
              Published <DateText iso={disclosure.publishedAt} />
            </span>
            <span>Revision {disclosure.revision}</span>
          </>
        }
      />
      <div className="disclosure__layout">
        <div className="disclosure__content">
          <h2 className="visually-hidden">Summary</h2>
          <p className="lead">{disclosure.summary}</p>
          {disclosure.body.trim() ? (
            <>
              <h2 className="section-title">Details</h2>
              <PlainText text={disclosure.body} className="prose" />
            </>
          ) : null}
        </div>
        <aside className="disclosure__aside" aria-label="About this disclosure">
          <dl className="facts">
            <div>
              <dt>Publisher</dt>
              <dd>{disclosure.publisher.name}</dd>
            </div>
            <div>
              <dt>Severity</dt>
              <dd>
                <SeverityBadge severity={disclosure.severity} />
              </dd>
            </div>
            <div>
              <dt>Published</dt>
              <dd>
                <DateText iso={disclosure.publishedAt} withTime />
              </dd>
            </div>
            <div>
              <dt>Revision</dt>
              <dd>{disclosure.revision}</dd>
            </div>
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
            <TransparencyLogEntry disclosureId={disclosure.id} />
          </dl>
        </aside>
      </div>
    </article>
  );
}
