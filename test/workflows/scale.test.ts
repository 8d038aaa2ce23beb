/**
 * At the platform's limit, in one n8n process: executions of a credential share one token
 * exchange and one pace; Combine Items sends one alert to many people in few calls. (The same
 * across n8n queue-mode workers: queue.test.ts.)
 */
import { DINGTALK_APP_ROUTES } from '../sim/dingtalk-apps';
import type { IDataObject } from 'n8n-workflow';
import { createDingTalkSim, DINGTALK_DEMO, DINGTALK_ROUTES } from '../sim/dingtalk';
import type { DingTalkSim } from '../sim/dingtalk';
import { createVanytechSim, VANYTECH_DEMO } from '../sim/vanytech';
import type { VanytechSim } from '../sim/vanytech';
import { itemsOf, jsonOf, N8nHarness, workflow } from './harness';

const VT = { id: 'scaleVanytech01', name: 'Vanytech (scale)' };
const DT = { id: 'scaleDingTalk01', name: 'DingTalk (scale, 20 QPS)' };
const DT_SLOW = { id: 'scaleDingTalk02', name: 'DingTalk (scale, 5 QPS)' };
const AGENT = String(DINGTALK_DEMO.agentId);
const BURST = 20;
const USERS = Array.from({ length: 250 }, (_, k) => `staff${String(k).padStart(4, '0')}`);

const vanytechSend = (label: string) =>
	workflow(
		`scaleBurst${label}`,
		[
			{
				name: 'Send',
				type: 'vanytechMessageCenter',
				parameters: {
					resource: 'message',
					operation: 'send',
					title: `={{ "Burst ${label} " + $json.n }}`,
					content: 'Please read.',
					channels: ['Portal'],
					receiversInput: 'fields',
					receivers: { receiver: [{ userId: VANYTECH_DEMO.users[0].userId, name: 'Receiver' }] },
				},
				credentials: { vanytechMessageCenterApi: VT },
			},
		],
		Array.from({ length: 3 }, (_, k) => ({ n: k + 1 })),
	);

/** (execute-batch takes only workflow ids that contain a digit.) */
const dingTalkSend = (id: string, cred: { id: string; name: string }, n: number, rate: number, extra: IDataObject = {}) =>
	workflow(
		id,
		[
			{
				name: 'Send',
				type: 'dingTalk',
				parameters: {
					resource: 'workNotification',
					operation: 'send',
					agentId: AGENT,
					sendTo: 'users',
					userIds: '={{ $json.user }}',
					messageInput: 'fields',
					messageType: 'text',
					textContent: '={{ $json.text }}',
					options: { requestsPerSecond: rate, ...extra },
				},
				credentials: { dingTalkApi: cred },
			},
		],
		Array.from({ length: n }, (_, k) => ({ user: 'manager4220', text: `${id} ${k + 1}` })),
	);

