import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      // Generated classic script for Apps Script: top-level globals that only Sheets calls.
      'apps-script/src/globals.js',
      'apps-script/src/entry-globals.js', // hand-written classic script of top-level entry points
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is pure: no Node built-ins, no host SDKs, no UI. Hosts import it, never the reverse.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net'],
              message: 'shared/ is the pure core: no Node built-ins.',
            },
            {
              group: [
                'exceljs',
                'papaparse',
                'iconv-lite',
                'react',
                'react-dom',
                '@fluentui/*',
                '@microsoft/*',
              ],
              message: 'shared/ is the pure core: no host or file libraries.',
            },
            {
              group: [
                '../cli/*',
                '../../cli/*',
                '../addin/*',
                '../../addin/*',
                '../apps-script/*',
                '../../apps-script/*',
              ],
              message: 'shared/ must not import host code.',
            },
          ],
        },
      ],
    },
  },
  {
    // The task pane (React, the DOM): its entry and the preview host run in a browser.
    files: ['ui/**/*.{ts,tsx}', 'addin/taskpane/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { ecmaFeatures: { jsx: true } },
      // (no-undef is off for TypeScript, which checks names itself; these are for the record.)
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'navigator',
          'location',
          'URL',
          'Blob',
          'HTMLElement',
          'console',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    // The app talks to its Host only: no Office, google.script or window globals in its components
    // (the entries in addin/taskpane/ and the preview host in ui/preview/ are the page's edge).
    files: ['ui/app/**/*.{ts,tsx}', 'ui/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['Office', 'Excel', 'google', 'window', 'document', 'location', 'navigator'].map(
          (name) => ({
            name,
            message: 'The task pane app reaches the world through its Host only.',
          }),
        ),
      ],
    },
  },
  {
    files: ['**/*.cjs', '**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
