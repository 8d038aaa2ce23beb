import type { IDataObject } from 'n8n-workflow';
import type { SimServer } from '../sim/base';
import { demoPlatforms } from '../sim/demo';
import type { DemoCredential } from '../sim/demo-types';
import type { EazytecSim } from '../sim/eazytec';
import { EAZYTEC_DEMO, EAZYTEC_OUTBOX_PATH } from '../sim/eazytec';
import type { VanytechSim } from '../sim/vanytech';
import { VANYTECH_DEMO } from '../sim/vanytech';
import { N8nHarness } from './harness';

/**
 * The package in a running n8n server, as a user meets it in the editor: the nodes are listed,
 * and each credential's "Test" button really exchanges (or signs) against the platform.
 */
describe('n8n server with the package installed', () => {
	const sims: SimServer[] = [];
	const simByKey: Record<string, SimServer> = {};
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
			simByKey[platform.key] = sim;
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
		// The editor tests a credential as saved: create it, then test it by id with its data.
		const test = async (c: DemoCredential, data: IDataObject) => {
			const saved = await api('POST', '/rest/credentials', { name: c.name, type: c.type, data });
			const id = String((saved.json.data as IDataObject).id);
			const result = await api('POST', '/rest/credentials/test', { credentials: { id, name: c.name, type: c.type, data } });
			return result.json.data ?? result.json;
		};
		for (const c of credentials) {
			expect({ type: c.type, result: await test(c, c.data) }).toMatchObject({ type: c.type, result: { status: 'OK' } });
		}
		const secretFields = ['appPassword', 'clientSecret', 'appSecret', 'accessToken', 'appId'];
		for (const c of credentials) {
			const field = secretFields.find((f) => typeof c.data[f] === 'string' && c.data[f] !== '');
			if (!field) continue;
			const wrong = `${String(c.data[field])}-wrong`;
			const result = await test(c, { ...c.data, [field]: wrong });
			expect({ type: c.type, field, result }).toMatchObject({ type: c.type, field, result: { status: 'Error' } });
			expect(JSON.stringify(result)).not.toContain(wrong);
		}
	});

	it('the Vanytech reply trigger, once activated, starts an execution with each waiting reply', async () => {
		const sim = simByKey.vanytech as VanytechSim;
		const msgId = sim.record('POST /message/sendMessageApi', {});
		sim.messages.set(msgId, { msgId, isReply: '1', appId: VANYTECH_DEMO.appId } as never);
		sim.replies.push({ content: 'Count me in', time: '2026-11-23 10:00:00', msgId, user: '12345' });
		const c = credentials.find((x) => x.type === 'vanytechMessageCenterApi')!;
		const cred = await api('POST', '/rest/credentials', { name: c.name, type: c.type, data: c.data });
		const credId = String((cred.json.data as IDataObject).id);
		const created = await api('POST', '/rest/workflows', {
			name: 'Replies trigger',
			// n8n 1.x stores a workflow created without it as NULL and refuses it.
			active: false,
			nodes: [
				{
					id: 'trigger',
					name: 'On New Reply',
					type: 'n8n-nodes-cn-messaging.vanytechMessageCenterTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { event: 'newReply', pollTimes: { item: [{ mode: 'everyMinute' }] } },
					credentials: { vanytechMessageCenterApi: { id: credId, name: c.name } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		});
		const wf = created.json.data as IDataObject;
		const activated = await api('POST', `/rest/workflows/${String(wf.id)}/activate`, { versionId: wf.versionId });
		expect({ status: activated.status, body: activated.status === 200 ? 'ok' : activated.json }).toEqual({ status: 200, body: 'ok' });
		let executions: IDataObject[] = [];
		for (let k = 0; k < 60 && executions.length === 0; k++) {
			await new Promise((r) => setTimeout(r, 1000));
			const list = await api('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: wf.id }))}`);
			const data = list.json.data as { results?: IDataObject[] } | IDataObject[];
			executions = (Array.isArray(data) ? data : (data?.results ?? [])).filter((e) => e.status === 'success');
		}
		expect(sim.replies).toHaveLength(0);
		expect(executions.length).toBeGreaterThanOrEqual(1);
		const full = await api('GET', `/rest/executions/${String(executions[0].id)}`);
		expect(JSON.stringify(full.json)).toContain('Count me in');
		await api('POST', `/rest/workflows/${String(wf.id)}/deactivate`, {});
	});

	/** Creates the demo credential of a platform in the server; returns how a node refers to it. */
	const savedCredential = async (type: string) => {
		const c = credentials.find((x) => x.type === type)!;
		const saved = await api('POST', '/rest/credentials', { name: c.name, type: c.type, data: c.data });
		return { [type]: { id: String((saved.json.data as IDataObject).id), name: c.name } };
	};

	/** Every text inside an execution as the REST API returns it (its data is flatted JSON text). */
	const textsOf = (value: unknown, out: string[] = []): string[] => {
		if (typeof value === 'string') {
			out.push(value);
			if (value.startsWith('[')) {
				try {
					textsOf(JSON.parse(value), out);
				} catch {
					// not JSON
				}
			}
		} else if (Array.isArray(value)) value.forEach((v) => textsOf(v, out));
		else if (value && typeof value === 'object') Object.values(value).forEach((v) => textsOf(v, out));
		return out;
	};

	it('the Eazytec category pick-list is answered in a running n8n: the platform\'s dictionary, or the documented four when it cannot be read', async () => {
		const sim = simByKey.eazytec as EazytecSim;
		sim.settings.categories = ['公共公示', '新闻通知', '政策公示', '会议通知', '招商信息'];
		const creds = await savedCredential('eazytecZqtApi');
		const load = async () =>
			api('POST', '/rest/dynamic-node-parameters/options', {
				nodeTypeAndVersion: { name: 'n8n-nodes-cn-messaging.eazytecZqt', version: 1 },
				path: 'category',
				methodName: 'getCategories',
				currentNodeParameters: { resource: 'message', operation: 'send' },
				credentials: creds,
			});
		const live = await load();
		expect(live.status).toBe(200);
		expect(live.json.data).toEqual([
			{ name: 'Public Announcement (公共公示)', value: '公共公示', description: 'From the platform\'s category dictionary' },
			{ name: 'News Notice (新闻通知)', value: '新闻通知', description: 'From the platform\'s category dictionary' },
			{ name: 'Policy Announcement (政策公示)', value: '政策公示', description: 'From the platform\'s category dictionary' },
			{ name: 'Meeting Notice (会议通知)', value: '会议通知', description: 'From the platform\'s category dictionary' },
			{ name: '招商信息', value: '招商信息', description: 'From the platform\'s category dictionary' },
		]);
		sim.fail({ count: 1, route: 'GET /AGCS_zqc/v3_1/msgpoly/dict/category', status: 404, body: { status: 404, error: 'Not Found' } });
		const offline = await load();
		const options = offline.json.data as IDataObject[];
		expect(options.map((o) => o.value)).toEqual(['公共公示', '新闻通知', '政策公示', '会议通知']);
		expect(String(options[0].description)).toMatch(/^Documented value; the platform's dictionary could not be read \(Eazytec ZQT error HTTP 404/);
		sim.settings.categories = sim.settings.categories.slice(0, 4);
	});

	it('the Eazytec trigger, once activated, notes the outbox, then emits exactly the watched change of a sent message', async () => {
		const sim = simByKey.eazytec as EazytecSim;
		const outboxid = sim.addOutbox({ appid: EAZYTEC_DEMO.clientId, title: 'Flood drill on Friday', readnum: 0, replynum: 0 });
		sim.addOutbox({ appid: 'another_app', title: 'Not watched', readnum: 0 });
		const creds = await savedCredential('eazytecZqtApi');
		const created = await api('POST', '/rest/workflows', {
			name: 'Eazytec sent message changed',
			nodes: [
				{
					id: 'trigger',
					name: 'On Change',
					type: 'n8n-nodes-cn-messaging.eazytecZqtTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						event: 'sentMessageChanged',
						watchFields: 'readnum, replynum',
						filters: { appId: EAZYTEC_DEMO.clientId },
						pollTimes: { item: [{ mode: 'everyMinute' }] },
					},
					credentials: creds,
				},
				{
					id: 'summary',
					name: 'Summary',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [200, 0],
					parameters: { jsCode: "return [{ json: { summary: 'CHANGES:' + JSON.stringify($input.all().map((i) => ({ id: i.json.outboxId, changes: i.json.changes }))) } }];" },
				},
			],
			connections: { 'On Change': { main: [[{ node: 'Summary', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		});
		const wf = created.json.data as IDataObject;
		const polls = () => sim.callsTo(`GET ${EAZYTEC_OUTBOX_PATH}`).length;
		const before = polls();
		const activated = await api('POST', `/rest/workflows/${String(wf.id)}/activate`, { versionId: wf.versionId });
		expect({ status: activated.status, body: activated.status === 200 ? 'ok' : activated.json }).toEqual({ status: 200, body: 'ok' });
		// Activation polls once: the baseline, nothing emitted.
		for (let k = 0; k < 60 && polls() === before; k++) await new Promise((r) => setTimeout(r, 500));
		expect(polls()).toBeGreaterThan(before);
		expect(sim.callsTo(`GET ${EAZYTEC_OUTBOX_PATH}`).at(-1)!.query).toMatchObject({ appid: EAZYTEC_DEMO.clientId, state: '1' });
		// Receivers act: the read count rises and the title changes (not watched).
		sim.updateOutbox(outboxid, { readnum: 3, title: 'Flood drill moved to Saturday' });
		let executions: IDataObject[] = [];
		for (let k = 0; k < 90 && executions.length === 0; k++) {
			await new Promise((r) => setTimeout(r, 1000));
			const list = await api('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: wf.id }))}`);
			const data = list.json.data as { results?: IDataObject[] } | IDataObject[];
			executions = (Array.isArray(data) ? data : (data?.results ?? [])).filter((e) => e.status === 'success');
		}
		await api('POST', `/rest/workflows/${String(wf.id)}/deactivate`, {});
		expect(executions).toHaveLength(1);
		const full = await api('GET', `/rest/executions/${String(executions[0].id)}`);
		const summary = textsOf(full.json).find((t) => t.startsWith('CHANGES:'));
		expect(JSON.parse(String(summary).slice('CHANGES:'.length))).toEqual([{ id: outboxid, changes: { readnum: { before: 0, after: 3 } } }]);
	});
});
