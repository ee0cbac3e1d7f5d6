import { isApiError } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { usePagedList } from '../../api/use-paged-list.ts';
import { Alert } from '../../components/alert.tsx';
import { SeverityBadge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { useApi } from '../accounts/session.tsx';
import { cveUrl } from './disclosure-labels.tsx';
import { externalAdvisoryCsafUrl, listExternalAdvisories } from './disclosures.api.ts';

/**
 * CSAF advisories of other publishers (CISA's medical advisories, say) that the portal republishes,
 * each with its publisher and a link to the original document. Follows the list's CVE filter.
 */
export function ExternalAdvisoriesSection({ cve }: { cve: string }) {
  const api = useApi();
  const list = usePagedList(`external-advisories?cve=${cve}`, (cursor, signal) =>
    listExternalAdvisories(api, cve ? { cve } : {}, cursor, signal),
  );
  // An installation without imported advisories (or without the endpoint) shows nothing here.
  if (isApiError(list.error) && list.error.status === 404) return null;
  if (list.status === 'ready' && list.items.length === 0) return null;

  return (
    <section className="external-advisories" aria-labelledby="republished-heading">
      <h2 className="section-title" id="republished-heading">
        Republished advisories
      </h2>
      <p className="muted">
        Advisories of other publishers in CSAF, shown as they published them. The publisher is the source; the
        link opens the original document.
      </p>
      {list.status === 'loading' ? <LoadingState label="Loading republished advisories…" /> : null}
      {list.error ? (
        <Alert tone="error" title="Republished advisories could not be loaded">
          {describeError(list.error)}
        </Alert>
      ) : null}
      {list.items.length > 0 ? (
        <ul className="row-list" aria-label="Republished advisories">
          {list.items.map((advisory) => (
            <li key={advisory.id} className="row-list__item">
              <div className="row-list__main">
                <p className="row-list__title">{advisory.title}</p>
                <div className="row-list__meta">
                  <SeverityBadge severity={advisory.severity} />
                  <span className="disclosure-item__publisher">{advisory.publisherName}</span>
                  <span>{advisory.trackingId}</span>
                  <span>
                    Released <DateText iso={advisory.initialReleaseAt} />
                    {advisory.currentReleaseAt !== advisory.initialReleaseAt ? (
                      <>
                        , updated <DateText iso={advisory.currentReleaseAt} />
                      </>
                    ) : null}
                  </span>
                </div>
                {advisory.cves.length > 0 ? (
                  <p className="row-list__detail">
                    CVE:{' '}
                    {advisory.cves.map((id, index) => (
                      <span key={id}>
                        {index > 0 ? ', ' : null}
                        <a href={cveUrl(id)} rel="noreferrer">
                          {id}
                        </a>
                      </span>
                    ))}
                  </p>
                ) : null}
                {advisory.productNames.length > 0 ? (
                  <p className="row-list__detail">Products: {advisory.productNames.join(', ')}</p>
                ) : null}
              </div>
              <div className="row-list__actions">
                <a
                  className="button button--secondary button--small"
                  href={externalAdvisoryCsafUrl(advisory.id)}
                  aria-label={`Original CSAF of “${advisory.title}”`}
                >
                  Original CSAF
                </a>
                {advisory.sourceUrl ? (
                  <a
                    className="button button--quiet button--small"
                    href={advisory.sourceUrl}
                    rel="noreferrer"
                    aria-label={`Source of “${advisory.title}” at ${advisory.publisherName}`}
                  >
                    Source
                  </a>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {list.hasMore ? (
        <div className="list-footer">
          <Button variant="secondary" size="small" onClick={list.loadMore} busy={list.isLoadingMore}>
            Load more republished advisories
          </Button>
        </div>
      ) : null}
    </section>
  );
}
