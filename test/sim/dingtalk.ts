/**
 * Simulator of DingTalk 钉钉 server APIs on oapi.dingtalk.com (seed 003 + DingTalk's public documents):
 *
 *   GET  /gettoken?appkey=&appsecret=                                    获取企业内部应用的access_token
 *   POST /topapi/message/corpconversation/asyncsend_v2?access_token=     发送工作通知
 *   POST /topapi/message/corpconversation/sendbytemplate?access_token=   使用模板发送工作通知消息
 *   POST /topapi/message/corpconversation/getsendprogress?access_token=  获取工作通知消息的发送进度
 *   POST /topapi/message/corpconversation/getsendresult?access_token=    获取工作通知消息的发送结果
 *   POST /topapi/message/corpconversation/recall?access_token=           撤回工作通知消息
 *   POST /topapi/message/corpconversation/status_bar/update?access_token= 更新工作通知状态栏
 *   POST /topapi/dingtalk/impaas/message/crossdomain/send?access_token=  互通消息发送接口 (seed 003)
 *
 * Bodies: every topapi route takes JSON (application/json) or a form (application/x-www-form-urlencoded;
 * the documents' own curl examples post forms, with complex values such as `msg` as JSON text). In both,
 * a complex parameter (msg, data, crossdomain_message_send_model) may be a JSON object or a JSON string
 * (the official Python/TOP SDKs send JSON strings); numbers (agent_id, task_id) may be numbers or digit
 * strings; booleans may be true/false or "true"/"false". access_token is read from the query string,
 * else from the form/JSON body (the documents' curl examples put it in the form).
 * Sources and exact shapes: test/sim/dingtalk.notes.md.
 *
 * Contradictions in the documents and the choices made (default = the examples; alternative = setting):
 * 1. Success bodies: the asyncsend_v2 and getsendresult tables list errmsg "ok", their examples have no
 *    errmsg; the impaas example answers errmsg "". `successShape: 'example'` (default) answers exactly
 *    the examples; `'table'` adds errmsg "ok" where the table lists it.
 * 2. Receiver limits of asyncsend_v2: the parameter table says userid_list max 100 and dept_id_list max
 *    20; its rate-limit section says an internal app may send to 5000 people per call. `maxUserIds`
 *    (default 100) and `maxDeptIds` (default 20). sendbytemplate: its table says userid_list 5000 and
 *    dept_id_list 500, its call notes "单次发送人数最大1000": `templateMaxUserIds` (default 1000; 5000 =
 *    the table's reading) and `templateMaxDeptIds` (500). It is documented for third-party enterprise
 *    apps only: with an internal app's token the sim answers 88/60011 (`templateRequiresThirdParty`).
 * 3. msg size: asyncsend_v2 says msg ≤ 2048 bytes, the markdown type says text ≤ 5000 characters. Both
 *    are enforced (`msgMaxBytes`, default 2048, 0 = off).
 * 4. sendbytemplate list format: its curl/Python/PHP/C# examples send userid_list as "\"123,456\""
 *    (quoted), its Java example and table as "123,456". Both are accepted (one pair of surrounding
 *    quotes, escaped or not, is stripped).
 * 5a. impaas model encoding: the Java TOP SDK serialises the model to JSON text but its client posts a
 *    JSON body in which that text is parsed back into a nested object; its useJsonString variant and the
 *    Python SDK (given a string) send JSON text. `impaasModelAs` 'object' (default), 'text' or 'either'.
 * 5. impaas model layout: the seed's table lists send_message_model, message_receiver_scope_model and
 *    new_conversation_notification_off at the top level, its Java example and every SDK nest them in
 *    crossdomain_message_send_model. Nested is required (default); `impaasTopLevelParts: true` also
 *    accepts them as top-level request parameters.
 * 6. impaas actual_receivers: the example passes `""uid""` (broken), the table and SDKs String[]:
 *    an array of strings is required.
 * 7. getsendprogress: the description says 7 days, the task_id note 24 hours. `progressMaxAgeMs`
 *    (default 24 h).
 *
 * Undocumented behaviour chosen here (each in the notes, with the evidence):
 * - Invalid/expired token: 40014 不合法的access_token by default; `tokenErrorStyle` '42001' answers
 *   42001 access_token超时 for expired/revoked tokens, '88' answers the topapi gateway form
 *   {errcode:88, sub_code:"40014", ...}. A missing token counts as invalid.
 * - gettoken with a wrong appkey/appsecret: 40089 不合法的corpId或corpSecret (observed answer).
 * - Parameter errors: 400402 "错误描述:参数 <path> 缺失，或者参数格式不正确; ..." (the gateway's observed
 *   form); `paramErrorStyle: '40035'` answers 40035 不合法的参数 instead. Unparsable JSON: 47001.
 * - Rate limit (sim.rate.qps): 90018 on topapi routes (gettoken is not limited); text `rateLimitErrmsg`
 *   (the real text was not found).
 * - Each rejection's reason (English) is in the `x-sim-reason` header and `sim.rejections`.
 */
import { randomBytes } from 'node:crypto';
import { SimServer } from './base';
import type { SimOptions, SimRequest, SimResponse, TokenStore } from './base';
// Robots (custom group robot webhook, session webhooks, robot callbacks): test/sim/dingtalk-robot.ts.
import { ROBOT_DEFAULT_SETTINGS, ROBOT_ROUTES, RobotSim } from './dingtalk-robot';
import type { RobotSettings } from './dingtalk-robot';
import { DingTalkApps, dingTalkAppDefaults } from './dingtalk-apps';
import type { DingTalkAppSettings } from './dingtalk-apps';

