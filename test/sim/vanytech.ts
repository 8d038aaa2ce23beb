/**
 * Simulator of the Vanytech 万雍 unified message center third-party API (seed 004), built on base.ts.
 *
 * Every interface of the document is served, with its documented method, parameter carriage,
 * required fields, allowed values, length limits, response shapes and codes. See vanytech.notes.md.
 *
 * Choices made where the document contradicts itself or is silent (settings name the switches):
 *  1. /msg/getThirdAPIToken is documented as POST with URL parameters; public clients (OpenURP, HZNU)
 *     use GET. Both are accepted; `tokenMethods` restricts them (a refused method answers HTTP 405).
 *  2. Parameter carriage is strict: "URL传参" interfaces read only the query string, form interfaces
 *     read only an application/x-www-form-urlencoded body, JSON interfaces read only an
 *     application/json body. Parameters sent any other way are simply missing (-> 500001, or the
 *     interface's own "empty" code). `lenientParams: true` merges query and form body the way a
 *     Spring request.getParameter() would.
 *  3. A missing `token` answers 500001 (a required parameter is missing); a present but unknown,
 *     expired or revoked token answers 500003 无效的请求凭证 (HTTP 200).
 *  4. 【】 in the content of an SMS send (sendMessageApi with SMS among the channels, and
 *     sendMessageBySMSApi) answers 500012 不合法的请求内容, the closest documented code. Intelligence
 *     Mode tries the app's channels in turn "until one succeeds", so it may end on SMS: with
 *     IntelligenceMode among the channels and SMS opened for the app, 【】 is refused too
 *     (`intelligenceModeSms: false` checks SMS alone).
 *  5. sendMessageApi example 2 names the unsubscribed person's name `userName`, while the table says
 *     `name`: the example wins (`noSubscribeNameField: 'userName'`, alternative 'name').
 *  6. checkMessageStatusApi: the table says resultData has no properties, the example shows
 *     {total, flowId, msglist:[{stepId, rspCode, rspMsg}]} (itself invalid JSON). The example wins:
 *     total 1, flowId = stepId = msgId (`confirmResultShape: 'example'`, alternative 'null').
 *     msgId and state are marked optional: a missing msgId answers 500005; a missing state means
 *     2 (已办理); a missing messageType means 1.
 *  7. cardMessage: the table says users are split by the full-width ｜, the example uses ASCII |.
 *     The example wins (`cardUserSeparator: '|'`; `'｜'` splits on the full-width bar only). Each
 *     user must be a WeCom userid (letters, digits, _ - @ ., at most 64), so a list joined with
 *     the other bar is refused with 500001 instead of going to nobody.
 *     title (128 bytes), description (512 bytes) and btnTxt (4 characters) are truncated as the
 *     document says; url is not said to be truncated: over 2048 bytes or without http(s):// -> 500001.
 *  8. /api/message/user/list: the example shows state "0", which the table (1已读 2未读 3已办理 4待处理)
 *     does not define; the table's values are used. page is 1-based (not documented).
 *  9. /api/message/user/count: the example's success rspMsg is "" (not 操作完成); the example wins.
 * 10. User count/list are "默认不开放" on the platform; here they are enabled by default for the
 *     demo (`userCountEnabled`, `userListEnabled`; false -> 400002 应用未激活此接口).
 * 11. JSON interfaces accept a number where a String is documented (Jackson coerces it); objects,
 *     arrays and booleans are refused.
 * 12. A getProgress on a message answers state 0, then 2, then 1 on later calls (`progressInstant`:
 *     1 at once). A scheduled message stays 0 until its sendTime.
 * 13. Rate limiting (sim.rate) is not documented: over the limit answers 999999 其他异常信息.
 * 14. sendMessageBySMSApi mobiles: the document's examples are 11 digits ("18612345678"); others are
 *     accepted by the send and fail per receiver in getProgress (短信发送失败！手机号码格式有误！, the
 *     document's own example). `smsAcceptCountryCode: true` also delivers +86 / 0086 / 86 forms.
 */
import { randomUUID } from 'node:crypto';
import { SimServer, parseChinaDateTime, utf8Length } from './base';
import type { SimHandler, SimOptions, SimRequest, SimResponse } from './base';

export const VANYTECH_CODES: Record<string, string> = {
	'000000': '操作完成',
	'1': '操作成功！',
	'100011': '发送短信额度不足',
	'400002': '应用未激活此接口',
	'500001': '参数校验有误',
	'500002': '无效的应用ID或密钥',
	'500003': '无效的请求凭证',
	'500005': '无效的 msgId 参数',
	'500006': '无效的待办消息',
	'500007': '不存在订阅的人员数据',
	'500008': '待办/任务消息后台未处理完成，无法修改消息状态',
	'500010': '未开通发送渠道的权限',
	'500011': '使用智能模式未开通至少一个渠道',
	'500012': '不合法的请求内容',
	'500013': '消息具有敏感词汇',
	'500014': '渠道已关闭',
	'500015': '重复发送待办/任务消息',
	'600000': '对应的公众平台不存在',
	'600001': '微信公众号获取数据失败',
	'600002': '公众号TOKEN失效',
	'600003': '系统不存在对应的公众平台人员标识',
	'600004': '人员信息不能为空',
	'600005': '公众平台信息不能为空',
	'600006': '模版消息不能为空',
	'600007': '缺少对应的keyword的参数',
	'600008': '对应的模版消息不存在',
	'600009': '当前模版消息不是待办类型，不能调整办理状态',
	'600010': '模版消息办理状态相同不需要调整',
	'600011': '公众平台已禁用',
	'600020': '第三方应用不存在',
	'600021': '包含不存在的第三方应用',
	'600022': '没有发送的当前公众号的权利,请联系管理员进行绑定',
	'600023': '不是当前平台发送的模版信息',
	'600024': '当前平台已经取消订阅',
	'999999': '其他异常信息',
};

