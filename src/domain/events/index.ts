export * from './catalogue.js';
export { caseChannels } from './intake.js';
export { zDispatchRouting } from './handling.js';
export * from './suggestions.js';
