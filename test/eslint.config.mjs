// Tests, simulators and the workflow harness run only in development and CI: they start servers
// and n8n processes, which the community-node rules (for shipped code) rightly forbid. They get
// TypeScript's recommended rules instead; the root eslint.config.mjs stays n8n's default.
// (`npm run lint` turns on ESLint's per-folder config lookup so that this file applies here.)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// typescript-eslint as @n8n/node-cli ships it, so that both configs use the same version.
const fromCli = createRequire(require.resolve('@n8n/node-cli/eslint'));
const tseslint = fromCli('typescript-eslint');

export default tseslint.config(...tseslint.configs.recommended, {
	rules: {
		'@typescript-eslint/no-explicit-any': 'off',
		'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
	},
});
