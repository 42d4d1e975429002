import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** `src/core` is the editor-independent heart shared with the CLI: it must never import `vscode`. */
export const coreMustNotImportVscode = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'vscode', message: 'src/core must stay editor-independent; adapt it in src/vscode instead.' }],
    },
  ],
};

/**
 * Store implementations: the vault, the AWS store, the loopback server, the memory and engine stores. Only the
 * composition roots and src/core construct them; the fronts get stores from src/core/usecases/stores.ts or
 * from their composition root. Type-only imports are fine (they construct nothing).
 */
const storeImplementations = [
  '**/core/vault/index*',
  '**/core/vault/vault-store*',
  '**/core/aws/index*',
  '**/core/aws/store*',
  '**/core/server/*',
  '**/core/store/memory-store*',
  '**/core/store/engine-store*',
];
const storeMessage =
  'Fronts do not construct stores: use src/core/usecases/stores.ts, or receive the store from the composition root.';

/** Layering, fronts → use cases → core: a front (src/vscode, src/cli) imports no store implementation. */
export const frontsMustNotImportStores = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { patterns: [{ group: storeImplementations, allowTypeImports: true, message: storeMessage }] },
  ],
  // import('…') expressions, which no-restricted-imports does not see (lazy loading is still construction).
  'no-restricted-syntax': [
    'error',
    {
      selector:
        'ImportExpression[source.value=/core\\/(vault|aws|server)(\\/(index|vault-store|store|server)(\\.js)?)?$/]',
      message: storeMessage,
    },
  ],
};

/** Layering: core below the use cases never imports them (only src/core/usecases and the fronts do). */
export const coreMustNotImportUseCases = {
  'no-restricted-imports': [
    'error',
    {
      paths: coreMustNotImportVscode['no-restricted-imports'][1].paths,
      patterns: [
        { group: ['**/usecases', '**/usecases/*'], message: 'src/core must not depend on the use cases above it.' },
      ],
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'reports/**',
      '.stryker-tmp/**',
      '.vscode-test/**',
      'test/fixtures/**',
      'media/**',
      '*.vsix',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
  },
  {
    // Type-aware checks where promises and unions matter most: the shipped code.
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A `default:` must not hide a union member added later: list every case.
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: coreMustNotImportVscode,
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/usecases/**'],
    rules: coreMustNotImportUseCases,
  },
  {
    // the composition roots (src/extension.ts, src/cli/main.ts) are outside these globs or exempt
    files: ['src/vscode/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['src/cli/main.ts'],
    rules: frontsMustNotImportStores,
  },
);
