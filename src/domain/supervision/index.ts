export * from './types.js';
export * from './guards.js';
export * from './decide-order.js';
export * from './case-level.js';
export * from './deadline.js';
export * from './names.js';