export const DINGTALK_ROUTES = {
	gettoken: 'GET /gettoken',
	asyncsend: 'POST /topapi/message/corpconversation/asyncsend_v2',
	sendbytemplate: 'POST /topapi/message/corpconversation/sendbytemplate',
	getsendprogress: 'POST /topapi/message/corpconversation/getsendprogress',
	getsendresult: 'POST /topapi/message/corpconversation/getsendresult',
	recall: 'POST /topapi/message/corpconversation/recall',
	statusBarUpdate: 'POST /topapi/message/corpconversation/status_bar/update',
	impaasSend: 'POST /topapi/dingtalk/impaas/message/crossdomain/send',
	robotSend: ROBOT_ROUTES.send,
} as const;

export const DINGTALK_MSG_TYPES = ['text', 'image', 'voice', 'file', 'link', 'oa', 'markdown', 'action_card'] as const;

export const DINGTALK_DEMO = {
	appKey: 'dingdemo7x3kq9appkey',
	appSecret: 'demo-secret-GT-lsu-taDAsTs-0001',
	agentId: 2839445214,
	/** Users known to the simulated organisation. */
	userIds: ['manager4220', 'user123', 'user456', '0147282552401293909'],
	/** Departments: 1 is the root (everybody), 421897262 holds two users. */
	depts: {
		'1': ['manager4220', 'user123', 'user456', '0147282552401293909'],
		'421897262': ['user123', 'user456'],
		'421897263': ['0147282552401293909'],
		'421897264': ['0147282552401293909'],
	},
	templateId: 'e27a9eed42b34a14a2demo',
	disabledTemplateId: 'e27a9eed42b34a14a2off',
	/** impaas sender and conversation in the seed's example format. */
	impaasSender: '1001@domain',
	impaasCid: '1011@domain:@domain$1@G',
};

/** The robot parts' settings are in dingtalk-robot.ts, the app parts' (app robot, todo, contacts, tokens) in dingtalk-apps.ts. */
export interface DingTalkSettings extends RobotSettings, DingTalkAppSettings {
	/** appKey -> appSecret. */
	apps: Record<string, string>;
	/** Agent ids (微应用 AgentID) valid for every app. */
	agentIds: number[];
	users: string[];
	/** deptId -> user ids (sub-departments included). */
	depts: Record<string, string[]>;
	/** templateId -> enabled (false answers 885006 消息模板不可用). */
	templates: Record<string, boolean>;
	tokenErrorStyle: '40014' | '42001' | '88';
	/** gettoken returns the same token while it is valid and renews its lifetime (documented). */
	gettokenReuse: boolean;
	/** true = every topapi route answers 88/60011; a list = only those routes ("POST /topapi/..."). */
	permissionDenied: boolean | string[];
	rateLimitErrmsg: string;
	paramErrorStyle: '400402' | '40035';
	successShape: 'example' | 'table';
	maxUserIds: number;
	maxDeptIds: number;
	templateMaxUserIds: number;
	templateMaxDeptIds: number;
	msgMaxBytes: number;
	/** Accept JSON arrays for userid_list / dept_id_list (documented type is a comma-separated String). */
	acceptListArrays: boolean;
	/** Progress stage advances every N getsendprogress calls: 0 (0 %) -> 1 (50 %) -> 2 (100 %). */
	progressPollsPerStage: number;
	/** Receivers become "read" on the N-th getsendresult call of a task (0 = never by polls). */
	readAfterPolls: number;
	/** ... or once the task is this old (0 = never by time). */
	readAfterMs: number;
	/** Receivers listed here land in failed_user_id_list. */
	failedUserIds: string[];
	/** Same content to the same user the same day (per agent) is filtered: forbidden code 143106. */
	dedupe: boolean;
	/** Per agent, per user, per day (internal apps 500): forbidden code 143105. */
	dailyPerUserLimit: number;
	/** getsendresult answers 41052 when a task has more receivers than this (documented: 100). */
	resultMaxReceivers: number;
	progressMaxAgeMs: number;
	resultMaxAgeMs: number;
	recallMaxAgeMs: number;
	statusBarMaxAgeMs: number;
	impaasTopLevelParts: boolean;
	/**
	 * How crossdomain_message_send_model may arrive: 'object' (a nested JSON object, what the official
	 * Java TOP client sends by default), 'text' (JSON text, its useJsonString variant), or 'either'.
	 */
	impaasModelAs: 'object' | 'text' | 'either';
}

const HOUR = 3600 * 1000;

export const DINGTALK_DEFAULT_SETTINGS: DingTalkSettings = {
	...ROBOT_DEFAULT_SETTINGS,
	apps: { [DINGTALK_DEMO.appKey]: DINGTALK_DEMO.appSecret },
	agentIds: [DINGTALK_DEMO.agentId],
	users: [...DINGTALK_DEMO.userIds],
	depts: { ...DINGTALK_DEMO.depts },
	templates: { [DINGTALK_DEMO.templateId]: true, [DINGTALK_DEMO.disabledTemplateId]: false },
	tokenErrorStyle: '40014',
	gettokenReuse: true,
	permissionDenied: false,
	rateLimitErrmsg: '接口调用频率超过限制',
	paramErrorStyle: '400402',
	successShape: 'example',
	maxUserIds: 100,
	maxDeptIds: 20,
	templateMaxUserIds: 1000,
	templateMaxDeptIds: 500,
	msgMaxBytes: 2048,
	acceptListArrays: false,
	progressPollsPerStage: 1,
	readAfterPolls: 2,
	readAfterMs: 0,
	failedUserIds: [],
	dedupe: true,
	dailyPerUserLimit: 500,
	resultMaxReceivers: 100,
	progressMaxAgeMs: 24 * HOUR,
	resultMaxAgeMs: 24 * HOUR,
	recallMaxAgeMs: 24 * HOUR,
	statusBarMaxAgeMs: 7 * 24 * HOUR,
	impaasTopLevelParts: false,
	impaasModelAs: 'object',
	...dingTalkAppDefaults(DINGTALK_DEMO.appKey),
};

