import type { IDataObject } from 'n8n-workflow';
import { createDingTalkSim, DINGTALK_DEMO, DINGTALK_ROUTES } from '../sim/dingtalk';
import type { DingTalkSim } from '../sim/dingtalk';
import { savedExecutions } from './executions';
import type { SavedExecution } from './executions';
import { itemsOf, jsonOf, N8nHarness, workflow } from './harness';
import type { NodeSpec } from './harness';

/**
 * Delivery Keys and the account of a stopped run, in a real n8n against the DingTalk simulator:
 * a lost answer stops a run; its error tells the truth about every item; running again, n8n's
 * Retry of the failed execution and the node's Retry On Fail send every other item exactly once
 * and the uncertain one at most once. Keys shared by a workflow's nodes, forgotten on request,
 * empty, long, and in several store groups.
 */
const CRED = { id: 'dkDingTalk01', name: 'DingTalk (simulator)' };
const AGENT = String(DINGTALK_DEMO.agentId);
const R = DINGTALK_ROUTES;

const KEY = '={{ "order-" + $json.tag + "-" + $json.n }}';

function send(name: string, extra: IDataObject = {}, spec: Partial<NodeSpec> = {}): NodeSpec {
	return {
		name,
		type: 'dingTalk',
		credentials: { dingTalkApi: CRED },
		parameters: {
			resource: 'workNotification',
			operation: 'send',
			agentId: AGENT,
			sendTo: 'users',
			userIds: 'manager4220',
			messageInput: 'fields',
			messageType: 'text',
			textContent: '={{ "Notice " + $json.tag + " " + $json.n }}',
			options: {},
			...extra,
		},
		...spec,
	};
}

const items = (n: number, tag: string) => Array.from({ length: n }, (_, k) => ({ n: k + 1, tag }));

/** The account in a stopped run's error: item numbers (1-based) per fate, as its lines say. */
function account(run: { error?: IDataObject }): Record<string, number[]> {
	const text = String(run.error?.description ?? '');
	const fates: Record<string, number[]> = {};
	const add = (label: string, n: number) => (fates[label] ??= []).push(n);
	for (const line of text.split('\n')) {
		const one = /^Item (\d+): ([a-z ]+?)(?: \(|:|$)/.exec(line);
		if (one) add(one[2], Number(one[1]));
		const many = /^([a-z ]+?)(?: \([^)]*\))?: (\d+) \(items? ([\d, -]+)\)$/.exec(line);
		if (many) {
			for (const part of many[3].split(', ')) {
				const [a, b] = part.split('-').map(Number);
				for (let n = a; n <= (b ?? a); n++) add(many[1], n);
			}
		}
	}
	return fates;
}

