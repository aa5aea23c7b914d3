export * from './light.js';
export * from './period.js';
export * from './rates.js';
export * from './story.js';
