import { createDingTalkSim, DINGTALK_DEFAULT_SETTINGS, DINGTALK_DEMO, DINGTALK_ROUTES } from '../sim/dingtalk';
import { DINGTALK_APP_ROUTES, DINGTALK_APPS_DEMO } from '../sim/dingtalk-apps';
import type { DingTalkSim } from '../sim/dingtalk';
import { itemsOf, jsonOf, N8nHarness, workflow } from './harness';
import type { IDataObject } from 'n8n-workflow';
import type { NodeSpec, RunResult } from './harness';

const CRED = { id: 'dingtalkCred01', name: 'DingTalk (simulator)' };
const BAD = { id: 'dingtalkBad01', name: 'DingTalk (wrong AppSecret)' };
const ISV = { id: 'dingtalkIsv01', name: 'DingTalk third-party (simulator)' };
const MISMATCHED = ['not', 'the', 'app', 'Zq81', 'value'].join('-');
const credentials = { dingTalkApi: CRED };
const AGENT = String(DINGTALK_DEMO.agentId);
const R = DINGTALK_ROUTES;

type Params = IDataObject;


const node = (name: string, parameters: Params, extra: Partial<NodeSpec> = {}): NodeSpec => ({
	name,
	type: 'dingTalk',
	parameters,
	credentials,
	...extra,
});

const textSend = (overrides: Params = {}): Params => ({
	resource: 'workNotification',
	operation: 'send',
	agentId: AGENT,
	sendTo: 'users',
	userIds: '={{ $json.user }}',
	messageInput: 'fields',
	messageType: 'text',
	textContent: '={{ "Notice " + $json.tag + " " + $json.n }}',
	options: {},
	...overrides,
});

function items(n: number, tag: string, user = 'manager4220') {
	return Array.from({ length: n }, (_, k) => ({ n: k + 1, tag, user }));
}

