// ESLint's recommended rules for the editor (browser code), its tests (run in
// jsdom) and the build scripts (Node); `npm run lint`, part of `make lint`.
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['src/**/*.js', 'test/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['*.js', '*.mjs'],
    languageOptions: { globals: globals.node },
  },
];
