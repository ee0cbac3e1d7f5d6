import {
  type SessionView,
  SessionViewSchema,
  type SignInInput,
} from '@contracts/accounts/accounts.contracts.ts';
import { type ApiClient, isApiError } from '../../api/client.ts';

/** The current session, or null when nobody is signed in (401). */
export async function findSession(api: ApiClient, signal: AbortSignal): Promise<SessionView | null> {
  try {
    return await api.get('/api/v1/auth/session', SessionViewSchema, { signal });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function signIn(api: ApiClient, input: SignInInput): Promise<SessionView> {
  return api.post('/api/v1/auth/sign-in', SessionViewSchema, { body: input });
}

export function signOut(api: ApiClient): Promise<void> {
  return api.postEmpty('/api/v1/auth/sign-out');
}
