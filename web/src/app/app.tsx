import { RouterProvider } from 'react-router-dom';
import { SessionProvider } from '../features/accounts/session.tsx';
import { router } from './router.tsx';

/** Providers around the router: the session is the only app-wide state. */
export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
