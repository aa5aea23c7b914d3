import { Result } from 'antd';
import { Route, Routes } from 'react-router-dom';

/** Pages of the assessment area, mounted at /assessment/*. */
export default function AssessmentRoutes() {
  return (
    <Routes>
      <Route path="*" element={<Result status="info" title="考核评价" subTitle="建设中" />} />
    </Routes>
  );
}
