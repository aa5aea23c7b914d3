// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export type { Directory, Names } from './directory.js';
export { insertTopUnit } from './top-unit.js';
