import { Route, Routes } from 'react-router-dom';
import DepartmentDashboardPage from './department-page.js';
import OverviewPage from './overview-page.js';
import SlicePage from './slice-page.js';

/** Pages of the dashboard area, mounted at /dashboard/*. */
export default function DashboardRoutes() {
  return (
    <Routes>
      <Route index element={<OverviewPage />} />
      <Route path="department" element={<DepartmentDashboardPage />} />
      <Route path="department/:id" element={<DepartmentDashboardPage />} />
      <Route path="cases" element={<SlicePage />} />
      <Route path="*" element={<OverviewPage />} />
    </Routes>
  );
}
