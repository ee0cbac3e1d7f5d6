import type { Membership, SessionView } from '@contracts/accounts/accounts.contracts.ts';
import { useEffect } from 'react';
import { Navigate, useParams } from 'react-router-dom';
import { isApiError } from '../api/client.ts';
import { usePagedList } from '../api/use-paged-list.ts';
import { Badge } from '../components/badge.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { canAuthor, findMembership, roleLabels, useSession } from '../features/accounts/session.tsx';
import { listProducts } from '../features/devices/devices.api.ts';
import { ProductsSection } from '../features/devices/products-section.tsx';
import { listDisclosures } from '../features/disclosures/disclosures.api.ts';
import { DisclosuresSection } from '../features/disclosures/disclosures-section.tsx';
import { listIncidents } from '../features/incidents/incidents.api.ts';
import { IncidentsSection } from '../features/incidents/incidents-section.tsx';
import { useDocumentTitle } from './document-title.ts';
import { RequireSession } from './require-session.tsx';

const kindLabels: Record<SessionView['memberships'][number]['organization']['kind'], string> = {
  manufacturer: 'Manufacturer',
  hdo: 'Healthcare delivery organisation',
  regulator: 'Regulator',
  researcher: 'Researcher',
  isao: 'Information sharing organisation',
};

function readOnlyReason(membership: Membership): string {
  return membership.organization.kind === 'manufacturer'
    ? 'You have read-only access here. Ask an administrator of this organisation if you need to make changes.'
    : 'You can follow this organisation’s records here; products, incidents and disclosures are authored by manufacturers.';
}

/** `/console`: the first organisation's console, or a word on having none. */
export function ConsoleIndexPage() {
  return (
    <RequireSession>
      {(session) => {
        const first = session.memberships[0];
        return first ? <Navigate to={`/console/${first.organization.id}`} replace /> : <NoOrganizations />;
      }}
    </RequireSession>
  );
}

function NoOrganizations() {
  useDocumentTitle('Console');
  return (
    <>
      <PageHeader title="Console" />
      <EmptyState title="You are not a member of any organisation">
        <p>Ask an administrator of your organisation to add you.</p>
      </EmptyState>
    </>
  );
}

export function ConsolePage() {
  return <RequireSession>{(session) => <OrganizationConsole session={session} />}</RequireSession>;
}

/**
 * One organisation's workspace. Composes the modules' sections: the app shell is the only place that
 * knows all of them, as `src/main/` is on the server.
 */
function OrganizationConsole({ session }: { session: SessionView }) {
  const { orgId = '' } = useParams();
  const { api, setSession } = useSession();
  const membership = findMembership(session, orgId);
  useDocumentTitle(membership ? `${membership.organization.name} console` : 'Console');

  const products = usePagedList(`products:${orgId}`, (cursor, signal) =>
    membership ? listProducts(api, orgId, cursor, signal) : Promise.resolve({ items: [], nextCursor: null }),
  );
  const incidents = usePagedList(`incidents:${orgId}`, (cursor, signal) =>
    membership ? listIncidents(api, orgId, cursor, signal) : Promise.resolve({ items: [], nextCursor: null }),
  );
  const disclosures = usePagedList(`disclosures:${orgId}`, (cursor, signal) =>
    membership
      ? listDisclosures(api, orgId, cursor, signal)
      : Promise.resolve({ items: [], nextCursor: null }),
  );

  // A 401 here means the session ended (expired or signed out elsewhere): go back to sign in.
  const isSessionGone = [products.error, incidents.error, disclosures.error].some(
    (error) => isApiError(error) && error.status === 401,
  );
  useEffect(() => {
    if (isSessionGone) setSession(null);
  }, [isSessionGone, setSession]);

  if (!membership) {
    return (
      <>
        <PageHeader title="Organisation not available" />
        <EmptyState title="You are not a member of this organisation">
          <p>Choose one of your organisations with the switcher at the top of the page.</p>
        </EmptyState>
      </>
    );
  }

  const writable = canAuthor(membership);
  return (
    <>
      <PageHeader
        eyebrow="Console"
        title={membership.organization.name}
        meta={
          <>
            <Badge tone="neutral">{kindLabels[membership.organization.kind]}</Badge>
            <span>
              Signed in as {session.user.name}, {roleLabels[membership.role].toLowerCase()}
            </span>
          </>
        }
        description={writable ? undefined : readOnlyReason(membership)}
      />
      <nav aria-label="Console sections" className="section-nav">
        <a href="#disclosures">Disclosures</a>
        <a href="#incidents">Incidents</a>
        <a href="#products">Products</a>
      </nav>
      <div className="stack" key={orgId}>
        <DisclosuresSection
          orgId={orgId}
          disclosures={disclosures}
          products={products.items}
          incidents={incidents.items}
          canWrite={writable}
          currentUserId={session.user.id}
        />
        <IncidentsSection orgId={orgId} incidents={incidents} products={products.items} canWrite={writable} />
        <ProductsSection orgId={orgId} products={products} canWrite={writable} />
      </div>
    </>
  );
}
