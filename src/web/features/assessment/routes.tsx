import { Menu } from 'antd';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import AppealsPage from './appeals-page.js';
import DepartmentPage from './department-page.js';
import DrillPage from './drill-page.js';
import PeriodsPage from './periods-page.js';
import SchemePage from './scheme-page.js';
import ScorecardPage from './scorecard-page.js';
import { useCan } from '../../shared/can.js';

/** Pages of the assessment area, mounted at /assessment/*. */
export default function AssessmentRoutes() {
  const can = useCan();
  const location = useLocation();
  const current = location.pathname.startsWith('/assessment/appeals') ? 'appeals' : location.pathname.startsWith('/assessment/scheme') ? 'scheme' : 'periods';
  return (
    <div data-testid="assessment-area">
      <Menu mode="horizontal" selectedKeys={[current]} style={{ marginBottom: 16 }} items={[
        { key: 'periods', label: <Link to="/assessment">考核结果</Link> },
        { key: 'appeals', label: <Link to="/assessment/appeals">申诉（不纳入考核）</Link> },
        ...(can('assessment:scheme') || can('supervision:centre') ? [{ key: 'scheme', label: <Link to="/assessment/scheme">考核方案</Link> }] : []),
      ]} />
      <Routes>
        <Route index element={<PeriodsPage />} />
        <Route path="periods/:key" element={<ScorecardPage />} />
        <Route path="periods/:key/departments/:id" element={<DepartmentPage />} />
        <Route path="drill" element={<DrillPage />} />
        <Route path="appeals" element={<AppealsPage />} />
        <Route path="scheme" element={<SchemePage />} />
        <Route path="*" element={<PeriodsPage />} />
      </Routes>
    </div>
  );
}
