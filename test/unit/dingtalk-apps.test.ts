import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { ItemFields } from '../../nodes/common/validation';
import { resources } from '../../nodes/DingTalk/actions';
import { MSG_KEYS } from '../../nodes/DingTalk/actions/appRobot/message';
import { dingTalkClient } from '../../nodes/DingTalk/transport';
import { authenticateRequest, corpTokenSignature } from '../../nodes/DingTalk/transport/token';
import { judgeV1 } from '../../nodes/DingTalk/transport/v1';
import { MSG_KEYS as SIM_MSG_KEYS } from '../sim/dingtalk-approbot';
import { corpSignature } from '../sim/dingtalk-org';
import type { Operation } from '../../nodes/common/run';

const node: INode = { id: 'n1', name: 'DingTalk', type: 'n8n-nodes-cn-messaging.dingTalk', typeVersion: 1, position: [0, 0], parameters: {} };
const INTERNAL = { appType: 'internal', appKey: 'dingdemo7x3kq9appkey' };
const THIRD_PARTY = { appType: 'thirdParty', suiteKey: 's' };

function fields(params: IDataObject): ItemFields {
	return new ItemFields(
		{
			getNode: () => node,
			getTimezone: () => 'Asia/Shanghai',
			getNodeParameter: (name: string, _i: number, fallback?: unknown) => {
				let v: unknown = params;
				for (const part of name.split('.')) v = v && typeof v === 'object' ? (v as IDataObject)[part] : undefined;
				return v === undefined ? fallback : v;
			},
		},
		0,
	);
}

async function prepare(resource: 'appRobot' | 'todo', operation: string, params: IDataObject, credentials: IDataObject = INTERNAL): Promise<IDataObject> {
	const ctx = { getCredentials: async () => credentials } as unknown as IExecuteFunctions;
	return (await (resources[resource].operations[operation] as Operation).prepare.call(ctx, fields(params))) as IDataObject;
}

const robot = (params: IDataObject, credentials?: IDataObject) =>
	prepare('appRobot', 'sendToUsers', { userIds: 'manager4220', robotMessageInput: 'fields', ...params }, credentials);
const param = (r: IDataObject) => JSON.parse(String(r.msgParam)) as IDataObject;

