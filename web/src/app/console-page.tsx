import type { Membership, SessionView } from '@contracts/accounts/accounts.contracts.ts';
import { Navigate, NavLink, Outlet, useParams } from 'react-router-dom';
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
import {
  NotificationsNavLink,
  UnreadNotificationsProvider,
} from '../features/vulnerabilities/notifications.tsx';
import { type ConsoleContext, useConsoleContext, useSessionGuard } from './console-context.ts';
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

/**
 * `/console/:orgId/*`: checks the session and the membership once, shows the console's navigation, and
 * hands both to the page inside (see `useConsoleContext`).
 */
export function OrgConsoleLayout() {
  return <RequireSession>{(session) => <OrganizationConsole session={session} />}</RequireSession>;
}

function OrganizationConsole({ session }: { session: SessionView }) {
  const { orgId = '' } = useParams();
  const membership = findMembership(session, orgId);
  if (!membership) {
    return <NotAMember />;
  }
  const context: ConsoleContext = { session, membership, orgId, canWrite: canAuthor(membership) };
  return (
    <UnreadNotificationsProvider orgId={orgId} key={orgId}>
      <nav aria-label="Console" className="console-nav">
        <ul className="console-nav__list">
          <li>
            <NavLink to={`/console/${orgId}`} end className="console-nav__link">
              Overview
            </NavLink>
          </li>
          <li>
            <NavLink to={`/console/${orgId}/products`} className="console-nav__link">
              Products
            </NavLink>
          </li>
          <li>
            <NavLink to={`/console/${orgId}/components`} className="console-nav__link">
              Component search
            </NavLink>
          </li>
          <li>
            <NavLink to={`/console/${orgId}/worklist`} className="console-nav__link">
              Worklist
            </NavLink>
          </li>
          <li>
            <NavLink to={`/console/${orgId}/deadlines`} className="console-nav__link">
              Deadline calendar
            </NavLink>
          </li>
          <li>
            <NavLink to={`/console/${orgId}/vulnerabilities`} className="console-nav__link">
              Vulnerability search
            </NavLink>
          </li>
          <li>
            <NavLink to={`/console/${orgId}/settings/notifications`} className="console-nav__link">
              Notification settings
            </NavLink>
          </li>
          <li className="console-nav__end">
            <NotificationsNavLink orgId={orgId} />
          </li>
        </ul>
      </nav>
      <Outlet context={context} key={orgId} />
    </UnreadNotificationsProvider>
  );
}

function NotAMember() {
  useDocumentTitle('Console');
  return (
    <>
      <PageHeader title="Organisation not available" />
      <EmptyState title="You are not a member of this organisation">
        <p>Choose one of your organisations with the switcher at the top of the page.</p>
      </EmptyState>
    </>
  );
}

/**
 * One organisation's overview. Composes the modules' sections: the app shell is the only place that
 * knows all of them, as `src/main/` is on the server.
 */
export function ConsoleOverviewPage() {
  const { session, membership, orgId, canWrite } = useConsoleContext();
  const { api } = useSession();
  useDocumentTitle(`${membership.organization.name} console`);

  const products = usePagedList(`products:${orgId}`, (cursor, signal) =>
    listProducts(api, orgId, cursor, signal),
  );
  const incidents = usePagedList(`incidents:${orgId}`, (cursor, signal) =>
    listIncidents(api, orgId, cursor, signal),
  );
  const disclosures = usePagedList(`disclosures:${orgId}`, (cursor, signal) =>
    listDisclosures(api, orgId, cursor, signal),
  );
  useSessionGuard(products.error, incidents.error, disclosures.error);

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
        description={canWrite ? undefined : readOnlyReason(membership)}
      />
      <nav aria-label="Sections on this page" className="section-nav">
        <a href="#disclosures">Disclosures</a>
        <a href="#incidents">Incidents</a>
        <a href="#products">Products</a>
      </nav>
      <div className="stack">
        <DisclosuresSection
          orgId={orgId}
          disclosures={disclosures}
          products={products.items}
          incidents={incidents.items}
          canWrite={canWrite}
          currentUserId={session.user.id}
        />
        <IncidentsSection orgId={orgId} incidents={incidents} products={products.items} canWrite={canWrite} />
        <ProductsSection orgId={orgId} products={products} canWrite={canWrite} />
      </div>
    </>
  );
}
