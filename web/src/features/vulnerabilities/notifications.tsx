import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { NavLink } from 'react-router-dom';
import { describeError } from '../../api/describe-error.ts';
import { useResource } from '../../api/use-resource.ts';
import { useConsoleContext, useSessionGuard } from '../../app/console-context.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { Alert } from '../../components/alert.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useApi } from '../accounts/session.tsx';
import { listNotifications, markNotificationRead, type Notification } from './vulnerabilities.api.ts';

interface UnreadNotices {
  /** null until the first answer (or when it failed). */
  count: number | null;
  reload(): void;
}

const UnreadContext = createContext<UnreadNotices>({ count: null, reload: () => {} });

/** How often the console asks for new notices while it is open. */
const pollInterval = 60_000;

/**
 * The unread notices of the console's organisation, shared by the navigation's count and the
 * notifications page (which reloads it after marking one read).
 */
export function UnreadNotificationsProvider({ orgId, children }: { orgId: string; children: ReactNode }) {
  const api = useApi();
  const { resource, reload } = useResource(
    `notifications:unread:${orgId}`,
    (signal) => listNotifications(api, orgId, true, signal),
    { keepWhileReloading: true },
  );
  useEffect(() => {
    const timer = window.setInterval(reload, pollInterval);
    const onFocus = () => reload();
    window.addEventListener('focus', onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [reload]);
  const count = resource.status === 'ready' ? resource.data.length : null;
  const value = useMemo(() => ({ count, reload }), [count, reload]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export function useUnreadNotifications(): UnreadNotices {
  return useContext(UnreadContext);
}

/** The console navigation's link to the notices, with the unread count as text (not a dot alone). */
export function NotificationsNavLink({ orgId }: { orgId: string }) {
  const { count } = useUnreadNotifications();
  return (
    <NavLink to={`/console/${orgId}/notifications`} className="console-nav__link console-nav__notices">
      <svg className="console-nav__bell" aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
        <path
          d="M8 1.5a1 1 0 0 1 1 1v.6a4.5 4.5 0 0 1 3.5 4.4v2.8l1.2 1.6a.6.6 0 0 1-.5 1H2.8a.6.6 0 0 1-.5-1l1.2-1.6V7.5A4.5 4.5 0 0 1 7 3.1v-.6a1 1 0 0 1 1-1ZM6.3 13.9h3.4a1.7 1.7 0 0 1-3.4 0Z"
          fill="currentColor"
        />
      </svg>
      Notifications
      {count ? (
        <span className="notice-count">
          {count}
          <span className="visually-hidden"> unread</span>
        </span>
      ) : null}
    </NavLink>
  );
}

const kindLabels: Record<string, string> = { 'findings.changed': 'Vulnerability findings' };

/** `/console/:orgId/notifications`: new and closed findings, newest first, each to be marked read. */
export function NotificationsPage() {
  const { orgId, membership } = useConsoleContext();
  const api = useApi();
  const unread = useUnreadNotifications();
  useDocumentTitle(`Notifications · ${membership.organization.name}`);
  const { resource, reload } = useResource(
    `notifications:all:${orgId}`,
    (signal) => listNotifications(api, orgId, false, signal),
    { keepWhileReloading: true },
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useSessionGuard(resource.status === 'error' ? resource.error : null);

  const markRead = useCallback(
    async (notification: Notification) => {
      setBusy(notification.id);
      setError(null);
      try {
        await markNotificationRead(api, orgId, notification.id);
        reload();
        unread.reload();
      } catch (failure) {
        setError(describeError(failure));
      } finally {
        setBusy(null);
      }
    },
    [api, orgId, reload, unread],
  );

  const items = resource.status === 'ready' ? resource.data : [];
  const unreadCount = items.filter((item) => item.readAt === null).length;

  return (
    <>
      <PageHeader
        eyebrow={membership.organization.name}
        title="Notifications"
        description="New and closed vulnerability findings across your products, newest first."
      />
      <Card>
        {resource.status === 'loading' ? <LoadingState label="Loading notifications…" /> : null}
        {resource.status === 'error' ? (
          <Alert tone="error" title="Notifications could not be loaded">
            <p>{describeError(resource.error)}</p>
            <Button variant="secondary" size="small" onClick={reload}>
              Try again
            </Button>
          </Alert>
        ) : null}
        {error ? (
          <Alert tone="error" title="The notification was not marked read">
            {error}
          </Alert>
        ) : null}
        {resource.status === 'ready' ? (
          items.length === 0 ? (
            <EmptyState title="No notifications">
              <p>
                Candor tells you here when a vulnerability feed opens or closes findings in your products.
              </p>
            </EmptyState>
          ) : (
            <>
              <p className="muted small" role="status">
                {unreadCount} unread of {items.length}
              </p>
              <ul className="row-list" aria-label="Notifications">
                {items.map((item) => (
                  <li
                    key={item.id}
                    className={['row-list__item', item.readAt ? 'notice--read' : null]
                      .filter(Boolean)
                      .join(' ')}
                  >
                    <div className="row-list__main">
                      <p className="row-list__title">
                        {item.readAt ? null : (
                          <>
                            <Badge tone="info">
                              <span className="badge__glyph" aria-hidden="true">
                                ●
                              </span>
                              Unread
                            </Badge>{' '}
                          </>
                        )}
                        {item.title}
                      </p>
                      <p className="row-list__meta">
                        <span>{kindLabels[item.kind] ?? item.kind}</span>
                        <span>
                          <DateText iso={item.createdAt} withTime />
                        </span>
                        {item.readAt ? (
                          <span>
                            Read <DateText iso={item.readAt} withTime />
                          </span>
                        ) : null}
                      </p>
                    </div>
                    {item.readAt ? null : (
                      <div className="row-list__actions">
                        <Button
                          variant="secondary"
                          size="small"
                          busy={busy === item.id}
                          onClick={() => void markRead(item)}
                        >
                          Mark read<span className="visually-hidden">: {item.title}</span>
                        </Button>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )
        ) : null}
      </Card>
    </>
  );
}
