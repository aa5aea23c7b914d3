export * from './status.js';
export * from './types.js';
export * from './decide.js';
export { transitions } from './transitions.js';
export { assignmentOf, awaitedOpinions, leadAssignment, liveCoAssignments } from './guards.js';
export { evolve } from './evolve.js';