describe('DingTalk App Robot: prepare', () => {
	it('builds msgKey and msgParam (JSON text) for every type from fields; the robot code defaults to the AppKey', async () => {
		const text = await robot({ robotMessageType: 'text', robotContent: 'hello' });
		expect(text).toEqual({ robotCode: INTERNAL.appKey, userIds: ['manager4220'], msgKey: 'sampleText', msgParam: '{"content":"hello"}' });
		expect(param(await robot({ robotMessageType: 'markdown', robotTitle: 'T', robotMarkdown: '# x' }))).toEqual({ title: 'T', text: '# x' });
		expect((await robot({ robotMessageType: 'image', robotPhotoUrl: '@lADO' })).msgKey).toBe('sampleImageMsg');
		expect(param(await robot({ robotMessageType: 'link', robotTitle: 'T', robotLinkText: 'X', robotLinkUrl: 'https://a.cn', robotPicUrl: '@lALO' }))).toEqual({
			title: 'T',
			text: 'X',
			messageUrl: 'https://a.cn',
			picUrl: '@lALO',
		});
		const single = await robot({ robotMessageType: 'actionCard', robotTitle: 'T', robotMarkdown: 'M', robotCardStyle: 'single', robotSingleTitle: 'Open', robotSingleUrl: 'https://a.cn' });
		expect([single.msgKey, param(single)]).toEqual(['sampleActionCard', { title: 'T', text: 'M', singleTitle: 'Open', singleURL: 'https://a.cn' }]);
		const rows = (n: number) => ({ button: Array.from({ length: n }, (_, k) => ({ title: `B${k + 1}`, url: `https://b${k + 1}.cn` })) });
		for (const n of [2, 3, 4, 5]) {
			const card = await robot({ robotMessageType: 'actionCard', robotTitle: 'T', robotMarkdown: 'M', robotCardStyle: 'vertical', robotCardButtons: rows(n) });
			expect(card.msgKey).toBe(`sampleActionCard${n}`);
			expect(param(card)[`actionURL${n}`]).toBe(`https://b${n}.cn`);
		}
		const horizontal = await robot({ robotMessageType: 'actionCard', robotTitle: 'T', robotMarkdown: 'M', robotCardStyle: 'horizontal', robotCardButtons: rows(2) });
		expect([horizontal.msgKey, param(horizontal).buttonUrl2]).toEqual(['sampleActionCard6', 'https://b2.cn']);
		expect(param(await robot({ robotMessageType: 'audio', robotMediaId: '@IR', robotDurationMs: 3000 }))).toEqual({ mediaId: '@IR', duration: '3000' });
		expect(param(await robot({ robotMessageType: 'file', robotMediaId: '@lAz', robotFileName: '表格.xlsx', robotFileType: 'xlsx' }))).toEqual({ mediaId: '@lAz', fileName: '表格.xlsx', fileType: 'xlsx' });
		expect(param(await robot({ robotMessageType: 'video', robotMediaId: '$iQ', robotDurationS: 12, robotPicMediaId: '$ig' }))).toEqual({ videoMediaId: '$iQ', duration: '12', videoType: 'mp4', picMediaId: '$ig' });
		expect((await robot({ robotMessageType: 'text', robotContent: 'x', options: { robotCode: 'dingOther' } })).robotCode).toBe('dingOther');
	});

	it('the node and the simulator share no code but the same msgKey catalogue', () => {
		expect(MSG_KEYS).toEqual(SIM_MSG_KEYS);
	});

	it('refuses bad input before sending, naming the field', async () => {
		await expect(robot({ userIds: '', robotMessageType: 'text', robotContent: 'x' })).rejects.toThrow('field "User Names or IDs": is empty');
		await expect(robot({ userIds: Array.from({ length: 21 }, (_, k) => `u${k}`), robotMessageType: 'text', robotContent: 'x' })).rejects.toThrow('at most 20');
		await expect(robot({ robotMessageType: 'text', robotContent: '' })).rejects.toThrow('field "Content": is required');
		await expect(robot({ robotMessageType: 'actionCard', robotTitle: 'T', robotMarkdown: 'M', robotCardStyle: 'horizontal', robotCardButtons: { button: [{ title: 'a', url: 'https://a.cn' }] } })).rejects.toThrow(
			'field "Buttons": has 1 button; this style takes 2',
		);
		await expect(robot({ robotMessageType: 'actionCard', robotTitle: 'T', robotMarkdown: 'M', robotCardStyle: 'single', robotSingleTitle: 'x', robotSingleUrl: 'not a url' })).rejects.toThrow('field "Button URL"');
		await expect(robot({ robotMessageInput: 'json', robotMsgKey: 'sampleMarkdown', robotMsgParam: '{"title":"t"}' })).rejects.toThrow('sampleMarkdown needs "text"');
		await expect(robot({ robotMessageInput: 'json', robotMsgKey: 'feedCard', robotMsgParam: '{}' })).rejects.toThrow('is not one of DingTalk\'s robot message keys');
		await expect(robot({ robotMessageType: 'text', robotContent: 'x' }, THIRD_PARTY)).rejects.toThrow('field "Credential"');
		const big = 'x'.repeat(15001);
		await expect(
			prepare('appRobot', 'sendToGroup', { openConversationId: 'cid1', robotMessageInput: 'fields', robotMessageType: 'text', robotContent: big }),
		).rejects.toThrow('at most 15000 for a group message');
		expect((await robot({ robotMessageType: 'text', robotContent: big })).msgKey).toBe('sampleText');
	});

	it('JSON mode takes numbers as text; recall takes up to 20 keys, for users or a group', async () => {
		expect(param(await robot({ robotMessageInput: 'json', robotMsgKey: 'sampleAudio', robotMsgParam: { mediaId: '@a', duration: 900 } }))).toEqual({ mediaId: '@a', duration: '900' });
		const keys = Array.from({ length: 21 }, (_, k) => `k${k}==`);
		await expect(prepare('appRobot', 'recall', { sentTo: 'users', processQueryKeys: keys })).rejects.toThrow('at most 20');
		expect(await prepare('appRobot', 'recall', { sentTo: 'group', openConversationId: 'cid1', processQueryKeys: 'a+b/c==, d==' })).toEqual({
			robotCode: INTERNAL.appKey,
			keys: ['a+b/c==', 'd=='],
			openConversationId: 'cid1',
		});
		await expect(prepare('appRobot', 'recall', { sentTo: 'group', processQueryKeys: 'a' })).rejects.toThrow('field "Group Conversation ID"');
	});
});

