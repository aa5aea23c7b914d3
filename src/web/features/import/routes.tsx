import { Result } from 'antd';
import { Route, Routes } from 'react-router-dom';

/** Pages of the import area, mounted at /import/*. */
export default function ImportRoutes() {
  return (
    <Routes>
      <Route path="*" element={<Result status="info" title="批量导入" subTitle="建设中" />} />
    </Routes>
  );
}
