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
