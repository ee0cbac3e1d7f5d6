import { createBrowserRouter } from 'react-router-dom';
import { SignInPage } from '../features/accounts/sign-in-page.tsx';
import { PublicDisclosureListPage } from '../features/disclosures/public-disclosure-list-page.tsx';
import { PublicDisclosurePage } from '../features/disclosures/public-disclosure-page.tsx';
import { ConsoleIndexPage, ConsolePage } from './console-page.tsx';
import { Layout } from './layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <PublicDisclosureListPage /> },
      { path: 'disclosures/:disclosureId', element: <PublicDisclosurePage /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'console', element: <ConsoleIndexPage /> },
      { path: 'console/:orgId', element: <ConsolePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
