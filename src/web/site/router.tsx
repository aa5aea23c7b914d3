import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, NavLink, Outlet } from 'react-router-dom';
import { usePublicSettings } from '../api/settings.js';
import { NotFoundPage, PublicErrorPage } from './not-found-page.js';

// Pages are split so the submit form loads first; the board and statistics load when opened.
const SubmitPage = lazy(() => import('./portal/submit-page.js'));
const TrackPage = lazy(() => import('./portal/track-page.js'));
const TrackLookupPage = lazy(() => import('./portal/track-lookup-page.js'));
const BoardPage = lazy(() => import('./board/board-page.js'));
const BoardCasePage = lazy(() => import('./board/board-case-page.js'));
const StatsPage = lazy(() => import('./board/stats-page.js'));
const SuggestionsPage = lazy(() => import('./suggestions/suggestions-page.js'));
const SuggestionPage = lazy(() => import('./suggestions/suggestion-page.js'));

function PublicLayout() {
  const city = usePublicSettings();
  return (
    <div className="pub-shell">
      <header className="pub-header">
        <div className="pub-title">{city ? `${city.cityName}优化营商环境` : '\u00a0'}</div>
        <div className="pub-subtitle">问题反映 · 并网公开</div>
      </header>
      <main className="pub-main">
        <Suspense fallback={<div className="pub-loading">加载中…</div>}>
          <Outlet />
        </Suspense>
      </main>
      <nav className="pub-nav" aria-label="主导航">
        <NavLink to="/p/submit">我要反映</NavLink>
        <NavLink to="/p/track">查询进度</NavLink>
        <NavLink to="/p/board">公开栏</NavLink>
        <NavLink to="/p/stats">部门统计</NavLink>
        <NavLink to="/p/suggestions">建议答复</NavLink>
      </nav>
    </div>
  );
}

export const publicRouter = createBrowserRouter([
  {
    path: '/p',
    element: <PublicLayout />,
    errorElement: <PublicErrorPage />,
    children: [
      { index: true, element: <Navigate to="/p/submit" replace /> },
      { path: 'submit', element: <SubmitPage /> },
      { path: 'track', element: <TrackLookupPage /> },
      { path: 'track/:token', element: <TrackPage /> },
      { path: 'board', element: <BoardPage /> },
      { path: 'board/:code', element: <BoardCasePage /> },
      { path: 'stats', element: <StatsPage /> },
      { path: 'suggestions', element: <SuggestionsPage /> },
      { path: 'suggestions/:id', element: <SuggestionPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  // Anything outside /p that reaches this entry (the server sends portal.html for /p only) reads the same.
  { path: '*', element: <NotFoundPage />, errorElement: <PublicErrorPage /> },
]);