describe('DingTalk Todo: prepare', () => {
	const operator = { __rl: true, mode: 'list', value: 'manager4220' };

	it('Create reads every documented field as DingTalk takes it (people stay userids until sending)', async () => {
		const r = await prepare('todo', 'create', {
			operator,
			subject: 'Check ward 3',
			executorIds: ['user123', 'user456', 'user123'],
			additionalFields: { description: 'd', dueTime: '2031-05-01 09:00:00', participantIds: 'x1', appUrl: 'https://a.cn', priority: 40, dingNotify: true, isOnlyShowExecutor: 'true', sourceId: 'T-1' },
		});
		expect(r).toEqual({
			operator: 'manager4220',
			executors: ['user123', 'user456'],
			participants: ['x1'],
			body: {
				subject: 'Check ward 3',
				description: 'd',
				dueTime: Date.parse('2031-05-01T01:00:00Z'),
				detailUrl: { appUrl: 'https://a.cn' },
				priority: 40,
				notifyConfigs: { dingNotify: '1' },
				isOnlyShowExecutor: true,
				sourceId: 'T-1',
			},
		});
	});

	it('refuses what DingTalk would refuse, and a third-party credential', async () => {
		await expect(prepare('todo', 'create', { operator, subject: 'x'.repeat(1025) })).rejects.toThrow('field "Subject": is 1025 characters long');
		await expect(prepare('todo', 'create', { operator: { mode: 'id', value: '' }, subject: 's' })).rejects.toThrow('field "Operator": is required');
		await expect(prepare('todo', 'create', { operator, subject: 's', additionalFields: { pcUrl: 'ftp://x' } })).rejects.toThrow('field "Detail URL (PC)"');
		await expect(prepare('todo', 'create', { operator, subject: 's', additionalFields: { priority: 50 } })).rejects.toThrow('field "Priority"');
		await expect(prepare('todo', 'update', { operator, taskId: 'OPJ1', updateFields: {} })).rejects.toThrow('field "Update Fields": is empty');
		await expect(prepare('todo', 'get', { operator, taskId: 'OPJ1' }, THIRD_PARTY)).rejects.toThrow('Todo > Get needs a DingTalk API credential with App Type "Internal App"');
		await expect(prepare('todo', 'complete', { operator, taskId: 'OPJ1', completeFor: 'executor', executor: { mode: 'id', value: 'a,b' } })).rejects.toThrow('is not one userid');
	});

	it('Update changes only the given fields; Complete is for all or for one executor', async () => {
		expect(await prepare('todo', 'update', { operator, taskId: ' OPJ1 ', updateFields: { done: false, executorIds: 'user123' } })).toEqual({
			operator: 'manager4220',
			taskId: 'OPJ1',
			body: { done: false },
			executors: ['user123'],
		});
		expect(await prepare('todo', 'complete', { operator, taskId: 'OPJ1', completeFor: 'all' })).toEqual({ operator: 'manager4220', taskId: 'OPJ1', executor: undefined });
		expect(await prepare('todo', 'complete', { operator, taskId: 'OPJ1', completeFor: 'executor', executor: { mode: 'id', value: 'user123' } })).toMatchObject({ executor: 'user123' });
	});
});

