// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
// The catalogue (问题类别): groups and leaves, default units, accepted case types, tags, active/inactive with history.
export { catalogueRoutes } from './routes.js';