/** Error texts as DingTalk writes them (global code table and the per-API tables). */
export const DINGTALK_ERRORS = {
	systemBusy: { errcode: -1, errmsg: '系统繁忙' },
	invalidToken: { errcode: 40014, errmsg: '不合法的access_token' },
	tokenTimeout: { errcode: 42001, errmsg: 'access_token超时' },
	badSecret: { errcode: 40089, errmsg: '不合法的corpId或corpSecret' },
	invalidParam: { errcode: 40035, errmsg: '不合法的参数' },
	invalidAgent: { errcode: 40056, errmsg: '不合法的agentid' },
	invalidMsgType: { errcode: 40008, errmsg: '不合法的消息类型' },
	userListLength: { errcode: 40032, errmsg: '不合法的UserID列表长度' },
	deptList: { errcode: 40066, errmsg: '不合法的部门列表' },
	msgTooLong: { errcode: 45002, errmsg: '消息内容超过限制' },
	badJson: { errcode: 47001, errmsg: '解析JSON/XML内容错误' },
	recallInvalid: { errcode: 400002, errmsg: 'agentId不合法或taskId不合法' },
	templateAgentInvalid: { errcode: 400002, errmsg: 'agentId不合法' },
	templateMissing: { errcode: 885001, errmsg: '消息模板不存在' },
	templateDisabled: { errcode: 885006, errmsg: '消息模板不可用' },
	tooManyForResult: { errcode: 41052, errmsg: '本次发送人数过多,不再返回发送结果' },
} as const;

export function paramErrmsg(path: string): string {
	return `错误描述:参数 ${path} 缺失，或者参数格式不正确; 解决方案:请填充上对应参数;参考链接:请参考本接口对应文档查看参数获取方式，或者在https://open.dingtalk.com/document/  搜索对应文档;`;
}

export function subcodeError(subCode: string, subMsg: string, requestId: string): Record<string, unknown> {
	return {
		errcode: 88,
		sub_code: subCode,
		sub_msg: subMsg,
		errmsg: `ding talk error[subcode=${subCode},submsg=${subMsg}]`,
		request_id: requestId,
	};
}

export interface DingTalkForbidden {
	code: string;
	count: number;
	userid: string;
}

export interface DingTalkTask {
	taskId: number;
	appKey: string;
	agentId: number;
	kind: 'asyncsend' | 'template';
	createdAt: number;
	msgtype?: string;
	msg?: Record<string, unknown>;
	templateId?: string;
	data?: Record<string, string>;
	/** Users the message was delivered to (valid, not forbidden, not failed). */
	delivered: string[];
	failed: string[];
	invalidUsers: string[];
	invalidDepts: number[];
	forbidden: DingTalkForbidden[];
	/** Receivers before filtering (valid users only). */
	receiverCount: number;
	progressPolls: number;
	resultPolls: number;
	read: boolean;
	recalled: boolean;
	statusBar?: { status_value: string; status_bg?: string };
}

export class Reject {
	constructor(
		readonly body: Record<string, unknown>,
		readonly reason: string,
	) {}
}

type Params = Record<string, unknown>;

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requestId(): string {
	return randomBytes(6).toString('base64').replace(/[^a-z0-9]/gi, '').toLowerCase().padEnd(8, 'x').slice(0, 12);
}

function dayKey(t: number): string {
	return new Date(t + 8 * HOUR).toISOString().slice(0, 10);
}

export class DingTalkSim extends SimServer<DingTalkSettings> {
	tasks = new Map<number, DingTalkTask>();
	/** App robot, todo, contacts and the other tokens (dingtalk-apps.ts). */
	readonly apps: DingTalkApps;
	private currentTokens = new Map<string, string>();
	private nextTaskId = 256271667526 + Math.floor(Math.random() * 1_000_000);
	/** `${agentId}|${day}|${userid}` -> count, and `...|${contentHash}` for duplicates. */
	private daily = new Map<string, number>();
	private seen = new Set<string>();
	/** The robot webhooks and callbacks (dingtalk-robot.ts). */
	readonly robot: RobotSim;

	constructor(options: SimOptions<DingTalkSettings> = {}) {
		super('dingtalk', {
			tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
			settings: { ...structuredClone(DINGTALK_DEFAULT_SETTINGS), ...(options.settings ?? {}) },
		});
		this.route(DINGTALK_ROUTES.gettoken, (req) => this.gettoken(req));
		this.topapi(DINGTALK_ROUTES.asyncsend, (p, app) => this.asyncsend(p, app));
		this.topapi(DINGTALK_ROUTES.sendbytemplate, (p, app) => this.sendbytemplate(p, app));
		this.topapi(DINGTALK_ROUTES.getsendprogress, (p, app) => this.getsendprogress(p, app));
		this.topapi(DINGTALK_ROUTES.getsendresult, (p, app) => this.getsendresult(p, app));
		this.topapi(DINGTALK_ROUTES.recall, (p, app) => this.recall(p, app));
		this.topapi(DINGTALK_ROUTES.statusBarUpdate, (p, app) => this.statusBarUpdate(p, app));
		this.topapi(DINGTALK_ROUTES.impaasSend, (p, app) => this.impaasSend(p, app));
		this.robot = new RobotSim(this);
		this.apps = new DingTalkApps(this);
	}

	/** The robot parts' own /__sim/ endpoint (robot-callback: sends a signed robot callback). */
	protected override asyncControl(method: string, what: string, body: Record<string, unknown>): Promise<SimResponse> | undefined {
		return this.robot.control(method, what, body);
	}

