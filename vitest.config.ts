import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests run once; integration tests (*.int.test.ts) run on both engines: in-process PGlite and the PostgreSQL server,
// except two deployment tests: nginx in front of two processes needs PostgreSQL; the packed install runs on PGlite.
// The global setup migrates and seeds one template per engine per run; each integration file starts from a copy.
// Two workers on a two-core machine (Vitest's default is cores − 1, which is one file at a time here): an integration
// file spends much of its time waiting on PostgreSQL or a child process, so a second file fills the gap.
const globalSetup = ['test/kit/global-setup.ts'];
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['**/*.int.test.ts', 'node_modules/**'] } },
      { test: { name: 'pglite', include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'], exclude: [...configDefaults.exclude, 'test/deploy/nginx.int.test.ts'], env: { YIWANG_TEST_ENGINE: 'pglite' }, globalSetup, isolate: false, testTimeout: 60_000, hookTimeout: 60_000 } },
      { test: { name: 'postgres', include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'], exclude: [...configDefaults.exclude, 'test/deploy/package.int.test.ts'], env: { YIWANG_TEST_ENGINE: 'postgres' }, globalSetup, isolate: false, testTimeout: 60_000, hookTimeout: 60_000 } },
      // Browser journeys against the built client (run `npm run build:web` first), after the rest (group 1), so the
      // CPU is theirs. Each journey has its own server on a random port, its own in-memory database and its own Chromium.
      { test: { name: 'e2e', include: ['e2e/**/*.e2e.test.ts'], globalSetup, testTimeout: 180_000, hookTimeout: 180_000, sequence: { groupOrder: 1 } } },
    ],
  },
});
