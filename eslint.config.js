// Lint rules, including the import boundaries of HOUSE-STYLE.md: core/ stays pure, supervisor/
// never reaches into the CLI, and nothing but the adapters talks to the outside world directly.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const sideEffectModules = ['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'dgram', 'tls', 'os', 'process', 'worker_threads', 'cluster'];
const nodeBuiltins = sideEffectModules.flatMap((name) => [name, `node:${name}`]);

export default tseslint.config(
  { ignores: ['dist/**', 'edgectl-quickstart/**', 'node_modules/**', 'templates/**', 'tap-snapshots/**', '.tap/**', 'bin/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.cts'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'src/core is pure: pass data or a port in, do the I/O in src/adapters.' })),
        patterns: [
          { group: ['**/adapters/**', '**/cli/**', '**/supervisor/**'], message: 'src/core imports nothing outside src/core and src/protocol.' },
          { group: ['dockerode', 'execa', 'chalk', 'ora', '@inquirer/*', 'commander'], message: 'src/core stays free of I/O and terminal libraries.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core must not read process state; take it as a parameter.' }],
    },
  },
  {
    files: ['src/supervisor/**/*.ts', 'src/adapters/**/*.ts', 'src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli/**'], message: 'only the CLI imports from src/cli.' }] }],
    },
  },
  {
    // The launcher is CommonJS on purpose (src/cli/launcher.cts); with verbatimModuleSyntax its imports are `import x = require()`.
    files: ['**/*.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
