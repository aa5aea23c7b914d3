import { Result } from 'antd';
import { Route, Routes } from 'react-router-dom';

/** Pages of the publication area, mounted at /publication/*. */
export default function PublicationRoutes() {
  return (
    <Routes>
      <Route path="*" element={<Result status="info" title="公开审核" subTitle="建设中" />} />
    </Routes>
  );
}
