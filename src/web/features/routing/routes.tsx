import { Result } from 'antd';
import { Route, Routes } from 'react-router-dom';

/** Pages of the routing area, mounted at /routing/*. */
export default function RoutingRoutes() {
  return (
    <Routes>
      <Route path="*" element={<Result status="info" title="分派规则" subTitle="建设中" />} />
    </Routes>
  );
}
