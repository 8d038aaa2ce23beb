import type { IDataObject } from 'n8n-workflow';
import type { SimServer } from '../sim/base';
import { demoPlatforms } from '../sim/demo';
import type { DemoCredential } from '../sim/demo-types';
import { N8nHarness } from './harness';

/**
 * The package in a running n8n server, as a user meets it in the editor: the nodes are listed,
 * and each credential's "Test" button really exchanges (or signs) against the platform.
 */
describe('n8n server with the package installed', () => {
	const sims: SimServer[] = [];
	const credentials: DemoCredential[] = [];
	let n8n: N8nHarness;
	let server: { url: string; stop: () => Promise<void> };
	let cookie = '';

	const api = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(`${server.url}${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie, 'browser-id': 'cn-messaging-tests' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : {}) as IDataObject };
	};

	beforeAll(async () => {
		for (const platform of await demoPlatforms()) {
			const sim = platform.create();
			sims.push(sim);
			credentials.push(...platform.credentials(await sim.start()));
		}
		n8n = await N8nHarness.create('server');
		server = await n8n.startServer();
		const owner = await api('POST', '/rest/owner/setup', {
			email: 'owner@example.com',
			firstName: 'Test',
			lastName: 'Owner',
			password: 'Passw0rd-for-tests',
		});
		expect(owner.status).toBe(200);
		cookie = (owner.headers.get('set-cookie') ?? '').split(';')[0];
	});

	afterAll(async () => {
		await server?.stop();
		n8n?.dispose();
		await Promise.all(sims.map((s) => s.stop()));
	});

	it('lists every node and credential of the package, each node also as an AI tool', async () => {
		const pkg = (await import('../../package.json')) as { n8n: { nodes: string[]; credentials: string[] } };
		const types = await fetch(`${server.url}/types/nodes.json`, { headers: { cookie } });
		const nodes = (await types.json()) as Array<{ name: string }>;
		const names = new Set(nodes.map((n) => n.name));
		for (const file of pkg.n8n.nodes) {
			const base = file.split('/').pop()!.replace('.node.js', '');
			const name = `n8n-nodes-cn-messaging.${base[0].toLowerCase()}${base.slice(1)}`;
			expect({ name, listed: names.has(name) }).toEqual({ name, listed: true });
			if (!base.endsWith('Trigger')) expect({ tool: `${name}Tool`, listed: names.has(`${name}Tool`) }).toEqual({ tool: `${name}Tool`, listed: true });
		}
		const creds = await fetch(`${server.url}/types/credentials.json`, { headers: { cookie } });
		const credNames = new Set(((await creds.json()) as Array<{ name: string }>).map((c) => c.name));
		for (const c of credentials) expect({ type: c.type, listed: credNames.has(c.type) }).toEqual({ type: c.type, listed: true });
	});

	it('each demo credential passes its credential test against the simulator, and a wrong secret fails it', async () => {
		for (const c of credentials) {
			const ok = await api('POST', '/rest/credentials/test', { credentials: { name: c.name, type: c.type, data: c.data } });
			expect({ type: c.type, result: ok.json.data }).toMatchObject({ type: c.type, result: { status: 'OK' } });
		}
		const secretFields = ['appPassword', 'clientSecret', 'appSecret', 'accessToken', 'appId'];
		for (const c of credentials) {
			const field = secretFields.find((f) => typeof c.data[f] === 'string' && c.data[f] !== '');
			if (!field) continue;
			const bad = await api('POST', '/rest/credentials/test', {
				credentials: { name: c.name, type: c.type, data: { ...c.data, [field]: `${String(c.data[field])}-wrong` } },
			});
			expect({ type: c.type, field, result: bad.json.data }).toMatchObject({ type: c.type, field, result: { status: 'Error' } });
			expect(JSON.stringify(bad.json)).not.toContain(`${String(c.data[field])}-wrong`);
		}
	});
});
