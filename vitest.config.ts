import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests run once; integration tests (*.int.test.ts) run on both engines: in-process PGlite and the PostgreSQL server,
// except two deployment tests: nginx in front of two processes needs PostgreSQL; the packed install runs on PGlite.
// The global setup migrates and seeds one template per engine per run; each integration file starts from a copy.
// Two workers on a two-core machine (Vitest's default is cores − 1, which is one file at a time here): an integration
// file spends much of its time waiting on PostgreSQL or a child process, so a second file fills the gap.
const globalSetup = ['test/kit/global-setup.ts'];
// Cheap Argon2 parameters for the seeded accounts and every password a test sets (src/server/modules/auth/passwords.ts
// honours this only under the test runner). Set here, in the runner's own process, so the global setup's template, the
// test workers and the CLI processes tests start all see it.
process.env.YIWANG_TEST_PASSWORD_COST ??= 'low';
// Integration files whose behaviour cannot depend on the engine run on PGlite only: what they check is decided before
// or beside the database (response headers, the routes' zod schemas, URLs from the environment, webhook addresses,
// hostile import files refused by the reader's worker before a run row exists). Their SQL is the same SQL every other
// file runs on both engines. A file that stores or reads data in an engine-sensitive way stays on both.
const engineFree = [
  'test/security/headers.int.test.ts',
  'test/security/contract-text.int.test.ts',
  'test/security/public-url.int.test.ts',
  'test/security/webhook-target.int.test.ts',
  'test/import/hostile.int.test.ts',
];
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['**/*.int.test.ts', 'node_modules/**'] } },
      { test: { name: 'pglite', include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'], exclude: [...configDefaults.exclude, 'test/deploy/nginx.int.test.ts'], env: { YIWANG_TEST_ENGINE: 'pglite' }, globalSetup, isolate: false, testTimeout: 60_000, hookTimeout: 60_000 } },
      { test: { name: 'postgres', include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'], exclude: [...configDefaults.exclude, 'test/deploy/package.int.test.ts', ...engineFree], env: { YIWANG_TEST_ENGINE: 'postgres' }, globalSetup, isolate: false, testTimeout: 60_000, hookTimeout: 60_000 } },
      // Browser journeys against the built client (run `npm run build:web` first), after the rest (group 1), so the
      // CPU is theirs. Each journey has its own server on a random port, its own in-memory database and its own Chromium.
      { test: { name: 'e2e', include: ['e2e/**/*.e2e.test.ts'], globalSetup, testTimeout: 180_000, hookTimeout: 180_000, sequence: { groupOrder: 1 } } },
    ],
  },
});
