import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { publicRouter } from './router.js';
import './public.css';

// The public site (src/web/site) (portal, tracking, board, statistics) for phones: its own small bundle, no console code, no antd.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={publicRouter} />
  </StrictMode>,
);
