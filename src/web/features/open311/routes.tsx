import { Result } from 'antd';
import { Route, Routes } from 'react-router-dom';

/** Pages of the open311 area, mounted at /admin/open311/*. */
export default function Open311Routes() {
  return (
    <Routes>
      <Route path="*" element={<Result status="info" title="Open311 接口" subTitle="建设中" />} />
    </Routes>
  );
}
