// The area's public entry: other areas import only from here (docs/architecture.md, "Layers"). The knowledge base
// cuts its queries the way the staff search does.
export { wordQueries } from './search-terms.js';
