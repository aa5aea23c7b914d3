// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
// For assessment (h-ledger): replies on time and the proposers' satisfaction per unit and month, from the events.
export { proposerSatisfaction, replyTimeliness, suggestionsOfUnit, type ReplyTimelinessRow, type SatisfactionRow } from './ledger.js';
export { verifySuggestionChains, type SuggestionChainReport } from './verify.js';
export { noPromiseTracker, type PromiseInput, type PromiseTracker } from './commands.js';
export { suggestionLabel } from './labels.js';
export { reportStats } from './major-reports.js';
export { promiseItems } from './promise-items.js';
