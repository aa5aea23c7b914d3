export * from './types.js';
export * from './light.js';
export * from './schedule.js';
export * from './plan.js';
export * from './access.js';