describe('DingTalk new-API answers and the token on two hosts', () => {
	const answer = (statusCode: number, body: unknown) => ({ statusCode, body, headers: {} });
	const robotUrl = '/v1.0/robot/oToMessages/batchSend';

	it('judges 2xx as success, InvalidAuthentication / 401 as a refused token, QPS limits and 429 as retry, the rest as errors', () => {
		expect(judgeV1(answer(200, { processQueryKey: 'k' }), robotUrl)).toEqual({ ok: true });
		expect(judgeV1(answer(400, { code: 'InvalidAuthentication', message: '不合法的access_token', requestid: 'r' }), robotUrl)).toMatchObject({ kind: 'token' });
		expect(judgeV1(answer(401, { code: 'Unauthorized', message: 'x' }), robotUrl)).toMatchObject({ kind: 'token' });
		for (const code of ['Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', 'Forbidden.AccessDenied.QpmLimitForAppkeyAndApi', 'Forbidden.AccessDenied.QpsLimitForApi']) {
			expect(judgeV1(answer(403, { code, message: 'x' }), robotUrl)).toMatchObject({ kind: 'retry', code });
		}
		expect(judgeV1(answer(429, { code: 'system.busy', message: '请求太频繁' }), robotUrl)).toMatchObject({ kind: 'retry' });
		expect(judgeV1(answer(400, { code: 'send.too.fast', message: 'x' }), robotUrl)).toMatchObject({ kind: 'retry' });
		expect(judgeV1(answer(500, { code: 'system.error', message: 'x' }), robotUrl)).toMatchObject({ kind: 'error' });
		expect(judgeV1(answer(400, { code: 'unknown.send.result', message: 'x' }), robotUrl)).toMatchObject({ kind: 'error' });
		expect(judgeV1(answer(403, { code: 'Forbidden.AccessDenied.ApiCountLimitForOrg', message: 'x' }), robotUrl)).toMatchObject({ kind: 'error' });
		expect(judgeV1(answer(403, { code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied', message: 'x' }), '/v1.0/todo/users/u/tasks')).toMatchObject({
			kind: 'error',
			hint: expect.stringContaining('Todo.Todo.Write'),
		});
		expect(judgeV1(answer(502, '<html>Bad gateway</html>'), robotUrl)).toMatchObject({ kind: 'error', code: 'HTTP 502' });
		expect(judgeV1(answer(200, '<html>proxy</html>'), robotUrl)).toMatchObject({ kind: 'error' });
	});

	it('the DingTalk client sends /v1.0 answers to the new-API judge and the rest to the oapi judge', () => {
		const req = (url: string) => ({ url }) as never;
		expect(dingTalkClient.judge(answer(400, { code: 'InvalidAuthentication', message: 'x' }), req(robotUrl))).toMatchObject({ kind: 'token' });
		expect(dingTalkClient.judge(answer(200, { errcode: 40014, errmsg: 'x' }), req('/topapi/v2/user/get'))).toMatchObject({ kind: 'token' });
		expect(dingTalkClient.codes?.InvalidAuthentication).toBeDefined();
	});

	it('puts the token in the header on api.dingtalk.com and in the query on oapi, each on its own host', () => {
		const credentials = { accessToken: 'tok', baseUrl: 'https://oapi.dingtalk.com/', apiBaseUrl: 'https://api.dingtalk.com' };
		expect(authenticateRequest(credentials, { url: robotUrl, method: 'POST', headers: { 'Content-Type': 'application/json' } })).toEqual({
			url: robotUrl,
			method: 'POST',
			baseURL: 'https://api.dingtalk.com',
			headers: { 'Content-Type': 'application/json', 'x-acs-dingtalk-access-token': 'tok' },
		});
		expect(authenticateRequest(credentials, { url: '/topapi/v2/user/get', method: 'POST', qs: { a: 1 } })).toEqual({
			url: '/topapi/v2/user/get',
			method: 'POST',
			baseURL: 'https://oapi.dingtalk.com',
			qs: { a: 1, access_token: 'tok' },
		});
		expect(authenticateRequest({ accessToken: 't' }, { url: '/v1.0/todo/users/u/tasks' }).baseURL).toBe('https://api.dingtalk.com');
	});

	it('signs get_corp_token as DingTalk documents (checked against the simulator\'s own implementation and a fixed vector)', () => {
		expect(corpTokenSignature('secret', '1527130370219', 'TestSuiteTicket')).toBe(corpSignature('secret', '1527130370219', 'TestSuiteTicket'));
		expect(corpTokenSignature('secret', '1527130370219', 'TestSuiteTicket')).toBe('GfdtU6QrH/WeMhBQx6bSkot0ETA0a6VSIVhkYZAuJAk=');
	});
});
