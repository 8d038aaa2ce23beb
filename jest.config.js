/**
 * Three projects: fast unit tests, workflow tests that run a real n8n against the simulators, and the
 * editor test that drives n8n's editor in Chromium.
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];
module.exports = {
	testTimeout: 600000,
	projects: [
		{
			displayName: 'unit',
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
			transform: { '^.+\\.ts$': tsJest },
			testEnvironment: 'node',
		},
		{
			displayName: 'editor',
			testMatch: ['<rootDir>/test/editor/**/*.test.ts'],
			globalSetup: '<rootDir>/test/workflows/global-setup.ts',
			transform: { '^.+\\.ts$': tsJest },
			testEnvironment: 'node',
		},
		{
			displayName: 'workflows',
			testMatch: ['<rootDir>/test/workflows/**/*.test.ts'],
			globalSetup: '<rootDir>/test/workflows/global-setup.ts',
			transform: { '^.+\\.ts$': tsJest },
			testEnvironment: 'node',
		},
	],
};
