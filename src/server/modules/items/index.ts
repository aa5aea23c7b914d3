// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export { createItem, planCalendar, type CreateItemContext } from './create-item.js';
export { closeItem, reportProgress, reviewReport } from './commands.js';
export { editItem } from './edit-item.js';
export { answerItemOrderCmd, closeItemOrderCmd, issueItemOrder } from './orders.js';
export { getItem, findItems, itemsByOrigin } from './queries.js';
export { workingTimeOfDeps } from './calendar.js';
export { itemRoutes } from './routes.js';
export { sweepItemLights, type ItemSweepCounts } from './light-sweep.js';
export { verifyItemChains } from './verify.js';
export { itemLedgerRoutes } from './ledger-routes.js';
export { moveUnitItems, type ItemMove } from './move-unit.js';