export const VANYTECH_CHANNELS = ['WeChat', 'DingTalk', 'Mail', 'SMS', 'IntelligenceMode', 'Portal'] as const;

export interface VanytechPublicAccount {
	appId: string;
	publicName: string;
	publicId: string;
	remark: string;
	/** '1' 可用, '2' 不可用 */
	status: string;
}

export interface VanytechTemplate {
	template_id: string;
	title: string;
	primary_industry: string;
	deputy_industry: string;
	content: string;
	example: string;
}

const TEMPLATE_CONTENT =
	'{{first.DATA}}\n业务系统：{{keyword1.DATA}}\n所属业务：{{keyword2.DATA}}\n代办事项：{{keyword3.DATA}}\n申请人：{{keyword4.DATA}}\n当前环节：{{keyword5.DATA}}\n{{remark.DATA}}';
const TEMPLATE_EXAMPLE =
	'您好，您有一条待办审批提醒\r\n业务系统：EHR\r\n所属业务：请假申请\r\n代办事项：张三的请假待审批\r\n申请人：张三\r\n当前环节：待审批\r\n请及时处理';

export const VANYTECH_DEMO = {
	appId: 'MSG123456',
	appPassword: 'vanytech-demo-password',
	/** The enabled public account of the document's example (status 1). */
	publicId: 'c3cbcaaa-88f4-466c-b7ce-dd7e07f20b75',
	/** The example's second public account (status 2, 不可用). */
	disabledPublicId: 'd2e5c446-b7fd-421e-8bad-d5d6915207ff',
	templateId: 'hLvE9RSVGrNHCBFHkbAgTjaaFLH8sS66Z7Wu8K3EyS4',
	templateId2: 'KlCgLbMhWp8dyXoQAo15tSLiYCWTiiUcNplfEWSKcUE',
	/** Subscribed users (学工号) of the document's receivers example, and the template example's user. */
	users: [
		{ type: 'User', userId: '12345', name: '接受人1' },
		{ type: 'User', userId: '12346', name: '接受人2' },
	],
	templateUserId: 'yezz',
	/** A user who has not subscribed (listed in noSubscribeList). */
	unsubscribedUserId: '12399',
	mobiles: [
		{ name: '示例姓名1', mobile: '18612345678' },
		{ name: '示例姓名2', mobile: '13912345678' },
	],
	/** Template data filling every keyword of the default templates. */
	templateData: {
		keyword1: { value: 'OA办公系统' },
		keyword2: { value: '办公用品申领' },
		keyword3: { value: '记事本办公用品申领' },
		keyword4: { value: '肖贾' },
		keyword5: { value: '领导审批' },
	},
} as const;

export interface VanytechSettings {
	/** appId -> appPassword */
	apps: Record<string, string>;
	/** appIds whose application is disabled (token -> 500002 应用为禁用状态). */
	disabledApps: string[];
	/** appId -> name shown as msglist.source */
	appNames: Record<string, string>;
	/** HTTP methods accepted by /msg/getThirdAPIToken. */
	tokenMethods: string[];
	/** Merge query and form body for every interface (Spring getParameter behaviour). */
	lenientParams: boolean;
	publicAccounts: VanytechPublicAccount[];
	/** publicId -> templates bound to that public account */
	templates: Record<string, VanytechTemplate[]>;
	/** userIds that have not subscribed: noSubscribeList (sendMessageApi), 600024 (sendTemplateApi). */
	unsubscribedUsers: string[];
	/** userIds with no WeChat binding on the public account (sendTemplateApi -> 600003). */
	wechatUnboundUsers: string[];
	/** Channels opened for the app (others -> 500010). */
	channels: string[];
	/** SMS channel closed (sendMessageBySMSApi -> 500014). */
	smsChannelClosed: boolean;
	/** Remaining SMS messages (one per recipient); negative = unlimited. Exhausted -> 100011. */
	smsQuota: number;
	/** Words that make a message refused with 500013. */
	sensitiveWords: string[];
	userCountEnabled: boolean;
	userListEnabled: boolean;
	/** user id or mobile -> failure cause reported by getProgress. */
	failingUsers: Record<string, string>;
	progressInstant: boolean;
	/** Refuse a todo confirmation (500008) until getProgress has reported state 1. */
	rejectConfirmWhileSending: boolean;
	noSubscribeNameField: 'userName' | 'name';
	confirmResultShape: 'example' | 'null';
	/** The bar that separates the users of a card's userList. */
	cardUserSeparator: '|' | '｜';
	/** Intelligence Mode may end on SMS (when SMS is opened), so 【】 is refused with it too. */
	intelligenceModeSms: boolean;
	/** SMS mobiles with a +86 / 0086 / 86 country code are delivered too (else they fail in getProgress). */
	smsAcceptCountryCode: boolean;
}

