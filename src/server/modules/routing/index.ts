// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export { decisionRow, dispatchFor, insertDecision, routeNewSubject, systemActor, type DispatchCommand } from './route-new-case.js';
export { suggestDepartments } from './suggest.js';
