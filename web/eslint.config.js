// ESLint (flat config): the recommended rules on the page's ES modules, the tile worker and the
// unit tests. `npm run lint`; ./landmap.sh test runs it.
import js from '@eslint/js';

const browser = {
  window: 'readonly', document: 'readonly', location: 'readonly', localStorage: 'readonly', sessionStorage: 'readonly',
  fetch: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', Blob: 'readonly', FormData: 'readonly',
  XMLHttpRequest: 'readonly', Worker: 'readonly', EventTarget: 'readonly', CustomEvent: 'readonly', AbortController: 'readonly', CSS: 'readonly', ResizeObserver: 'readonly', getComputedStyle: 'readonly',
  Intl: 'readonly', performance: 'readonly', queueMicrotask: 'readonly', setTimeout: 'readonly',
  clearTimeout: 'readonly', console: 'readonly', structuredClone: 'readonly',
};
const worker = {
  self: 'readonly', OffscreenCanvas: 'readonly', Path2D: 'readonly', performance: 'readonly', console: 'readonly',
};

export default [
  { ignores: ['node_modules/**'] },
  js.configs.recommended,
  {
    files: ['js/**/*.js', 'test/**/*.js', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: browser },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'smart'],
      'prefer-const': 'error',
      'no-var': 'error',
    },
  },
  { files: ['js/tileWorker.js'], languageOptions: { globals: worker } },
];
