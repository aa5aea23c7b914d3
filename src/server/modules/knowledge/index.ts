// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export { knowledgeRoutes } from './routes.js';
export { sweepKnowledge, knowledgeFlagNotice } from './sweep.js';
