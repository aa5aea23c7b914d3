import { Result } from 'antd';
import { Route, Routes } from 'react-router-dom';

/** Pages of the dashboard area, mounted at /dashboard/*. */
export default function DashboardRoutes() {
  return (
    <Routes>
      <Route path="*" element={<Result status="info" title="数据看板" subTitle="建设中" />} />
    </Routes>
  );
}