	/** Records, calls, rejections, faults and tokens as in the base; also tasks and daily counts (and the current token per app, unless keepTokens). */
	override clear(options: { keepTokens?: boolean } = {}): void {
		super.clear(options);
		this.tasks.clear();
		if (!options.keepTokens) this.currentTokens.clear();
		this.daily.clear();
		this.seen.clear();
		this.robot?.clear();
		this.apps?.clear(options);
	}

	/** Documented for both token APIs: within its lifetime a token is returned again and renewed. */
	renewToken(token: string): void {
		renewToken(this.tokens, token);
	}

	task(taskId: number): DingTalkTask | undefined {
		return this.tasks.get(Number(taskId));
	}

	/** Makes a task look `ms` older (tests of the 24 h / 7 day windows). */
	ageTask(taskId: number, ms: number): void {
		const t = this.task(taskId);
		if (t) t.createdAt -= ms;
	}

	// ---------------------------------------------------------------- plumbing

	private reject(req: SimRequest, body: Record<string, unknown>, reason: string): SimResponse {
		return this.refuse(req, body.errcode as number, reason, { body });
	}

	/** A refusal a topapi handler throws: DingTalk's answer body and the reason (for sim.rejections). */
	rejection(body: Record<string, unknown>, reason: string): Reject {
		return new Reject(body, reason);
	}

	paramError(path: string): Reject {
		const body: Record<string, unknown> =
			this.settings.paramErrorStyle === '40035'
				? { ...DINGTALK_ERRORS.invalidParam }
				: { errcode: 400402, errmsg: paramErrmsg(path) };
		return new Reject(body, `parameter ${path} missing or malformed`);
	}

	private err(error: { errcode: number; errmsg: string }, reason: string): Reject {
		return new Reject({ ...error }, reason);
	}

	topapi(route: string, handler: (p: Params, appKey: string) => Record<string, unknown>): void {
		this.route(route, (req) => {
			const rid = requestId();
			try {
				const appKey = this.authenticate(req, rid);
				if (this.rate.over()) {
					throw new Reject(
						{ errcode: 90018, errmsg: this.settings.rateLimitErrmsg },
						`rate limit ${this.rate.qps}/s exceeded`,
					);
				}
				const denied = this.settings.permissionDenied;
				if (denied === true || (Array.isArray(denied) && denied.includes(route))) {
					throw new Reject(subcodeError('60011', '没有调用该接口的权限', rid), 'permission denied (setting)');
				}
				if (req.badJson) throw this.err(DINGTALK_ERRORS.badJson, 'body is not valid JSON');
				const params: Params = { ...(req.body ?? {}) };
				delete params.access_token;
				const body = handler(params, appKey);
				return { body };
			} catch (e) {
				if (!(e instanceof Reject)) throw e;
				const body = 'request_id' in e.body ? e.body : { ...e.body, request_id: rid };
				return this.reject(req, body, e.reason);
			}
		});
	}

	private authenticate(req: SimRequest, rid: string): string {
		const token = req.query.access_token ?? (req.body?.access_token as string | undefined);
		const state = this.tokens.check(token);
		if (state === 'ok' && !this.apps.acceptsOnOapi(token as string)) {
			throw new Reject({ ...DINGTALK_ERRORS.invalidToken }, 'a new-API token on oapi (v1TokenOnOapi off)');
		}
		if (state === 'ok') return this.tokens.subject(token as string) ?? '';
		const style = this.settings.tokenErrorStyle;
		if (style === '88') {
			throw new Reject(subcodeError('40014', '不合法的access_token', rid), `token ${state}`);
		}
		if (style === '42001' && state === 'expired') {
			throw new Reject({ ...DINGTALK_ERRORS.tokenTimeout }, 'token expired');
		}
		throw new Reject({ ...DINGTALK_ERRORS.invalidToken }, `token ${state}`);
	}

	private success(extra: Record<string, unknown>, tableHasErrmsg: boolean, withRequestId = true): Record<string, unknown> {
		const body: Record<string, unknown> = { errcode: 0 };
		if (tableHasErrmsg) body.errmsg = 'ok';
		Object.assign(body, extra);
		if (withRequestId) body.request_id = requestId();
		return body;
	}

	// ---------------------------------------------------------------- parameter readers

	private int(p: Params, name: string, required: true): number;
	private int(p: Params, name: string, required: false): number | undefined;
	private int(p: Params, name: string, required: boolean): number | undefined {
		const v = p[name];
		if (v === undefined || v === null || v === '') {
			if (required) throw this.paramError(name);
			return undefined;
		}
		if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
		if (typeof v === 'string' && /^-?\d{1,16}$/.test(v.trim())) return Number(v.trim());
		throw this.paramError(name);
	}

	private bool(p: Params, name: string): boolean | undefined {
		const v = p[name];
		if (v === undefined || v === null || v === '') return undefined;
		if (typeof v === 'boolean') return v;
		if (v === 'true' || v === 'false') return v === 'true';
		throw this.paramError(name);
	}

	private str(p: Params, name: string, required: boolean, path = name): string | undefined {
		const v = p[name];
		if (v === undefined || v === null || v === '') {
			if (required) throw this.paramError(path);
			return undefined;
		}
		if (typeof v !== 'string') throw this.paramError(path);
		return v;
	}

	/** A JSON object parameter sent as an object or as JSON text. */
	private jsonObject(p: Params, name: string, required: boolean): { value?: Record<string, unknown>; raw?: string } {
		const v = p[name];
		if (v === undefined || v === null || v === '') {
			if (required) throw this.paramError(name);
			return {};
		}
		if (isObject(v)) return { value: v, raw: JSON.stringify(v) };
		if (typeof v === 'string') {
			let parsed: unknown;
			try {
				parsed = JSON.parse(v);
			} catch {
				throw this.paramError(name);
			}
			if (!isObject(parsed)) throw this.paramError(name);
			return { value: parsed, raw: v };
		}
		throw this.paramError(name);
	}

