// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export { hashPassword } from './passwords.js';
export { insertFirstAdmin } from './first-admin.js';
