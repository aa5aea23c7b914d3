// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export { similarRoutes } from './routes.js';
export { zPublicSimilarRequest } from './schemas.js';
export { warmUp } from './text-similarity.js';