export function defaultVanytechSettings(): VanytechSettings {
	return {
		apps: { [VANYTECH_DEMO.appId]: VANYTECH_DEMO.appPassword },
		disabledApps: [],
		appNames: { [VANYTECH_DEMO.appId]: '示例' },
		tokenMethods: ['GET', 'POST'],
		lenientParams: false,
		publicAccounts: [
			{
				appId: VANYTECH_DEMO.appId,
				publicName: '平台名称',
				publicId: VANYTECH_DEMO.publicId,
				remark: '备注',
				status: '1',
			},
			{
				appId: VANYTECH_DEMO.appId,
				publicName: '平台名称1',
				publicId: VANYTECH_DEMO.disabledPublicId,
				remark: '备注',
				status: '2',
			},
		],
		templates: {
			[VANYTECH_DEMO.publicId]: [VANYTECH_DEMO.templateId, VANYTECH_DEMO.templateId2].map((id) => ({
				template_id: id,
				title: '待办审批提醒',
				primary_industry: 'IT科技',
				deputy_industry: 'IT软件与服务',
				content: TEMPLATE_CONTENT,
				example: TEMPLATE_EXAMPLE,
			})),
		},
		unsubscribedUsers: [VANYTECH_DEMO.unsubscribedUserId],
		wechatUnboundUsers: [],
		channels: [...VANYTECH_CHANNELS],
		smsChannelClosed: false,
		smsQuota: -1,
		sensitiveWords: [],
		userCountEnabled: true,
		userListEnabled: true,
		failingUsers: {},
		progressInstant: false,
		rejectConfirmWhileSending: false,
		noSubscribeNameField: 'userName',
		confirmResultShape: 'example',
		cardUserSeparator: '|',
		intelligenceModeSms: true,
		smsAcceptCountryCode: false,
	};
}

export interface VanytechReceiver {
	type: string;
	userId: string;
	name?: string;
}

export interface VanytechMessage {
	msgId: string;
	appId: string;
	kind: 'general' | 'sms' | 'template';
	title: string;
	content: string;
	/** '1' 通知, '4' 待办 (template messageType 2 is stored as '4'). */
	sendMsgType: '1' | '4';
	channels: string[];
	/** general: subscribed userIds; sms: mobiles; template: [userId] */
	recipients: string[];
	isReply: boolean;
	waitLink?: string;
	pcUrl?: string;
	url?: string;
	templateId?: string;
	createdAt: number;
	/** When it is (or was) sent: now, or the scheduled sendTime. */
	sendAt: number;
	scheduled: boolean;
	/** Todo flow state: '1' 待办理, '2' 已办理. */
	todoState: '1' | '2';
	readBy: Set<string>;
	progressCalls: number;
	sent: boolean;
}

export interface VanytechReply {
	content: string;
	time: string;
	msgId: string;
	user: string;
}

class VanytechError extends Error {
	constructor(
		readonly code: string,
		readonly rspMsg: string = VANYTECH_CODES[code] ?? '其他异常信息',
	) {
		super(`${code} ${rspMsg}`);
	}
}

const invalid = (detail: string) => new VanytechError('500001', `参数校验有误：${detail}`);

type Params = Record<string, unknown>;
type Carriage = 'url' | 'form' | 'json';

/** "yyyy-MM-dd HH:mm:ss" (or without seconds) in China time. */
export function chinaTime(ms: number, seconds = true): string {
	const d = new Date(ms + 8 * 3600 * 1000);
	const p = (n: number) => String(n).padStart(2, '0');
	const s = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
	return seconds ? `${s}:${p(d.getUTCSeconds())}` : s;
}

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
function truncateBytes(s: string, max: number): string {
	if (utf8Length(s) <= max) return s;
	let out = '';
	let bytes = 0;
	for (const ch of Array.from(s)) {
		const b = utf8Length(ch);
		if (bytes + b > max) break;
		out += ch;
		bytes += b;
	}
	return out;
}

function ok(resultData: unknown, extra: Record<string, unknown> = {}, rspMsg = '操作完成'): SimResponse {
	return { body: { rspCode: '000000', rspMsg, ...extra, resultData } };
}

export class VanytechSim extends SimServer<VanytechSettings> {
	messages = new Map<string, VanytechMessage>();
	replies: VanytechReply[] = [];

	constructor(options: SimOptions<VanytechSettings> = {}) {
		super('vanytech', {
			tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
			settings: { ...defaultVanytechSettings(), ...(options.settings ?? {}) },
		});
		serveVanytech(this);
	}

	/** A user replies to a message sent with isReply=1 (throws when there is no such message). */
	addReply(msgId: string, user: string, content: string, time?: string): VanytechReply {
		const m = this.messages.get(msgId);
		if (!m || m.kind !== 'general') throw new Error(`vanytech sim: no message ${msgId}`);
		if (!m.isReply) throw new Error(`vanytech sim: message ${msgId} was sent with isReply=0`);
		const r: VanytechReply = { content, time: time ?? chinaTime(Date.now()), msgId, user };
		this.replies.push(r);
		return r;
	}

	/** A user reads a notice (moves it from unread to read in user count/list). */
	markRead(msgId: string, user: string): void {
		const m = this.messages.get(msgId);
		if (!m) throw new Error(`vanytech sim: no message ${msgId}`);
		m.readBy.add(user);
	}

	/** Records, calls, rejections, faults and tokens as in the base; also the messages and replies. */
	override clear(options: { keepTokens?: boolean } = {}): void {
		super.clear(options);
		this.messages.clear();
		this.replies = [];
	}

