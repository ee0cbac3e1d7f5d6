import { useRef } from 'react';
import { Link, NavLink, Outlet, useMatch, useNavigate } from 'react-router-dom';
import { Button } from '../components/button.tsx';
import { OrganizationSwitcher } from '../features/accounts/organization-switcher.tsx';
import { useSession } from '../features/accounts/session.tsx';
import { useRouteFocus } from './route-focus.ts';

/** One shell for the public portal and the console: header, navigation, main, footer. */
export function Layout() {
  const announcerRef = useRef<HTMLParagraphElement>(null);
  useRouteFocus(announcerRef);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" className="shell__main" tabIndex={-1}>
        <div className="container">
          <Outlet />
        </div>
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <p>
            <strong>Candor</strong> · open, accountable medical-device cybersecurity disclosure
          </p>
          <nav aria-label="Footer">
            <ul className="site-footer__links">
              <li>
                <Link to="/">Published disclosures</Link>
              </li>
              <li>
                <a href="/api/docs">API reference</a>
              </li>
            </ul>
          </nav>
        </div>
      </footer>
      <p className="visually-hidden" aria-live="polite" ref={announcerRef} />
    </div>
  );
}

function SiteHeader() {
  const { state, signOut } = useSession();
  const navigate = useNavigate();
  const consoleMatch = useMatch('/console/:orgId/*');
  const isSignInPage = useMatch('/sign-in') !== null;
  const session = state.status === 'signed-in' ? state.session : null;
  const currentOrgId = consoleMatch?.params.orgId;
  const consoleOrgId = currentOrgId ?? session?.memberships[0]?.organization.id;

  async function handleSignOut() {
    // Leave the console first, so its guard does not send the user to the sign-in page.
    navigate('/');
    await signOut().catch(() => undefined);
  }

  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to="/" className="brand" aria-label="Candor, home">
          <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="7" />
            <path d="M21.5 11.2A7 7 0 1 0 21.5 20.8" />
          </svg>
          <span className="brand__name">Candor</span>
        </Link>
        <nav aria-label="Main" className="site-nav">
          <ul className="site-nav__list">
            <li>
              <NavLink to="/" end className="site-nav__link">
                Disclosures
              </NavLink>
            </li>
            {session ? (
              <li>
                <NavLink
                  to={consoleOrgId ? `/console/${consoleOrgId}` : '/console'}
                  className="site-nav__link"
                >
                  Console
                </NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="site-header__account">
          {session ? (
            <>
              <div data-keep-focus>
                <OrganizationSwitcher session={session} currentOrgId={currentOrgId} />
              </div>
              <span className="site-header__user" title={session.user.email}>
                {session.user.name}
              </span>
              <Button variant="secondary" size="small" onClick={handleSignOut}>
                Sign out
              </Button>
            </>
          ) : state.status === 'signed-out' && !isSignInPage ? (
            <Link to="/sign-in" className="button button--secondary button--small">
              Sign in
            </Link>
          ) : null}
        </div>
      </div>
    </header>
  );
}
