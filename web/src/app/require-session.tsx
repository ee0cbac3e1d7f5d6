import type { SessionView } from '@contracts/accounts/accounts.contracts.ts';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { LoadingState } from '../components/loading-state.tsx';
import { useSession } from '../features/accounts/session.tsx';

/** Renders its children only for a signed-in user; sends anyone else to sign in, and back afterwards. */
export function RequireSession({ children }: { children(session: SessionView): ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <LoadingState label="Checking your session…" />;
  if (state.status === 'signed-out') {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  return children(state.session);
}