	/**
	 * This platform's control endpoints, besides the base's:
	 *   POST /__sim/reply     {"msgId","user","content","time"?}  a user replies (isReply=1 messages)
	 *   POST /__sim/read      {"msgId","user"}                    a user reads a notice
	 *   GET  /__sim/messages  the stored messages (state, recipients, progress)
	 *   GET  /__sim/replies   replies not yet fetched
	 */
	protected override control(method: string, what: string, body: Record<string, unknown>): SimResponse {
		try {
			if (method === 'POST' && what === 'reply') {
				const reply = this.addReply(
					String(body.msgId ?? ''),
					String(body.user ?? ''),
					String(body.content ?? ''),
					body.time === undefined ? undefined : String(body.time),
				);
				return { body: { ok: true, reply } };
			}
			if (method === 'POST' && what === 'read') {
				this.markRead(String(body.msgId ?? ''), String(body.user ?? ''));
				return { body: { ok: true } };
			}
		} catch (e) {
			return { status: 400, body: { error: (e as Error).message } };
		}
		if (method === 'GET' && what === 'messages') {
			return { body: [...this.messages.values()].map((m) => ({ ...m, readBy: [...m.readBy] })) };
		}
		if (method === 'GET' && what === 'replies') return { body: this.replies };
		return super.control(method, what, body);
	}
}

export function createVanytechSim(options: SimOptions<VanytechSettings> = {}): VanytechSim {
	return new VanytechSim(options);
}

