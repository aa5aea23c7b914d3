import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '../../domain/access/permissions.js';
import { useAuth } from './auth-context.js';
import { RequirePermission } from './require-permission.js';
import { AppLayout } from './layout.js';
import { OrgProvider } from './org-context.js';

const LoginPage = lazy(() => import('../features/login/login-page.js'));
const WorkbenchPage = lazy(() => import('../features/workbench/workbench-page.js'));
const CaseListPage = lazy(() => import('../features/cases/case-list-page.js'));
const CasePage = lazy(() => import('../features/case-detail/case-page.js'));
const SearchPage = lazy(() => import('../features/search/search-page.js'));
const KnowledgePage = lazy(() => import('../features/knowledge/knowledge-page.js'));
const NotFoundPage = lazy(() => import('../features/cases/not-found-page.js'));
const CalendarAdminPage = lazy(() => import('../features/calendar/calendar-admin-page.js'));
const PolicyAdminPage = lazy(() => import('../features/policies/policy-admin-page.js'));
const CataloguePage = lazy(() => import('../features/catalogue/catalogue-page.js'));
const IndicatorsPage = lazy(() => import('../features/indicators/indicators-page.js'));
const IndicatorDetailPage = lazy(() => import('../features/indicators/detail-page.js'));
const LeadingGroupPage = lazy(() => import('../features/indicators/leading-page.js'));
const StoriesPage = lazy(() => import('../features/indicators/stories-page.js'));
const SupervisionCentrePage = lazy(() => import('../features/supervision/supervision-centre-page.js'));
const DepartmentSupervisionPage = lazy(() => import('../features/supervision/department-page.js'));
const ItemsListPage = lazy(() => import('../features/items/items-list-page.js'));
const ItemFormPage = lazy(() => import('../features/items/item-form-page.js'));
const ItemEditPage = lazy(() => import('../features/items/item-edit-page.js'));
const ItemPage = lazy(() => import('../features/items/item-page.js'));
const ItemsDashboardPage = lazy(() => import('../features/items/items-dashboard-page.js'));
const HotspotsPage = lazy(() => import('../features/hotspots/hotspots-page.js'));
const HotspotPage = lazy(() => import('../features/hotspots/hotspot-page.js'));
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
const PrintRoutes = lazy(() => import('../features/print/routes.js'));
const PublicationRoutes = lazy(() => import('../features/publication/routes.js'));
const ImportRoutes = lazy(() => import('../features/import/routes.js'));
const RoutingRoutes = lazy(() => import('../features/routing/routes.js'));
const Open311Routes = lazy(() => import('../features/open311/routes.js'));
const SuggestionRoutes = lazy(() => import('../features/suggestions/routes.js'));
const MajorReportRoutes = lazy(() => import('../features/major-reports/routes.js'));
const AccountsPage = lazy(() => import('../features/people/accounts-page.js'));
const PasswordPolicyPage = lazy(() => import('../features/people/password-policy-page.js'));
const MyAccountPage = lazy(() => import('../features/people/my-account-page.js'));
const ChangePasswordPage = lazy(() => import('../features/people/change-password-page.js'));

const fullPageSpin = <div style={{ padding: 120, textAlign: 'center' }}><Spin size="large" /></div>;

function RequireAuth({ children }: { children: ReactNode }) {
  const { user, ready } = useAuth();
  const location = useLocation();
  if (!ready) return fullPageSpin;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // A one-time or expired password: nothing else until it is changed (the server refuses the rest anyway).
  if (user.mustChangePassword) return <Suspense fallback={fullPageSpin}><ChangePasswordPage /></Suspense>;
  return <OrgProvider>{children}</OrgProvider>;
}

/** Every console route declares the permission it needs; without it the person sees 无权访问, not the screen. */
const guard = (anyOf: Permission | Permission[], element: ReactNode) => <RequirePermission anyOf={anyOf}>{element}</RequirePermission>;

