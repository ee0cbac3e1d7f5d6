import type { Product, ProductVersion } from '@contracts/devices/devices.contracts.ts';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { useResource } from '../../api/use-resource.ts';
import { useConsoleContext, useSessionGuard } from '../../app/console-context.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { Alert } from '../../components/alert.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useApi } from '../accounts/session.tsx';
import { OpenFindingsCount } from '../vulnerabilities/open-findings-count.tsx';
import { CreateVersionForm } from './create-version-form.tsx';
import { getProduct, listProductVersions } from './devices.api.ts';
import { formatLabel, None, SupportPhaseBadge } from './devices-display.tsx';
import { VersionDiffSection } from './version-diff.tsx';

/** A 404, or the 400 a malformed id gets: for a reader both mean "no such page". */
export function isMissing(error: unknown): boolean {
  return isApiError(error) && (error.status === 404 || (error.status === 400 && error.code === 'invalid'));
}

/** `/console/:orgId/products/:productId`: the product, its versions, and what changed between two. */
export function ProductPage() {
  const { orgId, membership, canWrite } = useConsoleContext();
  const { productId = '' } = useParams();
  const api = useApi();
  const { resource: product, reload } = useResource(`product:${orgId}:${productId}`, (signal) =>
    getProduct(api, orgId, productId, signal),
  );
  const { resource: versions, reload: reloadVersions } = useResource(
    `versions:${orgId}:${productId}`,
    (signal) => listProductVersions(api, orgId, productId, signal),
    { keepWhileReloading: true },
  );
  useSessionGuard(
    product.status === 'error' ? product.error : null,
    versions.status === 'error' ? versions.error : null,
  );
  useDocumentTitle(
    product.status === 'ready' ? `${product.data.name} · ${membership.organization.name}` : null,
  );

  if (product.status === 'loading') return <LoadingState label="Loading product…" />;
  if (product.status === 'error') {
    if (isMissing(product.error)) {
      return (
        <NotFoundPage
          title="Product not found"
          text="This organisation has no product at this address. It may have been mistyped."
        />
      );
    }
    return (
      <Alert tone="error" title="This product could not be loaded">
        <p>{describeError(product.error)}</p>
        <Button variant="secondary" size="small" onClick={reload}>
          Try again
        </Button>
      </Alert>
    );
  }

  const item = product.data;
  return (
    <>
      <p className="back-link">
        <Link to={`/console/${orgId}/products`}>
          <span aria-hidden="true">← </span>All products
        </Link>
      </p>
      <PageHeader
        eyebrow={membership.organization.name}
        title={item.name}
        meta={
          <>
            {item.deviceClass ? (
              <Badge tone="info" label="Device class">
                {item.deviceClass}
              </Badge>
            ) : null}
            {item.modelNumbers.length > 0 ? <span>Model {item.modelNumbers.join(', ')}</span> : null}
            {item.markets.length > 0 ? <span>Markets: {item.markets.join(', ')}</span> : null}
          </>
        }
        description={item.description || undefined}
      />
      <div className="stack">
        <ProductDetails product={item} />
        <Card
          title="Versions"
          id="versions"
          description="Each release of the device, its support phase and its SBOM. Open a version to upload or read its SBOM."
        >
          {versions.status === 'loading' ? <LoadingState label="Loading versions…" /> : null}
          {versions.status === 'error' ? (
            <Alert tone="error" title="Versions could not be loaded">
              <p>{describeError(versions.error)}</p>
              <Button variant="secondary" size="small" onClick={reloadVersions}>
                Try again
              </Button>
            </Alert>
          ) : null}
          {versions.status === 'ready' ? (
            versions.data.length > 0 ? (
              <VersionTable orgId={orgId} productId={item.id} versions={versions.data} />
            ) : (
              <EmptyState title="No versions yet">
                <p>
                  {canWrite
                    ? 'Add the versions you have released, then upload an SBOM for each.'
                    : 'No versions of this product have been registered.'}
                </p>
              </EmptyState>
            )
          ) : null}
          {canWrite ? (
            <CreateVersionForm orgId={orgId} productId={item.id} onCreated={reloadVersions} />
          ) : null}
        </Card>
        {versions.status === 'ready' ? (
          <VersionDiffSection orgId={orgId} productId={item.id} versions={versions.data} />
        ) : null}
      </div>
    </>
  );
}

function ProductDetails({ product }: { product: Product }) {
  return (
    <Card title="Details">
      <dl className="facts facts--grid">
        <div>
          <dt>Model numbers</dt>
          <dd>{product.modelNumbers.length > 0 ? product.modelNumbers.join(', ') : <None />}</dd>
        </div>
        <div>
          <dt>Device class</dt>
          <dd>{product.deviceClass ?? <None text="Not given" />}</dd>
        </div>
        <div>
          <dt>UDI-DI</dt>
          <dd>{product.udiDi ? <code>{product.udiDi}</code> : <None text="Not given" />}</dd>
        </div>
        <div>
          <dt>Markets</dt>
          <dd>{product.markets.length > 0 ? product.markets.join(', ') : <None text="Not given" />}</dd>
        </div>
        <div>
          <dt>Identifier</dt>
          <dd>
            <code>{product.slug}</code>
          </dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd>
            <DateText iso={product.createdAt} />
          </dd>
        </div>
        <div className="facts__wide">
          <dt>Intended use</dt>
          <dd className="pre-line">{product.intendedUse || <None text="Not given" />}</dd>
        </div>
      </dl>
    </Card>
  );
}

function VersionTable({
  orgId,
  productId,
  versions,
}: {
  orgId: string;
  productId: string;
  versions: readonly ProductVersion[];
}) {
  return (
    <DataTable
      caption="Versions"
      hideCaption
      rows={versions}
      rowKey={(version) => version.id}
      columns={[
        {
          header: 'Version',
          isRowHeader: true,
          cell: (version) => (
            <Link to={`/console/${orgId}/products/${productId}/versions/${version.id}`}>{version.label}</Link>
          ),
        },
        {
          header: 'Released',
          cell: (version) =>
            version.releasedOn ? <DateText iso={version.releasedOn} /> : <None text="Not released" />,
        },
        { header: 'Support', cell: (version) => <SupportPhaseBadge phase={version.supportPhase} /> },
        {
          header: 'End of support',
          cell: (version) =>
            version.endOfSupportOn ? <DateText iso={version.endOfSupportOn} /> : <None text="Not set" />,
        },
        {
          header: 'Components',
          className: 'table__number',
          cell: (version) => version.componentCount.toLocaleString(),
        },
        {
          header: 'Vulnerabilities',
          cell: (version) =>
            version.componentCount > 0 ? (
              <OpenFindingsCount target={{ orgId, productId, versionId: version.id }} />
            ) : (
              <None text="No components" />
            ),
        },
        {
          header: 'Latest SBOM',
          cell: (version) =>
            version.latestSbom ? (
              <>
                {formatLabel(version.latestSbom.format)}
                <br />
                <span className="muted small">
                  <DateText iso={version.latestSbom.createdAt} />
                </span>
              </>
            ) : (
              <None text="No SBOM yet" />
            ),
        },
      ]}
    />
  );
}
