import type { Component, SbomDocument } from '@contracts/devices/devices.contracts.ts';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { usePagedList } from '../../api/use-paged-list.ts';
import { useResource } from '../../api/use-resource.ts';
import { useConsoleContext, useSessionGuard } from '../../app/console-context.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PagedListView } from '../../components/paged-list-view.tsx';
import { useApi } from '../accounts/session.tsx';
import { FindingsSection } from '../vulnerabilities/findings-section.tsx';
import { ComponentFilters, isFiltered, queryKey, useComponentQuery } from './component-filters.tsx';
import {
  type ComponentQuery,
  exportUrl,
  getProduct,
  getProductVersion,
  listVersionComponents,
  listVersionSboms,
  type SbomExportFormat,
  sbomOriginalUrl,
} from './devices.api.ts';
import {
  ComponentIdentity,
  formatBytes,
  formatLabel,
  None,
  ShortHash,
  SupportPhaseBadge,
  VersionText,
} from './devices-display.tsx';
import { isMissing } from './product-page.tsx';
import { IssueList, SbomUploadForm } from './sbom-upload-form.tsx';

const exportFormats: { format: SbomExportFormat; label: string }[] = [
  { format: 'cyclonedx-json', label: 'CycloneDX JSON' },
  { format: 'cyclonedx-xml', label: 'CycloneDX XML' },
  { format: 'spdx-json', label: 'SPDX JSON' },
];