export const router = createBrowserRouter([
  { path: '/login', element: <Suspense fallback={fullPageSpin}><LoginPage /></Suspense> },
  { path: '/setup', element: <Suspense fallback={fullPageSpin}><SetupPage /></Suspense> },
  { path: '/bigscreen', element: <RequireAuth><Suspense fallback={fullPageSpin}><BigScreenPage /></Suspense></RequireAuth> },
  // Print sheets stand alone: no menu on screen or paper.
  { path: '/print/*', element: <RequireAuth><Suspense fallback={fullPageSpin}>{guard('case:read', <PrintRoutes />)}</Suspense></RequireAuth> },
  {
    path: '/',
    element: <RequireAuth><AppLayout /></RequireAuth>,
    children: [
      { index: true, element: <WorkbenchPage /> },
      { path: 'cases', element: guard('case:read', <CaseListPage />) },
      { path: 'cases/:id', element: guard('case:read', <CasePage />) },
      { path: 'search', element: guard('case:read', <SearchPage />) },
      { path: 'knowledge', element: guard('knowledge:read', <KnowledgePage />) },
      { path: 'knowledge/:id', element: guard('knowledge:read', <KnowledgePage />) },
      { path: 'admin/calendar', element: guard('calendar:manage', <CalendarAdminPage />) },
      { path: 'admin/policies', element: guard('policies:manage', <PolicyAdminPage />) },
      { path: 'admin/catalogue', element: guard('catalogue:manage', <CataloguePage />) },
      { path: 'indicators', element: guard('indicator:read', <IndicatorsPage />) },
      { path: 'indicators/leading', element: guard('indicator:dashboard', <LeadingGroupPage />) },
      { path: 'indicators/:id', element: guard('indicator:read', <IndicatorDetailPage />) },
      { path: 'stories', element: guard('indicator:read', <StoriesPage />) },
      { path: 'admin/webhooks', element: guard('webhook:manage', <WebhooksPage />) },
      { path: 'admin/settings', element: guard('settings:manage', <SettingsPage />) },
      { path: 'admin/audit', element: guard('admin-audit:read', <AdminAuditPage />) },
      { path: 'admin/org', element: guard('org:manage', <OrgPage />) },
      { path: 'admin/users', element: guard('users:manage', <AccountsPage />) },
      { path: 'admin/password-policy', element: guard('users:manage', <PasswordPolicyPage />) },
      { path: 'account', element: <MyAccountPage /> },
      { path: 'supervision', element: guard('supervision:centre', <SupervisionCentrePage />) },
      { path: 'supervision/departments/:id', element: guard('supervision:read', <DepartmentSupervisionPage />) },
      { path: 'supervision/mine', element: guard('supervision:answer', <DepartmentSupervisionPage />) },
      { path: 'items', element: guard('supervision:centre', <ItemsListPage />) },
      { path: 'items/mine', element: guard('item:report', <ItemsListPage scope="mine" />) },
      { path: 'items/dashboard', element: guard('item:read', <ItemsDashboardPage />) },
      { path: 'items/new', element: guard('item:manage', <ItemFormPage />) },
      { path: 'items/:id/edit', element: guard('item:manage', <ItemEditPage />) },
      { path: 'items/:id', element: guard('item:read', <ItemPage />) },
      { path: 'hotspots', element: guard('hotspot:read', <HotspotsPage />) },
      { path: 'hotspots/:id', element: guard('hotspot:read', <HotspotPage />) },
      { path: 'inbox', element: guard('notification:read', <InboxPage />) },
      { path: 'assessment/*', element: guard('assessment:read', <AssessmentRoutes />) },
      { path: 'dashboard/*', element: guard('dashboard:read', <DashboardRoutes />) },
      { path: 'publication/*', element: guard('publication:review', <PublicationRoutes />) },
      { path: 'import/*', element: guard('import:run', <ImportRoutes />) },
      { path: 'routing/*', element: guard('routing:manage', <RoutingRoutes />) },
      { path: 'admin/open311/*', element: guard('open311:keys', <Open311Routes />) },
      { path: 'suggestions/*', element: guard('suggestion:read', <SuggestionRoutes />) },
      { path: 'major-reports/*', element: guard(['major-report:file', 'major-report:read-all', 'major-report:types'], <MajorReportRoutes />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
