export * from './detect.js';
export * from './trend.js';
