import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router-dom';
import { useAuth } from './auth-context.js';
import { AppLayout } from './layout.js';
import { OrgProvider } from './org-context.js';

const LoginPage = lazy(() => import('../features/login/login-page.js'));
const WorkbenchPage = lazy(() => import('../features/workbench/workbench-page.js'));
const CaseListPage = lazy(() => import('../features/cases/case-list-page.js'));
const CasePage = lazy(() => import('../features/case-detail/case-page.js'));
const NotFoundPage = lazy(() => import('../features/cases/not-found-page.js'));
const CalendarAdminPage = lazy(() => import('../features/calendar/calendar-admin-page.js'));
const PolicyAdminPage = lazy(() => import('../features/policies/policy-admin-page.js'));
const CataloguePage = lazy(() => import('../features/catalogue/catalogue-page.js'));
const SupervisionCentrePage = lazy(() => import('../features/supervision/supervision-centre-page.js'));
const DepartmentSupervisionPage = lazy(() => import('../features/supervision/department-page.js'));
const InboxPage = lazy(() => import('../features/inbox/inbox-page.js'));
const WebhooksPage = lazy(() => import('../features/webhooks/webhooks-page.js'));
const SetupPage = lazy(() => import('../features/setup/setup-page.js'));
const SettingsPage = lazy(() => import('../features/settings/settings-page.js'));
const AdminAuditPage = lazy(() => import('../features/admin-audit/admin-audit-page.js'));
const OrgPage = lazy(() => import('../features/org/org-page.js'));
// Areas that keep their own sub-routes (features/<area>/routes.tsx).
const AssessmentRoutes = lazy(() => import('../features/assessment/routes.js'));
const DashboardRoutes = lazy(() => import('../features/dashboard/routes.js'));
const BigScreenPage = lazy(() => import('../features/dashboard/big-screen.js'));
const PublicationRoutes = lazy(() => import('../features/publication/routes.js'));
const ImportRoutes = lazy(() => import('../features/import/routes.js'));
const RoutingRoutes = lazy(() => import('../features/routing/routes.js'));
const Open311Routes = lazy(() => import('../features/open311/routes.js'));

const fullPageSpin = <div style={{ padding: 120, textAlign: 'center' }}><Spin size="large" /></div>;

function RequireAuth({ children }: { children: ReactNode }) {
  const { user, ready } = useAuth();
  const location = useLocation();
  if (!ready) return fullPageSpin;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <OrgProvider>{children}</OrgProvider>;
}

export const router = createBrowserRouter([
  { path: '/login', element: <Suspense fallback={fullPageSpin}><LoginPage /></Suspense> },
  { path: '/setup', element: <Suspense fallback={fullPageSpin}><SetupPage /></Suspense> },
  { path: '/bigscreen', element: <RequireAuth><Suspense fallback={fullPageSpin}><BigScreenPage /></Suspense></RequireAuth> },
  {
    path: '/',
    element: <RequireAuth><AppLayout /></RequireAuth>,
    children: [
      { index: true, element: <WorkbenchPage /> },
      { path: 'cases', element: <CaseListPage /> },
      { path: 'cases/:id', element: <CasePage /> },
      { path: 'admin/calendar', element: <CalendarAdminPage /> },
      { path: 'admin/policies', element: <PolicyAdminPage /> },
      { path: 'admin/catalogue', element: <CataloguePage /> },
      { path: 'admin/webhooks', element: <WebhooksPage /> },
      { path: 'admin/settings', element: <SettingsPage /> },
      { path: 'admin/audit', element: <AdminAuditPage /> },
      { path: 'admin/org', element: <OrgPage /> },
      { path: 'supervision', element: <SupervisionCentrePage /> },
      { path: 'supervision/departments/:id', element: <DepartmentSupervisionPage /> },
      { path: 'supervision/mine', element: <DepartmentSupervisionPage /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: 'assessment/*', element: <AssessmentRoutes /> },
      { path: 'dashboard/*', element: <DashboardRoutes /> },
      { path: 'publication/*', element: <PublicationRoutes /> },
      { path: 'import/*', element: <ImportRoutes /> },
      { path: 'routing/*', element: <RoutingRoutes /> },
      { path: 'admin/open311/*', element: <Open311Routes /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
