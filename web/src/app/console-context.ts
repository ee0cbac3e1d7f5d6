import type { Membership, SessionView } from '@contracts/accounts/accounts.contracts.ts';
import { useEffect } from 'react';
import { useOutletContext } from 'react-router-dom';
import { isApiError } from '../api/client.ts';
import { useSession } from '../features/accounts/session.tsx';

/** What every page inside `/console/:orgId` knows: who is signed in, and as what in this organisation. */
export interface ConsoleContext {
  session: SessionView;
  membership: Membership;
  orgId: string;
  /** Whether the forms that write (products, versions, SBOMs, incidents, disclosures) are shown. */
  canWrite: boolean;
}

export function useConsoleContext(): ConsoleContext {
  return useOutletContext<ConsoleContext>();
}

/**
 * A 401 from any of the page's calls means the session ended (expired or signed out elsewhere): go
 * back to sign in.
 */
export function useSessionGuard(...errors: unknown[]): void {
  const { setSession } = useSession();
  const isSessionGone = errors.some((error) => isApiError(error) && error.status === 401);
  useEffect(() => {
    if (isSessionGone) setSession(null);
  }, [isSessionGone, setSession]);
}
