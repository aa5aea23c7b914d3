// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export { queryLexemes } from './search-text.js';
