import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests run once; integration tests (*.int.test.ts) run on both engines: in-process PGlite and the PostgreSQL server,
// except two deployment tests: nginx in front of two processes needs PostgreSQL; the packed install runs on PGlite.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['**/*.int.test.ts', 'node_modules/**'] } },
      { test: { name: 'pglite', include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'], exclude: [...configDefaults.exclude, 'test/deploy/nginx.int.test.ts'], env: { YIWANG_TEST_ENGINE: 'pglite' }, testTimeout: 60_000, hookTimeout: 60_000 } },
      { test: { name: 'postgres', include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'], exclude: [...configDefaults.exclude, 'test/deploy/package.int.test.ts'], env: { YIWANG_TEST_ENGINE: 'postgres' }, testTimeout: 60_000, hookTimeout: 60_000 } },
      // Browser journeys against the built client (run `npm run build:web` first); one file at a time, one Chromium.
      { test: { name: 'e2e', include: ['e2e/**/*.e2e.test.ts'], testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