	/** Comma-separated list ("a,b"); `quoted` strips one pair of surrounding (escaped) quotes. */
	private list(p: Params, name: string, quoted = false): string[] | undefined {
		let v = p[name];
		if (v === undefined || v === null) return undefined;
		if (Array.isArray(v)) {
			if (!this.settings.acceptListArrays || v.length === 0) throw this.paramError(name);
			v = v.map((x) => String(x)).join(',');
		}
		if (typeof v !== 'string') throw this.paramError(name);
		let s = v.trim();
		if (quoted) s = s.replace(/^\\?"(.*)\\?"$/, '$1');
		if (s === '') throw this.paramError(name);
		const items = s.split(',').map((x) => x.trim());
		if (items.some((x) => x === '')) throw this.paramError(name);
		return items;
	}

	private deptIds(p: Params, name: string, quoted = false): number[] | undefined {
		const items = this.list(p, name, quoted);
		if (!items) return undefined;
		if (items.some((x) => !/^\d{1,16}$/.test(x))) throw this.paramError(name);
		return items.map(Number);
	}

	private checkAgent(agentId: number, error: { errcode: number; errmsg: string }): void {
		if (!this.settings.agentIds.map(Number).includes(agentId)) throw this.err(error, `agent_id ${agentId} unknown`);
	}

	// ---------------------------------------------------------------- gettoken

	private gettoken(req: SimRequest): SimResponse {
		const appKey = req.query.appkey;
		const appSecret = req.query.appsecret;
		const apps = this.settings.apps;
		if (!appKey || !appSecret || !Object.prototype.hasOwnProperty.call(apps, appKey) || apps[appKey] !== appSecret) {
			return this.reject(req, { ...DINGTALK_ERRORS.badSecret }, 'appkey/appsecret wrong or missing');
		}
		let token = this.settings.gettokenReuse ? this.currentTokens.get(appKey) : undefined;
		if (token && this.tokens.check(token) === 'ok') {
			renewToken(this.tokens, token);
		} else {
			token = this.tokens.issue(appKey, 'hex').token;
			this.currentTokens.set(appKey, token);
		}
		return { body: { errcode: 0, access_token: token, errmsg: 'ok', expires_in: this.tokens.ttlSeconds } };
	}

	// ---------------------------------------------------------------- work notifications

	private validateMsg(msg: Record<string, unknown>): string {
		const msgtype = msg.msgtype;
		if (msgtype === undefined || msgtype === null || msgtype === '') throw this.paramError('msgtype');
		if (typeof msgtype !== 'string' || !(DINGTALK_MSG_TYPES as readonly string[]).includes(msgtype)) {
			throw this.err(DINGTALK_ERRORS.invalidMsgType, `msgtype ${String(msgtype)} unknown`);
		}
		for (const other of DINGTALK_MSG_TYPES) {
			if (other !== msgtype && msg[other] !== undefined) {
				throw this.paramError(other);
			}
		}
		const body = msg[msgtype];
		if (!isObject(body)) throw this.paramError(msgtype);
		const need = (obj: Record<string, unknown>, key: string, path: string, max?: number) => {
			const v = obj[key];
			if (typeof v !== 'string' || v === '') throw this.paramError(`${path} --》 ${key}`);
			if (max !== undefined && [...v].length > max) throw this.paramError(`${path} --》 ${key}`);
			return v;
		};
		const optional = (obj: Record<string, unknown>, key: string, path: string, max?: number) => {
			const v = obj[key];
			if (v === undefined || v === null) return undefined;
			if (typeof v !== 'string') throw this.paramError(`${path} --》 ${key}`);
			if (max !== undefined && [...v].length > max) throw this.paramError(`${path} --》 ${key}`);
			return v;
		};
		switch (msgtype) {
			case 'text':
				need(body, 'content', 'text');
				break;
			case 'image':
			case 'file':
				need(body, 'media_id', msgtype);
				break;
			case 'voice': {
				need(body, 'media_id', 'voice');
				const d = body.duration;
				const ds = typeof d === 'number' ? String(d) : d;
				if (typeof ds !== 'string' || !/^\d+$/.test(ds) || Number(ds) < 1 || Number(ds) >= 60) {
					throw this.paramError('voice --》 duration');
				}
				break;
			}
			case 'link':
				for (const k of ['messageUrl', 'picUrl', 'title', 'text']) need(body, k, 'link');
				break;
			case 'markdown':
				need(body, 'title', 'markdown');
				need(body, 'text', 'markdown', 5000);
				break;
			case 'oa': {
				need(body, 'message_url', 'oa');
				optional(body, 'pc_message_url', 'oa');
				const head = body.head;
				if (!isObject(head)) throw this.paramError('oa --》 head');
				const bg = need(head, 'bgcolor', 'oa --》 head');
				if (bg.length !== 8 || !/^[0-9A-Fa-f]{8}$/.test(bg)) throw this.paramError('oa --》 head --》 bgcolor');
				need(head, 'text', 'oa --》 head');
				if (body.status_bar !== undefined) {
					const sb = body.status_bar;
					if (!isObject(sb)) throw this.paramError('oa --》 status_bar');
					optional(sb, 'status_value', 'oa --》 status_bar');
					optional(sb, 'status_bg', 'oa --》 status_bar');
				}
				const b = body.body;
				if (!isObject(b)) throw this.paramError('oa --》 body');
				for (const k of ['title', 'content', 'image', 'file_count', 'author']) optional(b, k, 'oa --》 body');
				if (b.form !== undefined) {
					if (!Array.isArray(b.form)) throw this.paramError('oa --》 body --》 form');
					for (const f of b.form) {
						if (!isObject(f)) throw this.paramError('oa --》 body --》 form');
						optional(f, 'key', 'oa --》 body --》 form');
						optional(f, 'value', 'oa --》 body --》 form');
					}
				}
				if (b.rich !== undefined) {
					if (!isObject(b.rich)) throw this.paramError('oa --》 body --》 rich');
					optional(b.rich, 'num', 'oa --》 body --》 rich');
					optional(b.rich, 'unit', 'oa --》 body --》 rich');
				}
				break;
			}
			case 'action_card': {
				need(body, 'markdown', 'action_card');
				optional(body, 'title', 'action_card');
				const singleTitle = optional(body, 'single_title', 'action_card', 20);
				const singleUrl = optional(body, 'single_url', 'action_card', 500);
				const orientation = body.btn_orientation;
				const buttons = body.btn_json_list;
				const single = singleTitle !== undefined || singleUrl !== undefined;
				const multi = orientation !== undefined || buttons !== undefined;
				if (single === multi) throw this.paramError(single ? 'action_card --》 btn_json_list' : 'action_card --》 single_title');
				if (single) {
					if (!singleTitle) throw this.paramError('action_card --》 single_title');
					if (!singleUrl) throw this.paramError('action_card --》 single_url');
				} else {
					if (orientation !== '0' && orientation !== '1') throw this.paramError('action_card --》 btn_orientation');
					if (!Array.isArray(buttons) || buttons.length === 0) throw this.paramError('action_card --》 btn_json_list');
					if ([...JSON.stringify(buttons)].length > 1000) throw this.paramError('action_card --》 btn_json_list');
					for (const btn of buttons) {
						if (!isObject(btn)) throw this.paramError('action_card --》 btn_json_list');
						need(btn, 'title', 'action_card --》 btn_json_list', 20);
						need(btn, 'action_url', 'action_card --》 btn_json_list', 700);
					}
				}
				break;
			}
		}
		return msgtype;
	}

