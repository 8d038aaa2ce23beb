import type { IDataObject } from 'n8n-workflow';
import { createDingTalkSim, DINGTALK_DEFAULT_SETTINGS, DINGTALK_DEMO, DINGTALK_ROUTES } from '../sim/dingtalk';
import type { DingTalkSim } from '../sim/dingtalk';
import { DINGTALK_APP_ROUTES, DINGTALK_APPS_DEMO } from '../sim/dingtalk-apps';
import { expectSuccess, itemsOf, jsonOf, N8nHarness, workflow } from './harness';
import type { NodeSpec, RunResult } from './harness';

/** App robot, todo, the third-party app token, the token on both hosts and the interop model encoding, in a real n8n. */
const CRED = { id: 'dtAppsCred01', name: 'DingTalk (simulator)' };
const CLASSIC = { id: 'dtAppsClassic1', name: 'DingTalk classic token (simulator)' };
const ISV = { id: 'dtAppsIsv0001', name: 'DingTalk third-party (simulator)' };
const BAD = { id: 'dtAppsBad0001', name: 'DingTalk wrong secret' };
const WRONG = ['wrong', 'app', 'secret', 'Qv71'].join('-');
const A = DINGTALK_APP_ROUTES;
const D = DINGTALK_APPS_DEMO;
const unionOf = (userid: string) => D.people.find((p) => p.userid === userid)!.unionid;

const node = (name: string, parameters: IDataObject, extra: Partial<NodeSpec> = {}): NodeSpec => ({
	name,
	type: 'dingTalk',
	parameters,
	credentials: { dingTalkApi: CRED },
	...extra,
});
const withCred = (cred: { id: string; name: string }) => ({ credentials: { dingTalkApi: cred } });
const user = (id: string) => ({ __rl: true, mode: 'id', value: id });
const robotText = (extra: IDataObject = {}): IDataObject => ({
	resource: 'appRobot',
	operation: 'sendToUsers',
	userIds: 'manager4220, user123',
	robotMessageInput: 'fields',
	robotMessageType: 'text',
	robotContent: '={{ "Alert " + ($json.n ?? 1) }}',
	...extra,
});
const templateSend: IDataObject = {
	resource: 'workNotification',
	operation: 'sendFromTemplate',
	agentId: String(DINGTALK_DEMO.agentId),
	templateId: DINGTALK_DEMO.templateId,
	sendTo: 'users',
	userIds: 'user123',
	variablesInput: 'json',
	variablesJson: '{"name":"淘宝6"}',
};
const workSend: IDataObject = {
	resource: 'workNotification',
	operation: 'send',
	agentId: String(DINGTALK_DEMO.agentId),
	sendTo: 'users',
	userIds: 'user456',
	messageInput: 'fields',
	messageType: 'text',
	textContent: 'Work notification',
};
const interop = (encoding?: string): IDataObject => ({
	resource: 'interopMessage',
	operation: 'send',
	sender: DINGTALK_DEMO.impaasSender,
	cid: DINGTALK_DEMO.impaasCid,
	messageId: encoding ?? 'default',
	contentType: 1,
	contentInput: 'fields',
	text: 'test',
	muteNotification: '={{ "true" }}',
	options: encoding ? { modelEncoding: encoding } : {},
});