describe('Delivery Keys in a real n8n', () => {
	let sim: DingTalkSim;
	let n8n: N8nHarness;
	/** How many times the simulator accepted each message of a tag, by item number. */
	const accepted = (tag: string): Map<number, number> => {
		const counts = new Map<number, number>();
		for (const r of sim.recordsOf(R.asyncsend)) {
			const m = /^Notice (\S+) (\d+)$/.exec(String(((r.payload.msg as IDataObject).text as IDataObject).content));
			if (m && m[1] === tag) counts.set(Number(m[2]), (counts.get(Number(m[2])) ?? 0) + 1);
		}
		return counts;
	};

	beforeAll(async () => {
		sim = createDingTalkSim({ settings: { dailyPerUserLimit: 1_000_000, dedupe: false } });
		const url = await sim.start();
		n8n = await N8nHarness.create('delivery-keys');
		await n8n.importCredentials([
			{ ...CRED, type: 'dingTalkApi', data: { baseUrl: url, apiBaseUrl: url, appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret } },
		]);
		const retry = { retryOnFail: true, maxTries: 2, waitBetweenTries: 100 };
		const k3 = items(3, 's');
		await n8n.importWorkflows([
			workflow('dkMain', [send('Send', { deliveryKey: KEY })], items(50, 'm')),
			workflow('dkRest', [send('Send', { deliveryKey: KEY })], items(50, 'r')),
			workflow('dkRetry', [send('Send', { deliveryKey: KEY }, { settings: retry })], items(50, 'f')),
			workflow('dkRetryNoKey', [send('Send', {}, { settings: retry })], items(10, 'nk')),
			workflow('dkShort', [send('Send')], items(10, 'sh')),
			workflow('dkCof', [send('Send', { deliveryKey: KEY }, { continueOnFail: true })], items(10, 'c')),
			// Two workflows, the same keys: workflow scope is shared by a workflow's nodes, not across workflows.
			workflow(
				'dkScope1',
				[
					send('Workflow 1', { deliveryKey: KEY, deliveryKeyOptions: { scope: 'workflow' } }),
					send('Workflow 2', { deliveryKey: KEY, deliveryKeyOptions: { scope: 'workflow' } }, { from: 'Items' }),
					send('Node', { deliveryKey: KEY }, { from: 'Items' }),
				],
				k3,
			),
			workflow('dkScope2', [send('Workflow 1', { deliveryKey: KEY, deliveryKeyOptions: { scope: 'workflow' } })], k3),
			workflow(
				'dkForget1',
				[
					send('Forget', { deliveryKey: KEY, deliveryKeyOptions: { scope: 'workflow', forget: 'allOnly' } }),
					send('Send', {
						deliveryKey: '={{ "order-fg-" + $(\'Items\').item.json.n }}',
						deliveryKeyOptions: { scope: 'workflow' },
						textContent: '={{ "Notice fg " + $(\'Items\').item.json.n }}',
					}),
				],
				k3,
			),
			workflow('dkEmpty1', [send('Send', { deliveryKey: '={{ $json.key }}' })], [{ n: 1, tag: 'e', key: 'a' }, { n: 2, tag: 'e' }, { n: 3, tag: 'e', key: 'c' }]),
			workflow(
				'dkEmpty2',
				[send('Send', { deliveryKey: '={{ $json.key }}' }, { continueOnFail: true })],
				[{ n: 1, tag: 'ec', key: 'a' }, { n: 2, tag: 'ec', key: '' }, { n: 3, tag: 'ec', key: 'c' }],
			),
			// Keys longer than the stored length that differ only at their end are different keys.
			workflow('dkLong1', [send('Send', { deliveryKey: '={{ "x".repeat(600) + $json.n }}' })], items(2, 'lg')),
			// 250 items: three groups of keys recorded and checked, each in its own store calls.
			workflow('dkMany1', [send('Send', { deliveryKey: KEY, options: { requestsPerSecond: 100 } })], items(250, 'mn')),
		]);
	});

	/** Drops the answer to the n-th message accepted from now on. */
	const dropAnswerTo = (n: number) => {
		sim.dropResponseAtRecord = sim.records.length + n;
		sim.droppedResponses = 0;
	};
	const once = (tag: string, count: number) => {
		const total = accepted(tag);
		for (let n = 1; n <= count; n++) expect({ tag, n, times: total.get(n) }).toEqual({ tag, n, times: 1 });
	};

	afterAll(async () => {
		n8n?.dispose();
		await sim?.stop();
	});

	it('a lost answer stops the run; the error accounts for every item truly; running again sends the rest once', async () => {
		dropAnswerTo(20);
		const first = await n8n.run('dkMain');
		expect(first.status).toBe('error');
		expect(sim.droppedResponses).toBe(1);
		const fates = account(first);
		const recorded = accepted('m');
		const dropped = Number(/^Notice m (\d+)$/.exec(String(((sim.recordsOf(R.asyncsend)[19].payload.msg as IDataObject).text as IDataObject).content))![1]);
		// What the error says is what happened: sent = accepted and answered, uncertain = the lost answer.
		expect(fates['uncertain']).toEqual([dropped]);
		expect((fates['sent'] ?? []).length + 1).toBe(recorded.size);
		for (const n of fates['sent'] ?? []) expect(recorded.get(n)).toBe(1);
		for (const n of fates['not attempted'] ?? []) expect(recorded.has(n)).toBe(false);
		expect((fates['sent'] ?? []).length + 1 + (fates['not attempted'] ?? []).length).toBe(50);

		const second = await n8n.run('dkMain');
		expect(second.status).toBe('success');
		const out = jsonOf(second, 'Send');
		expect(out).toHaveLength(50);
		const skipped = out.filter((j) => j.skipped === true);
		expect(skipped).toHaveLength(recorded.size);
		expect(out.find((j) => j.deliveryKey === `order-m-${dropped}`)).toMatchObject({ skipped: true });
		once('m', 50);
		expect(itemsOf(second, 'Send').map((i) => i.pairedItem)).toEqual(Array.from({ length: 50 }, (_, k) => ({ item: k })));
	});

	it('Retry On Fail with a Delivery Key: the second try skips what went out and sends the rest, each once', async () => {
		dropAnswerTo(20);
		const run = await n8n.run('dkRetry');
		expect(run.status).toBe('success');
		expect(sim.droppedResponses).toBe(1);
		const out = jsonOf(run, 'Send');
		expect(out).toHaveLength(50);
		// The second try skips what the first got out (at least up to the lost answer) and sends the rest.
		const skipped = out.filter((j) => j.skipped === true).length;
		expect(skipped).toBeGreaterThanOrEqual(20);
		expect(out.filter((j) => j.task_id !== undefined)).toHaveLength(50 - skipped);
		once('f', 50);
	});

	it('Retry On Fail without a key sends every item again (what the notice and the README warn about)', async () => {
		dropAnswerTo(4);
		const run = await n8n.run('dkRetryNoKey');
		expect(run.status).toBe('success');
		const counts = [...accepted('nk').values()];
		expect(counts.filter((c) => c >= 2).length).toBeGreaterThanOrEqual(4);
	});

	it('a short stopped run lists each item: sent with its task id, the uncertain one, the rest; and says a re-run resends', async () => {
		dropAnswerTo(4);
		const run = await n8n.run('dkShort');
		expect(run.status).toBe('error');
		const text = String(run.error?.description);
		const fates = account(run);
		const recorded = accepted('sh');
		expect(Object.values(fates).flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(fates['uncertain']).toHaveLength(1);
		for (const n of fates['sent'] ?? []) {
			const taskId = sim.recordsOf(R.asyncsend).find((r) => ((r.payload.msg as IDataObject).text as IDataObject).content === `Notice sh ${n}`)?.payload.task_id;
			expect(text).toContain(`Item ${n}: sent (task_id ${String(taskId)})`);
		}
		expect((fates['sent'] ?? []).length + 1).toBe(recorded.size);
		expect(text).toContain('Without a Delivery Key, running again sends all items again');
	});

	it('Continue On Fail: error items say sent: false (refused) or sent: "uncertain"; a re-run sends only the refused one', async () => {
		sim.fail({ count: 1, route: R.asyncsend, body: { errcode: 40035, errmsg: '不合法的参数' } });
		dropAnswerTo(3);
		const first = await n8n.run('dkCof');
		expect(first.status).toBe('success');
		const errors = jsonOf(first, 'Send').filter((j) => j.error !== undefined);
		expect(errors.map((j) => j.sent).sort()).toEqual([false, 'uncertain']);
		expect(String(errors.find((j) => j.sent === false)?.error)).toContain('40035');
		const second = await n8n.run('dkCof');
		const out = jsonOf(second, 'Send');
		expect(out.filter((j) => j.skipped === true)).toHaveLength(9);
		expect(out.filter((j) => j.task_id !== undefined)).toHaveLength(1);
		once('c', 10);
	});

	describe('in one execute-batch', () => {
		let saved: Record<string, SavedExecution[]>;
		beforeAll(async () => {
			// A batch runs each workflow once (ids need a digit): the second runs are a second batch.
			await n8n.runBatch(['dkScope1', 'dkScope2', 'dkForget1', 'dkEmpty1', 'dkEmpty2', 'dkLong1', 'dkMany1']);
			await n8n.runBatch(['dkForget1', 'dkLong1', 'dkMany1']);
			saved = {};
			for (const e of savedExecutions(n8n)) (saved[e.workflowId] ??= []).push(e);
		});
		const out = (e: SavedExecution, node: string) => (e.runData[node]?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);

		it('workflow scope: a second node of the workflow skips the keys, a node-scoped node and another workflow send them', () => {
			const [a] = saved.dkScope1;
			expect(out(a, 'Workflow 1').map((j) => j.skipped ?? false)).toEqual([false, false, false]);
			expect(out(a, 'Workflow 2').map((j) => j.skipped)).toEqual([true, true, true]);
			expect(out(a, 'Node').map((j) => j.skipped ?? false)).toEqual([false, false, false]);
			const [b] = saved.dkScope2;
			expect(out(b, 'Workflow 1').map((j) => j.skipped ?? false)).toEqual([false, false, false]);
			expect([...accepted('s').values()]).toEqual([3, 3, 3]);
		});

		it('keys forgotten: "All Keys, Send Nothing" empties the store, so the same keys are sent again', () => {
			const [first, second] = saved.dkForget1;
			expect(out(first, 'Forget')[0]).toMatchObject({ sent: false, keysForgotten: 0 });
			expect(out(second, 'Forget')[0]).toMatchObject({ sent: false, keysForgotten: 3 });
			expect(out(second, 'Send').map((j) => j.skipped ?? false)).toEqual([false, false, false]);
			expect([...accepted('fg').values()]).toEqual([2, 2, 2]);
		});

		it('an empty key is bad input: item 2 and the field are named and nothing is sent; with Continue On Fail items 1 and 3 go out', () => {
			const [stopped] = saved.dkEmpty1;
			expect(stopped.status).toBe('error');
			expect(String(stopped.error?.message)).toBe('Item 2, field "Delivery Key": is empty for this item');
			expect(accepted('e').size).toBe(0);
			const [cof] = saved.dkEmpty2;
			const json = out(cof, 'Send');
			expect(json[1]).toMatchObject({ error: 'Item 2, field "Delivery Key": is empty for this item', sent: false });
			expect([json[0].task_id !== undefined, json[2].task_id !== undefined]).toEqual([true, true]);
			expect([...accepted('ec').entries()].sort()).toEqual([[1, 1], [3, 1]]);
		});

		it('long keys differing only at the end are different keys, and are recognised again', () => {
			const [first, second] = saved.dkLong1;
			expect(out(first, 'Send').map((j) => j.skipped ?? false)).toEqual([false, false]);
			expect(out(second, 'Send').map((j) => j.skipped)).toEqual([true, true]);
			once('lg', 2);
		});

		it('250 keys in three groups: all sent once, then all skipped', () => {
			const [first, second] = saved.dkMany1;
			expect(first.status).toBe('success');
			expect(out(first, 'Send').filter((j) => j.task_id !== undefined)).toHaveLength(250);
			expect(out(second, 'Send').filter((j) => j.skipped === true)).toHaveLength(250);
			once('mn', 250);
		});
	});

	it("n8n's Retry of the failed execution (REST API of a running n8n) sends only what had not gone out", async () => {
		dropAnswerTo(20);
		const failed = await n8n.run('dkRest');
		expect(failed.status).toBe('error');
		const execution = savedExecutions(n8n).filter((e) => e.workflowId === 'dkRest').pop()!;
		expect(execution.status).toBe('error');
		const server = await n8n.startServer();
		try {
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
			const owner = await api('POST', '/rest/owner/setup', { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Passw0rd-for-tests' });
			expect(owner.status).toBe(200);
			cookie = (owner.headers.get('set-cookie') ?? '').split(';')[0];
			const retried = await api('POST', `/rest/executions/${execution.id}/retry`, { loadWorkflow: false });
			expect({ status: retried.status, result: (retried.json.data as IDataObject)?.status }).toEqual({ status: 200, result: 'success' });
		} finally {
			await server.stop();
		}
		const retry = savedExecutions(n8n).filter((e) => e.workflowId === 'dkRest').pop()!;
		expect(retry.mode).toBe('retry');
		const json = (retry.runData.Send?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);
		expect(json).toHaveLength(50);
		const skipped = json.filter((j) => j.skipped === true).length;
		expect(skipped).toBeGreaterThanOrEqual(20);
		expect(json.filter((j) => j.task_id !== undefined)).toHaveLength(50 - skipped);
		once('r', 50);
	});
});
