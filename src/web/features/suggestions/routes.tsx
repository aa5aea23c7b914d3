import { Route, Routes } from 'react-router-dom';
import { RequirePermission } from '../../app/require-permission.js';
import { SuggestionDetailPage } from './detail-page.js';
import { SuggestionListPage } from './list-page.js';
import { RegisterPage } from './register-page.js';
import { SummaryPage } from './summary-page.js';

/** 建议提案, mounted at /suggestions/*: the list, 我的建议 (deputies), registration, a suggestion, the yearly summary. */
export default function SuggestionRoutes() {
  return (
    <Routes>
      <Route index element={<SuggestionListPage />} />
      <Route path="mine" element={<SuggestionListPage mine />} />
      <Route path="new" element={<RequirePermission anyOf="suggestion:manage"><RegisterPage /></RequirePermission>} />
      <Route path="summary" element={<RequirePermission anyOf={['suggestion:read-all', 'suggestion:handle']}><SummaryPage /></RequirePermission>} />
      <Route path=":id" element={<SuggestionDetailPage />} />
    </Routes>
  );
}
