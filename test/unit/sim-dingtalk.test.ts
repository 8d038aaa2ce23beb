import axios from 'axios';
import {
	DINGTALK_DEFAULT_SETTINGS,
	DINGTALK_DEMO,
	DINGTALK_ROUTES,
	createDingTalkSim,
	paramErrmsg,
} from '../sim/dingtalk';
import { DINGTALK_APPS_DEMO } from '../sim/dingtalk-apps';
import { corpSignature } from '../sim/dingtalk-org';

const P = {
	asyncsend: '/topapi/message/corpconversation/asyncsend_v2',
	template: '/topapi/message/corpconversation/sendbytemplate',
	progress: '/topapi/message/corpconversation/getsendprogress',
	result: '/topapi/message/corpconversation/getsendresult',
	recall: '/topapi/message/corpconversation/recall',
	statusBar: '/topapi/message/corpconversation/status_bar/update',
	impaas: '/topapi/dingtalk/impaas/message/crossdomain/send',
};

const text = (content = 'test123') => ({ msgtype: 'text', text: { content } });

describe('DingTalk simulator', () => {
	const sim = createDingTalkSim();
	let url: string;
	const http = axios.create({ validateStatus: () => true });

	beforeAll(async () => {
		url = await sim.start();
	});
	afterAll(() => sim.stop());
	beforeEach(() => {
		sim.clear();
		sim.tokens.ttlSeconds = 7200;
		Object.assign(sim.settings, structuredClone(DINGTALK_DEFAULT_SETTINGS));
	});

	async function token(): Promise<string> {
		const r = await http.get(`${url}/gettoken`, {
			params: { appkey: DINGTALK_DEMO.appKey, appsecret: DINGTALK_DEMO.appSecret },
		});
		expect(r.data.errcode).toBe(0);
		return r.data.access_token as string;
	}

	/** A third-party app's token (get_corp_token, signed). */
	async function isvToken(): Promise<string> {
		const timestamp = String(Date.now());
		const suiteTicket = 'TestSuiteTicket';
		const r = await http.post(
			`${url}/service/get_corp_token`,
			{ auth_corpid: DINGTALK_APPS_DEMO.authCorpId },
			{ params: { accessKey: DINGTALK_APPS_DEMO.suiteKey, timestamp, suiteTicket, signature: corpSignature(DINGTALK_APPS_DEMO.suiteSecret, timestamp, suiteTicket) } },
		);
		expect(r.data.errcode).toBe(0);
		return r.data.access_token as string;
	}

	async function post(path: string, body: unknown, tok?: string) {
		const r = await http.post(`${url}${path}`, body, { params: tok === undefined ? {} : { access_token: tok } });
		expect(r.status).toBe(200);
		return r.data as Record<string, any>;
	}

	async function form(path: string, fields: Record<string, string>) {
		const r = await http.post(`${url}${path}`, new URLSearchParams(fields).toString(), {
			headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
		});
		return r.data as Record<string, any>;
	}

	async function send(tok: string, extra: Record<string, unknown> = {}) {
		return post(
			P.asyncsend,
			{ agent_id: DINGTALK_DEMO.agentId, userid_list: 'manager4220,user123', msg: text(), ...extra },
			tok,
		);
	}

	describe('gettoken', () => {
		it('answers the documented shape and reuses the token within its lifetime', async () => {
			const r = await http.get(`${url}/gettoken?appkey=${DINGTALK_DEMO.appKey}&appsecret=${DINGTALK_DEMO.appSecret}`);
			expect(Object.keys(r.data)).toEqual(['errcode', 'access_token', 'errmsg', 'expires_in']);
			expect(r.data).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
			expect(r.data.access_token).toMatch(/^[0-9a-f]{32}$/);
			const issued = sim.tokens.issued;
			expect(await token()).toBe(r.data.access_token);
			expect(sim.tokens.issued).toBe(issued);
		});

		it('answers 40089 for a wrong secret, an unknown key or missing parameters', async () => {
			const issued = sim.tokens.issued;
			for (const params of [
				{ appkey: DINGTALK_DEMO.appKey, appsecret: 'wrong' },
				{ appkey: 'nope', appsecret: DINGTALK_DEMO.appSecret },
				{ appkey: DINGTALK_DEMO.appKey },
			]) {
				const r = await http.get(`${url}/gettoken`, { params });
				expect(r.data).toEqual({ errcode: 40089, errmsg: '不合法的corpId或corpSecret' });
			}
			expect(sim.tokens.issued).toBe(issued);
		});

		it('issues a new token once the old one was revoked', async () => {
			const first = await token();
			sim.tokens.revokeAll();
			const second = await token();
			expect(second).not.toBe(first);
		});
	});

	describe('asyncsend_v2', () => {
		it('accepts a JSON body and answers exactly the documented example shape', async () => {
			const tok = await token();
			const r = await send(tok);
			expect(Object.keys(r)).toEqual(['errcode', 'task_id', 'request_id']);
			expect(r.errcode).toBe(0);
			expect(Number.isSafeInteger(r.task_id)).toBe(true);
			expect(typeof r.request_id).toBe('string');
			const recs = sim.recordsOf(DINGTALK_ROUTES.asyncsend);
			expect(recs).toHaveLength(1);
			expect(recs[0].id).toBe(String(r.task_id));
			expect(recs[0].payload).toMatchObject({
				agent_id: DINGTALK_DEMO.agentId,
				userid_list: ['manager4220', 'user123'],
				msg: text(),
			});
		});

		it('adds errmsg "ok" with successShape "table"', async () => {
			sim.settings.successShape = 'table';
			const r = await send(await token());
			expect(Object.keys(r)).toEqual(['errcode', 'errmsg', 'task_id', 'request_id']);
			expect(r.errmsg).toBe('ok');
		});

		it('accepts the documented form body (access_token in the form, msg as JSON text)', async () => {
			const tok = await token();
			const r = await form(P.asyncsend, {
				access_token: tok,
				agent_id: String(DINGTALK_DEMO.agentId),
				dept_id_list: '421897262',
				msg: JSON.stringify({ msgtype: 'text', text: { content: '张三的请假申请' } }),
				to_all_user: 'false',
				userid_list: 'manager4220',
			});
			expect(r.errcode).toBe(0);
			const task = sim.task(r.task_id)!;
			expect(task.delivered.sort()).toEqual(['manager4220', 'user123', 'user456']);
		});

		it('accepts msg as a JSON string inside a JSON body (official Python SDK) and agent_id as a digit string', async () => {
			const r = await send(await token(), { agent_id: String(DINGTALK_DEMO.agentId), msg: JSON.stringify(text()) });
			expect(r.errcode).toBe(0);
		});

		it('accepts every documented message type with the documented sample', async () => {
			const tok = await token();
			const samples = [
				text('月会通知'),
				{ msgtype: 'image', image: { media_id: '@lADOADmaWMzazQKA' } },
				{ msgtype: 'voice', voice: { media_id: '@lADOADmaWMzazQKA', duration: '10' } },
				{ msgtype: 'file', file: { media_id: 'MEDIA_ID' } },
				{
					msgtype: 'link',
					link: { messageUrl: 'http://s.dingtalk.com/market/dingtalk/error_code.php', picUrl: '@lALOACZwe2Rk', title: '测试', text: '测试' },
				},
				{
					msgtype: 'oa',
					oa: {
						message_url: 'http://dingtalk.com',
						head: { bgcolor: 'FFBBBBBB', text: '头部标题' },
						status_bar: { status_value: '进行中', status_bg: '0xFFF65E5E' },
						body: {
							title: '正文标题',
							form: [{ key: '姓名:', value: '张三' }],
							rich: { num: '15.6', unit: '元' },
							content: '大段文本',
							image: '@lADOADmaWMzazQKA',
							file_count: '3',
							author: '李四 ',
						},
					},
				},
				{ msgtype: 'markdown', markdown: { title: '首屏会话透出的展示内容', text: '# 这是支持markdown的文本' } },
				{
					msgtype: 'action_card',
					action_card: { title: 't', markdown: '正文', single_title: '查看详情', single_url: 'https://open.dingtalk.com' },
				},
				{
					msgtype: 'action_card',
					action_card: {
						title: 't',
						markdown: '正文',
						btn_orientation: '1',
						btn_json_list: [
							{ title: '一个按钮', action_url: 'https://www.taobao.com' },
							{ title: '两个按钮', action_url: 'https://www.tmall.com' },
						],
					},
				},
			];
			for (const msg of samples) {
				const r = await send(tok, { msg, userid_list: `user${samples.indexOf(msg)},manager4220` });
				expect([msg.msgtype, r.errcode]).toEqual([msg.msgtype, 0]);
			}
			expect(sim.recordsOf(DINGTALK_ROUTES.asyncsend)).toHaveLength(samples.length);
		});

		it('rejects invalid requests with the documented codes and records nothing', async () => {
			const tok = await token();
			const cases: [Record<string, unknown>, number, string?][] = [
				[{ agent_id: undefined }, 400402, paramErrmsg('agent_id')],
				[{ agent_id: 'abc' }, 400402, paramErrmsg('agent_id')],
				[{ userid_list: undefined }, 400402, paramErrmsg('userid_list')],
				[{ userid_list: '' }, 400402, paramErrmsg('userid_list')],
				[{ userid_list: ['manager4220'] }, 400402, paramErrmsg('userid_list')],
				[{ dept_id_list: 'abc' }, 400402, paramErrmsg('dept_id_list')],
				[{ to_all_user: 'yes' }, 400402, paramErrmsg('to_all_user')],
				[{ msg: undefined }, 400402, paramErrmsg('msg')],
				[{ msg: '{not json' }, 400402, paramErrmsg('msg')],
				[{ agent_id: 1 }, 40056, '不合法的agentid'],
				[{ msg: { msgtype: 'video', video: {} } }, 40008, '不合法的消息类型'],
				[{ msg: { text: { content: 'x' } } }, 400402, paramErrmsg('msgtype')],
				[{ msg: { msgtype: 'text', text: {}, link: {} } }, 400402, paramErrmsg('link')],
				[{ msg: { msgtype: 'text', text: {} } }, 400402, paramErrmsg('text --》 content')],
				[{ msg: { msgtype: 'markdown', markdown: { text: 'x' } } }, 400402, paramErrmsg('markdown --》 title')],
				[{ msg: { msgtype: 'markdown', markdown: { title: 't', text: 'x'.repeat(5001) } } }, 45002, '消息内容超过限制'],
				[{ msg: text('字'.repeat(700)) }, 45002, '消息内容超过限制'],
				[{ msg: { msgtype: 'voice', voice: { media_id: 'm', duration: '60' } } }, 400402, paramErrmsg('voice --》 duration')],
				[
					{ msg: { msgtype: 'oa', oa: { message_url: 'u', head: { bgcolor: '0xFFBBBB', text: 't' }, body: {} } } },
					400402,
					paramErrmsg('oa --》 head --》 bgcolor'),
				],
				[{ msg: { msgtype: 'oa', oa: { message_url: 'u', head: { bgcolor: 'FFBBBBBB', text: 't' } } } }, 400402, paramErrmsg('oa --》 body')],
				[
					{
						dept_id_list: '1',
						msg: {
							msgtype: 'oa',
							oa: { message_url: 'u', head: { bgcolor: 'FFBBBBBB', text: 't' }, status_bar: { status_value: 'x' }, body: {} },
						},
					},
					400402,
					paramErrmsg('oa --》 status_bar'),
				],
				[
					{ msg: { msgtype: 'action_card', action_card: { markdown: 'm', single_title: 't', single_url: 'u', btn_orientation: '0', btn_json_list: [] } } },
					400402,
				],
				[{ msg: { msgtype: 'action_card', action_card: { markdown: 'm', single_title: 't' } } }, 400402, paramErrmsg('action_card --》 single_url')],
				[
					{ msg: { msgtype: 'action_card', action_card: { markdown: 'm', single_title: 'x'.repeat(21), single_url: 'u' } } },
					400402,
					paramErrmsg('action_card --》 single_title'),
				],
				[
					{ msg: { msgtype: 'action_card', action_card: { markdown: 'm', btn_orientation: '2', btn_json_list: [{ title: 't', action_url: 'u' }] } } },
					400402,
					paramErrmsg('action_card --》 btn_orientation'),
				],
				[{ userid_list: Array.from({ length: 101 }, (_, i) => `u${i}`).join(',') }, 40032, '不合法的UserID列表长度'],
				[{ dept_id_list: Array.from({ length: 21 }, (_, i) => i + 1).join(',') }, 40066, '不合法的部门列表'],
			];
			for (const [extra, code, errmsg] of cases) {
				const r = await send(tok, extra);
				expect([extra, r.errcode]).toEqual([extra, code]);
				if (errmsg) expect(r.errmsg).toBe(errmsg);
				expect(typeof r.request_id).toBe('string');
			}
			expect(sim.recordsOf(DINGTALK_ROUTES.asyncsend)).toHaveLength(0);
			expect(sim.rejections).toHaveLength(cases.length);
		});

		it('answers 47001 for unparsable JSON and 40035 when paramErrorStyle is "40035"', async () => {
			const tok = await token();
			const bad = await http.post(`${url}${P.asyncsend}?access_token=${tok}`, '{"agent_id":', {
				headers: { 'content-type': 'application/json' },
				transformRequest: [(d: unknown) => d],
			});
			expect(bad.data.errcode).toBe(47001);
			sim.settings.paramErrorStyle = '40035';
			const r = await send(tok, { agent_id: undefined });
			expect(r).toMatchObject({ errcode: 40035, errmsg: '不合法的参数' });
		});

		it('honours maxUserIds and acceptListArrays switches', async () => {
			const tok = await token();
			sim.settings.maxUserIds = 5000;
			sim.settings.acceptListArrays = true;
			const many = Array.from({ length: 101 }, (_, i) => `u${i}`);
			expect((await send(tok, { userid_list: many })).errcode).toBe(0);
		});
	});

	describe('task tracking', () => {
		it('advances progress 0 -> 1 -> 2 over getsendprogress calls', async () => {
			const tok = await token();
			const { task_id } = await send(tok);
			const body = { agent_id: DINGTALK_DEMO.agentId, task_id };
			const seen = [];
			for (let i = 0; i < 4; i++) seen.push((await post(P.progress, body, tok)).progress);
			expect(seen).toEqual([
				{ progress_in_percent: 0, status: 0 },
				{ progress_in_percent: 50, status: 1 },
				{ progress_in_percent: 100, status: 2 },
				{ progress_in_percent: 100, status: 2 },
			]);
			const r = await post(P.progress, body, tok);
			expect(Object.keys(r)).toEqual(['errcode', 'errmsg', 'progress', 'request_id']);
		});

		it('rejects progress queries for unknown tasks, other agents and tasks older than 24 h', async () => {
			const tok = await token();
			const { task_id } = await send(tok);
			const cases = [
				{ agent_id: DINGTALK_DEMO.agentId, task_id: task_id + 999 },
				{ agent_id: 1, task_id },
				{ agent_id: DINGTALK_DEMO.agentId },
			];
			for (const body of cases) expect((await post(P.progress, body, tok)).errcode).not.toBe(0);
			expect((await post(P.progress, cases[0], tok)).errmsg).toBe('不合法的参数');
			sim.ageTask(task_id, 25 * 3600 * 1000);
			expect((await post(P.progress, { agent_id: DINGTALK_DEMO.agentId, task_id }, tok)).errcode).toBe(40035);
		});

		it('lists receivers unread, then read on the configured poll, with invalid and failed receivers', async () => {
			sim.settings.failedUserIds = ['user456'];
			const tok = await token();
			const { task_id } = await send(tok, { userid_list: 'manager4220,ghost,user456', dept_id_list: '421897262,999' });
			const body = { agent_id: DINGTALK_DEMO.agentId, task_id };
			const first = await post(P.result, body, tok);
			expect(Object.keys(first)).toEqual(['errcode', 'send_result', 'request_id']);
			expect(first.send_result).toEqual({
				failed_user_id_list: ['user456'],
				forbidden_list: [],
				forbidden_user_id_list: [],
				invalid_dept_id_list: [999],
				invalid_user_id_list: ['ghost'],
				read_user_id_list: [],
				unread_user_id_list: ['manager4220', 'user123'],
			});
			const second = await post(P.result, body, tok);
			expect(second.send_result.read_user_id_list).toEqual(['manager4220', 'user123']);
			expect(second.send_result.unread_user_id_list).toEqual([]);
		});

		it('filters duplicate content (143106) and the daily per-user limit (143105) while the send succeeds', async () => {
			sim.settings.dailyPerUserLimit = 2;
			const tok = await token();
			await send(tok, { userid_list: 'user123' });
			const dup = await send(tok, { userid_list: 'user123' });
			expect(dup.errcode).toBe(0);
			const dupResult = await post(P.result, { agent_id: DINGTALK_DEMO.agentId, task_id: dup.task_id }, tok);
			expect(dupResult.send_result.forbidden_list).toEqual([{ code: '143106', count: 1, userid: 'user123' }]);
			expect(dupResult.send_result.forbidden_user_id_list).toEqual(['user123']);
			expect(dupResult.send_result.unread_user_id_list).toEqual([]);
			await send(tok, { userid_list: 'user123', msg: text('second') });
			const over = await send(tok, { userid_list: 'user123', msg: text('third') });
			const overResult = await post(P.result, { agent_id: DINGTALK_DEMO.agentId, task_id: over.task_id }, tok);
			expect(overResult.send_result.forbidden_list).toEqual([{ code: '143105', count: 2, userid: 'user123' }]);
		});

		it('answers 41052 for results of tasks with more than 100 receivers', async () => {
			sim.settings.resultMaxReceivers = 2;
			const tok = await token();
			const { task_id } = await send(tok, { to_all_user: true, userid_list: undefined });
			const r = await post(P.result, { agent_id: DINGTALK_DEMO.agentId, task_id }, tok);
			expect(r).toMatchObject({ errcode: 41052, errmsg: '本次发送人数过多,不再返回发送结果' });
		});
	});

	describe('recall', () => {
		it('recalls a task and validates agent and task ids (400002), including tasks older than 24 h', async () => {
			const tok = await token();
			const { task_id } = await send(tok);
			expect(await post(P.recall, { agent_id: DINGTALK_DEMO.agentId, msg_task_id: task_id }, tok)).toEqual({
				errcode: 0,
				errmsg: 'ok',
			});
			expect(sim.task(task_id)!.recalled).toBe(true);
			const result = await post(P.result, { agent_id: DINGTALK_DEMO.agentId, task_id }, tok);
			expect(result.send_result.unread_user_id_list).toEqual([]);
			for (const body of [
				{ agent_id: DINGTALK_DEMO.agentId, msg_task_id: task_id + 1 },
				{ agent_id: 42, msg_task_id: task_id },
			]) {
				expect(await post(P.recall, body, tok)).toMatchObject({ errcode: 400002, errmsg: 'agentId不合法或taskId不合法' });
			}
			const old = await send(tok, { msg: text('old') });
			sim.ageTask(old.task_id, 24 * 3600 * 1000 + 1000);
			expect((await post(P.recall, { agent_id: DINGTALK_DEMO.agentId, msg_task_id: old.task_id }, tok)).errcode).toBe(400002);
			expect(sim.recordsOf(DINGTALK_ROUTES.recall)).toHaveLength(1);
		});

		it('accepts the documented form body', async () => {
			const tok = await token();
			const { task_id } = await send(tok);
			const r = await form(P.recall, { access_token: tok, agent_id: String(DINGTALK_DEMO.agentId), msg_task_id: String(task_id) });
			expect(r.errcode).toBe(0);
		});
	});

	describe('status_bar/update', () => {
		const oa = {
			msgtype: 'oa',
			oa: {
				message_url: 'http://dingtalk.com',
				head: { bgcolor: 'FFBBBBBB', text: '头部标题' },
				status_bar: { status_value: '进行中', status_bg: '0xFFF65E5E' },
				body: { title: '审批' },
			},
		};

		it('updates the status bar of an OA task', async () => {
			const tok = await token();
			const { task_id } = await send(tok, { msg: oa });
			const r = await post(
				P.statusBar,
				{ agent_id: DINGTALK_DEMO.agentId, task_id, status_value: '已同意', status_bg: '0xFF78C06E' },
				tok,
			);
			expect(Object.keys(r)).toEqual(['request_id', 'errcode', 'errmsg']);
			expect(r.errcode).toBe(0);
			expect(sim.task(task_id)!.statusBar).toEqual({ status_value: '已同意', status_bg: '0xFF78C06E' });
		});

		it('validates agent (40056), task (40035), message type and status_value', async () => {
			const tok = await token();
			const { task_id } = await send(tok, { msg: oa });
			const plain = await send(tok, { msg: text('plain') });
			const base = { agent_id: DINGTALK_DEMO.agentId, task_id, status_value: '已同意' };
			expect((await post(P.statusBar, { ...base, agent_id: 7 }, tok)).errcode).toBe(40056);
			expect((await post(P.statusBar, { ...base, task_id: task_id + 5 }, tok)).errcode).toBe(40035);
			expect((await post(P.statusBar, { ...base, task_id: plain.task_id }, tok)).errcode).toBe(40035);
			expect((await post(P.statusBar, { ...base, status_value: undefined }, tok)).errmsg).toBe(paramErrmsg('status_value'));
		});
	});

	describe('sendbytemplate', () => {
		it('is for third-party apps: an internal app token gets 88 / 60011 (templateRequiresThirdParty)', async () => {
			const body = { agent_id: DINGTALK_DEMO.agentId, template_id: DINGTALK_DEMO.templateId, userid_list: 'user123' };
			expect(await post(P.template, body, await token())).toMatchObject({ errcode: 88, sub_code: '60011' });
			expect(sim.recordsOf(DINGTALK_ROUTES.sendbytemplate)).toHaveLength(0);
			sim.settings.templateRequiresThirdParty = false;
			expect(await post(P.template, body, await token())).toMatchObject({ errcode: 0 });
		});

		it('takes at most 1000 user IDs by default (the call notes), 5000 with the table\'s reading', async () => {
			const tok = await isvToken();
			const body = (n: number) => ({ agent_id: DINGTALK_DEMO.agentId, template_id: DINGTALK_DEMO.templateId, userid_list: Array.from({ length: n }, (_, k) => `u${k}`).join(',') });
			expect((await post(P.template, body(1001), tok)).errcode).toBe(40032);
			expect((await post(P.template, body(1000), tok)).errcode).toBe(0);
			sim.settings.templateMaxUserIds = 5000;
			expect((await post(P.template, body(1001), tok)).errcode).toBe(0);
		});

		it('sends from an enabled template, accepting the quoted list form of the examples', async () => {
			const tok = await isvToken();
			const r = await post(
				P.template,
				{
					agent_id: DINGTALK_DEMO.agentId,
					template_id: DINGTALK_DEMO.templateId,
					userid_list: '"user123,user456"',
					data: JSON.stringify({ name: '淘宝6', name2: 'http://www.taobao.com' }),
				},
				tok,
			);
			expect(Object.keys(r)).toEqual(['errcode', 'errmsg', 'task_id', 'request_id']);
			expect(sim.task(r.task_id)!.delivered).toEqual(['user123', 'user456']);
			expect(sim.recordsOf(DINGTALK_ROUTES.sendbytemplate)[0].payload.data).toEqual({ name: '淘宝6', name2: 'http://www.taobao.com' });
		});

		it('answers 885001, 885006, 400002 and parameter errors', async () => {
			const tok = await isvToken();
			const base = { agent_id: DINGTALK_DEMO.agentId, template_id: DINGTALK_DEMO.templateId, userid_list: 'user123' };
			expect(await post(P.template, { ...base, template_id: 'nope' }, tok)).toMatchObject({ errcode: 885001, errmsg: '消息模板不存在' });
			expect(await post(P.template, { ...base, template_id: DINGTALK_DEMO.disabledTemplateId }, tok)).toMatchObject({
				errcode: 885006,
				errmsg: '消息模板不可用',
			});
			expect(await post(P.template, { ...base, agent_id: 5 }, tok)).toMatchObject({ errcode: 400002, errmsg: 'agentId不合法' });
			expect((await post(P.template, { ...base, userid_list: undefined }, tok)).errmsg).toBe(paramErrmsg('userid_list'));
			expect((await post(P.template, { ...base, template_id: undefined }, tok)).errmsg).toBe(paramErrmsg('template_id'));
			expect((await post(P.template, { ...base, data: { n: 1 } }, tok)).errmsg).toBe(paramErrmsg('data --》 n'));
			expect(sim.recordsOf(DINGTALK_ROUTES.sendbytemplate)).toHaveLength(0);
		});
	});

	describe('impaas crossdomain send', () => {
		const model = () => ({
			sender: DINGTALK_DEMO.impaasSender,
			message_id: '321443',
			send_message_model: {
				conversation_type: 1,
				uuid: 'fdsfdfd',
				content_type: 1,
				content: '{"content":"test"}',
				cid: DINGTALK_DEMO.impaasCid,
			},
			message_receiver_scope_model: { actual_receivers: ['uid'] },
			new_conversation_notification_off: true,
		});

		it('takes the model as a nested object by default; as JSON text (also in a form) with impaasModelAs "text"; either with "either"', async () => {
			const tok = await token();
			const asObject = () => post(P.impaas, { crossdomain_message_send_model: model() }, tok);
			const asText = () => post(P.impaas, { crossdomain_message_send_model: JSON.stringify(model()) }, tok);
			const asForm = () => form(P.impaas, { access_token: tok, crossdomain_message_send_model: JSON.stringify(model()) });
			const ok = { errcode: 0, errmsg: '' };
			const refused = { errcode: 400402, errmsg: paramErrmsg('crossdomain_message_send_model') };
			expect(await asObject()).toEqual(ok);
			expect(await asText()).toMatchObject(refused);
			expect(await asForm()).toMatchObject(refused);
			sim.settings.impaasModelAs = 'text';
			expect(await asObject()).toMatchObject(refused);
			expect(await asText()).toEqual(ok);
			expect(await asForm()).toEqual(ok);
			sim.settings.impaasModelAs = 'either';
			expect(await asObject()).toEqual(ok);
			expect(await asText()).toEqual(ok);
			const recs = sim.recordsOf(DINGTALK_ROUTES.impaasSend);
			expect(recs).toHaveLength(5);
			expect(recs[0].payload).toMatchObject({ sender: '1001@domain', message_id: '321443', actual_receivers: ['uid'] });
		});

		it('validates required fields and types', async () => {
			const tok = await token();
			const root = 'crossdomain_message_send_model';
			const sm = `${root} --》 send_message_model`;
			const mutate = (f: (m: any) => void) => {
				const m: any = model();
				f(m);
				return m;
			};
			const cases: [unknown, string][] = [
				[undefined, root],
				['{broken', root],
				[mutate((m) => delete m.sender), `${root} --》 sender`],
				[mutate((m) => (m.message_id = 321443)), `${root} --》 message_id`],
				[mutate((m) => delete m.send_message_model), sm],
				[mutate((m) => (m.send_message_model.conversation_type = '1')), `${sm} --》 conversation_type`],
				[mutate((m) => (m.send_message_model.content_type = 3)), `${sm} --》 content_type`],
				[mutate((m) => delete m.send_message_model.uuid), `${sm} --》 uuid`],
				[mutate((m) => (m.send_message_model.content = { content: 'x' })), `${sm} --》 content`],
				[mutate((m) => delete m.send_message_model.cid), `${sm} --》 cid`],
				[mutate((m) => (m.message_receiver_scope_model.actual_receivers = 'uid')), `${root} --》 message_receiver_scope_model --》 actual_receivers`],
				[mutate((m) => (m.new_conversation_notification_off = 'true')), `${root} --》 new_conversation_notification_off`],
			];
			for (const [value, path] of cases) {
				const r = await post(P.impaas, { crossdomain_message_send_model: value }, tok);
				expect([path, r.errcode, r.errmsg]).toEqual([path, 400402, paramErrmsg(path)]);
			}
			const minimal = mutate((m) => {
				delete m.message_receiver_scope_model;
				delete m.new_conversation_notification_off;
			});
			expect((await post(P.impaas, { crossdomain_message_send_model: minimal }, tok)).errcode).toBe(0);
			expect(sim.recordsOf(DINGTALK_ROUTES.impaasSend)).toHaveLength(1);
		});

		it('accepts the top-level layout of the seed table only with impaasTopLevelParts', async () => {
			const tok = await token();
			const { send_message_model, message_receiver_scope_model, ...rest } = model();
			const body = { crossdomain_message_send_model: rest, send_message_model, message_receiver_scope_model };
			expect((await post(P.impaas, body, tok)).errcode).toBe(400402);
			sim.settings.impaasTopLevelParts = true;
			expect((await post(P.impaas, body, tok)).errcode).toBe(0);
		});
	});

	describe('tokens, permissions and rate limits', () => {
		it('answers 40014 for revoked, expired and unknown tokens by default', async () => {
			const tok = await token();
			sim.tokens.revokeAll();
			expect(await send(tok)).toMatchObject({ errcode: 40014, errmsg: '不合法的access_token' });
			expect(await send('not-a-token')).toMatchObject({ errcode: 40014 });
			expect(await post(P.asyncsend, { agent_id: DINGTALK_DEMO.agentId })).toMatchObject({ errcode: 40014 });
			sim.tokens.ttlSeconds = 1;
			const short = await token();
			await new Promise((r) => setTimeout(r, 1100));
			expect((await send(short)).errcode).toBe(40014);
			expect(sim.recordsOf(DINGTALK_ROUTES.asyncsend)).toHaveLength(0);
		});

		it('answers 42001 for expired tokens with tokenErrorStyle "42001" (unknown tokens stay 40014)', async () => {
			sim.settings.tokenErrorStyle = '42001';
			const tok = await token();
			sim.tokens.revokeAll();
			expect(await send(tok)).toMatchObject({ errcode: 42001, errmsg: 'access_token超时' });
			expect((await send('never-issued')).errcode).toBe(40014);
		});

		it('answers the 88 / sub_code 40014 form with tokenErrorStyle "88"', async () => {
			sim.settings.tokenErrorStyle = '88';
			const tok = await token();
			sim.tokens.revokeAll();
			const r = await post(P.progress, { agent_id: DINGTALK_DEMO.agentId, task_id: 1 }, tok);
			expect(r).toEqual({
				errcode: 88,
				sub_code: '40014',
				sub_msg: '不合法的access_token',
				errmsg: 'ding talk error[subcode=40014,submsg=不合法的access_token]',
				request_id: expect.any(String),
			});
		});

		it('answers 88 / 60011 when permission is denied, for all routes or listed ones', async () => {
			const tok = await token();
			sim.settings.permissionDenied = true;
			const r = await send(tok);
			expect(r).toMatchObject({
				errcode: 88,
				sub_code: '60011',
				sub_msg: '没有调用该接口的权限',
				errmsg: 'ding talk error[subcode=60011,submsg=没有调用该接口的权限]',
			});
			sim.settings.permissionDenied = [DINGTALK_ROUTES.impaasSend];
			expect((await send(tok)).errcode).toBe(0);
			expect((await post(P.impaas, { crossdomain_message_send_model: {} }, tok)).sub_code).toBe('60011');
		});

		it('answers 90018 above sim.rate.qps and records only accepted sends', async () => {
			const tok = await token();
			sim.rate.qps = 2;
			const answers = await Promise.all([1, 2, 3, 4].map((i) => send(tok, { msg: text(`m${i}`) })));
			const codes = answers.map((a) => a.errcode).sort();
			expect(codes).toEqual([0, 0, 90018, 90018]);
			expect(answers.find((a) => a.errcode === 90018)!.errmsg).toBe(DINGTALK_DEFAULT_SETTINGS.rateLimitErrmsg);
			expect(sim.recordsOf(DINGTALK_ROUTES.asyncsend)).toHaveLength(2);
			const fresh = await http.get(`${url}/gettoken`, {
				params: { appkey: DINGTALK_DEMO.appKey, appsecret: DINGTALK_DEMO.appSecret },
			});
			expect(fresh.data.errcode).toBe(0);
		});

		it('takes settings and faults through the control endpoints', async () => {
			const tok = await token();
			await http.post(`${url}/__sim/settings`, { tokenErrorStyle: '42001' });
			await http.post(`${url}/__sim/fault`, { count: 1, route: DINGTALK_ROUTES.asyncsend, body: { errcode: -1, errmsg: '系统繁忙' } });
			expect(await send(tok)).toEqual({ errcode: -1, errmsg: '系统繁忙' });
			await http.post(`${url}/__sim/revoke-tokens`, {});
			expect((await send(tok)).errcode).toBe(42001);
		});
	});
});
