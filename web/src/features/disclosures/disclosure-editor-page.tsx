import type { Disclosure } from '@contracts/disclosures/disclosures.contracts.ts';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../../api/describe-error.ts';
import { usePagedList } from '../../api/use-paged-list.ts';
import { useResource } from '../../api/use-resource.ts';
import { useConsoleContext, useSessionGuard } from '../../app/console-context.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { Alert } from '../../components/alert.tsx';
import { Badge, SeverityBadge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useApi } from '../accounts/session.tsx';
import { listProducts, listProductVersions } from '../devices/devices.api.ts';
import { isMissing } from '../devices/product-page.tsx';
import { listMembers } from '../incidents/incident-record.api.ts';
import { DisclosureEditor } from './disclosure-editor.tsx';
import { DisclosureStatusBadge, kindLabels, revisionActionLabels } from './disclosure-labels.tsx';
import { getDisclosure, listRevisions, type Revision } from './disclosures.api.ts';
import { versionOptionsOf } from './editor-controls.tsx';
import './disclosure-editor.css';

/**
 * `/console/:orgId/disclosures/:disclosureId`: one disclosure record in the editor, with its live CSAF
 * validation and previews, the approval and publication steps, and its published revisions.
 */
export function DisclosureEditorPage() {
  const { orgId, canWrite, session, membership } = useConsoleContext();
  const { disclosureId = '' } = useParams();
  const api = useApi();
  const { resource, reload } = useResource(`disclosure:${orgId}:${disclosureId}`, (signal) =>
    getDisclosure(api, orgId, disclosureId, signal),
  );
  const [changed, setChanged] = useState<Disclosure | null>(null);
  const products = usePagedList(`products:${orgId}`, (cursor, signal) =>
    listProducts(api, orgId, cursor, signal),
  );
  const productKey = products.items.map((product) => product.id).join(',');
  const { resource: versionsResource } = useResource(
    `versions:${orgId}:${products.status}:${productKey}`,
    async (signal) => {
      const lists = await Promise.all(
        products.items.map((product) => listProductVersions(api, orgId, product.id, signal)),
      );
      return new Map(products.items.map((product, index) => [product.id, lists[index] ?? []]));
    },
  );
  const { resource: membersResource } = useResource(`members:${orgId}`, (signal) =>
    listMembers(api, orgId, signal),
  );
  const saved = changed?.id === disclosureId ? changed : resource.status === 'ready' ? resource.data : null;
  const { resource: revisionsResource } = useResource(
    `disclosure-revisions:${orgId}:${disclosureId}:${saved?.publishedRevision ?? 0}:${saved?.status ?? ''}`,
    (signal) => listRevisions(api, orgId, disclosureId, signal),
    { keepWhileReloading: true },
  );
  useSessionGuard(resource.status === 'error' ? resource.error : null, products.error);
  useDocumentTitle(saved ? `${saved.title} · Disclosure` : null);

  if (resource.status === 'loading') return <LoadingState label="Loading the disclosure…" />;
  if (resource.status === 'error' || !saved) {
    const error = resource.status === 'error' ? resource.error : null;
    if (isMissing(error)) {
      return (
        <NotFoundPage
          title="Disclosure not found"
          text="This organisation has no such disclosure, or the address is mistyped."
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

  const members = membersResource.status === 'ready' ? membersResource.data : [];
  const memberName = (userId: string | null) => {
    if (!userId) return 'Unknown';
    if (userId === session.user.id) return `${session.user.name} (you)`;
    return members.find((member) => member.user.id === userId)?.user.name ?? 'Another member';
  };
  const revisions = revisionsResource.status === 'ready' ? revisionsResource.data : [];
  const registryReady = products.status !== 'loading' && versionsResource.status !== 'loading';
  const versions = versionOptionsOf(
    products.items,
    versionsResource.status === 'ready' ? versionsResource.data : new Map(),
  );

  return (
    <>
      <p className="back-link">
        <Link to={`/console/${orgId}#disclosures`}>
          <span aria-hidden="true">← </span>
          Disclosures
        </Link>
      </p>
      <PageHeader
        eyebrow={kindLabels[saved.kind]}
        title={saved.title}
        meta={
          <>
            <DisclosureStatusBadge status={saved.status} />
            <SeverityBadge severity={saved.severity} />
            <Badge tone="neutral" label="TLP">
              TLP:{saved.tlp}
            </Badge>
            <span>{saved.trackingId}</span>
            <span>Revision {saved.revision}</span>
          </>
        }
      />
      {registryReady ? (
        <div className="stack">
          <DisclosureEditor
            key={saved.id}
            orgId={orgId}
            saved={saved}
            products={products.items}
            versions={versions}
            revisions={revisions}
            publisher={{ name: membership.organization.name, slug: membership.organization.slug }}
            canWrite={canWrite}
            isAdmin={membership.role === 'admin'}
            currentUserId={session.user.id}
            memberName={memberName}
            onChanged={setChanged}
          />
          <RevisionHistory saved={saved} revisions={revisions} error={revisionsResource.status === 'error'} />
        </div>
      ) : (
        <LoadingState label="Loading the products and versions…" />
      )}
    </>
  );
}

function RevisionHistory({
  saved,
  revisions,
  error,
}: {
  saved: Disclosure;
  revisions: readonly Revision[];
  error: boolean;
}) {
  const inProgress = saved.revision > saved.publishedRevision && saved.status !== 'withdrawn';
  return (
    <Card title="Published revisions" description="Every publication is kept; a change is a new revision.">
      {error ? <p className="muted">The revision history could not be loaded.</p> : null}
      <ol className="revision-timeline" aria-label="Revisions">
        {revisions.map((revision) => (
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
        {inProgress ? (
          <li>
            <p>
              <strong>Revision {saved.revision}: in progress</strong> ({saved.status})
            </p>
            {saved.revisionSummary ? <p>{saved.revisionSummary}</p> : null}
          </li>
        ) : null}
      </ol>
    </Card>
  );
}
