import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { createDingTalkSim, DINGTALK_DEFAULT_SETTINGS, DINGTALK_DEMO } from '../sim/dingtalk';
import type { DingTalkSim } from '../sim/dingtalk';
import { DINGTALK_ROBOT_DEMO as D, ROBOT_ROUTES } from '../sim/dingtalk-robot';
import { expectSuccess, jsonOf, N8nHarness, workflow } from './harness';
import type { NodeSpec } from './harness';

const ROBOT = { id: 'dtRobotCred01', name: 'Group robot (signed)' };
const WRONG = { id: 'dtRobotWrong01', name: 'Group robot (wrong secret)' };
const KEYWORD = { id: 'dtRobotKeyword01', name: 'Group robot (keywords)' };
const APP = { id: 'dtRobotApp01', name: 'DingTalk app' };
const WRONG_SECRET = `SEC${'0'.repeat(64)}`;

const robot = (name: string, parameters: IDataObject, extra: Partial<NodeSpec> = {}): NodeSpec => ({
	name,
	type: 'dingTalk',
	parameters: { resource: 'groupRobot', operation: 'send', robotMessageInput: 'fields', options: {}, ...parameters },
	credentials: { dingTalkGroupRobotApi: ROBOT },
	...extra,
});

const reply = (name: string, parameters: IDataObject): NodeSpec => ({
	name,
	type: 'dingTalk',
	parameters: { resource: 'robotConversation', operation: 'reply', robotMessageInput: 'fields', robotMessageType: 'text', robotContent: 'ok', options: {}, ...parameters },
	credentials: { dingTalkApi: APP },
	continueOnFail: true,
});

/** The largest number of accepted messages in any window of `ms` (the simulator's record times). */
function maxInWindow(times: number[], ms: number): number {
	let best = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= ms) j++;
		best = Math.max(best, i - j + 1);
	}
	return best;
}

