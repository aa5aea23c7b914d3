// A small rule set that catches real bugs, without type information (so it runs in seconds on two cores);
// formatting is left to the code's authors. `npm run lint` runs it with dependency-cruiser.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'tmp/', '.bench-data/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // The compiler already reports undefined names (and knows the DOM and Node globals).
      'no-undef': 'off',
      // Unused names are allowed when they say so (`_id`), e.g. to drop a key from a rest spread.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Chinese documents are typeset with the ideographic space (U+3000) inside their text.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
    },
  },
  {
    // Tests, browser journeys and benchmarks read untyped JSON bodies (`r.body.items[0].id`); `any` there is the honest type.
    files: ['test/**', 'e2e/**', 'bench/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