/** `/console/:orgId/products/:productId/versions/:versionId`: a release, its SBOMs and its components. */
export function VersionPage() {
  const { orgId, membership, canWrite, session } = useConsoleContext();
  const { productId = '', versionId = '' } = useParams();
  const api = useApi();
  const target = { orgId, productId, versionId };
  const { resource: product } = useResource(`product:${orgId}:${productId}`, (signal) =>
    getProduct(api, orgId, productId, signal),
  );
  const { resource: version, reload: reloadVersion } = useResource(
    `version:${orgId}:${productId}:${versionId}`,
    (signal) => getProductVersion(api, orgId, productId, versionId, signal),
    { keepWhileReloading: true },
  );
  const { resource: sboms, reload: reloadSboms } = useResource(
    `sboms:${orgId}:${productId}:${versionId}`,
    (signal) => listVersionSboms(api, orgId, productId, versionId, signal),
    { keepWhileReloading: true },
  );
  const [query, setQuery] = useComponentQuery();
  // The upload form lists what a fresh import skipped and warned about; then the table need not.
  const [justImported, setJustImported] = useState(false);
  // Bumped after an SBOM import, so the findings are read again.
  const [sbomEpoch, setSbomEpoch] = useState(0);
  const components = usePagedList(`components:${versionId}:${queryKey(query)}`, (cursor, signal) =>
    listVersionComponents(api, target, query, cursor, signal),
  );
  useSessionGuard(
    version.status === 'error' ? version.error : null,
    sboms.status === 'error' ? sboms.error : null,
    components.error,
  );
  const productName = product.status === 'ready' ? product.data.name : null;
  useDocumentTitle(
    version.status === 'ready' && productName
      ? `${productName} ${version.data.label} · ${membership.organization.name}`
      : null,
  );

  if (version.status === 'loading') return <LoadingState label="Loading version…" />;
  if (version.status === 'error') {
    if (isMissing(version.error)) {
      return (
        <NotFoundPage
          title="Version not found"
          text="This product has no version at this address. It may have been mistyped."
        />
      );
    }
    return (
      <Alert tone="error" title="This version could not be loaded">
        <p>{describeError(version.error)}</p>
        <Button variant="secondary" size="small" onClick={reloadVersion}>
          Try again
        </Button>
      </Alert>
    );
  }

  const item = version.data;
  const productPath = `/console/${orgId}/products/${productId}`;
  const filterError = versionFilterError(components.error);
  return (
    <>
      <p className="back-link">
        <Link to={productPath}>
          <span aria-hidden="true">← </span>
          {productName ?? 'Product'}
        </Link>
      </p>
      <PageHeader
        eyebrow={productName ?? membership.organization.name}
        title={`Version ${item.label}`}
        meta={
          <>
            <SupportPhaseBadge phase={item.supportPhase} />
            <span>
              {item.releasedOn ? (
                <>
                  Released <DateText iso={item.releasedOn} />
                </>
              ) : (
                'Not released yet'
              )}
            </span>
            {item.endOfSupportOn ? (
              <span>
                Support ends <DateText iso={item.endOfSupportOn} />
              </span>
            ) : null}
            <span>
              {item.componentCount.toLocaleString()} component{item.componentCount === 1 ? '' : 's'}
            </span>
          </>
        }
      />
      <div className="stack">
        <Card
          title="SBOM"
          id="sbom"
          description="The software bill of materials: uploaded documents exactly as received, and the components read from the newest."
        >
          {canWrite ? (
            <SbomUploadForm
              target={target}
              csrfToken={session.csrfToken}
              onImported={() => {
                setJustImported(true);
                setSbomEpoch((n) => n + 1);
                reloadVersion();
                reloadSboms();
                components.reload();
              }}
            />
          ) : null}
          <h3 className="subsection-title">Uploaded documents</h3>
          {sboms.status === 'loading' ? <LoadingState label="Loading SBOM documents…" /> : null}
          {sboms.status === 'error' ? (
            <Alert tone="error" title="SBOM documents could not be loaded">
              <p>{describeError(sboms.error)}</p>
              <Button variant="secondary" size="small" onClick={reloadSboms}>
                Try again
              </Button>
            </Alert>
          ) : null}
          {sboms.status === 'ready' ? (
            sboms.data.length > 0 ? (
              <SbomTable
                orgId={orgId}
                sboms={sboms.data}
                showIssues={!justImported}
                fileStem={`${product.status === 'ready' ? product.data.slug : 'sbom'}-${item.label}`}
              />
            ) : (
              <EmptyState title="No SBOM uploaded yet">
                <p>
                  {canWrite
                    ? 'Upload the SBOM your build produced for this version.'
                    : 'The manufacturer has not uploaded an SBOM for this version.'}
                </p>
              </EmptyState>
            )
          ) : null}
        </Card>

        <FindingsSection
          target={target}
          canWrite={canWrite}
          hasComponents={item.componentCount > 0}
          epoch={sbomEpoch}
        />

        <Card
          title="Components"
          id="components"
          description="What this version contains, in name order."
          actions={
            item.componentCount > 0 ? (
              <nav aria-label="Export the SBOM" className="export-links">
                <span className="export-links__label" aria-hidden="true">
                  Export
                </span>
                <ul className="export-links__list">
                  {exportFormats.map(({ format, label }) => (
                    <li key={format}>
                      <a href={exportUrl(orgId, productId, versionId, format)} download>
                        <span className="visually-hidden">Export as </span>
                        {label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null
          }
        >
          <ComponentFilters label="Filter components" query={query} onSearch={setQuery} error={filterError} />
          <ComponentCountLine list={components} query={query} total={item.componentCount} />
          <PagedListView
            list={filterError ? { ...components, error: null } : components}
            noun="components"
            emptyTitle={isFiltered(query) ? 'No components match' : 'No components yet'}
            emptyText={
              isFiltered(query)
                ? 'Try a shorter name, another version constraint or any package type.'
                : 'Components appear here once an SBOM is uploaded.'
            }
          >
            <ComponentTable components={components.items} />
          </PagedListView>
        </Card>
      </div>
    </>
  );
}

/** A version constraint the server refused belongs on the version field, not in a page-wide alert. */
export function versionFilterError(error: unknown): string | undefined {
  if (!isApiError(error) || error.status !== 400) return undefined;
  const onVersion = error.problem.errors?.find((issue) => /(^|\.)version$/.test(issue.path));
  if (onVersion) return onVersion.message;
  if (!error.problem.errors && /version|comparator|constraint/i.test(error.problem.detail ?? '')) {
    return error.problem.detail;
  }
  return undefined;
}

function ComponentCountLine({
  list,
  query,
  total,
}: {
  list: { status: string; items: readonly unknown[]; hasMore: boolean };
  query: ComponentQuery;
  total: number;
}) {
  if (list.status !== 'ready' || list.items.length === 0) return null;
  const shown = list.items.length;
  const text = isFiltered(query)
    ? `${shown}${list.hasMore ? '+' : ''} matching component${shown === 1 && !list.hasMore ? '' : 's'}`
    : `Showing ${shown} of ${total} components`;
  return (
    <p className="muted small" role="status">
      {text}
    </p>
  );
}

export function ComponentTable({ components }: { components: readonly Component[] }) {
  return (
    <DataTable
      caption="Components"
      hideCaption
      rows={components}
      rowKey={(component) => component.id}
      columns={[
        { header: 'Name', isRowHeader: true, cell: (component) => component.name },
        { header: 'Version', cell: (component) => <VersionText version={component.version} /> },
        { header: 'Type', cell: (component) => component.type ?? <None text="Not given" /> },
        { header: 'Supplier', cell: (component) => component.supplier ?? <None text="Not given" /> },
        {
          header: 'Licence',
          cell: (component) =>
            component.licenseExpression ? (
              <code>{component.licenseExpression}</code>
            ) : (
              <None text="Not given" />
            ),
        },
        {
          header: 'purl / CPE',
          className: 'table__wide',
          cell: (component) => <ComponentIdentity component={component} />,
        },
      ]}
    />
  );
}

const extensions: Record<string, string> = {
  'cyclonedx-json': 'cdx.json',
  'cyclonedx-xml': 'cdx.xml',
  'spdx-json': 'spdx.json',
  'spdx-tag-value': 'spdx',
};

/**
 * A name for the downloaded original: the server sends it as an attachment without a file name, so
 * the browser would save it as "original".
 */
function originalFileName(stem: string, sbom: SbomDocument): string {
  const safeStem = stem.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${safeStem}-${sbom.sha256.slice(0, 8)}.${extensions[sbom.format] ?? 'txt'}`;
}

function SbomTable({
  orgId,
  sboms,
  showIssues,
  fileStem,
}: {
  orgId: string;
  sboms: readonly SbomDocument[];
  showIssues: boolean;
  fileStem: string;
}) {
  return (
    <>
      <DataTable
        caption="Uploaded SBOM documents, newest first"
        hideCaption
        rows={sboms}
        rowKey={(sbom) => sbom.id}
        columns={[
          {
            header: 'Uploaded',
            isRowHeader: true,
            cell: (sbom) => <DateText iso={sbom.createdAt} withTime />,
          },
          {
            header: 'Format',
            cell: (sbom) => `${formatLabel(sbom.format)} ${sbom.specVersion}`,
          },
          { header: 'Author', cell: (sbom) => sbom.author ?? <None text="Not given" /> },
          {
            header: 'Components',
            className: 'table__number',
            cell: (sbom) => sbom.componentCount.toLocaleString(),
          },
          {
            header: 'Issues',
            cell: (sbom) =>
              sbom.skipped.length + sbom.warnings.length === 0 ? (
                <None />
              ) : (
                `${sbom.skipped.length} skipped, ${sbom.warnings.length} warnings`
              ),
          },
          { header: 'Size', className: 'nowrap', cell: (sbom) => formatBytes(sbom.byteSize) },
          { header: 'SHA-256', cell: (sbom) => <ShortHash sha256={sbom.sha256} /> },
          {
            header: 'Original',
            cell: (sbom) => (
              <a href={sbomOriginalUrl(orgId, sbom.id)} download={originalFileName(fileStem, sbom)}>
                Download
                <span className="visually-hidden">
                  {' '}
                  the {formatLabel(sbom.format)} document uploaded {new Date(sbom.createdAt).toLocaleString()}
                </span>
              </a>
            ),
          },
        ]}
      />
      {showIssues && sboms[0] && sboms[0].skipped.length + sboms[0].warnings.length > 0 ? (
        <div className="stack stack--tight">
          <p className="small muted">What the import of the newest document left out or warned about:</p>
          <IssueList title="Skipped" issues={sboms[0].skipped} />
          <IssueList title="Warnings" issues={sboms[0].warnings} />
        </div>
      ) : null}
    </>
  );
}
