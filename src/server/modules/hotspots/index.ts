// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export { detect, runDailyHotspots, type DetectionResult } from './detect.js';
export { hotspotRoutes } from './routes.js';
export { hotspotOrigin } from './take-up.js';