	/** Resolves receivers into a task and applies the documented per-user filters. */
	private createTask(
		appKey: string,
		agentId: number,
		userIds: string[] | undefined,
		deptIds: number[] | undefined,
		toAllUser: boolean,
		contentKey: string,
		partial: Partial<DingTalkTask>,
	): DingTalkTask {
		const known = new Set(this.settings.users);
		const receivers = new Set<string>();
		const invalidUsers: string[] = [];
		const invalidDepts: number[] = [];
		if (toAllUser) for (const u of this.settings.users) receivers.add(u);
		for (const u of userIds ?? []) {
			if (known.has(u)) receivers.add(u);
			else if (!invalidUsers.includes(u)) invalidUsers.push(u);
		}
		for (const d of deptIds ?? []) {
			const members = this.settings.depts[String(d)];
			if (!members) {
				if (!invalidDepts.includes(d)) invalidDepts.push(d);
				continue;
			}
			for (const u of members) receivers.add(u);
		}
		const now = Date.now();
		const day = dayKey(now);
		const forbidden: DingTalkForbidden[] = [];
		const failed: string[] = [];
		const delivered: string[] = [];
		for (const u of receivers) {
			const countKey = `${agentId}|${day}|${u}`;
			const dupKey = `${countKey}|${contentKey}`;
			const count = this.daily.get(countKey) ?? 0;
			if (this.settings.dedupe && this.seen.has(dupKey)) {
				forbidden.push({ code: '143106', count: 1, userid: u });
				continue;
			}
			if (count >= this.settings.dailyPerUserLimit) {
				forbidden.push({ code: '143105', count: this.settings.dailyPerUserLimit, userid: u });
				continue;
			}
			this.daily.set(countKey, count + 1);
			this.seen.add(dupKey);
			if (this.settings.failedUserIds.includes(u)) failed.push(u);
			else delivered.push(u);
		}
		const task: DingTalkTask = {
			taskId: this.nextTaskId++,
			appKey,
			agentId,
			kind: 'asyncsend',
			createdAt: now,
			delivered,
			failed,
			invalidUsers,
			invalidDepts,
			forbidden,
			receiverCount: receivers.size,
			progressPolls: 0,
			resultPolls: 0,
			read: false,
			recalled: false,
			...partial,
		};
		this.tasks.set(task.taskId, task);
		return task;
	}

	private asyncsend(p: Params, appKey: string): Record<string, unknown> {
		const agentId = this.int(p, 'agent_id', true);
		const userIds = this.list(p, 'userid_list');
		const deptIds = this.deptIds(p, 'dept_id_list');
		const toAllUser = this.bool(p, 'to_all_user') ?? false;
		const { value: msg, raw } = this.jsonObject(p, 'msg', true);
		if (!toAllUser && !userIds && !deptIds) throw this.paramError('userid_list');
		this.checkAgent(agentId, DINGTALK_ERRORS.invalidAgent);
		if (userIds && userIds.length > this.settings.maxUserIds) {
			throw this.err(DINGTALK_ERRORS.userListLength, `userid_list has ${userIds.length} > ${this.settings.maxUserIds}`);
		}
		if (deptIds && deptIds.length > this.settings.maxDeptIds) {
			throw this.err(DINGTALK_ERRORS.deptList, `dept_id_list has ${deptIds.length} > ${this.settings.maxDeptIds}`);
		}
		if (this.settings.msgMaxBytes > 0 && Buffer.byteLength(raw ?? '', 'utf8') > this.settings.msgMaxBytes) {
			throw this.err(DINGTALK_ERRORS.msgTooLong, `msg longer than ${this.settings.msgMaxBytes} bytes`);
		}
		const msgtype = this.validateMsg(msg!);
		const oa = msg!.oa as Record<string, unknown> | undefined;
		if (msgtype === 'oa' && oa?.status_bar !== undefined) {
			if (deptIds || toAllUser) throw this.paramError('oa --》 status_bar');
			if ((userIds?.length ?? 0) > 5) throw this.paramError('oa --》 status_bar');
		}
		const task = this.createTask(appKey, agentId, userIds, deptIds, toAllUser, JSON.stringify(msg), {
			kind: 'asyncsend',
			msgtype,
			msg,
			statusBar: isObject(oa?.status_bar) ? (oa!.status_bar as DingTalkTask['statusBar']) : undefined,
		});
		this.record(
			DINGTALK_ROUTES.asyncsend,
			{
				appKey,
				agent_id: agentId,
				userid_list: userIds ?? [],
				dept_id_list: deptIds ?? [],
				to_all_user: toAllUser,
				msg,
				task_id: task.taskId,
				delivered: task.delivered,
			},
			String(task.taskId),
		);
		return this.success({ task_id: task.taskId }, this.settings.successShape === 'table');
	}

