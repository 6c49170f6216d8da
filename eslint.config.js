import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './eslint-rules/layers.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.serviceworker, chrome: 'readonly' },
    },
    rules: {
      // Untrusted text (incident titles, page data) is rendered as text only.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render untrusted text with textContent or JSX.' },
        { property: 'outerHTML', message: 'Render untrusted text with textContent or JSX.' },
        { property: 'insertAdjacentHTML', message: 'Render untrusted text with textContent or JSX.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render untrusted text as text.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Dependencies point down the layers of src/ (docs/ARCHITECTURE.md).
    files: ['src/**'],
    plugins: { upstream: { rules: { layers } } },
    rules: { 'upstream/layers': 'error' },
  },
  {
    files: ['scripts/**', 'test/**', 'bench/**', '*.config.*', 'eslint-rules/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests index fixtures they wrote themselves; a wrong index fails the test anyway.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
