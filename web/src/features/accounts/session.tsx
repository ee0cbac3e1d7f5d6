import type { Membership, SessionView } from '@contracts/accounts/accounts.contracts.ts';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { type ApiClient, createApiClient, isAbortError } from '../../api/client.ts';
import { findSession, signOut as requestSignOut } from './accounts.api.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; session: SessionView };

interface SessionContextValue {
  state: SessionState;
  api: ApiClient;
  /** After sign-in (a session) or when the server says the session is gone (null). */
  setSession(session: SessionView | null): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Asks the server who is signed in once, on load, and keeps the answer for the whole app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const csrfTokenRef = useRef<string | null>(null);
  const api = useMemo(() => createApiClient(() => csrfTokenRef.current), []);

  const setSession = useCallback((session: SessionView | null) => {
    csrfTokenRef.current = session?.csrfToken ?? null;
    setState(session ? { status: 'signed-in', session } : { status: 'signed-out' });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    findSession(api, controller.signal).then(setSession, (error: unknown) => {
      if (isAbortError(error)) return;
      // The public pages still work; the console will ask again when it loads its data.
      console.error('Could not load the session', error);
      setSession(null);
    });
    return () => controller.abort();
  }, [api, setSession]);

  const signOut = useCallback(async () => {
    try {
      await requestSignOut(api);
    } finally {
      setSession(null);
    }
  }, [api, setSession]);

  const value = useMemo(() => ({ state, api, setSession, signOut }), [state, api, setSession, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

export function useApi(): ApiClient {
  return useSession().api;
}

export function findMembership(session: SessionView, orgId: string | undefined): Membership | undefined {
  return session.memberships.find((membership) => membership.organization.id === orgId);
}

export const roleLabels: Record<Membership['role'], string> = {
  viewer: 'Viewer',
  editor: 'Editor',
  admin: 'Admin',
};

/**
 * Whether the member may author (products, incidents, disclosures): editors and admins of a
 * manufacturer, as the server's routes require. The server decides; this only hides the forms.
 */
export function canAuthor(membership: Membership): boolean {
  return membership.role !== 'viewer' && membership.organization.kind === 'manufacturer';
}
