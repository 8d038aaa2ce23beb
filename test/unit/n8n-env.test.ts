import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { n8nEnvironment } from '../workflows/harness';

describe("n8n's environment for the tests and the demo (scripts/n8n.env)", () => {
	it('holds the shared settings and nothing that belongs to one instance', () => {
		const env = n8nEnvironment();
		expect(env).toMatchObject({ N8N_DIAGNOSTICS_ENABLED: 'false', N8N_DISABLED_MODULES: 'mcp-registry', GENERIC_TIMEZONE: 'Asia/Shanghai' });
		for (const own of ['N8N_USER_FOLDER', 'N8N_ENCRYPTION_KEY', 'N8N_PORT', 'N8N_RUNNERS_BROKER_PORT']) expect(env[own]).toBeUndefined();
	});

	it('on n8n 1.x: no mcp-registry module to disable (1.x refuses unknown ones), and the legacy expression engine', () => {
		const env = n8nEnvironment('1.123.81');
		expect(env.N8N_DISABLED_MODULES).toBeUndefined();
		expect(env).toMatchObject({ N8N_EXPRESSION_ENGINE: 'legacy', N8N_DIAGNOSTICS_ENABLED: 'false', GENERIC_TIMEZONE: 'Asia/Shanghai' });
		expect(n8nEnvironment('2.41.1').N8N_EXPRESSION_ENGINE).toBeUndefined();
	});

	it('the demo exports the same variables, keeping one already set in its environment', () => {
		// The demo's own lines that read the file, run alone.
		const script = `eval "$(sed -n '/^while IFS=/,/^done/p' scripts/demo.sh)"; env`;
		const printed = execFileSync('bash', ['-c', script], {
			cwd: join(__dirname, '..', '..'),
			encoding: 'utf8',
			env: { PATH: process.env.PATH, GENERIC_TIMEZONE: 'UTC' },
		});
		const demo = Object.fromEntries(printed.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
		expect(demo).toMatchObject({ ...n8nEnvironment(), GENERIC_TIMEZONE: 'UTC' });
	});
});
