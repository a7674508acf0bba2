import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'coverage/', 'console/dist/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // zod's `z` export is a namespace object holding every locale: importing it puts ~260 KB of
      // error messages in each Lambda bundle. `import * as z` lets esbuild keep only what is used.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='zod'][importKind!='type'] > :matches(ImportSpecifier[importKind!='type'][imported.name=/^(z|default)$/], ImportDefaultSpecifier)",
          message: "write `import * as z from 'zod'`: the `z` export bundles every locale (see test/infra/bundling.test.ts)",
        },
      ],
    },
  },
);