describe('one n8n process at the platform\'s limit', () => {
	let vanytech: VanytechSim;
	let dingtalk: DingTalkSim;
	let slow: DingTalkSim;
	let n8n: N8nHarness;

	beforeAll(async () => {
		vanytech = createVanytechSim();
		dingtalk = createDingTalkSim({ settings: { users: [...DINGTALK_DEMO.userIds, ...USERS] } });
		slow = createDingTalkSim();
		const [vtUrl, dtUrl, slowUrl] = [await vanytech.start(), await dingtalk.start(), await slow.start()];
		n8n = await N8nHarness.create('scale');
		const dingTalkData = (baseUrl: string) => ({ baseUrl, apiBaseUrl: baseUrl, appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret });
		await n8n.importCredentials([
			{ ...VT, type: 'vanytechMessageCenterApi', data: { baseUrl: vtUrl, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'POST' } },
			{ ...DT, type: 'dingTalkApi', data: dingTalkData(dtUrl) },
			{ ...DT_SLOW, type: 'dingTalkApi', data: dingTalkData(slowUrl) },
		]);
		const alert = (to: string[]) => to.map((user) => ({ user, text: 'Fire drill at 15:00 in building A' }));
		await n8n.importWorkflows([
			...Array.from({ length: BURST }, (_, k) => vanytechSend(String(k))),
			dingTalkSend('scalePace1', DT, 60, 20),
			dingTalkSend('scalePace2', DT, 60, 20),
			dingTalkSend('scaleRefused1', DT_SLOW, 20, 10),
			workflow(
				'scaleCombine',
				[
					{
						name: 'Send',
						type: 'dingTalk',
						parameters: {
							resource: 'workNotification',
							operation: 'send',
							agentId: AGENT,
							sendTo: 'users',
							userIds: '={{ $json.user }}',
							messageInput: 'fields',
							messageType: 'text',
							textContent: '={{ $json.text }}',
							options: { combineItems: true },
						},
						credentials: { dingTalkApi: DT },
					},
				],
				[...alert(USERS), { user: 'manager4220', text: 'Another message' }, ...alert(['user123'])],
			),
		]);
	});
	afterAll(async () => {
		n8n?.dispose();
		await Promise.all([vanytech?.stop(), dingtalk?.stop(), slow?.stop()]);
	});

	it(`${BURST} executions starting together share one token exchange (new tokens invalidating old ones), two workflows share the 20 QPS limit, and a rate-limit answer is waited out`, async () => {
		vanytech.tokens.newInvalidatesOld = true;
		dingtalk.rate.qps = 20;
		slow.rate.qps = 5; // the node is told 10 a second: the platform refuses some, the node waits and resends
		const ids = [...Array.from({ length: BURST }, (_, k) => `scaleBurst${k}`), 'scalePace1', 'scalePace2', 'scaleRefused1'];
		const { results, output } = await n8n.runBatch(ids, { concurrency: ids.length });
		const summary = (results as { summary?: IDataObject }).summary ?? {};
		expect({ failed: summary.failedExecutions, errors: summary.errors, warnings: summary.warnings }).toEqual({ failed: 0, errors: [], warnings: [] });
		expect(summary.successfulExecutions).toBe(ids.length);
		expect(output).not.toContain(VANYTECH_DEMO.appPassword);

		// One token exchange for the 20 executions, and every message accepted exactly once.
		expect(vanytech.calls.filter((c) => c.path === '/msg/getThirdAPIToken')).toHaveLength(1);
		const titles = vanytech.recordsOf('POST /message/sendMessageApi').map((r) => String(r.payload.msgtitle)).sort();
		expect(titles).toEqual(Array.from({ length: BURST }, (_, k) => [1, 2, 3].map((n) => `Burst ${k} ${n}`)).flat().sort());

		// Two workflows on one credential at 20 a second each: one shared pace, no rate-limit answer.
		const texts = dingtalk.recordsOf(DINGTALK_ROUTES.asyncsend).map((r) => ((r.payload.msg as IDataObject).text as IDataObject).content);
		expect([...texts].sort()).toEqual(['scalePace1', 'scalePace2'].flatMap((w) => Array.from({ length: 60 }, (_, k) => `${w} ${k + 1}`)).sort());
		expect(dingtalk.rate.limited).toBe(0);
		expect(dingtalk.rate.busiestWindow()).toBeLessThanOrEqual(20);
		// One token exchange, whichever endpoint the credential uses (the new API's by default).
		expect(dingtalk.callsTo(DINGTALK_ROUTES.gettoken).length + dingtalk.callsTo(DINGTALK_APP_ROUTES.v1Token).length).toBe(1);

		// Refused for the rate: resent when the window had room, each message accepted once.
		const slowTexts = slow.recordsOf(DINGTALK_ROUTES.asyncsend).map((r) => ((r.payload.msg as IDataObject).text as IDataObject).content);
		expect([...slowTexts].sort()).toEqual(Array.from({ length: 20 }, (_, k) => `scaleRefused1 ${k + 1}`).sort());
		expect(slow.rate.limited).toBeGreaterThan(0);
	});

	it('Combine Items: one alert to 250 people goes out in 3 calls; every item gets its own paired output with the call\'s task_id', async () => {
		dingtalk.clear({ keepTokens: true });
		const run = await n8n.run('scaleCombine');
		expect(run.status).toBe('success');
		const calls = dingtalk.recordsOf(DINGTALK_ROUTES.asyncsend);
		// 251 items of the alert (250 staff + user123) in 3 calls of ≤ 100 users, the other message alone.
		expect(calls.map((c) => (c.payload.userid_list as string[]).length).sort((a, b) => a - b)).toEqual([1, 51, 100, 100]);
		expect(calls.flatMap((c) => c.payload.userid_list as string[]).sort()).toEqual([...USERS, 'user123', 'manager4220'].sort());
		const items = itemsOf(run, 'Send');
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual(Array.from({ length: 252 }, (_, k) => k));
		const out = jsonOf(run, 'Send');
		const taskOf = (user: string) => String(calls.find((c) => (c.payload.userid_list as string[]).includes(user))?.payload.task_id);
		const inputs = [...USERS, 'manager4220', 'user123'];
		expect(out.map((o) => String(o.task_id))).toEqual(inputs.map(taskOf));
		expect(out.map((o) => o.combinedItems)).toEqual(inputs.map((u, k) => (u === 'manager4220' ? 1 : k < 100 ? 100 : k < 200 ? 100 : 51)));
	});
});
