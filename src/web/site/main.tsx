import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { makeQueryClient } from '../api/query.js';
import { publicRouter } from './router.js';
import './public.css';

const queryClient = makeQueryClient();

// The public site (src/web/site) (portal, tracking, board, statistics) for phones: its own small bundle, no console code, no antd.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={publicRouter} />
    </QueryClientProvider>
  </StrictMode>,
);
