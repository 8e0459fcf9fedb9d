import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'libs/database/src/generated/**', 'libs/client/src/generated/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: [
      '**/*.module.ts',
      '**/*.controller.ts',
      '**/*.service.ts',
      '**/*.guard.ts',
      '**/*.dto.ts',
      '**/*.filter.ts',
      '**/*.job.ts',
      '**/*.repository.ts',
      'libs/**/*.ts',
      'apps/**/*.ts',
    ],
    rules: {
      // Nest reads constructor parameter types at run time (emitDecoratorMetadata):
      // an injected class must be a value import, not `import type`.
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
);
