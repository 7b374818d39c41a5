/**
 * Lint: the mistakes the type checker lets through. Strict about promises (a floating or
 * misused promise loses an error or a write), as the project's style asks; the rest is the
 * recommended sets of ESLint, typescript-eslint and eslint-plugin-svelte.
 */
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'src/lib/server/db/generated/', 'data/', 'static/', 'coverage/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: {
					// the entry points and scripts outside the app's tsconfig
					allowDefaultProject: ['*.js', 'prisma.config.ts', 'scripts/*.js', 'scripts/*.ts', 'src/service-worker.ts'],
					maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 20
				},
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			// a leading underscore marks what is left out on purpose (`const { a: _a, ...rest } = x`)
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }
			],
			// TypeScript already reports undefined names, with the real types
			'no-undef': 'off',
			// the app is served at the root: plain paths are the resolved ones
			'svelte/no-navigation-without-resolve': 'off',
			// flags local temporaries (a Set to look up ids, URLSearchParams to build a link) that are never state
			'svelte/prefer-svelte-reactivity': 'off',
			// components take the whole view object they are about, not only the fields they show
			'svelte/no-unused-props': 'off'
		}
	}
);
