import { Route, Routes } from 'react-router-dom';
import { RequirePermission } from '../../app/require-permission.js';
import NotFoundPage from '../cases/not-found-page.js';
import { CaseSheetPage, DispatchSheetPage } from './case-sheet.js';
import { OrderSheetPage } from './order-sheet.js';

/** Print sheets, mounted at /print/* outside the console's frame (no menu): 办理单, 交办单, 督办单. */
export default function PrintRoutes() {
  return (
    <Routes>
      <Route path="cases/:id" element={<CaseSheetPage />} />
      <Route path="cases/:id/dispatch" element={<DispatchSheetPage />} />
      <Route path="orders/:id" element={<RequirePermission anyOf="supervision:read"><OrderSheetPage /></RequirePermission>} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
