// Lint rules that state the architecture: which folder may import what, and house style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeModules = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'coverage/**', 'test/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'max-len': ['error', { code: 100, ignoreUrls: true, ignoreRegExpLiterals: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-control-regex': 'off', // we match control characters on purpose, to neutralise them
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeModules, message: 'shared/ runs in the renderer too: no Node modules.' },
          { group: ['electron', 'react', 'react-dom'], message: 'shared/ holds contracts only.' },
          { group: ['**/main/**', '**/renderer/**'], message: 'shared/ imports only shared/.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**'], message: 'The renderer reaches main only through the bridge.' },
          { group: [...nodeModules, 'electron'], message: 'The renderer has no Node access.' },
        ],
      }],
    },
  },
  {
    files: ['main/**'],
    ignores: ['main/shell/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron'], message: 'Only main/shell/ knows Electron exists.' },
          { group: ['**/renderer/**'], message: 'main/ never imports the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['test/**'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'describe', property: 'only', message: 'No focused tests.' },
        { object: 'it', property: 'only', message: 'No focused tests.' },
        { object: 'test', property: 'only', message: 'No focused tests.' },
      ],
    },
  },
);