describe('DingTalk app robot, todo and app credentials in a real n8n', () => {
	let sim: DingTalkSim;
	let n8n: N8nHarness;
	const v1Calls = () => sim.calls.filter((c) => c.path.startsWith('/v1.0/') && c.path !== '/v1.0/oauth2/accessToken');
	const error = (run: RunResult, name: string) => String(jsonOf(run, name)[0]?.error ?? '');

	beforeAll(async () => {
		sim = createDingTalkSim();
		const url = await sim.start();
		const internal = { baseUrl: url, apiBaseUrl: url, appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret };
		n8n = await N8nHarness.create('dingtalk-apps');
		await n8n.importCredentials([
			{ ...CRED, type: 'dingTalkApi', data: internal },
			{ ...CLASSIC, type: 'dingTalkApi', data: { ...internal, authEndpoint: 'classic' } },
			{ ...BAD, type: 'dingTalkApi', data: { ...internal, appSecret: WRONG } },
			{
				...ISV,
				type: 'dingTalkApi',
				data: { appType: 'thirdParty', baseUrl: url, apiBaseUrl: url, suiteKey: D.suiteKey, suiteSecret: D.suiteSecret, suiteTicket: 'TestSuiteTicket', authCorpId: D.authCorpId },
			},
		]);
		const firstKey = "={{ $('Send to Users').first().json.processQueryKey }}";
		const groupKey = "={{ $('Send to Group').first().json.processQueryKey }}";
		// Each item follows its own todo: every todo node answers with the todo's id.
		const todoId = '={{ $json.id }}';
		const operator = user('manager4220');
		await n8n.importWorkflows([
			workflow('dtaRobot', [
				node('Send to Users', robotText({ robotContent: 'Ward 3 needs a nurse' })),
				node('Read Status', { resource: 'appRobot', operation: 'getReadStatus', processQueryKey: firstKey, output: 'one' }),
				node('Read Again', { resource: 'appRobot', operation: 'getReadStatus', processQueryKey: firstKey, output: 'one' }),
				node('Send to Group', {
					resource: 'appRobot',
					operation: 'sendToGroup',
					openConversationId: D.groupId,
					robotMessageInput: 'fields',
					robotMessageType: 'markdown',
					robotTitle: 'Daily report',
					robotMarkdown: '### Beds\n- free: 3',
				}),
				node('Cool App Card', {
					resource: 'appRobot',
					operation: 'sendToGroup',
					openConversationId: D.coolGroupId,
					robotMessageInput: 'fields',
					robotMessageType: 'actionCard',
					robotTitle: 'Approve?',
					robotMarkdown: 'Leave request',
					robotCardStyle: 'vertical',
					robotCardButtons: { button: [{ title: 'Yes', url: 'https://y.cn' }, { title: 'No', url: 'https://n.cn' }, { title: 'Later', url: 'https://l.cn' }] },
					options: { coolAppCode: D.coolAppCode },
				}),
				node('JSON Message', robotText({ userIds: 'user456', robotMessageInput: 'json', robotMsgKey: 'sampleActionCard6', robotMsgParam: '{"title":"T","text":"X","buttonTitle1":"A","buttonUrl1":"https://a.cn","buttonTitle2":"B","buttonUrl2":"https://b.cn"}' })),
				node('Recall Users', { resource: 'appRobot', operation: 'recall', sentTo: 'users', processQueryKeys: firstKey }),
				node('Recall Group', { resource: 'appRobot', operation: 'recall', sentTo: 'group', openConversationId: D.groupId, processQueryKeys: groupKey }),
				node('After Recall', { resource: 'appRobot', operation: 'getReadStatus', processQueryKey: firstKey, output: 'perUser' }),
			]),
			workflow(
				'dtaRobotMany',
				[node('Send', robotText({ userIds: '={{ $json.user }}' }))],
				Array.from({ length: 8 }, (_, k) => ({ n: k + 1, user: ['manager4220', 'user123', 'user456'][k % 3] })),
			),
			workflow(
				'dtaTodo',
				[
					node('Create', {
						resource: 'todo',
						operation: 'create',
						operator,
						subject: '={{ "Check ward " + $json.n }}',
						executorIds: ['user123', 'user456'],
						additionalFields: {
							description: 'Bed linen and drips',
							dueTime: '2031-05-01T09:00:00+08:00',
							participantIds: '0147282552401293909',
							appUrl: 'https://oa.example.cn/m/1',
							pcUrl: 'https://oa.example.cn/1',
							priority: 30,
							dingNotify: true,
							sourceId: '={{ "ward-" + $json.n }}',
						},
					}),
					node('Get', { resource: 'todo', operation: 'get', operator, taskId: todoId }),
					node('Update', { resource: 'todo', operation: 'update', operator, taskId: todoId, updateFields: { subject: 'Check ward 1 again', executorIds: 'user123' } }),
					node('Complete One', { resource: 'todo', operation: 'complete', operator, taskId: todoId, completeFor: 'executor', executor: user('user123') }),
					node('Complete All', { resource: 'todo', operation: 'complete', operator, taskId: todoId, completeFor: 'all' }),
					node('Delete', { resource: 'todo', operation: 'delete', operator, taskId: todoId }),
				],
				[{ n: 1 }, { n: 2 }, { n: 3 }],
			),
			workflow('dtaRefused', [
				node('Too Many', robotText({ userIds: Array.from({ length: 21 }, (_, k) => `u${k}`).join(',') }), { continueOnFail: true }),
				node('Unknown Key', robotText({ robotMessageInput: 'json', robotMsgKey: 'sampleSms', robotMsgParam: '{"content":"x"}' }), { continueOnFail: true }),
				node('Ghost Executor', { resource: 'todo', operation: 'create', operator, subject: 'x', executorIds: 'user123, ghost' }, { continueOnFail: true }),
				node('Unknown Group', { resource: 'appRobot', operation: 'sendToGroup', openConversationId: 'cidNoSuchGroup==', robotMessageInput: 'fields', robotMessageType: 'text', robotContent: 'x' }, { continueOnFail: true }),
				node('Template Internal', templateSend, { continueOnFail: true }),
				node('Robot Third-Party', robotText(), { continueOnFail: true, ...withCred(ISV) }),
			]),
			workflow('dtaThirdParty', [node('Template', templateSend, withCred(ISV)), node('Work', workSend, withCred(ISV))]),
			workflow('dtaClassic', [node('Robot', robotText(), { continueOnFail: true, ...withCred(CLASSIC) }), node('Work', workSend, withCred(CLASSIC))]),
			workflow('dtaInterop', [node('Object', interop(), { continueOnFail: true }), node('Text', interop('text'), { continueOnFail: true })]),
			workflow('dtaBadSecret', [node('Send', robotText(), withCred(BAD))]),
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

	it('app robot: sends to users and groups, reads status, recalls both kinds; one token in the header for every /v1.0 call', async () => {
		const run = await n8n.run('dtaRobot');
		expectSuccess(run);
		const [sent] = jsonOf(run, 'Send to Users');
		expect(sent).toMatchObject({ robotCode: DINGTALK_DEMO.appKey, userIds: ['manager4220', 'user123'], msgKey: 'sampleText', invalidStaffIdList: [] });
		expect(String(sent.processQueryKey)).toMatch(/[+/]/);
		expect(sim.recordsOf(A.robotOtoSend)[0].payload).toMatchObject({ msgKey: 'sampleText', msgParam: { content: 'Ward 3 needs a nurse' }, delivered: ['manager4220', 'user123'] });
		// The Base64 key travelled URL-encoded (the simulator finds it), read on the second call.
		expect(jsonOf(run, 'Read Status')).toEqual([
			expect.objectContaining({
				processQueryKey: sent.processQueryKey,
				sendStatus: 'SUCCESS',
				readCount: 0,
				unreadCount: 2,
				messageReadInfoList: [
					{ name: '张三', userId: 'manager4220', readStatus: 'UNREAD' },
					{ name: '李四', userId: 'user123', readStatus: 'UNREAD' },
				],
			}),
		]);
		expect(jsonOf(run, 'Read Again')[0]).toMatchObject({ sendStatus: 'SUCCESS', readCount: 2, unreadCount: 0 });
		const groups = sim.recordsOf(A.robotGroupSend).map((r) => r.payload);
		expect(groups[0]).toMatchObject({ openConversationId: D.groupId, msgKey: 'sampleMarkdown', msgParam: { title: 'Daily report', text: '### Beds\n- free: 3' } });
		expect(groups[1]).toMatchObject({
			coolAppCode: D.coolAppCode,
			msgKey: 'sampleActionCard3',
			msgParam: { actionTitle1: 'Yes', actionURL1: 'https://y.cn', actionTitle3: 'Later', actionURL3: 'https://l.cn' },
		});
		expect(sim.recordsOf(A.robotOtoSend)[1].payload).toMatchObject({ msgKey: 'sampleActionCard6', msgParam: { buttonUrl2: 'https://b.cn' } });
		expect(jsonOf(run, 'Recall Users')[0]).toMatchObject({ recalled: true, successResult: [sent.processQueryKey] });
		expect(jsonOf(run, 'Recall Group')[0]).toMatchObject({ recalled: true, openConversationId: D.groupId });
		expect(jsonOf(run, 'After Recall')).toEqual([
			{ processQueryKey: sent.processQueryKey, sendStatus: 'RECALLED', name: '张三', userId: 'manager4220', readStatus: 'UNREAD' },
			{ processQueryKey: sent.processQueryKey, sendStatus: 'RECALLED', name: '李四', userId: 'user123', readStatus: 'UNREAD' },
		]);
		expect(sim.rejections).toEqual([]);
		expect(v1Calls().every((c) => c.query.access_token === undefined)).toBe(true);
		expect(sim.callsTo(DINGTALK_ROUTES.gettoken)).toHaveLength(0);
		expect(sim.callsTo(A.v1Token).length).toBeLessThanOrEqual(1);
	});

	it('a refused new-API token (400 InvalidAuthentication) is renewed once; a 403 QPS limit is waited out; each message sent once', async () => {
		await n8n.run('dtaRobotMany');
		sim.clear({ keepTokens: true });
		sim.tokens.revokeAll();
		const renewed = await n8n.run('dtaRobotMany');
		expectSuccess(renewed);
		expect(sim.callsTo(A.v1Token)).toHaveLength(1);
		expect(sim.rejections.some((r) => r.code === 'InvalidAuthentication')).toBe(true);
		expect(sim.recordsOf(A.robotOtoSend).map((r) => (r.payload.msgParam as IDataObject).content).sort()).toEqual(Array.from({ length: 8 }, (_, k) => `Alert ${k + 1}`).sort());

		sim.clear({ keepTokens: true });
		sim.rate.qps = 3;
		const limited = await n8n.run('dtaRobotMany');
		expectSuccess(limited);
		expect(sim.rejections.some((r) => r.code === 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi')).toBe(true);
		const contents = sim.recordsOf(A.robotOtoSend).map((r) => (r.payload.msgParam as IDataObject).content);
		expect(new Set(contents).size).toBe(8);
		expect(contents).toHaveLength(8);
		expect(itemsOf(limited, 'Send').map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
	});

	it('todo: create (three items), get, update, complete for one executor and for all, delete; people travel as union IDs, looked up once per execution', async () => {
		const run = await n8n.run('dtaTodo');
		expectSuccess(run);
		const created = jsonOf(run, 'Create');
		expect(created).toHaveLength(3);
		const first = sim.recordsOf(A.todoCreate)[0].payload;
		expect(first).toMatchObject({
			unionId: unionOf('manager4220'),
			operatorId: unionOf('manager4220'),
			creatorId: unionOf('manager4220'),
			subject: 'Check ward 1',
			description: 'Bed linen and drips',
			dueTime: Date.parse('2031-05-01T01:00:00Z'),
			executorIds: [unionOf('user123'), unionOf('user456')],
			participantIds: [unionOf('0147282552401293909')],
			detailUrl: { appUrl: 'https://oa.example.cn/m/1', pcUrl: 'https://oa.example.cn/1' },
			priority: 30,
			notifyConfigs: { dingNotify: '1' },
			sourceId: 'ward-1',
		});
		expect(created[0]).toMatchObject({ id: first.id, operatorUserId: 'manager4220', executorUserIds: ['user123', 'user456'] });
		// 4 people in the Create node's 3 items: 4 lookups, not 12.
		const lookups = sim.recordsOf(A.userGet).map((r) => r.payload.userid);
		expect(lookups.slice(0, 4).sort()).toEqual(['0147282552401293909', 'manager4220', 'user123', 'user456']);
		expect(jsonOf(run, 'Get').map((t) => [t.id, t.subject, t.done])).toEqual(created.map((t, k) => [t.id, `Check ward ${k + 1}`, false]));
		const updates = sim.recordsOf(A.todoUpdate).map((r) => r.payload);
		expect(updates.filter((u) => u.subject === 'Check ward 1 again' && (u.executorIds as string[]).join() === unionOf('user123'))).toHaveLength(3);
		expect(sim.recordsOf(A.todoExecutorStatus).map((r) => r.payload.executorStatusList)).toEqual(Array(3).fill([{ id: unionOf('user123'), isDone: true }]));
		expect(updates.filter((u) => u.done === true).map((u) => u.taskId).sort()).toEqual(created.map((t) => t.id).sort());
		expect(jsonOf(run, 'Complete All').map((t) => t.completedFor)).toEqual(['all', 'all', 'all']);
		expect(jsonOf(run, 'Delete')).toEqual(created.map((t) => ({ id: t.id, deleted: true, requestId: expect.any(String) })));
		for (const t of created) {
			expect(sim.apps.todos.get(String(t.id))).toMatchObject({ done: true, deleted: true, executorDone: { [unionOf('user123')]: true } });
		}
		expect(sim.rejections).toEqual([]);
	});

	it('refuses before sending: 21 robot users, an unknown message key, an unknown executor, a template with an internal app, a robot with a third-party app', async () => {
		const run = await n8n.run('dtaRefused');
		expectSuccess(run);
		expect(error(run, 'Too Many')).toContain('field "User Names or IDs": has 21 user IDs; DingTalk allows at most 20');
		expect(error(run, 'Unknown Key')).toContain('field "Message Parameters (JSON)": "sampleSms" is not one of');
		expect(error(run, 'Ghost Executor')).toContain('Item 1, field "Executor Names or IDs": DingTalk knows no user "ghost"');
		expect(error(run, 'Unknown Group')).toContain('DingTalk error invalid.openConversationId');
		expect(error(run, 'Template Internal')).toContain('field "Credential": Send From Template needs a DingTalk API credential with App Type "Third-Party Enterprise App"');
		expect(error(run, 'Robot Third-Party')).toContain('App Robot > Send to Users needs a DingTalk API credential with App Type "Internal App"');
		expect(sim.recordsOf(A.robotOtoSend)).toHaveLength(0);
		expect(sim.recordsOf(A.todoCreate)).toHaveLength(0);
		expect(sim.recordsOf(DINGTALK_ROUTES.sendbytemplate)).toHaveLength(0);
		expect(sim.callsTo(A.corpToken)).toHaveLength(0);
	});

	it('a third-party app gets its token from get_corp_token (signed) and sends from a template and a work notification', async () => {
		const run = await n8n.run('dtaThirdParty');
		expectSuccess(run);
		expect(sim.rejections).toEqual([]);
		expect(sim.callsTo(A.corpToken)).toHaveLength(1);
		expect(sim.recordsOf(DINGTALK_ROUTES.sendbytemplate)[0].payload).toMatchObject({ appKey: `isv:${D.suiteKey}:${D.authCorpId}`, userid_list: ['user123'], data: { name: '淘宝6' } });
		expect(sim.recordsOf(DINGTALK_ROUTES.asyncsend)[0].payload).toMatchObject({ appKey: `isv:${D.suiteKey}:${D.authCorpId}` });
	});

	it('Access Token From "Classic": the /gettoken token serves oapi; api.dingtalk.com takes it only where it is accepted (simulator setting)', async () => {
		const strict = await n8n.run('dtaClassic');
		expectSuccess(strict);
		expect(error(strict, 'Robot')).toContain('DingTalk error InvalidAuthentication');
		expect(error(strict, 'Robot')).not.toContain(DINGTALK_DEMO.appSecret);
		expect(jsonOf(strict, 'Work')[0].task_id).toEqual(expect.any(Number));
		expect(sim.recordsOf(A.robotOtoSend)).toHaveLength(0);
		sim.clear({ keepTokens: true });
		sim.settings.classicTokenOnNewApi = true;
		const lenient = await n8n.run('dtaClassic');
		expect(jsonOf(lenient, 'Robot')[0]).toMatchObject({ processQueryKey: expect.any(String) });
		expect(sim.callsTo(A.v1Token)).toHaveLength(0);
	});

	it('interop model: a nested object by default, JSON text as the option; the simulator takes only its reading (both tested)', async () => {
		const objectReading = await n8n.run('dtaInterop');
		expect(jsonOf(objectReading, 'Object')[0]).toMatchObject({ sent: true });
		expect(error(objectReading, 'Text')).toContain('DingTalk error 400402');
		expect(sim.recordsOf(DINGTALK_ROUTES.impaasSend)[0].payload).toMatchObject({ message_id: 'default', new_conversation_notification_off: true });
		sim.clear({ keepTokens: true });
		sim.settings.impaasModelAs = 'text';
		const textReading = await n8n.run('dtaInterop');
		expect(error(textReading, 'Object')).toContain('DingTalk error 400402');
		expect(jsonOf(textReading, 'Text')[0]).toMatchObject({ sent: true });
		expect(sim.recordsOf(DINGTALK_ROUTES.impaasSend).map((r) => r.payload.message_id)).toEqual(['text']);
	});

	it('a wrong AppSecret fails the new-API token exchange clearly, without the secret', async () => {
		const run = await n8n.run('dtaBadSecret');
		expect(run.status).toBe('error');
		const text = JSON.stringify(run.error ?? run.output);
		expect(text).toContain('invalidClientIdOrSecret');
		expect(run.output).not.toContain(WRONG);
		expect(v1Calls()).toHaveLength(0);
	});
});
