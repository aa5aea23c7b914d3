// The area's public entry: other areas import only from here (docs/architecture.md, "Layers"). Nothing is shared yet:
// the search is asked over HTTP only.
export {};