	private sendbytemplate(p: Params, appKey: string): Record<string, unknown> {
		const agentId = this.int(p, 'agent_id', true);
		const templateId = this.str(p, 'template_id', true)!;
		const userIds = this.list(p, 'userid_list', true);
		const deptIds = this.deptIds(p, 'dept_id_list', true);
		const { value: data } = this.jsonObject(p, 'data', false);
		if (this.settings.templateRequiresThirdParty && !appKey.startsWith('isv:')) {
			throw new Reject(subcodeError('60011', '没有调用该接口的权限', requestId()), 'sendbytemplate with an internal app token (third-party apps only)');
		}
		if (!userIds && !deptIds) throw this.paramError('userid_list');
		if (data) {
			for (const [k, v] of Object.entries(data)) if (typeof v !== 'string') throw this.paramError(`data --》 ${k}`);
		}
		this.checkAgent(agentId, DINGTALK_ERRORS.templateAgentInvalid);
		if (userIds && userIds.length > this.settings.templateMaxUserIds) {
			throw this.err(DINGTALK_ERRORS.userListLength, `userid_list has ${userIds.length} > ${this.settings.templateMaxUserIds}`);
		}
		if (deptIds && deptIds.length > this.settings.templateMaxDeptIds) {
			throw this.err(DINGTALK_ERRORS.deptList, `dept_id_list has ${deptIds.length} > ${this.settings.templateMaxDeptIds}`);
		}
		if (!Object.prototype.hasOwnProperty.call(this.settings.templates, templateId)) {
			throw this.err(DINGTALK_ERRORS.templateMissing, `template ${templateId} unknown`);
		}
		if (!this.settings.templates[templateId]) throw this.err(DINGTALK_ERRORS.templateDisabled, `template ${templateId} disabled`);
		const task = this.createTask(appKey, agentId, userIds, deptIds, false, `tpl:${templateId}:${JSON.stringify(data ?? {})}`, {
			kind: 'template',
			templateId,
			data: data as Record<string, string> | undefined,
		});
		this.record(
			DINGTALK_ROUTES.sendbytemplate,
			{
				appKey,
				agent_id: agentId,
				template_id: templateId,
				userid_list: userIds ?? [],
				dept_id_list: deptIds ?? [],
				data: data ?? {},
				task_id: task.taskId,
				delivered: task.delivered,
			},
			String(task.taskId),
		);
		return this.success({ task_id: task.taskId }, true);
	}

	/** The task named by `field`, owned by this app and agent, within `maxAgeMs`; else `error`. */
	private ownedTask(
		p: Params,
		appKey: string,
		field: string,
		maxAgeMs: number,
		agentError: { errcode: number; errmsg: string },
		taskError: { errcode: number; errmsg: string },
	): DingTalkTask {
		const agentId = this.int(p, 'agent_id', true);
		const taskId = this.int(p, field, true);
		this.checkAgent(agentId, agentError);
		const task = this.tasks.get(taskId);
		if (!task || task.appKey !== appKey || task.agentId !== agentId) {
			throw this.err(taskError, `${field} ${taskId} unknown for this app/agent`);
		}
		if (Date.now() - task.createdAt > maxAgeMs) throw this.err(taskError, `task ${taskId} older than ${maxAgeMs} ms`);
		return task;
	}

	private getsendprogress(p: Params, appKey: string): Record<string, unknown> {
		const e = DINGTALK_ERRORS.invalidParam;
		const task = this.ownedTask(p, appKey, 'task_id', this.settings.progressMaxAgeMs, e, e);
		task.progressPolls++;
		const per = Math.max(1, this.settings.progressPollsPerStage);
		const status = Math.min(2, Math.floor((task.progressPolls - 1) / per));
		const body: Record<string, unknown> = { errcode: 0, errmsg: 'ok' };
		body.progress = { progress_in_percent: [0, 50, 100][status], status };
		body.request_id = requestId();
		return body;
	}

	private getsendresult(p: Params, appKey: string): Record<string, unknown> {
		const e = DINGTALK_ERRORS.invalidParam;
		const task = this.ownedTask(p, appKey, 'task_id', this.settings.resultMaxAgeMs, e, e);
		if (task.receiverCount > this.settings.resultMaxReceivers) {
			throw this.err(DINGTALK_ERRORS.tooManyForResult, `task has ${task.receiverCount} receivers`);
		}
		task.resultPolls++;
		const byPolls = this.settings.readAfterPolls > 0 && task.resultPolls >= this.settings.readAfterPolls;
		const byTime = this.settings.readAfterMs > 0 && Date.now() - task.createdAt >= this.settings.readAfterMs;
		if (byPolls || byTime) task.read = true;
		const delivered = task.recalled ? [] : task.delivered;
		const sendResult = {
			failed_user_id_list: [...task.failed],
			forbidden_list: task.forbidden.map((f) => ({ ...f })),
			forbidden_user_id_list: task.forbidden.map((f) => f.userid),
			invalid_dept_id_list: [...task.invalidDepts],
			invalid_user_id_list: [...task.invalidUsers],
			read_user_id_list: task.read ? [...delivered] : [],
			unread_user_id_list: task.read ? [] : [...delivered],
		};
		return this.success({ send_result: sendResult }, this.settings.successShape === 'table');
	}

