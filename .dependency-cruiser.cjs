// Layering rules (docs/architecture.md, "Layers"). `npm run lint` runs them; a violation fails `npm test`.
const area = '^src/server/modules/([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module may reach itself again through its imports: move the shared piece to where it belongs.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-areas',
      severity: 'error',
      comment: 'Areas depend on each other in one direction only (cases → routing, never back): no circle of areas, even through different files.',
      scope: 'folder',
      from: { path: '^src/server/modules/' },
      to: { path: '^src/server/modules/', circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain is pure rules: it imports only the domain and a few pure packages (no I/O, no framework).',
      from: { path: '^src/domain/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: [
          '^src/domain/',
          '^node_modules/(zod|@node-rs/jieba)/',
          '^crypto$', // node:crypto, for hashing only
        ],
      },
    },
    {
      name: 'contracts-only-domain',
      severity: 'error',
      comment: 'Wire contracts are zod schemas over the domain: they import only contracts, the domain and zod.',
      from: { path: '^src/contracts/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^src/(contracts|domain)/', '^node_modules/zod/'] },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      comment: 'The web console talks to the server over HTTP only: it imports web, contracts and domain.',
      from: { path: '^src/web/' },
      to: { path: '^src/', pathNot: '^src/(web|contracts|domain)/' },
    },
    {
      name: 'kernel-below-areas',
      severity: 'error',
      comment: 'The kernel holds what every area shares (and import-file what two areas share); neither imports an area.',
      from: { path: '^src/server/(kernel|import-file)/' },
      to: { path: '^src/server/modules/' },
    },
    {
      name: 'area-through-public-entry',
      severity: 'error',
      comment: "An area reaches another area only through that area's public entry, src/server/modules/<area>/index.ts.",
      from: { path: area },
      to: { path: '^src/server/modules/', pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