describe('DingTalk robots in a real n8n', () => {
	let sim: DingTalkSim;
	let url: string;
	let n8n: N8nHarness;
	const sent = () => sim.recordsOf(ROBOT_ROUTES.send).map((r) => r.payload);

	beforeAll(async () => {
		sim = createDingTalkSim();
		url = await sim.start();
		n8n = await N8nHarness.create('dingtalk-robot');
		await n8n.importCredentials([
			{ ...ROBOT, type: 'dingTalkGroupRobotApi', data: { webhookToken: `${url}/robot/send?access_token=${D.token}`, secret: D.secret, baseUrl: url } },
			{ ...WRONG, type: 'dingTalkGroupRobotApi', data: { webhookToken: D.token, secret: WRONG_SECRET, baseUrl: url } },
			{ ...KEYWORD, type: 'dingTalkGroupRobotApi', data: { webhookToken: D.keywordToken, secret: '', baseUrl: url } },
			{ ...APP, type: 'dingTalkApi', data: { baseUrl: url, apiBaseUrl: url, appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret } },
		]);
		const keyword = { credentials: { dingTalkGroupRobotApi: KEYWORD } };
		await n8n.importWorkflows([
			workflow('drTypes', [
				robot('Text', { robotMessageType: 'text', robotContent: '={{ "Deploy " + $json.version + " done" }}', robotAtMobiles: '13800000000', robotAtAll: false }),
				robot('Markdown', { robotMessageType: 'markdown', robotTitle: 'Disk alert', robotText: '#### Disk alert\n> db-01 92 %', robotAtUserIds: 'manager4220, user123' }),
				robot('Link', { robotMessageType: 'link', robotTitle: 'Release notes', robotText: 'What is new', robotMessageUrl: 'https://example.cn/notes', robotPicUrl: 'https://example.cn/p.png' }),
				robot('Card', { robotMessageType: 'actionCard', robotTitle: 'Approve', robotText: '### Leave request', robotCardStyle: 'single', robotSingleTitle: '阅读全文', robotSingleUrl: 'https://example.cn/1' }),
				robot('Buttons', {
					robotMessageType: 'actionCard',
					robotTitle: 'Vote',
					robotText: 'Lunch?',
					robotCardStyle: 'buttons',
					robotBtnOrientation: '1',
					robotButtons: { button: [{ title: 'Yes', actionUrl: 'https://example.cn/y' }, { title: 'No', actionUrl: 'https://example.cn/n' }] },
				}),
				robot('Feed', { robotMessageType: 'feedCard', robotLinks: { link: [{ title: 'News 1', messageUrl: 'https://example.cn/a', picUrl: 'https://example.cn/a.png' }] } }),
				robot('JSON', { robotMessageInput: 'json', robotMessageJson: '{"msgtype":"text","text":{"content":"from JSON"},"at":{"isAtAll":true}}' }),
				robot('Keyword', { robotMessageType: 'text', robotContent: '监控报警: queue length 900' }, keyword),
			], [{ version: 'v2.3' }]),
			workflow('drFailures', [
				robot('Wrong Secret', { robotMessageType: 'text', robotContent: 'x' }, { credentials: { dingTalkGroupRobotApi: WRONG }, continueOnFail: true }),
				robot('No Keyword', { robotMessageType: 'text', robotContent: 'queue length 900' }, { ...keyword, continueOnFail: true }),
				robot('Too Big', { robotMessageType: 'text', robotContent: '长'.repeat(6700) }, { continueOnFail: true }),
				robot('Too Big for DingTalk', { robotMessageType: 'text', robotContent: '长'.repeat(6700), options: { sizeLimit: 30000 } }, { continueOnFail: true }),
				reply('Reply Expired', { sessionWebhook: `${url}/robot/sendBySession?session=gone`, sessionWebhookExpiredTime: String(Date.now() - 60_000) }),
				reply('Reply Unknown Session', { sessionWebhook: `${url}/robot/sendBySession?session=unknown`, sessionWebhookExpiredTime: '' }),
				reply('Reply Elsewhere', { sessionWebhook: 'https://example.org/robot/sendBySession?session=1' }),
			]),
			workflow(
				'drPaced45',
				[robot('Send', { robotMessageType: 'text', robotContent: '={{ "Alert " + $json.n }}', options: { messagesPerMinute: 20, rateWindowSeconds: 3 } })],
				Array.from({ length: 45 }, (_, k) => ({ n: k + 1 })),
			),
		]);
	});

	afterAll(async () => {
		n8n?.dispose();
		await sim?.stop();
	});

	beforeEach(() => {
		sim.clear();
		Object.assign(sim.settings, structuredClone(DINGTALK_DEFAULT_SETTINGS));
	});

	it('posts every message type, signed, with the mentions written into the text', async () => {
		const run = await n8n.run('drTypes');
		expectSuccess(run);
		const messages = sent().map((p) => {
			const m = { ...(p.message as IDataObject) };
			expect(m.msgUuid).toEqual(expect.any(String));
			delete m.msgUuid;
			return m;
		});
		expect(messages).toEqual([
			{ msgtype: 'text', text: { content: 'Deploy v2.3 done @13800000000' }, at: { atMobiles: ['13800000000'], isAtAll: false } },
			{ msgtype: 'markdown', markdown: { title: 'Disk alert', text: '#### Disk alert\n> db-01 92 %\n\n@manager4220 @user123' }, at: { atUserIds: ['manager4220', 'user123'], isAtAll: false } },
			{ msgtype: 'link', link: { title: 'Release notes', text: 'What is new', messageUrl: 'https://example.cn/notes', picUrl: 'https://example.cn/p.png' } },
			{ msgtype: 'actionCard', actionCard: { title: 'Approve', text: '### Leave request', singleTitle: '阅读全文', singleURL: 'https://example.cn/1', btnOrientation: '0' } },
			{
				msgtype: 'actionCard',
				actionCard: { title: 'Vote', text: 'Lunch?', btns: [{ title: 'Yes', actionURL: 'https://example.cn/y' }, { title: 'No', actionURL: 'https://example.cn/n' }], btnOrientation: '1' },
			},
			{ msgtype: 'feedCard', feedCard: { links: [{ title: 'News 1', messageURL: 'https://example.cn/a', picURL: 'https://example.cn/a.png' }] } },
			{ msgtype: 'text', text: { content: 'from JSON' }, at: { isAtAll: true } },
			{ msgtype: 'text', text: { content: '监控报警: queue length 900' } },
		]);
		// The simulator checked every signature (decoded once) and notes who is really notified.
		expect(sent().map((p) => p.signed)).toEqual([true, true, true, true, true, true, true, false]);
		expect(sent()[1].mentioned).toEqual({ ids: ['manager4220', 'user123'], notInText: [], atAll: false });
		expect(sent()[0].mentioned).toEqual({ ids: ['13800000000'], notInText: [], atAll: false });
		expect(jsonOf(run, 'Markdown')).toEqual([{ sent: true, msgtype: 'markdown', msgUuid: (sent()[1].message as IDataObject).msgUuid }]);
		expect(sim.rejections).toEqual([]);
		expect(run.output).not.toContain(D.secret);
	});

	it('a wrong secret, a missing keyword, an oversize message and a dead session: clear errors, nothing posted', async () => {
		const run = await n8n.run('drFailures');
		expectSuccess(run);
		const error = (node: string) => String(jsonOf(run, node)[0]?.error ?? '');
		const description = (node: string) => String(jsonOf(run, node)[0]?.description ?? '');
		expect(error('Wrong Secret')).toBe(
			"DingTalk group robot error 310000: The robot's security check refused the message (custom keywords, signature or IP address) (platform message: sign not match)",
		);
		expect(description('Wrong Secret')).toContain('Signing Secret must be the SEC… string');
		expect(error('No Keyword')).toContain('error 310000');
		expect(description('No Keyword')).toContain("none of the robot's custom keywords");
		expect(error('Too Big')).toMatch(/^Item 1, field "Message": is 201\d\d bytes long as JSON; DingTalk takes at most 20000 bytes/);
		expect(error('Too Big for DingTalk')).toContain('error 460101: The message is too long (DingTalk takes at most 20,000 bytes) (platform message: message too long, exceed 20000 bytes)');
		expect(error('Reply Expired')).toMatch(/field "Session Webhook Expires At": the session webhook expired at .*; nothing was sent/);
		expect(error('Reply Unknown Session')).toBe('DingTalk error 300001: The session webhook has expired or does not exist (platform message: session 不存在)');
		expect(error('Reply Elsewhere')).toContain('is on https://example.org, not on DingTalk');
		expect(sim.records).toEqual([]);
		expect(sim.rejections.map((r) => [r.route, r.code])).toEqual([
			['POST /robot/send', 310000],
			['POST /robot/send', 310000],
			['POST /robot/send', 460101],
			['POST /robot/sendBySession', 300001],
		]);
		expect(JSON.stringify(run.output)).not.toContain(WRONG_SECRET);
	});

	it('45 messages paced under 20 per window: none throttled (window shortened to 3 s on both sides)', async () => {
		Object.assign(sim.settings, { robotWindowMs: 3000, robotPerWindow: 20 });
		const started = Date.now();
		const run = await n8n.run('drPaced45');
		const elapsed = Date.now() - started;
		expectSuccess(run);
		const times = sim.recordsOf(ROBOT_ROUTES.send).map((r) => r.at);
		expect(times).toHaveLength(45);
		expect(sim.rejections.filter((r) => r.code === 410100)).toEqual([]);
		expect(maxInWindow(times, 3000)).toBeLessThanOrEqual(20);
		const span = times[44] - times[0];
		console.log(
			`DingTalk group robot pacing: 45 messages in ${span} ms at the simulator (${((44 / span) * 1000).toFixed(2)}/s; limit 20 per 3 s = 6.67/s), ` +
				`busiest 3 s window ${maxInWindow(times, 3000)}, whole n8n run ${elapsed} ms`,
		);
	});

	describe('DingTalk Trigger in a running n8n', () => {
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
		const example = (file: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8')) as IDataObject;
		const executions = async (workflowId: string) => {
			const list = await api('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
			const data = list.json.data as { results?: IDataObject[] } | IDataObject[];
			return Array.isArray(data) ? data : (data?.results ?? []);
		};

		/** Creates an example workflow with the test's app credential, activates it, and returns its webhook address once n8n serves it. */
		async function activate(file: string, credId: string): Promise<{ id: string; hook: string }> {
			const wf = example(file);
			const nodes = (wf.nodes as IDataObject[]).map((n) => (n.credentials ? { ...n, credentials: { dingTalkApi: { id: credId, name: APP.name } } } : n));
			const created = await api('POST', '/rest/workflows', { name: wf.name, nodes, connections: wf.connections, settings: { ...(wf.settings as IDataObject), saveDataSuccessExecution: 'all' } });
			const saved = created.json.data as IDataObject;
			const activated = await api('POST', `/rest/workflows/${String(saved.id)}/activate`, { versionId: saved.versionId });
			expect({ status: activated.status, body: activated.status === 200 ? 'ok' : activated.json }).toEqual({ status: 200, body: 'ok' });
			const trigger = nodes.find((n) => n.type === 'n8n-nodes-cn-messaging.dingTalkTrigger')!;
			const hook = `${server.url}/webhook/${String(trigger.webhookId)}/robot`;
			// Registration can lag activation: wait until the address answers (an unsigned call must get 401).
			let status = 404;
			for (let k = 0; k < 60 && status === 404; k++) {
				status = (await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"msgtype":"text"}' })).status;
				if (status === 404) await new Promise((r) => setTimeout(r, 500));
			}
			expect(status).toBe(401);
			return { id: String(saved.id), hook };
		}

		beforeAll(async () => {
			server = await n8n.startServer();
			const owner = await api('POST', '/rest/owner/setup', { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Passw0rd-for-tests' });
			expect(owner.status).toBe(200);
			cookie = (owner.headers.get('set-cookie') ?? '').split(';')[0];
		});

		afterAll(async () => {
			await server?.stop();
		});

		it('emits a signed message and replies through its session webhook; unsigned, stale and wrongly signed calls start nothing', async () => {
			const cred = await api('POST', '/rest/credentials', { name: APP.name, type: 'dingTalkApi', data: { baseUrl: url, apiBaseUrl: url, appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret } });
			const credId = String((cred.json.data as IDataObject).id);
			const replier = await activate('dingtalk-reply.json', credId);
			const listener = await activate('dingtalk-trigger-robot-message.json', credId);

			const refused = [
				await sim.robot.sendCallback({ url: replier.hook, text: 'unsigned', unsigned: true }),
				await sim.robot.sendCallback({ url: replier.hook, text: 'stale', timestamp: Date.now() - 2 * 3600_000 }),
				await sim.robot.sendCallback({ url: replier.hook, text: 'forged', secret: 'not-the-app-secret' }),
			];
			expect(refused.map((r) => r.status)).toEqual([401, 403, 403]);

			const good = await sim.robot.sendCallback({ url: replier.hook, text: '查询 订单 42', senderStaffId: 'user123' });
			expect({ status: good.status, answer: good.answer }).toEqual({ status: 200, answer: { msgtype: 'empty' } });
			const heard = await sim.robot.sendCallback({ url: listener.hook, text: 'hello', conversationType: '1' });
			expect(heard.status).toBe(200);

			let replies = sim.recordsOf(ROBOT_ROUTES.session);
			for (let k = 0; k < 60 && replies.length === 0; k++) {
				await new Promise((r) => setTimeout(r, 500));
				replies = sim.recordsOf(ROBOT_ROUTES.session);
			}
			expect(replies.map((r) => r.payload)).toEqual([
				expect.objectContaining({
					message: { msgtype: 'text', text: { content: 'You said: 查询 订单 42 @user123' }, at: { atUserIds: ['user123'], isAtAll: false } },
					mentioned: { ids: ['user123'], notInText: [], atAll: false },
				}),
			]);
			expect(String(good.sessionWebhook)).toContain(`session=${String(replies[0].payload.session)}`);

			let runs: IDataObject[] = [];
			for (let k = 0; k < 60; k++) {
				runs = [...(await executions(replier.id)), ...(await executions(listener.id))];
				if (runs.filter((e) => e.status === 'success').length >= 2) break;
				await new Promise((r) => setTimeout(r, 500));
			}
			expect(runs.map((e) => e.status)).toEqual(['success', 'success']);
			const full = await api('GET', `/rest/executions/${String((await executions(listener.id))[0].id)}`);
			const data = JSON.stringify(full.json);
			// The listener's Set node kept the sender, the text and the conversation.
			for (const value of ['hello', D.senderStaffId, '张三', D.conversationId]) expect(data).toContain(value);
			expect(sim.recordsOf(ROBOT_ROUTES.callback)).toHaveLength(5);
		});
	});
});