	private recall(p: Params, appKey: string): Record<string, unknown> {
		const e = DINGTALK_ERRORS.recallInvalid;
		const task = this.ownedTask(p, appKey, 'msg_task_id', this.settings.recallMaxAgeMs, e, e);
		task.recalled = true;
		this.record(DINGTALK_ROUTES.recall, { appKey, agent_id: task.agentId, msg_task_id: task.taskId });
		return { errcode: 0, errmsg: 'ok' };
	}

	private statusBarUpdate(p: Params, appKey: string): Record<string, unknown> {
		const statusValue = this.str(p, 'status_value', true)!;
		const statusBg = this.str(p, 'status_bg', false);
		const task = this.ownedTask(
			p,
			appKey,
			'task_id',
			this.settings.statusBarMaxAgeMs,
			DINGTALK_ERRORS.invalidAgent,
			DINGTALK_ERRORS.invalidParam,
		);
		if (task.msgtype !== 'oa') throw this.err(DINGTALK_ERRORS.invalidParam, `task ${task.taskId} is not an OA message`);
		task.statusBar = { status_value: statusValue, ...(statusBg !== undefined ? { status_bg: statusBg } : {}) };
		this.record(DINGTALK_ROUTES.statusBarUpdate, {
			appKey,
			agent_id: task.agentId,
			task_id: task.taskId,
			status_value: statusValue,
			status_bg: statusBg,
		});
		return { request_id: requestId(), errcode: 0, errmsg: 'ok' };
	}

	// ---------------------------------------------------------------- impaas

	private impaasSend(p: Params, appKey: string): Record<string, unknown> {
		const given = p.crossdomain_message_send_model;
		const as = this.settings.impaasModelAs;
		if ((as === 'object' && typeof given === 'string') || (as === 'text' && isObject(given))) {
			throw new Reject(
				{ errcode: 400402, errmsg: paramErrmsg('crossdomain_message_send_model') },
				`crossdomain_message_send_model as ${typeof given === 'string' ? 'JSON text' : 'an object'} (impaasModelAs: ${as})`,
			);
		}
		const { value: model } = this.jsonObject(p, 'crossdomain_message_send_model', true);
		const m: Record<string, unknown> = { ...model! };
		if (this.settings.impaasTopLevelParts) {
			for (const k of ['send_message_model', 'message_receiver_scope_model', 'new_conversation_notification_off']) {
				if (m[k] === undefined && p[k] !== undefined) {
					let v = p[k];
					if (typeof v === 'string' && k !== 'new_conversation_notification_off') {
						try {
							v = JSON.parse(v);
						} catch {
							throw this.paramError(k);
						}
					}
					if (k === 'new_conversation_notification_off' && (v === 'true' || v === 'false')) v = v === 'true';
					m[k] = v;
				}
			}
		}
		const root = 'crossdomain_message_send_model';
		const reqString = (obj: Record<string, unknown>, key: string, path: string) => {
			const v = obj[key];
			if (typeof v !== 'string' || v.trim() === '') throw this.paramError(`${path} --》 ${key}`);
			return v;
		};
		const reqInt = (obj: Record<string, unknown>, key: string, path: string) => {
			const v = obj[key];
			if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw this.paramError(`${path} --》 ${key}`);
			return v;
		};
		const sender = reqString(m, 'sender', root);
		const messageId = reqString(m, 'message_id', root);
		const smm = m.send_message_model;
		if (!isObject(smm)) throw this.paramError(`${root} --》 send_message_model`);
		const smPath = `${root} --》 send_message_model`;
		const conversationType = reqInt(smm, 'conversation_type', smPath);
		const uuid = reqString(smm, 'uuid', smPath);
		const contentType = reqInt(smm, 'content_type', smPath);
		if (contentType !== 1 && contentType !== 2) throw this.paramError(`${smPath} --》 content_type`);
		const content = reqString(smm, 'content', smPath);
		const cid = reqString(smm, 'cid', smPath);
		let receivers: string[] | undefined;
		if (m.message_receiver_scope_model !== undefined && m.message_receiver_scope_model !== null) {
			const scope = m.message_receiver_scope_model;
			const scPath = `${root} --》 message_receiver_scope_model`;
			if (!isObject(scope)) throw this.paramError(scPath);
			if (scope.actual_receivers !== undefined && scope.actual_receivers !== null) {
				const ar = scope.actual_receivers;
				if (!Array.isArray(ar) || ar.some((x) => typeof x !== 'string' || x === '')) {
					throw this.paramError(`${scPath} --》 actual_receivers`);
				}
				receivers = ar as string[];
			}
		}
		const off = m.new_conversation_notification_off;
		if (off !== undefined && off !== null && typeof off !== 'boolean') {
			throw this.paramError(`${root} --》 new_conversation_notification_off`);
		}
		this.record(DINGTALK_ROUTES.impaasSend, {
			appKey,
			sender,
			message_id: messageId,
			send_message_model: { conversation_type: conversationType, uuid, content_type: contentType, content, cid },
			actual_receivers: receivers,
			new_conversation_notification_off: off ?? false,
		});
		return { errcode: 0, errmsg: '' };
	}
}

/** Documented: within its lifetime gettoken returns the same token and renews it. */
function renewToken(tokens: TokenStore, token: string): void {
	const internal = (tokens as unknown as { tokens?: Map<string, { expiresAt: number }> }).tokens;
	const entry = internal?.get(token);
	if (entry) entry.expiresAt = Date.now() + tokens.ttlSeconds * 1000;
}

export function createDingTalkSim(options: SimOptions<DingTalkSettings> = {}): DingTalkSim {
	return new DingTalkSim(options);
}
