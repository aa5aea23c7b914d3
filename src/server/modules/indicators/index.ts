// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
// 营商环境评价指标 (issue 14): the registry per year, figures with evidence and review, problems meet indicators,
// press requests, stories (城市故事). Reads the key-task engine's items later through these queries.
export { indicatorRoutes } from './routes.js';
export { categoriesOf, platformFigures } from './platform.js';
export { listIndicators, indicatorDetail } from './queries.js';
export { indicatorProblems } from './problems.js';
export { leadingDashboard } from './dashboard.js';
export { indicatorReforms } from './reforms.js';
