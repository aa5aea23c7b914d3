// Entry of the router's training worker (see train-worker.ts). The server's TypeScript runs through tsx, which
// bin/yiwang.js registers in the main thread only and vitest replaces with its own transform, so a worker thread has
// no TypeScript loader of its own: this registers tsx (scoped to this import) and loads the worker's code.
import { tsImport } from 'tsx/esm/api';

await tsImport('./train-worker.ts', import.meta.url);
