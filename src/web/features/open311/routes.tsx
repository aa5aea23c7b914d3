import { Route, Routes } from 'react-router-dom';
import { Open311KeysPage } from './keys-page.js';

/** Pages of the open311 area, mounted at /admin/open311/*. */
export default function Open311Routes() {
  return (
    <Routes>
      <Route path="*" element={<Open311KeysPage />} />
    </Routes>
  );
}
