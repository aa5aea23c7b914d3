import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

// The web client lives in src/web and is built into dist/web, which the server serves at `/`.
// In development `npm run dev:web` proxies /api to a server started with `yiwang serve --port 3100`.
export default defineConfig({
  root: path.join(here, 'src/web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Two pages: the staff console (index.html) and the small public site for phones (portal.html, served at /p/*).
    rollupOptions: { input: { main: path.join(here, 'src/web/index.html'), portal: path.join(here, 'src/web/portal.html') } },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.YIWANG_API ?? 'http://127.0.0.1:3100', changeOrigin: false } },
  },
});
