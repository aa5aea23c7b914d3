// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export { noticeUnits, type UnitNotice } from './unit-notices.js';
