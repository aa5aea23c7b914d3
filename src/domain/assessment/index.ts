export * from './facts.js';
export * from './period.js';
export * from './scheme.js';
export * from './scorecard.js';
export * from './item-facts.js';
export * from './suggestion-facts.js';
export * from './sections.js';
export * from './direct-answer-facts.js';
