import { createBrowserRouter } from 'react-router-dom';
import { SignInPage } from '../features/accounts/sign-in-page.tsx';
import { ComponentSearchPage } from '../features/devices/component-search-page.tsx';
import { ProductPage } from '../features/devices/product-page.tsx';
import { ProductsPage } from '../features/devices/products-page.tsx';
import { VersionPage } from '../features/devices/version-page.tsx';
import { DisclosureEditorPage } from '../features/disclosures/disclosure-editor-page.tsx';
import { PublicDisclosureListPage } from '../features/disclosures/public-disclosure-list-page.tsx';
import { PublicDisclosurePage } from '../features/disclosures/public-disclosure-page.tsx';
import { DeadlinesPage } from '../features/incidents/deadlines-page.tsx';
import { IncidentPage } from '../features/incidents/incident-page.tsx';
import { AssessmentPage } from '../features/risk/assessment-page.tsx';
import { RiskSettingsPage } from '../features/risk/risk-settings-page.tsx';
import { WorklistPage } from '../features/risk/worklist-page.tsx';
import { NotificationSettingsPage } from '../features/vulnerabilities/notification-settings-page.tsx';
import { NotificationsPage } from '../features/vulnerabilities/notifications.tsx';
import { VulnerabilitySearchPage } from '../features/vulnerabilities/vulnerability-search-page.tsx';
import { ConsoleIndexPage, ConsoleOverviewPage, OrgConsoleLayout } from './console-page.tsx';
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
      {
        path: 'console/:orgId',
        element: <OrgConsoleLayout />,
        children: [
          { index: true, element: <ConsoleOverviewPage /> },
          { path: 'products', element: <ProductsPage /> },
          { path: 'products/:productId', element: <ProductPage /> },
          { path: 'products/:productId/versions/:versionId', element: <VersionPage /> },
          { path: 'components', element: <ComponentSearchPage /> },
          { path: 'vulnerabilities', element: <VulnerabilitySearchPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'settings/notifications', element: <NotificationSettingsPage /> },
          { path: 'worklist', element: <WorklistPage /> },
          {
            path: 'products/:productId/versions/:versionId/risk/:vulnerability',
            element: <AssessmentPage />,
          },
          { path: 'settings/risk', element: <RiskSettingsPage /> },
          { path: 'incidents/:incidentId', element: <IncidentPage /> },
          { path: 'disclosures/:disclosureId', element: <DisclosureEditorPage /> },
          { path: 'deadlines', element: <DeadlinesPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
