// Entry of the import reader's worker (see reader-worker.ts). Like the router's training worker, a worker thread has
// no TypeScript loader of its own (bin/yiwang.js registers tsx in the main thread only, vitest uses its own
// transform): this registers tsx, scoped to this import, and loads the worker's code.
import { tsImport } from 'tsx/esm/api';

await tsImport('./reader-worker.ts', import.meta.url);