describe('DingTalk in a real n8n', () => {
	let sim: DingTalkSim;
	let n8n: N8nHarness;
	const tokenCalls = () => sim.callsTo(DINGTALK_APP_ROUTES.v1Token).length + sim.callsTo(R.gettoken).length;
	const topapiCalls = () => sim.calls.filter((c) => c.path.startsWith('/topapi/')).length;
	const contents = () => sim.recordsOf(R.asyncsend).map((r) => ((r.payload.msg as Params).text as Params | undefined)?.content);

	const expectNoSecret = async (run: RunResult) => {
		const stored = await n8n.credential(CRED.id);
		for (const s of [DINGTALK_DEMO.appSecret, MISMATCHED, String(stored.accessToken ?? '')].filter((x) => x.length >= 8)) {
			expect(run.output).not.toContain(s);
		}
	};

	beforeAll(async () => {
		sim = createDingTalkSim();
		const url = await sim.start();
		n8n = await N8nHarness.create('dingtalk');
		await n8n.importCredentials([
			{ ...CRED, type: 'dingTalkApi', data: { baseUrl: url, apiBaseUrl: url, appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret } },
			{ ...BAD, type: 'dingTalkApi', data: { baseUrl: url, apiBaseUrl: url, appKey: DINGTALK_DEMO.appKey, appSecret: MISMATCHED } },
			{
				...ISV,
				type: 'dingTalkApi',
				data: {
					appType: 'thirdParty',
					baseUrl: url,
					suiteKey: DINGTALK_APPS_DEMO.suiteKey,
					suiteSecret: DINGTALK_APPS_DEMO.suiteSecret,
					suiteTicket: 'TestSuiteTicket',
					authCorpId: DINGTALK_APPS_DEMO.authCorpId,
				},
			},
		]);
		const oaTask = "={{ $('Send OA').first().json.task_id }}";
		await n8n.importWorkflows([
			workflow('dtSend25', [node('Send', textSend())], items(25, 'a')),
			workflow('dtSend5', [node('Send', textSend())], items(5, 'renew')),
			workflow(
				'dtBatch200',
				[node('Send', textSend({ userIds: '={{ ["manager4220","user123","user456","0147282552401293909"][$json.n % 4] }}' }))],
				items(200, 'batch'),
			),
			workflow('dtTracking', [
				node('Send OA', {
					resource: 'workNotification',
					operation: 'send',
					agentId: AGENT,
					sendTo: 'users',
					userIds: 'manager4220, user123',
					messageInput: 'fields',
					messageType: 'oa',
					oaMessageUrl: 'https://oa.example.cn/leave/1',
					oaHeadText: 'Leave',
					oaHeadBg: 'FFBBBBBB',
					oaBody: { title: 'Leave request', form: { field: [{ key: 'Name:', value: 'Zhang San' }] } },
					oaOptions: { statusValue: '待审批', statusBg: '0xFFF65E5E' },
				}),
				node('Progress', { resource: 'workNotification', operation: 'getProgress', agentId: AGENT, taskId: oaTask }),
				node('Result', { resource: 'workNotification', operation: 'getResult', agentId: AGENT, taskId: oaTask, output: 'lists' }),
				node('Status Bar', {
					resource: 'workNotification',
					operation: 'updateStatusBar',
					agentId: AGENT,
					taskId: oaTask,
					statusValue: '已同意',
					options: { statusBg: '0xFF78C06E' },
				}),
				node('Per User', { resource: 'workNotification', operation: 'getResult', agentId: AGENT, taskId: oaTask, output: 'perUser' }),
			]),
			workflow('dtTemplateInterop', [
				node('Template', {
					resource: 'workNotification',
					operation: 'sendFromTemplate',
					agentId: AGENT,
					templateId: DINGTALK_DEMO.templateId,
					sendTo: 'usersAndDepartments',
					userIds: 'user123',
					deptIds: '421897262',
					variablesInput: 'fields',
					variables: { variable: [{ name: 'name', value: '淘宝6' }, { name: 'name2', value: 'http://www.taobao.com' }] },
				}, { credentials: { dingTalkApi: ISV } }),
				node('Recall', { resource: 'workNotification', operation: 'recall', agentId: AGENT, taskId: "={{ $('Template').item.json.task_id }}" }, { credentials: { dingTalkApi: ISV } }),
				node('Interop Text', {
					resource: 'interopMessage',
					operation: 'send',
					sender: DINGTALK_DEMO.impaasSender,
					cid: DINGTALK_DEMO.impaasCid,
					conversationType: 1,
					messageId: '321443',
					contentType: 1,
					contentInput: 'fields',
					text: 'test',
					receivers: 'uid1, uid2',
					muteNotification: true,
				}),
				node('Interop Card', {
					resource: 'interopMessage',
					operation: 'send',
					sender: DINGTALK_DEMO.impaasSender,
					cid: DINGTALK_DEMO.impaasCid,
					conversationType: 2,
					messageId: '321444',
					contentType: 2,
					contentInput: 'json',
					contentJson: '{"title":"Card","body":"Hello"}',
					options: { uuid: 'fdsfdfd' },
				}),
			]),
			workflow('dtTypes', [
				node('Link', textSend({ userIds: 'user123', messageType: 'link', linkMessageUrl: 'https://a.cn', linkPicUrl: '@lALOACZwe2Rk', linkTitle: 'T', linkText: 'X' })),
				node('Markdown', textSend({ userIds: 'user123', messageType: 'markdown', markdownTitle: 'T', markdownText: '# Hello' })),
				node('Card', textSend({ userIds: 'user123', messageType: 'action_card', cardTitle: 'T', cardMarkdown: 'M', cardStyle: 'single', cardSingleTitle: 'Open', cardSingleUrl: 'https://a.cn' })),
				node(
					'Buttons',
					textSend({
						userIds: 'user123',
						messageType: 'action_card',
						cardMarkdown: 'Approve?',
						cardStyle: 'buttons',
						cardButtonOrientation: '1',
						cardButtons: { button: [{ title: 'Yes', actionUrl: 'https://y.cn' }, { title: 'No', actionUrl: 'https://n.cn' }] },
					}),
				),
				node('Image', textSend({ userIds: 'user123', messageType: 'image', mediaId: '@lADOADmaWMzazQKA' })),
				node('JSON', textSend({ userIds: 'user123', sendTo: 'departments', deptIds: '421897262', messageInput: 'json', msgJson: '{"msgtype":"file","file":{"media_id":"@lAzPDe7s"}}' })),
				node('Everyone', textSend({ sendTo: 'everyone', textContent: 'To everyone' })),
			]),
			workflow('dtBadStop', [node('Send', textSend({ userIds: '={{ $json.n === 2 ? "" : $json.user }}' }))], items(3, 'bad')),
			workflow('dtBadContinue', [
				node('Empty Users', textSend({ userIds: '={{ $json.nobody }}' }), { continueOnFail: true }),
				node('Unknown Type', textSend({ userIds: 'user123', messageInput: 'json', msgJson: '{"msgtype":"sms","sms":{"content":"x"}}' }), { continueOnFail: true }),
				node(
					'Bad Card',
					{
						resource: 'interopMessage',
						operation: 'send',
						sender: DINGTALK_DEMO.impaasSender,
						cid: DINGTALK_DEMO.impaasCid,
						messageId: '1',
						contentType: 2,
						contentInput: 'json',
						contentJson: '{"title": "Card",',
					},
					{ continueOnFail: true },
				),
			]),
			workflow('dtBadSecret', [node('Send', textSend(), { credentials: { dingTalkApi: BAD } })], items(1, 'secret')),
		]);
	});

	afterAll(async () => {
		n8n?.dispose();
		await sim?.stop();
	});

	beforeEach(() => {
		sim.clear({ keepTokens: true });
		Object.assign(sim.settings, structuredClone(DINGTALK_DEFAULT_SETTINGS));
	});

	it('25 items over two executions cost one token exchange; the token and its expiry are stored', async () => {
		const first = await n8n.run('dtSend25');
		const second = await n8n.run('dtSend25');
		expect(first.status).toBe('success');
		expect(second.status).toBe('success');
		const out = jsonOf(first, 'Send');
		expect(out).toHaveLength(25);
		expect(out.every((o) => typeof o.task_id === 'number' && o.agent_id === DINGTALK_DEMO.agentId)).toBe(true);
		expect(itemsOf(first, 'Send').map((i) => i.pairedItem)).toEqual(Array.from({ length: 25 }, (_, k) => ({ item: k })));
		expect(sim.recordsOf(R.asyncsend)).toHaveLength(50);
		expect(tokenCalls()).toBe(1);
		const stored = await n8n.credential(CRED.id);
		expect(sim.tokens.check(stored.accessToken)).toBe('ok');
		expect(Number(stored.expiresAt)).toBeGreaterThan(Date.now() + 3600_000);
		await expectNoSecret(first);
	});

	it('a token refused with 40014 is renewed once for all concurrent items, and each item is sent once', async () => {
		await n8n.run('dtSend5'); // make sure a token is stored
		sim.clear({ keepTokens: true });
		sim.tokens.revokeAll();
		const run = await n8n.run('dtSend5');
		expect(run.status).toBe('success');
		expect(tokenCalls()).toBe(1);
		expect(sim.rejections.filter((r) => (r.body as Params).errcode === 40014).length).toBeGreaterThan(0);
		expect(contents().sort()).toEqual(['Notice renew 1', 'Notice renew 2', 'Notice renew 3', 'Notice renew 4', 'Notice renew 5']);
	});

	it('a token refused in the gateway form 88 / sub_code 40014 is renewed too', async () => {
		sim.settings.tokenErrorStyle = '88';
		sim.tokens.revokeAll();
		const run = await n8n.run('dtSend5');
		expect(run.status).toBe('success');
		expect(sim.rejections.some((r) => (r.body as Params).errcode === 88 && (r.body as Params).sub_code === '40014')).toBe(true);
		expect(tokenCalls()).toBe(1);
		expect(contents()).toHaveLength(5);
		expect(new Set(contents()).size).toBe(5);
		const stored = await n8n.credential(CRED.id);
		expect(sim.tokens.check(stored.accessToken)).toBe('ok');
	});

	it('200 items under a DingTalk rate limit below the node\'s rate: retried, every message delivered exactly once, no error', async () => {
		sim.rate.qps = 12; // the node runs at its default 20 per second
		const limitedBefore = sim.rate.limited;
		const run = await n8n.run('dtBatch200');
		expect(run.status).toBe('success');
		expect(sim.rate.limited - limitedBefore).toBeGreaterThan(0);
		const sent = contents();
		expect(sent).toHaveLength(200);
		expect(new Set(sent).size).toBe(200);
		const out = jsonOf(run, 'Send');
		expect(out).toHaveLength(200);
		expect(out.filter((o) => o.error !== undefined)).toEqual([]);
		expect(new Set(out.map((o) => o.task_id)).size).toBe(200);
		expect(itemsOf(run, 'Send').map((i) => (i.pairedItem as { item: number }).item)).toEqual(Array.from({ length: 200 }, (_, k) => k));
	});

	it('tracks an OA notification: progress, result lists, status bar, one item per user', async () => {
		const run = await n8n.run('dtTracking');
		expect(run.status).toBe('success');
		const [sent] = jsonOf(run, 'Send OA');
		const taskId = sent.task_id as number;
		const record = sim.recordsOf(R.asyncsend)[0].payload;
		expect(record.userid_list).toEqual(['manager4220', 'user123']);
		expect(record.msg).toEqual({
			msgtype: 'oa',
			oa: {
				message_url: 'https://oa.example.cn/leave/1',
				head: { bgcolor: 'FFBBBBBB', text: 'Leave' },
				status_bar: { status_value: '待审批', status_bg: '0xFFF65E5E' },
				body: { title: 'Leave request', form: [{ key: 'Name:', value: 'Zhang San' }] },
			},
		});
		expect(jsonOf(run, 'Progress')).toEqual([
			expect.objectContaining({ task_id: taskId, progress_in_percent: 0, status: 0, statusText: 'not started', done: false }),
		]);
		expect(jsonOf(run, 'Result')).toEqual([
			expect.objectContaining({ task_id: taskId, unread_user_id_list: ['manager4220', 'user123'], read_user_id_list: [], failed_user_id_list: [] }),
		]);
		expect(jsonOf(run, 'Status Bar')).toEqual([expect.objectContaining({ task_id: taskId, status_value: '已同意', updated: true })]);
		expect(sim.task(taskId)?.statusBar).toEqual({ status_value: '已同意', status_bg: '0xFF78C06E' });
		expect(jsonOf(run, 'Per User')).toEqual([
			{ task_id: taskId, userid: 'manager4220', status: 'read' },
			{ task_id: taskId, userid: 'user123', status: 'read' },
		]);
	});

	it('sends from a template, recalls it, and sends interop text and card messages with every documented field', async () => {
		const run = await n8n.run('dtTemplateInterop');
		expect(run.status).toBe('success');
		const [tpl] = jsonOf(run, 'Template');
		expect(sim.recordsOf(R.sendbytemplate)[0].payload).toMatchObject({
			template_id: DINGTALK_DEMO.templateId,
			userid_list: ['user123'],
			dept_id_list: [421897262],
			data: { name: '淘宝6', name2: 'http://www.taobao.com' },
		});
		expect(jsonOf(run, 'Recall')).toEqual([{ agent_id: DINGTALK_DEMO.agentId, task_id: tpl.task_id, recalled: true }]);
		expect(sim.task(tpl.task_id as number)?.recalled).toBe(true);
		const [text, card] = sim.recordsOf(R.impaasSend).map((r) => r.payload);
		expect(text).toMatchObject({
			sender: '1001@domain',
			message_id: '321443',
			send_message_model: { conversation_type: 1, content_type: 1, content: '{"content":"test"}', cid: DINGTALK_DEMO.impaasCid },
			actual_receivers: ['uid1', 'uid2'],
			new_conversation_notification_off: true,
		});
		expect(card).toMatchObject({
			message_id: '321444',
			send_message_model: { conversation_type: 2, uuid: 'fdsfdfd', content_type: 2, content: '{"title":"Card","body":"Hello"}' },
			new_conversation_notification_off: false,
		});
		expect(jsonOf(run, 'Interop Text')[0]).toMatchObject({ sent: true, message_id: '321443', uuid: expect.any(String) });
	});

	it('sends link, Markdown, action card (both styles), image, JSON and to-everyone notifications as DingTalk documents them', async () => {
		const run = await n8n.run('dtTypes');
		expect(run.status).toBe('success');
		const msgs = sim.recordsOf(R.asyncsend).map((r) => r.payload.msg);
		expect(msgs).toEqual([
			{ msgtype: 'link', link: { messageUrl: 'https://a.cn', picUrl: '@lALOACZwe2Rk', title: 'T', text: 'X' } },
			{ msgtype: 'markdown', markdown: { title: 'T', text: '# Hello' } },
			{ msgtype: 'action_card', action_card: { title: 'T', markdown: 'M', single_title: 'Open', single_url: 'https://a.cn' } },
			{
				msgtype: 'action_card',
				action_card: { markdown: 'Approve?', btn_orientation: '1', btn_json_list: [{ title: 'Yes', action_url: 'https://y.cn' }, { title: 'No', action_url: 'https://n.cn' }] },
			},
			{ msgtype: 'image', image: { media_id: '@lADOADmaWMzazQKA' } },
			{ msgtype: 'file', file: { media_id: '@lAzPDe7s' } },
			{ msgtype: 'text', text: { content: 'To everyone' } },
		]);
		const records = sim.recordsOf(R.asyncsend).map((r) => r.payload);
		expect(records[5]).toMatchObject({ dept_id_list: [421897262], userid_list: [] });
		expect(records[6]).toMatchObject({ to_all_user: true, delivered: DINGTALK_DEMO.userIds });
	});

	it('bad input stops the run before anything is sent and names the item and field', async () => {
		const run = await n8n.run('dtBadStop');
		expect(run.status).toBe('error');
		expect(String(run.error?.message)).toContain('Item 2, field "User Names or IDs": is empty');
		expect(topapiCalls()).toBe(0);
	});

	it('an empty receiver list, an unknown message type and malformed card JSON are refused with nothing sent', async () => {
		const run = await n8n.run('dtBadContinue');
		expect(run.status).toBe('success');
		expect(String(jsonOf(run, 'Empty Users')[0].error)).toContain('field "User Names or IDs": is empty');
		expect(String(jsonOf(run, 'Unknown Type')[0].error)).toContain('field "Message (JSON)": has the unknown message type "sms"');
		expect(String(jsonOf(run, 'Bad Card')[0].error)).toContain('field "Content (JSON)": is not valid JSON');
		expect(itemsOf(run, 'Bad Card')[0].pairedItem).toEqual({ item: 0 });
		expect(topapiCalls()).toBe(0);
		expect(sim.records).toHaveLength(0);
	});

	it('no permission (88 / 60011) becomes a clear error naming the permission, with no secret in the output', async () => {
		sim.settings.permissionDenied = true;
		const run = await n8n.run('dtSend5');
		expect(run.status).toBe('error');
		const error = JSON.stringify(run.error);
		expect(error).toContain('DingTalk error 88, sub_code 60011: The application has no permission to call this API');
		expect(error).toContain('没有调用该接口的权限');
		expect(error).toContain('qyapi_base');
		expect(sim.records).toHaveLength(0);
		await expectNoSecret(run);
	});

	it('a wrong AppSecret fails the (new-API) token exchange clearly, without the secret in the output', async () => {
		const run = await n8n.run('dtBadSecret');
		expect(run.status).toBe('error');
		expect(JSON.stringify(run.error ?? run.output)).toContain('invalidClientIdOrSecret');
		expect(topapiCalls()).toBe(0);
		await expectNoSecret(run);
	});
});
