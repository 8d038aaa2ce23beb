import axios from 'axios';
import { createDingTalkSim, DINGTALK_DEFAULT_SETTINGS, DINGTALK_DEMO } from '../sim/dingtalk';
import { DINGTALK_APPS_DEMO as D } from '../sim/dingtalk-apps';
import { corpSignature } from '../sim/dingtalk-org';

/** The simulator's app parts: new-API token and host rules, app robot, todo, contacts, third-party token. */
describe('DingTalk simulator: app parts', () => {
	const sim = createDingTalkSim();
	let url: string;
	const http = axios.create({ validateStatus: () => true });
	const union = (userid: string) => D.people.find((p) => p.userid === userid)!.unionid;

	beforeAll(async () => {
		url = await sim.start();
	});
	afterAll(() => sim.stop());
	beforeEach(() => {
		sim.clear();
		Object.assign(sim.settings, structuredClone(DINGTALK_DEFAULT_SETTINGS));
	});

	const v1Token = async () => (await http.post(`${url}/v1.0/oauth2/accessToken`, { appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret })).data.accessToken as string;
	const classicToken = async () => (await http.get(`${url}/gettoken`, { params: { appkey: DINGTALK_DEMO.appKey, appsecret: DINGTALK_DEMO.appSecret } })).data.access_token as string;
	const api = (method: string, path: string, token: string | undefined, data?: unknown, params?: Record<string, string>) =>
		http.request({ method, url: `${url}${path}`, data, params, headers: token === undefined ? {} : { 'x-acs-dingtalk-access-token': token } });
	const oapi = async (path: string, token: string, data: unknown) => (await http.post(`${url}${path}`, data, { params: { access_token: token } })).data;
	const corpToken = (overrides: Record<string, string> = {}, corp: string = D.authCorpId) => {
		const timestamp = overrides.timestamp ?? String(Date.now());
		const suiteTicket = overrides.suiteTicket ?? 'TestSuiteTicket';
		const params = { accessKey: D.suiteKey, timestamp, suiteTicket, signature: corpSignature(D.suiteSecret, timestamp, suiteTicket), ...overrides };
		return http.post(`${url}/service/get_corp_token`, { auth_corpid: corp }, { params });
	};
	const text = (content = 'hi') => ({ robotCode: DINGTALK_DEMO.appKey, msgKey: 'sampleText', msgParam: JSON.stringify({ content }) });

	describe('new-API token and the two hosts', () => {
		it('issues {accessToken, expireIn} for JSON {appKey, appSecret}, the same token again within its life; 400 invalidClientIdOrSecret otherwise', async () => {
			const r = await http.post(`${url}/v1.0/oauth2/accessToken`, { appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret });
			expect(r.data).toEqual({ expireIn: 7200, accessToken: expect.stringMatching(/^[0-9a-f]{32}$/) });
			expect(await v1Token()).toBe(r.data.accessToken);
			const bad = await http.post(`${url}/v1.0/oauth2/accessToken`, { appKey: DINGTALK_DEMO.appKey, appSecret: 'wrong' });
			expect([bad.status, bad.data.code, bad.data.message]).toEqual([400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret']);
			const form = await http.post(`${url}/v1.0/oauth2/accessToken`, `appKey=${DINGTALK_DEMO.appKey}&appSecret=${DINGTALK_DEMO.appSecret}`);
			expect(form.status).toBe(400);
		});

		it('api.dingtalk.com reads only the header; a /gettoken token only with classicTokenOnNewApi; the new token works on oapi unless v1TokenOnOapi is off', async () => {
			const path = '/v1.0/robot/oToMessages/batchSend';
			const body = { ...text(), userIds: ['user123'] };
			const token = await v1Token();
			expect((await api('POST', path, undefined, body, { access_token: token })).data.code).toBe('AuthenticationFailed.MissingParameter');
			expect((await api('POST', path, 'nope', body)).data).toMatchObject({ code: 'InvalidAuthentication', message: '不合法的access_token' });
			const classic = await classicToken();
			expect((await api('POST', path, classic, body)).status).toBe(400);
			sim.settings.classicTokenOnNewApi = true;
			expect((await api('POST', path, classic, body)).status).toBe(200);
			expect((await api('POST', path, token, body)).status).toBe(200);
			const msg = { agent_id: DINGTALK_DEMO.agentId, userid_list: 'user123', msg: { msgtype: 'text', text: { content: 'x' } } };
			expect((await oapi('/topapi/message/corpconversation/asyncsend_v2', token, msg)).errcode).toBe(0);
			sim.settings.v1TokenOnOapi = false;
			expect((await oapi('/topapi/message/corpconversation/asyncsend_v2', token, { ...msg, msg: { msgtype: 'text', text: { content: 'y' } } })).errcode).toBe(40014);
		});

		it('rate limits answer 403 Forbidden.AccessDenied.QpsLimitForAppkeyAndApi (or 429 system.busy); permission denied 403', async () => {
			const token = await v1Token();
			sim.rate.qps = 1;
			await api('POST', '/v1.0/robot/oToMessages/batchSend', token, { ...text(), userIds: ['user123'] });
			const limited = await api('POST', '/v1.0/robot/oToMessages/batchSend', token, { ...text(), userIds: ['user123'] });
			expect([limited.status, limited.data.code]).toEqual([403, 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi']);
			sim.settings.v1RateLimitStatus = 429;
			expect((await api('POST', '/v1.0/robot/oToMessages/batchSend', token, { ...text(), userIds: ['user123'] })).status).toBe(429);
			sim.rate.qps = 0;
			sim.settings.permissionDenied = true;
			expect((await api('POST', '/v1.0/robot/oToMessages/batchSend', token, { ...text(), userIds: ['user123'] })).data.code).toBe('Forbidden.AccessDenied.AccessTokenPermissionDenied');
		});
	});

	describe('app robot', () => {
		it('batchSend takes msgParam as JSON text with its msgKey\'s parameters, at most 20 users; unknown users come back as invalid', async () => {
			const token = await v1Token();
			const send = (body: Record<string, unknown>) => api('POST', '/v1.0/robot/oToMessages/batchSend', token, { ...text(), userIds: ['user123'], ...body });
			const ok = await send({ userIds: ['user123', 'ghost'] });
			expect(ok.data).toEqual({ processQueryKey: expect.stringMatching(/[+/].*=$/), invalidStaffIdList: ['ghost'], flowControlledStaffIdList: [] });
			expect((await send({ msgParam: { content: 'x' } })).data.code).toBe('invalidParameter.msgParam.invalid');
			expect((await send({ msgKey: 'sampleMarkdown', msgParam: '{"title":"t"}' })).data).toMatchObject({ code: 'invalidParameter.msgParam.invalid', message: 'msgParam缺少text' });
			expect((await send({ msgKey: 'feedCard' })).data.code).toBe('invalidParameter.msgKey.invalid');
			expect((await send({ userIds: Array.from({ length: 21 }, (_, k) => `u${k}`) })).data.code).toBe('invalidParameter.userIds.overMax');
			sim.settings.otoMaxUserIds = 100;
			expect((await send({ userIds: Array.from({ length: 21 }, (_, k) => `u${k}`) })).status).toBe(200);
			expect((await send({ robotCode: 'dingNoSuchRobot' })).data.code).toBe('invalidParameter.robotCode.notExsit');
		});

		it('readStatus finds a key only URL-encoded, reads on the second poll, says RECALLED after a recall; recall checks robot, age and key', async () => {
			const token = await v1Token();
			const { processQueryKey } = (await api('POST', '/v1.0/robot/oToMessages/batchSend', token, { ...text(), userIds: ['user123'] })).data;
			const status = (key: string) => api('GET', '/v1.0/robot/oToMessages/readStatus', token, undefined, { robotCode: DINGTALK_DEMO.appKey, processQueryKey: key });
			const raw = await http.get(`${url}/v1.0/robot/oToMessages/readStatus?robotCode=${DINGTALK_DEMO.appKey}&processQueryKey=${processQueryKey}`, { headers: { 'x-acs-dingtalk-access-token': token } });
			expect(raw.data.code).toBe('invalid.processQueryKey');
			expect((await status(processQueryKey)).data).toEqual({ sendStatus: 'SUCCESS', messageReadInfoList: [{ name: '李四', userId: 'user123', readStatus: 'UNREAD' }] });
			expect((await status(processQueryKey)).data.messageReadInfoList[0].readStatus).toBe('READ');
			const recall = (keys: string[]) => api('POST', '/v1.0/robot/otoMessages/batchRecall', token, { robotCode: DINGTALK_DEMO.appKey, processQueryKeys: keys });
			expect((await recall(['nope'])).data.code).toBe('invalid.processQueryKey');
			expect((await recall(Array.from({ length: 21 }, () => processQueryKey))).data.code).toBe('invalidParameter.processQueryKeys.overMax');
			sim.apps.robotMessages.get(processQueryKey)!.createdAt -= 25 * 3600 * 1000;
			expect((await recall([processQueryKey])).data.code).toBe('robot.processQueryKey.expired');
			sim.apps.robotMessages.get(processQueryKey)!.createdAt += 25 * 3600 * 1000;
			expect((await recall([processQueryKey])).data).toEqual({ successResult: [processQueryKey], failedResult: {} });
			expect((await status(processQueryKey)).data.sendStatus).toBe('RECALLED');
			expect((await api('POST', '/v1.0/robot/oToMessages/batchRecall', token, {})).status).toBe(404);
		});

		it('group send: the robot in the group, the cool app code where the robot came by cool app, msgParam at most 15000 bytes', async () => {
			const token = await v1Token();
			const send = (body: Record<string, unknown>) => api('POST', '/v1.0/robot/groupMessages/send', token, { ...text(), openConversationId: D.groupId, ...body });
			const ok = await send({});
			expect(ok.data).toEqual({ processQueryKey: expect.any(String) });
			expect((await send({ openConversationId: 'cidNope' })).data.code).toBe('invalid.openConversationId');
			expect((await send({ openConversationId: D.coolGroupId })).data.code).toBe('invalidParameter.robotCode.coolApp');
			expect((await send({ openConversationId: D.coolGroupId, coolAppCode: D.coolAppCode })).status).toBe(200);
			expect((await send({ msgParam: JSON.stringify({ content: '好'.repeat(5000) }) })).data.code).toBe('invalidParameter.msgParam.tooLong');
			const recall = await api('POST', '/v1.0/robot/groupMessages/recall', token, { robotCode: DINGTALK_DEMO.appKey, openConversationId: D.groupId, processQueryKeys: [ok.data.processQueryKey] });
			expect(recall.data).toEqual({ successResult: [ok.data.processQueryKey], failedResult: {} });
		});
	});

	describe('todo', () => {
		const tasks = (unionId: string, suffix = '') => `/v1.0/todo/users/${unionId}/tasks${suffix}`;

		it('takes union IDs only and the documented fields; answers the task; task exist for a repeated sourceId', async () => {
			const token = await v1Token();
			const me = union('manager4220');
			const create = (body: Record<string, unknown>, who = me) => api('POST', tasks(who), token, { subject: 'S', ...body }, { operatorId: who });
			expect((await create({}, 'manager4220')).data).toMatchObject({ code: 'todo.taskCreate.paramError', message: 'unionId is invalid' });
			expect((await create({ executorIds: ['user123'] })).data.message).toBe('executorIds is invalid');
			expect((await create({ subject: 'x'.repeat(1025) })).data.message).toBe('subject is oversize');
			expect((await create({ description: 'x'.repeat(4097) })).data.message).toBe('description is oversize');
			expect((await create({ priority: 25 })).data.message).toBe('priority is invalid');
			expect((await create({ dueTime: '2031-01-01' })).data.message).toBe('dueTime is invalid');
			const ok = await create({ executorIds: [union('user123')], sourceId: 'A-1', notifyConfigs: { dingNotify: '1' }, priority: 20 });
			expect(ok.status).toBe(200);
			expect(ok.data).toMatchObject({ id: expect.stringMatching(/^OPJ/), subject: 'S', executorIds: [union('user123')], done: false, creatorId: me, priority: 20 });
			expect((await create({ sourceId: 'A-1' })).data.message).toBe('task exist');
		});

		it('get, update, executorStatus and delete: task not exist, task not belong to bizTag, union IDs in the status list', async () => {
			const token = await v1Token();
			const me = union('manager4220');
			const { id } = (await api('POST', tasks(me), token, { subject: 'S', executorIds: [union('user123')] })).data;
			expect((await api('GET', tasks(me, `/${id}`), token)).data).toMatchObject({ id, subject: 'S' });
			expect((await api('GET', tasks(me, '/OPJnope'), token)).data).toMatchObject({ code: 'todo.taskQuery.paramError', message: 'task not exist' });
			expect((await api('PUT', tasks(me, `/${id}`), token, { done: true, subject: 'T' })).data).toEqual({ result: true });
			expect(sim.apps.todos.get(id)).toMatchObject({ done: true, subject: 'T' });
			expect((await api('PUT', tasks(me, `/${id}/executorStatus`), token, { executorStatusList: [{ id: 'user123', isDone: true }] })).data.message).toBe('executorStatusList.id is invalid');
			expect((await api('PUT', tasks(me, `/${id}/executorStatus`), token, { executorStatusList: [{ id: union('user123'), isDone: true }] })).data).toEqual({ result: true });
			sim.apps.todos.get(id)!.appKey = 'another-app';
			expect((await api('PUT', tasks(me, `/${id}`), token, { done: false })).data.message).toBe('task not belong to bizTag');
			sim.apps.todos.get(id)!.appKey = DINGTALK_DEMO.appKey;
			expect((await api('DELETE', tasks(me, `/${id}`), token)).data).toEqual({ result: true, requestId: expect.any(String) });
			expect((await api('DELETE', tasks(me, `/${id}`), token)).data).toMatchObject({ code: 'todo.taskDelete.paramError', message: 'task not exist' });
		});
	});

	describe('contacts, jsapi ticket and the third-party token', () => {
		it('listsub lists one level; listsimple pages the direct members only; errors 60003, 40069, order_field', async () => {
			const token = await v1Token();
			expect((await oapi('/topapi/v2/department/listsub', token, {})).result.map((d: { dept_id: number }) => d.dept_id)).toEqual([421897262, 421897263]);
			expect((await oapi('/topapi/v2/department/listsub', token, { dept_id: 421897263 })).result).toEqual([
				expect.objectContaining({ dept_id: 421897264, name: 'Ward 3 三病区', parent_id: 421897263 }),
			]);
			expect((await oapi('/topapi/v2/department/listsub', token, { dept_id: 9 })).errcode).toBe(60003);
			const page = (body: Record<string, unknown>) => oapi('/topapi/user/listsimple', token, { dept_id: 421897262, cursor: 0, size: 100, ...body });
			expect((await page({})).result).toEqual({ has_more: false, list: [{ name: '李四', userid: 'user123' }, { name: '王五', userid: 'user456' }] });
			expect((await page({ dept_id: 421897263 })).result.list).toEqual([]);
			sim.settings.contactsPageMax = 1;
			expect((await page({})).result).toEqual({ has_more: true, next_cursor: 1, list: [{ name: '李四', userid: 'user123' }] });
			expect((await page({ cursor: 1 })).result).toEqual({ has_more: false, list: [{ name: '王五', userid: 'user456' }] });
			expect((await page({ size: 101 })).errcode).toBe(40069);
			expect((await page({ order_field: 'order' })).errcode).toBe(400402);
			expect((await page({ size: undefined })).errcode).toBe(400402);
			expect((await oapi('/topapi/v2/user/get', token, { userid: 'user123' })).result).toMatchObject({ userid: 'user123', unionid: union('user123'), name: '李四' });
			expect(await oapi('/topapi/v2/user/get', token, { userid: 'ghost' })).toMatchObject({ errcode: 33012, errmsg: '无效的userId' });
			expect((await http.get(`${url}/get_jsapi_ticket`, { params: { access_token: token } })).data).toMatchObject({ errcode: 0, expires_in: 7200 });
		});

		it('get_corp_token checks timestamp, key, signature (encoded once), ticket and organization; each call gives a new token', async () => {
			const first = (await corpToken()).data;
			expect(first).toEqual({ access_token: expect.any(String), errcode: 0, errmsg: 'ok', expires_in: 7200 });
			expect((await corpToken()).data.access_token).not.toBe(first.access_token);
			expect((await corpToken({ timestamp: '12345' })).data.errcode).toBe(853001);
			expect((await corpToken({ timestamp: String(Date.now() - 120_000) })).data.errcode).toBe(853002);
			expect((await corpToken({ accessKey: 'suiteNope' })).data.errcode).toBe(853003);
			expect((await corpToken({ signature: 'AAAA' })).data.errcode).toBe(853004);
			const timestamp = String(Date.now());
			const signature = corpSignature(D.suiteSecret, timestamp, 'TestSuiteTicket');
			const twice = await http.post(`${url}/service/get_corp_token?accessKey=${D.suiteKey}&timestamp=${timestamp}&suiteTicket=TestSuiteTicket&signature=${encodeURIComponent(encodeURIComponent(signature))}`, { auth_corpid: D.authCorpId });
			expect(twice.data.errcode).toBe(853004);
			sim.settings.suites[D.suiteKey].ticket = 'pushed-ticket';
			expect((await corpToken()).data.errcode).toBe(853005);
			expect((await corpToken({ suiteTicket: 'pushed-ticket' })).data.errcode).toBe(0);
			expect((await corpToken({ suiteTicket: 'pushed-ticket' }, 'dingOtherCorp')).data.errcode).toBe(40089);
		});
	});
});
