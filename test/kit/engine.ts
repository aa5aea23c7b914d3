export type TestEngine = 'pglite' | 'postgres';
export const testEngine: TestEngine = process.env.YIWANG_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
export const testServerUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
