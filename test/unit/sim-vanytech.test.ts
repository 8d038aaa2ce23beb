import axios from 'axios';
import type { AxiosResponse } from 'axios';
import { chinaTime, createVanytechSim, defaultVanytechSettings, VANYTECH_CHANNELS, VANYTECH_DEMO } from '../sim/vanytech';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('Vanytech simulator', () => {
	const sim = createVanytechSim();
	let url: string;

	const post = (path: string, data: string, headers: Record<string, string> = {}) =>
		axios.post(`${url}${path}`, data, { headers, validateStatus: () => true });
	const form = (path: string, data: Record<string, string>) =>
		post(path, new URLSearchParams(data).toString(), FORM);
	const json = (path: string, data: unknown) =>
		axios.post(`${url}${path}`, data, { validateStatus: () => true });
	const code = (r: AxiosResponse) => (r.data as { rspCode: string }).rspCode;

	async function token(appId: string = VANYTECH_DEMO.appId, appPassword: string = VANYTECH_DEMO.appPassword) {
		const r = await axios.post(`${url}/msg/getThirdAPIToken`, null, { params: { appId, appPassword } });
		expect(r.data.rspCode).toBe('000000');
		return r.data.resultData.token as string;
	}

	const receivers = (...ids: string[]) =>
		JSON.stringify(ids.map((userId, i) => ({ type: 'User', userId, name: `接受人${i + 1}` })));

	function sendForm(tk: string, extra: Record<string, string> = {}): Record<string, string> {
		return {
			token: tk,
			msgtitle: '通知标题',
			msgType: '1',
			msgContent: '<p>明天下午开会</p>',
			sendStatus: '1',
			sendChannel: 'Portal,WeChat',
			sendMode: 'normal',
			receivers: receivers('12345', '12346'),
			...extra,
		};
	}

	async function send(tk: string, extra: Record<string, string> = {}): Promise<string> {
		const r = await form('/message/sendMessageApi', sendForm(tk, extra));
		expect(r.data.rspCode).toBe('000000');
		return r.data.resultData.msgId as string;
	}

	const templateBody = (tk: string, extra: Record<string, unknown> = {}) => ({
		token: tk,
		userId: VANYTECH_DEMO.templateUserId,
		publicId: VANYTECH_DEMO.publicId,
		messageType: '1',
		templateId: VANYTECH_DEMO.templateId,
		url: 'https://www.vanytech.com',
		data: VANYTECH_DEMO.templateData,
		...extra,
	});

	beforeAll(async () => {
		url = await sim.start();
	});
	afterAll(() => sim.stop());
	beforeEach(() => {
		sim.clear();
		Object.assign(sim.settings, defaultVanytechSettings());
		sim.tokens.ttlSeconds = 7200;
	});

	describe('5.1.1 getThirdAPIToken', () => {
		it('issues a token by POST and by GET with URL parameters', async () => {
			const q = `appId=${VANYTECH_DEMO.appId}&appPassword=${VANYTECH_DEMO.appPassword}`;
			const p = await post(`/msg/getThirdAPIToken?${q}`, '');
			const g = await axios.get(`${url}/msg/getThirdAPIToken?${q}`);
			for (const r of [p, g]) {
				expect(r.status).toBe(200);
				expect(r.data).toEqual({ rspCode: '000000', rspMsg: '操作完成', resultData: { token: expect.any(String) } });
				expect(r.data.resultData.token).toMatch(/^[0-9a-f-]{36}$/);
			}
			expect(p.data.resultData.token).not.toBe(g.data.resultData.token);
		});

		it('answers 500002 for a wrong appId or appPassword, or a disabled app', async () => {
			const wrong = await post(`/msg/getThirdAPIToken?appId=${VANYTECH_DEMO.appId}&appPassword=nope`, '');
			expect(wrong.data).toEqual({ rspCode: '500002', rspMsg: '无效的应用ID或密钥', resultData: null });
			const unknown = await post(`/msg/getThirdAPIToken?appId=X&appPassword=${VANYTECH_DEMO.appPassword}`, '');
			expect(code(unknown)).toBe('500002');
			sim.settings.disabledApps = [VANYTECH_DEMO.appId];
			const q = `appId=${VANYTECH_DEMO.appId}&appPassword=${VANYTECH_DEMO.appPassword}`;
			const disabled = await post(`/msg/getThirdAPIToken?${q}`, '');
			expect(disabled.data).toEqual({ rspCode: '500002', rspMsg: '应用为禁用状态', resultData: null });
		});

		it('answers 500001 when the parameters are missing, e.g. sent in a form body', async () => {
			const missing = await post(`/msg/getThirdAPIToken?appId=${VANYTECH_DEMO.appId}`, '');
			expect(code(missing)).toBe('500001');
			const inBody = await form('/msg/getThirdAPIToken', {
				appId: VANYTECH_DEMO.appId,
				appPassword: VANYTECH_DEMO.appPassword,
			});
			expect(code(inBody)).toBe('500001');
			sim.settings.lenientParams = true;
			const lenient = await form('/msg/getThirdAPIToken', {
				appId: VANYTECH_DEMO.appId,
				appPassword: VANYTECH_DEMO.appPassword,
			});
			expect(code(lenient)).toBe('000000');
		});

		it('can be restricted to the documented POST', async () => {
			sim.settings.tokenMethods = ['POST'];
			const q = `appId=${VANYTECH_DEMO.appId}&appPassword=${VANYTECH_DEMO.appPassword}`;
			const g = await axios.get(`${url}/msg/getThirdAPIToken?${q}`, { validateStatus: () => true });
			expect(g.status).toBe(405);
			expect(code(await post(`/msg/getThirdAPIToken?${q}`, ''))).toBe('000000');
		});
	});

	describe('token checks', () => {
		const invalid = { rspCode: '500003', rspMsg: '无效的请求凭证', resultData: null };

		it('answers 500003 (HTTP 200) for an unknown, revoked or expired token on every interface', async () => {
			const bogus = 'not-a-token';
			const calls = [
				() => post(`/message/getPublicList?token=${bogus}`, ''),
				() => post(`/message/getTemplateList?token=${bogus}&publicId=${VANYTECH_DEMO.publicId}`, ''),
				() => form('/message/replyMessage', { token: bogus }),
				() => form('/message/getProgress', { token: bogus, msgId: 'x' }),
				() => form('/api/message/user/count', { token: bogus, account: '12345' }),
				() => form('/api/message/user/list', { token: bogus, account: '12345', page: '1', size: '10' }),
				() => form('/message/sendMessageApi', sendForm(bogus)),
				() => form('/message/sendMessageBySMSApi', { token: bogus, msgContent: 'x', receivers: '[]' }),
				() => json('/message/sendTemplateApi', templateBody(bogus)),
				() => json('/message/cardMessage', { token: bogus, userList: 'a', title: 't', description: 'd', url: 'https://a' }),
				() => form('/message/checkMessageStatusApi', { token: bogus, msgId: 'x' }),
			];
			for (const call of calls) {
				const r = await call();
				expect(r.status).toBe(200);
				expect(r.data).toEqual(invalid);
			}
			expect(sim.records).toHaveLength(0);
		});

		it('revokes tokens (in process and through the control API)', async () => {
			const tk = await token();
			expect(code(await post(`/message/getPublicList?token=${tk}`, ''))).toBe('000000');
			sim.tokens.revokeAll();
			expect((await post(`/message/getPublicList?token=${tk}`, '')).data).toEqual(invalid);
			const tk2 = await token();
			await axios.post(`${url}/__sim/revoke-tokens`);
			expect((await form('/message/sendMessageApi', sendForm(tk2))).data).toEqual(invalid);
			expect(sim.recordsOf('POST /message/sendMessageApi')).toHaveLength(0);
		});

		it('expires tokens after their lifetime', async () => {
			sim.tokens.ttlSeconds = 1;
			const tk = await token();
			expect(code(await post(`/message/getPublicList?token=${tk}`, ''))).toBe('000000');
			await new Promise((r) => setTimeout(r, 1100));
			expect((await post(`/message/getPublicList?token=${tk}`, '')).data).toEqual(invalid);
		});

		it('answers 500001 when the token is missing or carried the wrong way', async () => {
			const tk = await token();
			// form interface with the token in the URL
			expect(code(await post(`/message/replyMessage?token=${tk}`, ''))).toBe('500001');
			// URL interface with the token in a form body
			expect(code(await form('/message/getPublicList', { token: tk }))).toBe('500001');
			// form interface sent as JSON
			expect(code(await json('/message/sendMessageApi', sendForm(tk)))).toBe('500001');
			// JSON interface sent as a form
			expect(code(await form('/message/cardMessage', { token: tk, userList: 'a', title: 't', description: 'd', url: 'https://a' }))).toBe('500001');
			// JSON that does not parse
			expect(code(await post('/message/cardMessage', '{"token":', { 'content-type': 'application/json' }))).toBe('500001');
			expect(sim.records).toHaveLength(0);
		});

		it('answers 405 to GET on the POST interfaces', async () => {
			const tk = await token();
			const r = await axios.get(`${url}/message/getPublicList?token=${tk}`, { validateStatus: () => true });
			expect(r.status).toBe(405);
		});
	});

	describe('5.2.1 getPublicList and 5.2.2 getTemplateList', () => {
		it('lists the public accounts of the app (the document example)', async () => {
			const tk = await token();
			const r = await post(`/message/getPublicList?token=${tk}`, '');
			expect(r.data).toEqual({
				rspCode: '000000',
				rspMsg: '操作完成',
				debuggerErrorMsg: null,
				resultData: [
					{ appId: 'MSG123456', publicName: '平台名称', publicId: VANYTECH_DEMO.publicId, remark: '备注', status: '1' },
					{ appId: 'MSG123456', publicName: '平台名称1', publicId: VANYTECH_DEMO.disabledPublicId, remark: '备注', status: '2' },
				],
			});
		});

		it('lists the templates of a public account (the document example)', async () => {
			const tk = await token();
			const r = await post(`/message/getTemplateList?token=${tk}&publicId=${VANYTECH_DEMO.publicId}`, '');
			expect(r.data.rspCode).toBe('000000');
			expect(r.data.debuggerErrorMsg).toBeNull();
			expect(r.data.resultData).toHaveLength(2);
			expect(r.data.resultData[0]).toEqual({
				template_id: VANYTECH_DEMO.templateId,
				title: '待办审批提醒',
				primary_industry: 'IT科技',
				deputy_industry: 'IT软件与服务',
				content: expect.stringContaining('{{keyword5.DATA}}'),
				example: expect.stringContaining('请及时处理'),
			});
		});

		it('answers 600005 / 600000 / 600011 / 600022 for missing, unknown, disabled and foreign accounts', async () => {
			sim.settings.apps = { ...sim.settings.apps, OTHER: 'pw' };
			sim.settings.publicAccounts = [
				...sim.settings.publicAccounts,
				{ appId: 'OTHER', publicName: '别人的', publicId: 'other-pub', remark: '', status: '1' },
			];
			const tk = await token();
			const list = (publicId?: string) =>
				post(`/message/getTemplateList?token=${tk}${publicId ? `&publicId=${publicId}` : ''}`, '');
			expect((await list()).data).toEqual({ rspCode: '600005', rspMsg: '公众平台信息不能为空', resultData: null });
			expect(code(await list('nope'))).toBe('600000');
			expect(code(await list(VANYTECH_DEMO.disabledPublicId))).toBe('600011');
			expect(code(await list('other-pub'))).toBe('600022');
			const other = await token('OTHER', 'pw');
			expect((await post(`/message/getPublicList?token=${other}`, '')).data.resultData).toHaveLength(1);
		});
	});

	describe('5.3.1 sendMessageApi', () => {
		it('accepts a notice, reports unsubscribed receivers and records it once', async () => {
			const tk = await token();
			const r = await form(
				'/message/sendMessageApi',
				sendForm(tk, { receivers: receivers('12345', VANYTECH_DEMO.unsubscribedUserId), isReply: '1', summary: '摘要' }),
			);
			expect(r.data).toEqual({
				rspCode: '000000',
				rspMsg: '操作完成',
				resultData: {
					msgId: expect.any(String),
					noSubscribeStatus: '1',
					noSubscribeList: [{ type: 'User', userId: VANYTECH_DEMO.unsubscribedUserId, userName: '接受人2' }],
				},
			});
			const records = sim.recordsOf('POST /message/sendMessageApi');
			expect(records).toHaveLength(1);
			expect(records[0].id).toBe(r.data.resultData.msgId);
			expect(records[0].payload).toMatchObject({ msgtitle: '通知标题', sendChannel: ['Portal', 'WeChat'], isReply: '1' });

			const all = await form('/message/sendMessageApi', sendForm(tk));
			expect(all.data.resultData).toEqual({ msgId: expect.any(String), noSubscribeStatus: '0', noSubscribeList: [] });
			sim.settings.noSubscribeNameField = 'name';
			const alt = await form('/message/sendMessageApi', sendForm(tk, { receivers: receivers('1', VANYTECH_DEMO.unsubscribedUserId) }));
			expect(alt.data.resultData.noSubscribeList[0]).toEqual({ type: 'User', userId: VANYTECH_DEMO.unsubscribedUserId, name: '接受人2' });
		});

		it('accepts every documented variant', async () => {
			const tk = await token();
			const ahead = chinaTime(Date.now() + 11 * 60 * 1000);
			const variants: Array<Record<string, string>> = [
				{ msgType: '0', iconUrl: 'https://x/a.png' },
				{ msgType: '2', msgContent: 'https://www.vanytech.com/detail?id=1' },
				{ sendStatus: '2', sendTime: ahead },
				{ sendChannel: 'WeChat,DingTalk,Mail,SMS,IntelligenceMode,Portal' },
				{ sendMsgType: '4', waitLink: 'https://oa/todo/1', pcUrl: 'https://oa/pc/1' },
				{ msgtitle: 'x'.repeat(100), summary: 's'.repeat(255), waitLink: 'w'.repeat(1024), pcUrl: 'p'.repeat(1024) },
				{ msgContent: '会议【研发部】' },
				{ sendChannel: 'SMS', msgContent: '会议〖研发部〗' },
				{ receivers: JSON.stringify([{ userId: '12345' }]) },
			];
			for (const v of variants) {
				const r = await form('/message/sendMessageApi', sendForm(tk, v));
				expect([v, r.data.rspCode]).toEqual([v, '000000']);
			}
			expect(sim.recordsOf('POST /message/sendMessageApi')).toHaveLength(variants.length);
		});

		it('refuses each documented validation error with 500001 and records nothing', async () => {
			const tk = await token();
			const soon = chinaTime(Date.now() + 5 * 60 * 1000);
			const bad: Array<Record<string, string>> = [
				...['msgtitle', 'msgType', 'msgContent', 'sendStatus', 'sendChannel', 'sendMode', 'receivers'].map((k) => ({ [k]: '' })),
				{ msgtitle: 'x'.repeat(101) },
				{ msgType: '3' },
				{ msgType: '2', msgContent: 'www.vanytech.com' },
				{ sendStatus: '3' },
				{ sendStatus: '2' },
				{ sendStatus: '2', sendTime: soon },
				{ sendStatus: '2', sendTime: '2099/01/01 10:00:00' },
				{ sendChannel: 'QQ' },
				{ sendChannel: 'WeChat, SMS' },
				{ sendChannel: 'wechat' },
				{ sendMode: 'fast' },
				{ receivers: 'not json' },
				{ receivers: '[]' },
				{ receivers: '{"userId":"1"}' },
				{ receivers: '[{"type":"User","name":"无学号"}]' },
				{ receivers: '[{"type":"Dept","userId":"1"}]' },
				{ sendMsgType: '4' },
				{ sendMsgType: '2' },
				{ summary: 's'.repeat(256) },
				{ iconUrl: 'i'.repeat(101) },
				{ isReply: '2' },
				{ waitLink: 'w'.repeat(1025) },
				{ pcUrl: 'p'.repeat(1025) },
			];
			for (const v of bad) {
				const r = await form('/message/sendMessageApi', sendForm(tk, v));
				expect([v, r.data.rspCode]).toEqual([v, '500001']);
				expect(r.data.rspMsg).toMatch(/^参数校验有误/);
			}
			expect(sim.recordsOf('POST /message/sendMessageApi')).toHaveLength(0);
		});

		it('refuses 【】 in SMS content (500012), sensitive words (500013), unopened channels (500010, 500011)', async () => {
			const tk = await token();
			const brackets = await form('/message/sendMessageApi', sendForm(tk, { sendChannel: 'Portal,SMS', msgContent: '【研发部】开会' }));
			expect(brackets.data).toEqual({ rspCode: '500012', rspMsg: '不合法的请求内容', resultData: null });
			sim.settings.sensitiveWords = ['赌博'];
			expect(code(await form('/message/sendMessageApi', sendForm(tk, { msgtitle: '禁止赌博' })))).toBe('500013');
			sim.settings.channels = ['Portal', 'IntelligenceMode'];
			expect(code(await form('/message/sendMessageApi', sendForm(tk, { sendChannel: 'WeChat' })))).toBe('500010');
			sim.settings.channels = ['IntelligenceMode'];
			expect(code(await form('/message/sendMessageApi', sendForm(tk, { sendChannel: 'IntelligenceMode' })))).toBe('500011');
			expect(sim.records).toHaveLength(0);
		});

		it('refuses 【】 with Intelligence Mode while SMS is opened (it may end on SMS), unless intelligenceModeSms is off', async () => {
			const tk = await token();
			const im = (channels: string) => form('/message/sendMessageApi', sendForm(tk, { sendChannel: channels, msgContent: '【研发部】开会' }));
			expect(code(await im('IntelligenceMode'))).toBe('500012');
			expect(code(await im('Portal,IntelligenceMode'))).toBe('500012');
			expect(code(await im('Portal'))).toBe('000000');
			sim.settings.channels = ['Portal', 'WeChat', 'IntelligenceMode'];
			expect(code(await im('IntelligenceMode'))).toBe('000000');
			sim.settings.channels = [...VANYTECH_CHANNELS];
			sim.settings.intelligenceModeSms = false;
			expect(code(await im('IntelligenceMode'))).toBe('000000');
			expect(code(await im('IntelligenceMode,SMS'))).toBe('500012');
			expect(sim.records).toHaveLength(3);
		});

		it('answers 500007 when no receiver has subscribed', async () => {
			const tk = await token();
			const r = await form('/message/sendMessageApi', sendForm(tk, { receivers: receivers(VANYTECH_DEMO.unsubscribedUserId) }));
			expect(r.data).toEqual({ rspCode: '500007', rspMsg: '不存在订阅的人员数据', resultData: null });
		});

		it('answers 500015 for a duplicate pending todo, and accepts it again once confirmed', async () => {
			const tk = await token();
			const todo = { sendMsgType: '4', waitLink: 'https://oa/todo/1' };
			const first = await send(tk, todo);
			const dup = await form('/message/sendMessageApi', sendForm(tk, todo));
			expect(dup.data).toEqual({ rspCode: '500015', rspMsg: '重复发送待办/任务消息', resultData: null });
			expect(code(await form('/message/sendMessageApi', sendForm(tk, { ...todo, waitLink: 'https://oa/todo/2' })))).toBe('000000');
			expect(code(await form('/message/checkMessageStatusApi', { token: tk, msgId: first, state: '2' }))).toBe('000000');
			expect(code(await form('/message/sendMessageApi', sendForm(tk, todo)))).toBe('000000');
		});

		it('spends SMS quota per recipient and answers 100011 when it is exhausted', async () => {
			const tk = await token();
			sim.settings.smsQuota = 3;
			await send(tk, { sendChannel: 'SMS' });
			expect(sim.settings.smsQuota).toBe(1);
			const r = await form('/message/sendMessageApi', sendForm(tk, { sendChannel: 'SMS,Portal' }));
			expect(r.data).toEqual({ rspCode: '100011', rspMsg: '发送短信额度不足', resultData: null });
			await send(tk, { sendChannel: 'Portal' });
			expect(sim.settings.smsQuota).toBe(1);
		});
	});

	describe('5.3.2 sendMessageBySMSApi', () => {
		const smsForm = (tk: string, extra: Record<string, string> = {}) => ({
			token: tk,
			msgContent: '您的快递已到〖菜鸟驿站〗',
			receivers: JSON.stringify(VANYTECH_DEMO.mobiles),
			...extra,
		});

		it('answers rspCode "1" with a msgId and records the SMS once', async () => {
			const tk = await token();
			const r = await form('/message/sendMessageBySMSApi', smsForm(tk));
			expect(r.data).toEqual({ rspCode: '1', rspMsg: '操作成功！', resultData: { msgId: expect.any(String) } });
			const records = sim.recordsOf('POST /message/sendMessageBySMSApi');
			expect(records).toHaveLength(1);
			expect(records[0].payload.receivers).toEqual(VANYTECH_DEMO.mobiles);
		});

		it('refuses bad parameters, 【】, closed or unopened SMS and an exhausted quota', async () => {
			const tk = await token();
			const bad: Array<Record<string, string>> = [
				{ msgContent: '' },
				{ receivers: '' },
				{ receivers: 'x' },
				{ receivers: '[]' },
				{ receivers: '[{"name":"无号码"}]' },
			];
			for (const v of bad) {
				expect([v, code(await form('/message/sendMessageBySMSApi', smsForm(tk, v)))]).toEqual([v, '500001']);
			}
			expect(code(await form('/message/sendMessageBySMSApi', smsForm(tk, { msgContent: '【研发部】通知' })))).toBe('500012');
			sim.settings.smsChannelClosed = true;
			expect((await form('/message/sendMessageBySMSApi', smsForm(tk))).data).toEqual({
				rspCode: '500014',
				rspMsg: '渠道已关闭',
				resultData: null,
			});
			sim.settings.smsChannelClosed = false;
			sim.settings.channels = ['Portal'];
			expect(code(await form('/message/sendMessageBySMSApi', smsForm(tk)))).toBe('500010');
			sim.settings.channels = defaultVanytechSettings().channels;
			sim.settings.smsQuota = 1;
			expect(code(await form('/message/sendMessageBySMSApi', smsForm(tk)))).toBe('100011');
			expect(sim.records).toHaveLength(0);
		});
	});

	describe('5.2.4 getProgress', () => {
		it('advances 0 -> 2 -> 1 over calls and lists failed users', async () => {
			const tk = await token();
			sim.settings.failingUsers = { '12346': '微信发送失败！用户未关注' };
			const msgId = await send(tk);
			const states = [];
			for (let i = 0; i < 4; i++) {
				const r = await form('/message/getProgress', { token: tk, msgId });
				expect(r.data.rspCode).toBe('000000');
				states.push(r.data.resultData.state);
				if (i === 3) {
					expect(r.data.resultData).toEqual({
						total: 2,
						state: '1',
						successCount: 1,
						failCount: 1,
						failUserList: [{ user: '12346', cause: '微信发送失败！用户未关注' }],
					});
				}
			}
			expect(states).toEqual(['0', '2', '1', '1']);
		});

		it('reports an SMS to a malformed mobile as failed, and can finish at once', async () => {
			sim.settings.progressInstant = true;
			const tk = await token();
			const r = await form('/message/sendMessageBySMSApi', {
				token: tk,
				msgContent: '通知',
				receivers: JSON.stringify([{ name: 'a', mobile: '18612345678' }, { name: 'b', mobile: '1234567890' }]),
			});
			const p = await form('/message/getProgress', { token: tk, msgId: r.data.resultData.msgId });
			expect(p.data.resultData).toEqual({
				total: 2,
				state: '1',
				successCount: 1,
				failCount: 1,
				failUserList: [{ user: '1234567890', cause: '短信发送失败！手机号码格式有误！' }],
			});
		});

		it('delivers only the document\'s 11-digit form by default, and +86 / 0086 forms with smsAcceptCountryCode', async () => {
			sim.settings.progressInstant = true;
			const tk = await token();
			const receivers = JSON.stringify(['18612345678', '+8613912345678', '008613912345679'].map((mobile) => ({ name: 'x', mobile })));
			const failed = async () => {
				const r = await form('/message/sendMessageBySMSApi', { token: tk, msgContent: '通知', receivers });
				const p = await form('/message/getProgress', { token: tk, msgId: r.data.resultData.msgId });
				return (p.data.resultData.failUserList as Array<{ user: string }>).map((f) => f.user);
			};
			expect(await failed()).toEqual(['+8613912345678', '008613912345679']);
			sim.settings.smsAcceptCountryCode = true;
			expect(await failed()).toEqual([]);
		});

		it('keeps a scheduled message at state 0 until its time', async () => {
			const tk = await token();
			const msgId = await send(tk, { sendStatus: '2', sendTime: chinaTime(Date.now() + 20 * 60 * 1000) });
			for (let i = 0; i < 3; i++) {
				expect((await form('/message/getProgress', { token: tk, msgId })).data.resultData.state).toBe('0');
			}
		});

		it('answers 500001 without msgId and 500005 for an unknown or foreign msgId', async () => {
			const tk = await token();
			expect(code(await form('/message/getProgress', { token: tk }))).toBe('500001');
			expect((await form('/message/getProgress', { token: tk, msgId: 'nope' })).data).toEqual({
				rspCode: '500005',
				rspMsg: '无效的 msgId 参数',
				resultData: null,
			});
			const msgId = await send(tk);
			sim.settings.apps = { ...sim.settings.apps, OTHER: 'pw' };
			const other = await token('OTHER', 'pw');
			expect(code(await form('/message/getProgress', { token: other, msgId }))).toBe('500005');
		});
	});

	describe('5.2.3 replyMessage', () => {
		it('returns replies oldest first, at most count, and deletes what it returned', async () => {
			const tk = await token();
			const msgId = await send(tk, { isReply: '1' });
			sim.addReply(msgId, '12345', '收到', '2018-01-01 15:01:02');
			sim.addReply(msgId, '12346', '好的');
			const viaControl = await axios.post(`${url}/__sim/reply`, { msgId, user: '12345', content: '第三条' });
			expect(viaControl.data.ok).toBe(true);

			const first = await form('/message/replyMessage', { token: tk, count: '1' });
			expect(first.data).toEqual({
				rspCode: '000000',
				rspMsg: '操作完成',
				resultData: [{ content: '收到', time: '2018-01-01 15:01:02', msgId, user: '12345' }],
			});
			const rest = await form('/message/replyMessage', { token: tk });
			expect(rest.data.resultData.map((r: { content: string }) => r.content)).toEqual(['好的', '第三条']);
			expect(rest.data.resultData[0].time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
			expect((await form('/message/replyMessage', { token: tk })).data.resultData).toEqual([]);
		});

		it('defaults to 100 and refuses counts outside 1..100', async () => {
			const tk = await token();
			const msgId = await send(tk, { isReply: '1' });
			for (let i = 0; i < 105; i++) sim.addReply(msgId, '12345', `r${i}`);
			expect((await form('/message/replyMessage', { token: tk })).data.resultData).toHaveLength(100);
			for (const count of ['0', '101', 'abc', '1.5']) {
				expect([count, code(await form('/message/replyMessage', { token: tk, count }))]).toEqual([count, '500001']);
			}
			expect((await form('/message/replyMessage', { token: tk, count: '100' })).data.resultData).toHaveLength(5);
		});

		it('only takes replies to messages sent with isReply=1', async () => {
			const tk = await token();
			const msgId = await send(tk);
			expect(() => sim.addReply(msgId, '12345', 'x')).toThrow(/isReply=0/);
			const r = await axios.post(`${url}/__sim/reply`, { msgId: 'nope', user: 'u', content: 'x' }, { validateStatus: () => true });
			expect(r.status).toBe(400);
		});
	});

	describe('5.2.5 user/count and 5.2.6 user/list', () => {
		it('derive counts and pages from the messages sent to the user', async () => {
			const tk = await token();
			const n1 = await send(tk, { msgtitle: '生日祝福' });
			await send(tk, { msgtitle: '会议通知' });
			const t1 = await send(tk, { msgtitle: '请假审批', sendMsgType: '4', waitLink: 'https://oa/1' });
			await send(tk, { msgtitle: '报销审批', sendMsgType: '4', waitLink: 'https://oa/2', pcUrl: 'https://pc/2' });
			await send(tk, { msgtitle: '别人的', receivers: receivers('99999') });
			sim.markRead(n1, '12345');
			await form('/message/checkMessageStatusApi', { token: tk, msgId: t1, state: '2' });

			const count = await form('/api/message/user/count', { token: tk, account: '12345' });
			expect(count.data).toEqual({
				rspCode: '000000',
				rspMsg: '',
				resultData: { unread: 1, read: 1, checked: 1, todo: 1, processing: 0, initiated: 0, total: 4 },
			});
			const notices = await form('/api/message/user/count', { token: tk, account: '12345', type: '1' });
			expect(notices.data.resultData).toMatchObject({ unread: 1, read: 1, checked: 0, todo: 0, total: 2 });
			expect(code(await form('/api/message/user/count', { token: tk, account: '12345', type: '2' }))).toBe('500001');
			expect(code(await form('/api/message/user/count', { token: tk }))).toBe('500001');

			const list = await form('/api/message/user/list', { token: tk, account: '12345', page: '1', size: '3' });
			expect(list.data.rspCode).toBe('000000');
			expect(list.data.resultData.total).toBe(4);
			expect(list.data.resultData.msglist).toHaveLength(3);
			expect(list.data.resultData.msglist[0]).toEqual({
				id: expect.any(String),
				title: '报销审批',
				type: '4',
				time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
				state: '4',
				source: '示例',
				url: 'https://pc/2',
				murl: 'https://oa/2',
			});
			const page2 = await form('/api/message/user/list', { token: tk, account: '12345', page: '2', size: '3' });
			expect(page2.data.resultData.msglist.map((m: { title: string }) => m.title)).toEqual(['生日祝福']);
			const byType = async (type: string) =>
				(await form('/api/message/user/list', { token: tk, account: '12345', page: '1', size: '100', type })).data.resultData.msglist.map(
					(m: { title: string; state: string }) => `${m.title}:${m.state}`,
				);
			expect(await byType('1')).toEqual(['报销审批:4']);
			expect(await byType('2')).toEqual(['请假审批:3']);
			expect(await byType('3')).toEqual(['会议通知:2']);
			expect(await byType('4')).toEqual(['生日祝福:1']);
			const search = await form('/api/message/user/list', { token: tk, account: '12345', page: '1', size: '10', search: '审批' });
			expect(search.data.resultData.total).toBe(2);

			const badList: Array<Record<string, string>> = [
				{ page: '' },
				{ size: '' },
				{ page: '0' },
				{ size: '101' },
				{ size: 'x' },
				{ type: '5' },
				{ account: '' },
			];
			for (const v of badList) {
				const r = await form('/api/message/user/list', { token: tk, account: '12345', page: '1', size: '10', ...v });
				expect([v, code(r)]).toEqual([v, '500001']);
			}
		});

		it('answers 400002 when the interface is not enabled for the app', async () => {
			const tk = await token();
			sim.settings.userCountEnabled = false;
			sim.settings.userListEnabled = false;
			expect((await form('/api/message/user/count', { token: tk, account: '12345' })).data).toEqual({
				rspCode: '400002',
				rspMsg: '应用未激活此接口',
				resultData: null,
			});
			expect(code(await form('/api/message/user/list', { token: tk, account: '12345', page: '1', size: '10' }))).toBe('400002');
		});
	});

	describe('5.3.3 sendTemplateApi', () => {
		it('sends the document example and records it once', async () => {
			const tk = await token();
			const r = await json('/message/sendTemplateApi', templateBody(tk));
			expect(r.data).toEqual({
				rspCode: '000000',
				rspMsg: '操作完成',
				debuggerErrorMsg: null,
				resultData: { messageId: expect.any(String), status: '0', info: '发送成功' },
			});
			const records = sim.recordsOf('POST /message/sendTemplateApi');
			expect(records).toHaveLength(1);
			expect(records[0].payload.data).toMatchObject({ keyword1: 'OA办公系统', keyword5: '领导审批' });
		});

		it('answers the documented 600xxx codes', async () => {
			const tk = await token();
			const cases: Array<[Record<string, unknown>, string]> = [
				[{ publicId: '' }, '600005'],
				[{ userId: '' }, '600004'],
				[{ templateId: '' }, '600006'],
				[{ publicId: 'nope' }, '600000'],
				[{ publicId: VANYTECH_DEMO.disabledPublicId }, '600011'],
				[{ templateId: 'nope' }, '600008'],
				[{ userId: VANYTECH_DEMO.unsubscribedUserId }, '600024'],
				[{ data: undefined }, '600007'],
				[{ data: { ...VANYTECH_DEMO.templateData, keyword3: undefined } }, '600007'],
				[{ data: { ...VANYTECH_DEMO.templateData, keyword5: { value: '' } } }, '600007'],
				[{ data: { ...VANYTECH_DEMO.templateData, keyword2: '办公用品申领' } }, '600007'],
				[{ messageType: '3' }, '500001'],
				[{ messageType: '' }, '500001'],
				[{ url: '' }, '500001'],
				[{ pcUrl: 'p'.repeat(256) }, '500001'],
				[{ userId: { id: 1 } }, '500001'],
			];
			for (const [extra, expected] of cases) {
				expect([extra, code(await json('/message/sendTemplateApi', templateBody(tk, extra)))]).toEqual([extra, expected]);
			}
			sim.settings.wechatUnboundUsers = ['yezz'];
			expect(code(await json('/message/sendTemplateApi', templateBody(tk)))).toBe('600003');
			expect(code(await form('/message/sendTemplateApi', { token: tk }))).toBe('500001');
			expect(sim.records).toHaveLength(0);
			const missing = await json('/message/sendTemplateApi', templateBody(tk, { data: { keyword1: { value: 'a' } }, userId: 'u2' }));
			expect(missing.data.rspMsg).toMatch(/^缺少对应的keyword的参数/);
		});

		it('accepts a number where a string is documented (Jackson coercion)', async () => {
			const tk = await token();
			expect(code(await json('/message/sendTemplateApi', templateBody(tk, { messageType: 1 })))).toBe('000000');
		});

		it('confirms template todos with messageType=2 (600009, 600010) and refuses duplicates (500015)', async () => {
			const tk = await token();
			const todo = await json('/message/sendTemplateApi', templateBody(tk, { messageType: '2' }));
			expect(code(todo)).toBe('000000');
			expect(code(await json('/message/sendTemplateApi', templateBody(tk, { messageType: '2' })))).toBe('500015');
			const id = todo.data.resultData.messageId as string;
			expect(code(await form('/message/checkMessageStatusApi', { token: tk, msgId: id }))).toBe('500005');
			expect(code(await form('/message/checkMessageStatusApi', { token: tk, msgId: id, messageType: '2', state: '1' }))).toBe('600010');
			expect(code(await form('/message/checkMessageStatusApi', { token: tk, msgId: id, messageType: '2', state: '2' }))).toBe('000000');
			const notice = await json('/message/sendTemplateApi', templateBody(tk));
			expect(
				code(await form('/message/checkMessageStatusApi', { token: tk, msgId: notice.data.resultData.messageId, messageType: '2' })),
			).toBe('600009');
			expect(code(await form('/message/checkMessageStatusApi', { token: tk, msgId: 'nope', messageType: '2' }))).toBe('600008');
		});
	});

	describe('5.3.4 cardMessage', () => {
		const example = (tk: string) => ({
			token: tk,
			userList: 'test1|test2',
			title: '通知',
			description:
				'<div class="gray">2021年06月17日</div> <div class="normal">恭喜你获得本次大赛第一</div><div class="highlight">请于2021年06月20日前联系行政同事领取</div>',
			btnTxt: '更多数据',
			url: 'https://www.xxxx.com/s?ie=UTF-8&wd=baidu',
		});

		it('sends the document example and records it once', async () => {
			const tk = await token();
			const r = await json('/message/cardMessage', example(tk));
			expect(r.data).toEqual({ rspCode: '000000', rspMsg: '操作完成', resultData: null });
			const records = sim.recordsOf('POST /message/cardMessage');
			expect(records).toHaveLength(1);
			expect(records[0].payload).toMatchObject({ userList: ['test1', 'test2'], btnTxt: '更多数据', truncated: [] });
		});

		it('truncates title (128 bytes), description (512 bytes) and btnTxt (4 characters)', async () => {
			const tk = await token();
			const { btnTxt: _omit, ...noBtn } = example(tk);
			await json('/message/cardMessage', { ...noBtn, title: '标'.repeat(50), description: 'd'.repeat(600) });
			await json('/message/cardMessage', { ...example(tk), btnTxt: '查看更多详情' });
			const [a, b] = sim.recordsOf('POST /message/cardMessage').map((r) => r.payload);
			expect(a.title).toBe('标'.repeat(42));
			expect(a.description).toBe('d'.repeat(512));
			expect(a.btnTxt).toBe('详情');
			expect(a.truncated).toEqual(['title', 'description']);
			expect(b.btnTxt).toBe('查看更多');
			expect(b.truncated).toEqual(['btnTxt']);
		});

		it('refuses missing fields, a url without protocol or over 2048 bytes, empty users', async () => {
			const tk = await token();
			for (const v of [
				{ userList: '' },
				{ title: '' },
				{ description: '' },
				{ url: '' },
				{ url: 'www.xxxx.com' },
				{ url: `https://x.com/${'a'.repeat(2040)}` },
				{ userList: 'a||b' },
				// joined with the other bar: not a WeCom userid
				{ userList: 'a｜b' },
				{ userList: 'a b' },
				{ userList: 'x'.repeat(65) },
			]) {
				expect([v, code(await json('/message/cardMessage', { ...example(tk), ...v }))]).toEqual([v, '500001']);
			}
			expect(sim.records).toHaveLength(0);
			expect(code(await json('/message/cardMessage', { ...example(tk), userList: 'zhang.san@x|li-si_2' }))).toBe('000000');
			expect(sim.records[0].payload.userList).toEqual(['zhang.san@x', 'li-si_2']);
		});

		it('splits on the full-width ｜ only, with cardUserSeparator ｜ (the table\'s reading)', async () => {
			const tk = await token();
			sim.settings.cardUserSeparator = '｜';
			expect(code(await json('/message/cardMessage', { ...example(tk), userList: 'a|b' }))).toBe('500001');
			expect(code(await json('/message/cardMessage', { ...example(tk), userList: 'a｜b' }))).toBe('000000');
			expect(sim.records.map((r) => r.payload.userList)).toEqual([['a', 'b']]);
		});
	});

	describe('5.4.1 checkMessageStatusApi', () => {
		it('confirms a todo and answers the example shape', async () => {
			const tk = await token();
			const msgId = await send(tk, { sendMsgType: '4', waitLink: 'https://oa/1' });
			const r = await form('/message/checkMessageStatusApi', { token: tk, msgId, messageType: '1', state: '2' });
			expect(r.data).toEqual({
				rspCode: '000000',
				rspMsg: '操作完成',
				resultData: { total: 1, flowId: msgId, msglist: [{ stepId: msgId, rspCode: '000000', rspMsg: '操作成功' }] },
			});
			expect(sim.recordsOf('POST /message/checkMessageStatusApi')).toHaveLength(1);
			expect(sim.messages.get(msgId)?.todoState).toBe('2');
			sim.settings.confirmResultShape = 'null';
			const back = await form('/message/checkMessageStatusApi', { token: tk, msgId, state: '1' });
			expect(back.data).toEqual({ rspCode: '000000', rspMsg: '操作完成', resultData: null });
			expect(sim.messages.get(msgId)?.todoState).toBe('1');
		});

		it('answers 500005, 500006, 500001 and (when switched on) 500008', async () => {
			const tk = await token();
			const notice = await send(tk);
			expect(code(await form('/message/checkMessageStatusApi', { token: tk }))).toBe('500005');
			expect(code(await form('/message/checkMessageStatusApi', { token: tk, msgId: 'nope' }))).toBe('500005');
			expect((await form('/message/checkMessageStatusApi', { token: tk, msgId: notice })).data).toEqual({
				rspCode: '500006',
				rspMsg: '无效的待办消息',
				resultData: null,
			});
			const todo = await send(tk, { sendMsgType: '4', waitLink: 'https://oa/1' });
			expect(code(await form('/message/checkMessageStatusApi', { token: tk, msgId: todo, state: '3' }))).toBe('500001');
			expect(code(await form('/message/checkMessageStatusApi', { token: tk, msgId: todo, messageType: '3' }))).toBe('500001');
			sim.settings.rejectConfirmWhileSending = true;
			expect(code(await form('/message/checkMessageStatusApi', { token: tk, msgId: todo }))).toBe('500008');
			for (let i = 0; i < 3; i++) await form('/message/getProgress', { token: tk, msgId: todo });
			expect(code(await form('/message/checkMessageStatusApi', { token: tk, msgId: todo }))).toBe('000000');
		});
	});

	describe('knobs', () => {
		it('injects faults, a rate limit and exposes state through the control API', async () => {
			const tk = await token();
			sim.fail({ count: 1, route: 'POST /message/sendTemplateApi', body: { rspCode: '600002', rspMsg: '公众号TOKEN失效', resultData: null } });
			expect(code(await json('/message/sendTemplateApi', templateBody(tk)))).toBe('600002');
			expect(code(await json('/message/sendTemplateApi', templateBody(tk)))).toBe('000000');

			const msgId = await send(tk);
			await axios.post(`${url}/__sim/read`, { msgId, user: '12345' });
			const messages = await axios.get(`${url}/__sim/messages`);
			expect(messages.data.find((m: { msgId: string }) => m.msgId === msgId).readBy).toEqual(['12345']);
			await axios.post(`${url}/__sim/settings`, { smsQuota: 0 });
			expect(code(await form('/message/sendMessageBySMSApi', { token: tk, msgContent: 'x', receivers: JSON.stringify(VANYTECH_DEMO.mobiles) }))).toBe('100011');

			sim.rate.qps = 1;
			await post(`/message/getPublicList?token=${tk}`, '');
			const limited = await post(`/message/getPublicList?token=${tk}`, '');
			expect(limited.data).toEqual({ rspCode: '999999', rspMsg: '其他异常信息', resultData: null });
			sim.rate.qps = 0;

			await axios.post(`${url}/__sim/clear`);
			expect(sim.messages.size).toBe(0);
			expect(sim.records).toHaveLength(0);
			expect((await axios.get(`${url}/__sim/replies`)).data).toEqual([]);
		});
	});
});