/** Registers every interface of the document, with its parameter carriage, checks and answers. */
function serveVanytech(sim: VanytechSim): void {
	const cfg = () => sim.settings;

	// ---- parameter handling -------------------------------------------------------------------

	function paramsOf(req: SimRequest, carriage: Carriage): Params {
		const form =
			req.contentType.includes('application/x-www-form-urlencoded') && req.body ? req.body : undefined;
		if (carriage === 'json') {
			if (!req.contentType.includes('application/json')) return {};
			if (req.badJson) throw invalid('请求体不是合法的JSON');
			if (!req.body || Array.isArray(req.body)) throw invalid('请求体必须是JSON对象');
			return req.body;
		}
		if (cfg().lenientParams) return { ...req.query, ...(form ?? {}) };
		return carriage === 'url' ? { ...req.query } : { ...(form ?? {}) };
	}

	/** A documented String parameter: undefined when absent or empty. */
	function str(p: Params, key: string): string | undefined {
		const v = p[key];
		if (v === undefined || v === null || v === '') return undefined;
		if (typeof v === 'string') return v;
		if (typeof v === 'number') return String(v);
		throw invalid(`${key}必须是字符串`);
	}

	function required(p: Params, key: string): string {
		const v = str(p, key);
		if (v === undefined) throw invalid(`${key}不能为空`);
		return v;
	}

	function maxLen(key: string, v: string | undefined, max: number): void {
		if (v !== undefined && v.length > max) throw invalid(`${key}长度不能超过${max}`);
	}

	function oneOf(key: string, v: string | undefined, allowed: string[]): void {
		if (v !== undefined && !allowed.includes(v)) throw invalid(`${key}只能为${allowed.join('、')}`);
	}

	function checkSensitive(...texts: Array<string | undefined>): void {
		for (const word of cfg().sensitiveWords) {
			if (word && texts.some((t) => t !== undefined && t.includes(word))) throw new VanytechError('500013');
		}
	}

	function checkNoBrackets(content: string): void {
		if (content.includes('【') || content.includes('】')) throw new VanytechError('500012');
	}

	function takeSmsQuota(n: number): void {
		const q = cfg().smsQuota;
		if (typeof q !== 'number' || q < 0) return;
		if (n > q) throw new VanytechError('100011');
		cfg().smsQuota = q - n;
	}

	/** The platform's error answer, noted as a rejection. */
	function errorBody(req: SimRequest, e: VanytechError): SimResponse {
		return sim.refuse(req, e.code, e.rspMsg, { body: { rspCode: e.code, rspMsg: e.rspMsg, resultData: null } });
	}

	/** Wraps an interface: rate limit, parameter carriage, token check, error mapping. */
	function api(carriage: Carriage, fn: (p: Params, appId: string, req: SimRequest) => SimResponse): SimHandler {
		return (req) => {
			try {
				if (sim.rate.over()) throw new VanytechError('999999');
				const p = paramsOf(req, carriage);
				const token = required(p, 'token');
				const state = sim.tokens.check(token);
				const appId = sim.tokens.subject(token) ?? '';
				if (state !== 'ok' || cfg().apps[appId] === undefined || cfg().disabledApps.includes(appId)) {
					throw new VanytechError('500003');
				}
				return fn(p, appId, req);
			} catch (e) {
				if (e instanceof VanytechError) return errorBody(req, e);
				throw e;
			}
		};
	}

	// ---- 5.1.1 token --------------------------------------------------------------------------

	const tokenHandler =
		(method: string): SimHandler =>
		(req) => {
			if (!cfg().tokenMethods.map((m) => m.toUpperCase()).includes(method)) {
				return { status: 405, body: { status: 405, error: 'Method Not Allowed', path: req.path } };
			}
			try {
				if (sim.rate.over()) throw new VanytechError('999999');
				const p = paramsOf(req, 'url');
				const appId = required(p, 'appId');
				const appPassword = required(p, 'appPassword');
				const password = cfg().apps[appId];
				if (password === undefined || password !== appPassword) throw new VanytechError('500002');
				if (cfg().disabledApps.includes(appId)) throw new VanytechError('500002', '应用为禁用状态');
				const { token } = sim.tokens.issue(appId, 'uuid');
				return ok({ token });
			} catch (e) {
				if (e instanceof VanytechError) return errorBody(req, e);
				throw e;
			}
		};
	sim.route('POST /msg/getThirdAPIToken', tokenHandler('POST'));
	sim.route('GET /msg/getThirdAPIToken', tokenHandler('GET'));

	// ---- 5.2.1 / 5.2.2 public accounts and templates -------------------------------------------

	sim.route(
		'POST /message/getPublicList',
		api('url', (_p, appId) =>
			ok(
				cfg()
					.publicAccounts.filter((a) => a.appId === appId)
					.map((a) => ({ ...a })),
				{ debuggerErrorMsg: null },
			),
		),
	);

	function publicAccountFor(appId: string, publicId: string): VanytechPublicAccount {
		const account = cfg().publicAccounts.find((a) => a.publicId === publicId);
		if (!account) throw new VanytechError('600000');
		if (account.appId !== appId) throw new VanytechError('600022');
		if (account.status !== '1') throw new VanytechError('600011');
		return account;
	}

	sim.route(
		'POST /message/getTemplateList',
		api('url', (p, appId) => {
			const publicId = str(p, 'publicId');
			if (!publicId) throw new VanytechError('600005');
			publicAccountFor(appId, publicId);
			return ok(
				(cfg().templates[publicId] ?? []).map((t) => ({ ...t })),
				{ debuggerErrorMsg: null },
			);
		}),
	);

	// ---- 5.2.3 replies ------------------------------------------------------------------------

	sim.route(
		'POST /message/replyMessage',
		api('form', (p, appId) => {
			const countText = str(p, 'count');
			let count = 100;
			if (countText !== undefined) {
				if (!/^\d+$/.test(countText) || Number(countText) < 1 || Number(countText) > 100) {
					throw invalid('count只能为1到100的整数');
				}
				count = Number(countText);
			}
			const mine = sim.replies.filter((r) => sim.messages.get(r.msgId)?.appId === appId).slice(0, count);
			sim.replies = sim.replies.filter((r) => !mine.includes(r));
			return ok(mine.map((r) => ({ ...r })));
		}),
	);

	// ---- 5.2.4 progress -----------------------------------------------------------------------

	sim.route(
		'POST /message/getProgress',
		api('form', (p, appId) => {
			const msgId = required(p, 'msgId');
			const m = sim.messages.get(msgId);
			if (!m || m.appId !== appId || m.kind === 'template') throw new VanytechError('500005');
			let state: '0' | '1' | '2' = '0';
			if (!m.scheduled || Date.now() >= m.sendAt) {
				m.progressCalls++;
				state = cfg().progressInstant || m.progressCalls >= 3 ? '1' : m.progressCalls === 2 ? '2' : '0';
			}
			if (state === '1') m.sent = true;
			const fails = m.recipients
				.map((user) => {
					const configured = cfg().failingUsers[user];
					if (configured) return { user, cause: configured };
					const national = cfg().smsAcceptCountryCode ? user.replace(/^(\+86|0086|86(?=\d{11}$))/, '') : user;
					if (m.kind === 'sms' && !/^1\d{10}$/.test(national)) {
						return { user, cause: '短信发送失败！手机号码格式有误！' };
					}
					return undefined;
				})
				.filter((f): f is { user: string; cause: string } => f !== undefined);
			const total = m.recipients.length;
			const success = total - fails.length;
			const done = state === '1' ? 1 : state === '2' ? 0.5 : 0;
			const shownFails = fails.slice(0, Math.floor(fails.length * done));
			return ok({
				total,
				state,
				successCount: Math.floor(success * done),
				failCount: shownFails.length,
				failUserList: shownFails,
			});
		}),
	);

	// ---- 5.2.5 / 5.2.6 user count and list ----------------------------------------------------

	function userMessages(appId: string, account: string): VanytechMessage[] {
		const now = Date.now();
		return [...sim.messages.values()].filter(
			(m) => m.kind === 'general' && m.appId === appId && m.sendAt <= now && m.recipients.includes(account),
		);
	}

	sim.route(
		'POST /api/message/user/count',
		api('form', (p, appId) => {
			if (!cfg().userCountEnabled) throw new VanytechError('400002');
			const account = required(p, 'account');
			const type = str(p, 'type');
			oneOf('type', type, ['1', '4']);
			const list = userMessages(appId, account).filter((m) => !type || m.sendMsgType === type);
			const notices = list.filter((m) => m.sendMsgType === '1');
			const todos = list.filter((m) => m.sendMsgType === '4');
			const read = notices.filter((m) => m.readBy.has(account)).length;
			const checked = todos.filter((m) => m.todoState === '2').length;
			return ok(
				{
					unread: notices.length - read,
					read,
					checked,
					todo: todos.length - checked,
					processing: 0,
					initiated: 0,
					total: list.length,
				},
				{},
				'',
			);
		}),
	);

	sim.route(
		'POST /api/message/user/list',
		api('form', (p, appId) => {
			if (!cfg().userListEnabled) throw new VanytechError('400002');
			const account = required(p, 'account');
			const pageText = required(p, 'page');
			const sizeText = required(p, 'size');
			if (!/^[1-9]\d*$/.test(pageText)) throw invalid('page必须是大于0的整数');
			if (!/^[1-9]\d*$/.test(sizeText) || Number(sizeText) > 100) throw invalid('size只能为1到100的整数');
			const type = str(p, 'type');
			oneOf('type', type, ['1', '2', '3', '4']);
			const search = str(p, 'search');
			const stateOf = (m: VanytechMessage): string =>
				m.sendMsgType === '4'
					? m.todoState === '2'
						? '3'
						: '4'
					: m.readBy.has(account)
						? '1'
						: '2';
			// type: 1 待办 2 已办 3 未读 4 已读 -> item state 4 / 3 / 2 / 1
			const wanted: Record<string, string> = { '1': '4', '2': '3', '3': '2', '4': '1' };
			const list = userMessages(appId, account)
				.filter((m) => !type || stateOf(m) === wanted[type])
				.filter((m) => !search || m.title.includes(search))
				.sort((a, b) => b.sendAt - a.sendAt || b.createdAt - a.createdAt);
			const page = Number(pageText);
			const size = Number(sizeText);
			return ok({
				total: list.length,
				msglist: list.slice((page - 1) * size, page * size).map((m) => ({
					id: m.msgId,
					title: m.title,
					type: m.sendMsgType,
					time: chinaTime(m.sendAt, false),
					state: stateOf(m),
					source: cfg().appNames[appId] ?? appId,
					url: m.pcUrl ?? m.waitLink ?? '',
					murl: m.waitLink ?? '',
				})),
			});
		}),
	);

	// ---- 5.3.1 general send -------------------------------------------------------------------

	function parseChannels(text: string): string[] {
		const channels = text.split(',');
		for (const c of channels) {
			if (!(VANYTECH_CHANNELS as readonly string[]).includes(c)) {
				throw invalid(`sendChannel包含不支持的渠道：${c}`);
			}
		}
		const opened = cfg().channels;
		if (channels.some((c) => !opened.includes(c))) throw new VanytechError('500010');
		if (channels.includes('IntelligenceMode') && !opened.some((c) => c !== 'IntelligenceMode')) {
			throw new VanytechError('500011');
		}
		return [...new Set(channels)];
	}

	function parseJsonArray(key: string, text: string): unknown[] {
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			throw invalid(`${key}必须是JSON数组字符串`);
		}
		if (!Array.isArray(parsed)) throw invalid(`${key}必须是JSON数组字符串`);
		if (parsed.length === 0) throw invalid(`${key}不能为空`);
		return parsed;
	}

	function field(o: Record<string, unknown>, key: string, listKey: string, isRequired: boolean): string | undefined {
		const v = o[key];
		if (v === undefined || v === null || v === '') {
			if (isRequired) throw invalid(`${listKey}.${key}不能为空`);
			return undefined;
		}
		if (typeof v === 'string') return v;
		if (typeof v === 'number') return String(v);
		throw invalid(`${listKey}.${key}必须是字符串`);
	}

	function parseReceivers(text: string): VanytechReceiver[] {
		const seen = new Set<string>();
		const out: VanytechReceiver[] = [];
		for (const item of parseJsonArray('receivers', text)) {
			if (!item || typeof item !== 'object' || Array.isArray(item)) throw invalid('receivers的元素必须是对象');
			const o = item as Record<string, unknown>;
			const type = field(o, 'type', 'receivers', false) ?? 'User';
			if (type !== 'User') throw invalid('receivers.type只能为User');
			const userId = field(o, 'userId', 'receivers', true)!;
			const name = field(o, 'name', 'receivers', false);
			if (seen.has(userId)) continue;
			seen.add(userId);
			out.push({ type, userId, ...(name !== undefined ? { name } : {}) });
		}
		return out;
	}

	const todoKey = (appId: string, parts: string[]) => JSON.stringify([appId, ...parts]);

	sim.route(
		'POST /message/sendMessageApi',
		api('form', (p, appId) => {
			const msgtitle = required(p, 'msgtitle');
			const msgType = required(p, 'msgType');
			const msgContent = required(p, 'msgContent');
			const sendStatus = required(p, 'sendStatus');
			const sendChannel = required(p, 'sendChannel');
			const sendMode = required(p, 'sendMode');
			const receiversText = required(p, 'receivers');
			const sendMsgType = str(p, 'sendMsgType') ?? '1';
			const summary = str(p, 'summary');
			const iconUrl = str(p, 'iconUrl');
			const sendTime = str(p, 'sendTime');
			const isReply = str(p, 'isReply') ?? '0';
			const waitLink = str(p, 'waitLink');
			const pcUrl = str(p, 'pcUrl');

			maxLen('msgtitle', msgtitle, 100);
			oneOf('msgType', msgType, ['0', '1', '2']);
			if (msgType === '2' && !/^https?:\/\/\S+$/i.test(msgContent)) {
				throw invalid('消息类型为外链时msgContent必须是Http请求地址');
			}
			oneOf('sendStatus', sendStatus, ['1', '2']);
			let sendAt = Date.now();
			if (sendTime !== undefined) {
				const t = parseChinaDateTime(sendTime);
				if (Number.isNaN(t)) throw invalid('sendTime格式必须为yyyy-MM-dd HH:mm:ss');
				if (sendStatus === '2') sendAt = t;
			}
			if (sendStatus === '2') {
				if (sendTime === undefined) throw invalid('定时消息sendTime不能为空');
				if (sendAt - Date.now() <= 10 * 60 * 1000) throw invalid('sendTime必须大于系统当前时间10分钟以上');
			}
			const channels = parseChannels(sendChannel);
			oneOf('sendMode', sendMode, ['normal']);
			const receivers = parseReceivers(receiversText);
			oneOf('sendMsgType', sendMsgType, ['1', '4']);
			if (sendMsgType === '4' && waitLink === undefined) throw invalid('待办消息waitLink不能为空');
			maxLen('summary', summary, 255);
			maxLen('iconUrl', iconUrl, 100);
			oneOf('isReply', isReply, ['0', '1']);
			maxLen('waitLink', waitLink, 1024);
			maxLen('pcUrl', pcUrl, 1024);
			const maySms =
				channels.includes('SMS') ||
				(channels.includes('IntelligenceMode') && cfg().intelligenceModeSms && cfg().channels.includes('SMS'));
			if (maySms) checkNoBrackets(msgContent);
			checkSensitive(msgtitle, msgContent, summary);

			const unsubscribed = receivers.filter((r) => cfg().unsubscribedUsers.includes(r.userId));
			const subscribed = receivers.filter((r) => !cfg().unsubscribedUsers.includes(r.userId));
			if (subscribed.length === 0) throw new VanytechError('500007');

			const key =
				sendMsgType === '4'
					? todoKey(appId, [msgtitle, waitLink ?? '', ...subscribed.map((r) => r.userId).sort()])
					: '';
			if (
				key &&
				[...sim.messages.values()].some(
					(m) =>
						m.kind === 'general' &&
						m.sendMsgType === '4' &&
						m.todoState === '1' &&
						todoKey(m.appId, [m.title, m.waitLink ?? '', ...[...m.recipients].sort()]) === key,
				)
			) {
				throw new VanytechError('500015');
			}
			if (channels.includes('SMS')) takeSmsQuota(subscribed.length);

			const msgId = randomUUID();
			const now = Date.now();
			sim.messages.set(msgId, {
				msgId,
				appId,
				kind: 'general',
				title: msgtitle,
				content: msgContent,
				sendMsgType: sendMsgType as '1' | '4',
				channels,
				recipients: subscribed.map((r) => r.userId),
				isReply: isReply === '1',
				waitLink,
				pcUrl,
				createdAt: now,
				sendAt,
				scheduled: sendStatus === '2',
				todoState: '1',
				readBy: new Set(),
				progressCalls: 0,
				sent: false,
			});
			sim.record(
				'POST /message/sendMessageApi',
				{
					appId,
					msgId,
					msgtitle,
					msgType,
					msgContent,
					sendStatus,
					sendChannel: channels,
					sendMode,
					receivers,
					sendMsgType,
					summary,
					iconUrl,
					sendTime,
					isReply,
					waitLink,
					pcUrl,
					noSubscribe: unsubscribed.map((r) => r.userId),
				},
				msgId,
			);
			const nameField = cfg().noSubscribeNameField === 'name' ? 'name' : 'userName';
			return ok({
				msgId,
				noSubscribeStatus: unsubscribed.length ? '1' : '0',
				noSubscribeList: unsubscribed.map((r) => ({ type: r.type, userId: r.userId, [nameField]: r.name ?? '' })),
			});
		}),
	);

	// ---- 5.3.2 SMS ----------------------------------------------------------------------------

	sim.route(
		'POST /message/sendMessageBySMSApi',
		api('form', (p, appId) => {
			const msgContent = required(p, 'msgContent');
			const receiversText = required(p, 'receivers');
			const receivers: Array<{ name?: string; mobile: string }> = [];
			for (const item of parseJsonArray('receivers', receiversText)) {
				if (!item || typeof item !== 'object' || Array.isArray(item)) throw invalid('receivers的元素必须是对象');
				const o = item as Record<string, unknown>;
				const mobile = field(o, 'mobile', 'receivers', true)!;
				const name = field(o, 'name', 'receivers', false);
				receivers.push({ mobile, ...(name !== undefined ? { name } : {}) });
			}
			checkNoBrackets(msgContent);
			checkSensitive(msgContent);
			if (!cfg().channels.includes('SMS')) throw new VanytechError('500010');
			if (cfg().smsChannelClosed) throw new VanytechError('500014');
			const mobiles = [...new Set(receivers.map((r) => r.mobile))];
			takeSmsQuota(mobiles.length);
			const msgId = randomUUID();
			const now = Date.now();
			sim.messages.set(msgId, {
				msgId,
				appId,
				kind: 'sms',
				title: '',
				content: msgContent,
				sendMsgType: '1',
				channels: ['SMS'],
				recipients: mobiles,
				isReply: false,
				createdAt: now,
				sendAt: now,
				scheduled: false,
				todoState: '1',
				readBy: new Set(),
				progressCalls: 0,
				sent: false,
			});
			sim.record('POST /message/sendMessageBySMSApi', { appId, msgId, msgContent, receivers }, msgId);
			return { body: { rspCode: '1', rspMsg: '操作成功！', resultData: { msgId } } };
		}),
	);

	// ---- 5.3.3 WeChat template ----------------------------------------------------------------

	sim.route(
		'POST /message/sendTemplateApi',
		api('json', (p, appId) => {
			const publicId = str(p, 'publicId');
			if (!publicId) throw new VanytechError('600005');
			const userId = str(p, 'userId');
			if (!userId) throw new VanytechError('600004');
			const templateId = str(p, 'templateId');
			if (!templateId) throw new VanytechError('600006');
			const messageType = required(p, 'messageType');
			oneOf('messageType', messageType, ['1', '2']);
			const url = required(p, 'url');
			const pcUrl = str(p, 'pcUrl');
			maxLen('pcUrl', pcUrl, 255);
			publicAccountFor(appId, publicId);
			const template = (cfg().templates[publicId] ?? []).find((t) => t.template_id === templateId);
			if (!template) throw new VanytechError('600008');
			if (cfg().wechatUnboundUsers.includes(userId)) throw new VanytechError('600003');
			if (cfg().unsubscribedUsers.includes(userId)) throw new VanytechError('600024');
			const data = p.data;
			if (!data || typeof data !== 'object' || Array.isArray(data)) throw new VanytechError('600007');
			const d = data as Record<string, unknown>;
			const keywords = [...new Set((template.content.match(/\{\{keyword\d+\.DATA\}\}/g) ?? []).map((k) => k.slice(2, -7)))];
			const values: Record<string, string> = {};
			for (const [k, entry] of Object.entries(d)) {
				if (!entry || typeof entry !== 'object' || Array.isArray(entry)) continue;
				const v = (entry as Record<string, unknown>).value;
				if (typeof v === 'string' || typeof v === 'number') values[k] = String(v);
			}
			for (const k of keywords) {
				if (values[k] === undefined || values[k] === '') {
					throw new VanytechError('600007', `${VANYTECH_CODES['600007']}：${k}`);
				}
			}
			checkSensitive(...Object.values(values));
			const key = messageType === '2' ? todoKey(appId, ['template', userId, templateId, url]) : '';
			if (
				key &&
				[...sim.messages.values()].some(
					(m) =>
						m.kind === 'template' &&
						m.sendMsgType === '4' &&
						m.todoState === '1' &&
						todoKey(m.appId, ['template', m.recipients[0], m.templateId ?? '', m.url ?? '']) === key,
				)
			) {
				throw new VanytechError('500015');
			}
			const messageId = randomUUID();
			const now = Date.now();
			sim.messages.set(messageId, {
				msgId: messageId,
				appId,
				kind: 'template',
				title: template.title,
				content: template.content.replace(/\{\{(\w+)\.DATA\}\}/g, (_m, k: string) => values[k] ?? ''),
				sendMsgType: messageType === '2' ? '4' : '1',
				channels: ['WeChat'],
				recipients: [userId],
				isReply: false,
				url,
				templateId,
				createdAt: now,
				sendAt: now,
				scheduled: false,
				todoState: '1',
				readBy: new Set(),
				progressCalls: 0,
				sent: true,
			});
			sim.record(
				'POST /message/sendTemplateApi',
				{ appId, messageId, userId, publicId, messageType, templateId, url, pcUrl, data: values },
				messageId,
			);
			return ok({ messageId, status: '0', info: '发送成功' }, { debuggerErrorMsg: null });
		}),
	);

	// ---- 5.3.4 WeCom card ---------------------------------------------------------------------

	sim.route(
		'POST /message/cardMessage',
		api('json', (p, appId) => {
			const userList = required(p, 'userList');
			const title = required(p, 'title');
			const description = required(p, 'description');
			const url = required(p, 'url');
			const btnTxt = str(p, 'btnTxt') ?? '详情';
			const users = userList.split(cfg().cardUserSeparator);
			if (users.some((u) => u === '')) throw invalid('userList包含空的用户');
			// WeCom userids: letters, digits and _ - @ ., 1 to 64 characters.
			const bad = users.find((u) => !/^[A-Za-z0-9_\-@.]{1,64}$/.test(u));
			if (bad !== undefined) throw invalid(`userList包含不合法的用户：${bad}`);
			if (utf8Length(url) > 2048) throw invalid('url长度不能超过2048字节');
			if (!/^https?:\/\//i.test(url)) throw invalid('url必须包含协议头(http/https)');
			checkSensitive(title, description);
			const truncated: string[] = [];
			const t = truncateBytes(title, 128);
			if (t !== title) truncated.push('title');
			const dsc = truncateBytes(description, 512);
			if (dsc !== description) truncated.push('description');
			const btnChars = Array.from(btnTxt);
			const btn = btnChars.slice(0, 4).join('');
			if (btn !== btnTxt) truncated.push('btnTxt');
			sim.record('POST /message/cardMessage', {
				appId,
				userList: users,
				title: t,
				description: dsc,
				url,
				btnTxt: btn,
				truncated,
			});
			return ok(null);
		}),
	);

	// ---- 5.4.1 todo confirmation --------------------------------------------------------------

	sim.route(
		'POST /message/checkMessageStatusApi',
		api('form', (p, appId) => {
			const msgId = str(p, 'msgId');
			const messageType = str(p, 'messageType') ?? '1';
			oneOf('messageType', messageType, ['1', '2']);
			const state = str(p, 'state') ?? '2';
			oneOf('state', state, ['1', '2']);
			const m = msgId ? sim.messages.get(msgId) : undefined;
			if (messageType === '2') {
				if (!m || m.kind !== 'template' || m.appId !== appId) {
					throw new VanytechError(msgId ? '600008' : '500005');
				}
				if (m.sendMsgType !== '4') throw new VanytechError('600009');
				if (m.todoState === state) throw new VanytechError('600010');
			} else {
				if (!m || m.kind === 'template' || m.appId !== appId) throw new VanytechError('500005');
				if (m.kind !== 'general' || m.sendMsgType !== '4') throw new VanytechError('500006');
				if (cfg().rejectConfirmWhileSending && !m.sent) throw new VanytechError('500008');
			}
			m.todoState = state as '1' | '2';
			sim.record('POST /message/checkMessageStatusApi', { appId, msgId: m.msgId, messageType, state });
			return ok(
				cfg().confirmResultShape === 'null'
					? null
					: {
							total: 1,
							flowId: m.msgId,
							msglist: [{ stepId: m.msgId, rspCode: '000000', rspMsg: '操作成功' }],
						},
			);
		}),
	);
}
