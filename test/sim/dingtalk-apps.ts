/**
 * The DingTalk simulator's app parts, registered by DingTalkSim (test/sim/dingtalk.ts):
 *
 *   POST /v1.0/oauth2/accessToken                       获取企业内部应用的accessToken (new API token)   [this file]
 *   POST /v1.0/robot/oToMessages/batchSend              机器人批量发送单聊消息                        [dingtalk-approbot.ts]
 *   GET  /v1.0/robot/oToMessages/readStatus             机器人批量查询单聊消息已读状态
 *   POST /v1.0/robot/otoMessages/batchRecall            批量撤回单聊消息 (note: lower-case "oto")
 *   POST /v1.0/robot/groupMessages/send                 机器人发送群聊消息
 *   POST /v1.0/robot/groupMessages/recall               企业机器人撤回内部群消息
 *   POST/GET/PUT/DELETE /v1.0/todo/users/{unionId}/tasks[/{taskId}[/executorStatus]]  待办        [dingtalk-todo.ts]
 *   POST /topapi/v2/department/listsub, /topapi/user/listsimple, /topapi/v2/user/get  通讯录    [dingtalk-org.ts]
 *   GET  /get_jsapi_ticket, POST /service/get_corp_token (third-party app token, signed)
 *
 * Sources: /tmp/research/dingtalk.md §2, §3, §5, §6 and DingTalk's pages cited there; the notes in
 * test/sim/dingtalk.notes.md ("App robot, todo, contacts, third-party token").
 *
 * Token rules (DingTalk's two hosts are strict about where the token goes):
 * - /v1.0/ routes read only the `x-acs-dingtalk-access-token` header: missing -> 400
 *   AuthenticationFailed.MissingParameter; unknown or expired -> 400 InvalidAuthentication.
 *   A token from /v1.0/oauth2/accessToken is accepted; a /gettoken token only with
 *   `classicTokenOnNewApi` (unconfirmed: only third-party code shows it), a third-party corp token
 *   only with `corpTokenOnNewApi` (unconfirmed).
 * - oapi routes read `access_token` from the query (dingtalk.ts). The new-API token is accepted
 *   there (`v1TokenOnOapi`, documented by DingTalk's calling guide).
 * - /v1.0/oauth2/accessToken returns the same token within its lifetime and renews it (documented).
 */
import type { SimRequest, SimResponse } from './base';
import type { DingTalkSim } from './dingtalk';
import { APP_ROBOT_ROUTES, registerAppRobot } from './dingtalk-approbot';
import type { RobotMessage } from './dingtalk-approbot';
import { ORG_ROUTES, registerOrg } from './dingtalk-org';
import { registerTodo, TODO_ROUTES } from './dingtalk-todo';
import { newRequestId, V1Reject } from './dingtalk-v1';
import type { TodoTask } from './dingtalk-todo';

/** Every route of the app parts, under the name the node's ROUTES table gives it. */
export const DINGTALK_APP_ROUTES = {
	v1Token: 'POST /v1.0/oauth2/accessToken',
	corpToken: ORG_ROUTES.corpToken,
	jsapiTicket: ORG_ROUTES.jsapiTicket,
	userGet: ORG_ROUTES.userGet,
	departmentListSub: ORG_ROUTES.listsub,
	userListSimple: ORG_ROUTES.listsimple,
	robotOtoSend: APP_ROBOT_ROUTES.otoSend,
	robotOtoReadStatus: APP_ROBOT_ROUTES.otoReadStatus,
	robotOtoRecall: APP_ROBOT_ROUTES.otoRecall,
	robotGroupSend: APP_ROBOT_ROUTES.groupSend,
	robotGroupRecall: APP_ROBOT_ROUTES.groupRecall,
	todoCreate: TODO_ROUTES.create,
	todoGet: TODO_ROUTES.get,
	todoUpdate: TODO_ROUTES.update,
	todoExecutorStatus: TODO_ROUTES.executorStatus,
	todoDelete: TODO_ROUTES.delete,
} as const;

export interface DingTalkPerson {
	userid: string;
	name: string;
	unionid: string;
	/** The department the person is directly in. */
	dept: number;
}

export interface DingTalkDepartment {
	id: number;
	name: string;
	parentId: number;
}

export interface DingTalkSuite {
	secret: string;
	/** The suite ticket DingTalk last pushed (a store app); undefined = any text (a custom app). */
	ticket?: string;
	/** Organizations that authorized the app. */
	corps: string[];
}

export interface DingTalkGroup {
	/** robotCodes added to the group. */
	robots: string[];
	/** Set when the robot came into the group through a cool app: its code is then required. */
	coolAppCode?: string;
	members: string[];
}

export interface DingTalkAppSettings {
	/** Everybody in the organization (userid, name, unionid, direct department). */
	people: DingTalkPerson[];
	/** Every department below the root (1). */
	departments: DingTalkDepartment[];
	/** At most this many people per listsimple page (a test knob to exercise paging; DingTalk: size <= 100). */
	contactsPageMax: number;
	/** suiteKey -> the third-party app. */
	suites: Record<string, DingTalkSuite>;
	/** get_corp_token: most difference between the timestamp and the server's clock (documented: 1 minute, 853002). */
	corpTokenMaxSkewMs: number;
	/** sendbytemplate only with a third-party app token (documented: third-party enterprise apps only). */
	templateRequiresThirdParty: boolean;
	/** App robots: robotCode -> the appKey of its app (an internal app robot's code is its AppKey). */
	appRobots: Record<string, string>;
	/** Groups app robots are in: openConversationId -> group. */
	robotGroups: Record<string, DingTalkGroup>;
	/** batchSend userIds per call: the description says 20, the error table 100. */
	otoMaxUserIds: number;
	/** groupMessages/send msgParam: at most 15000 bytes (documented). */
	groupMsgParamMaxBytes: number;
	/** Receivers read a robot message on the N-th readStatus call (0 = never). */
	robotReadAfterPolls: number;
	/** Read status and recall work for messages of the last 24 hours (documented). */
	robotMaxAgeMs: number;
	/** Todo executors/participants per call (create: "建议不超过100" only; update: 1000). */
	todoMaxPeople: number;
	/** A /gettoken token works on api.dingtalk.com (unconfirmed; off = strict). */
	classicTokenOnNewApi: boolean;
	/** A get_corp_token token works on api.dingtalk.com (unconfirmed; off = strict). */
	corpTokenOnNewApi: boolean;
	/** A /v1.0/oauth2/accessToken token works on oapi (documented). */
	v1TokenOnOapi: boolean;
	/** HTTP status of the new APIs' rate-limit answer: 403 Forbidden.AccessDenied.QpsLimitForAppkeyAndApi or 429 system.busy. */
	v1RateLimitStatus: 403 | 429;
}

/** The demo organization: a root (1) with Sales and Nursing, Nursing with Ward 3. */
export const DINGTALK_APPS_DEMO = {
	people: [
		{ userid: 'manager4220', name: '张三', unionid: 'z21HjQliSzpw0YWCNxmiiEiE', dept: 1 },
		{ userid: 'user123', name: '李四', unionid: 'PUoiinWIpa2yH2ymhiiGiP6g', dept: 421897262 },
		{ userid: 'user456', name: '王五', unionid: 'Qx7aLMnoPq2rStUvWxYziEiE', dept: 421897262 },
		{ userid: '0147282552401293909', name: '赵六', unionid: 'ab3cDEfgHIjkLMnoPQrsiEiE', dept: 421897264 },
	] as DingTalkPerson[],
	departments: [
		{ id: 421897262, name: 'Sales 销售部', parentId: 1 },
		{ id: 421897263, name: 'Nursing 护理部', parentId: 1 },
		{ id: 421897264, name: 'Ward 3 三病区', parentId: 421897263 },
	] as DingTalkDepartment[],
	suiteKey: 'suitedemo8h2kq0isv',
	suiteSecret: 'demo-suite-secret-Hx9-0002',
	authCorpId: 'dingdemo0corp0authorized',
	/** A group the demo app robot is in (openConversationId). */
	groupId: 'cid6KeBBLoveMJOGXoYKF5x7Eeiodo+A/demo==',
	/** A group whose robot came through a cool app. */
	coolGroupId: 'cidCoolAppGroup+demo/xyz==',
	coolAppCode: 'COOLAPP-1-10182EEDD1AC0BA600D9000J',
};

export function dingTalkAppDefaults(appKey: string): DingTalkAppSettings {
	const everyone = DINGTALK_APPS_DEMO.people.map((p) => p.userid);
	return {
		people: structuredClone(DINGTALK_APPS_DEMO.people),
		departments: structuredClone(DINGTALK_APPS_DEMO.departments),
		contactsPageMax: 100,
		suites: { [DINGTALK_APPS_DEMO.suiteKey]: { secret: DINGTALK_APPS_DEMO.suiteSecret, corps: [DINGTALK_APPS_DEMO.authCorpId] } },
		corpTokenMaxSkewMs: 60_000,
		templateRequiresThirdParty: true,
		appRobots: { [appKey]: appKey },
		robotGroups: {
			[DINGTALK_APPS_DEMO.groupId]: { robots: [appKey], members: everyone },
			[DINGTALK_APPS_DEMO.coolGroupId]: { robots: [appKey], coolAppCode: DINGTALK_APPS_DEMO.coolAppCode, members: everyone },
		},
		otoMaxUserIds: 20,
		groupMsgParamMaxBytes: 15000,
		robotReadAfterPolls: 2,
		robotMaxAgeMs: 24 * 3600 * 1000,
		todoMaxPeople: 1000,
		classicTokenOnNewApi: false,
		corpTokenOnNewApi: false,
		v1TokenOnOapi: true,
		v1RateLimitStatus: 403,
	};
}

export type TokenKind = 'classic' | 'v1' | 'corp';

/** The app parts' state (forgotten by DingTalkSim.clear) and their token rules. */
export class DingTalkApps {
	/** Tokens of the new API and third-party tokens (the rest are /gettoken tokens). */
	readonly kinds = new Map<string, TokenKind>();
	/** App robot messages by processQueryKey. */
	readonly robotMessages = new Map<string, RobotMessage>();
	/** Todo tasks by id. */
	readonly todos = new Map<string, TodoTask>();
	private currentV1 = new Map<string, string>();

	constructor(readonly sim: DingTalkSim) {
		sim.route(DINGTALK_APP_ROUTES.v1Token, (req) => this.v1Token(req));
		registerAppRobot(sim, this);
		registerTodo(sim, this);
		registerOrg(sim, this);
	}

	kindOf(token: string): TokenKind {
		return this.kinds.get(token) ?? 'classic';
	}

	/** Whether an oapi route takes this (valid) token. */
	acceptsOnOapi(token: string): boolean {
		return this.kindOf(token) !== 'v1' || this.sim.settings.v1TokenOnOapi;
	}

	clear(options: { keepTokens?: boolean }): void {
		this.robotMessages.clear();
		this.todos.clear();
		if (!options.keepTokens) this.currentV1.clear();
	}

	person(userid: string): DingTalkPerson | undefined {
		return this.sim.settings.people.find((p) => p.userid === userid);
	}

	byUnionId(unionid: string): DingTalkPerson | undefined {
		return this.sim.settings.people.find((p) => p.unionid === unionid);
	}

	/**
	 * A new-API route: reads the header token (the app's key comes back), applies the rate limit and
	 * the permission switch, and turns a V1Reject into DingTalk's error answer.
	 */
	v1Route(route: string, handler: (req: SimRequest, appKey: string) => Record<string, unknown>, template = false): void {
		const wrapped = (req: SimRequest): SimResponse => {
			const requestid = newRequestId();
			try {
				const appKey = this.v1Authenticate(req);
				if (this.sim.rate.over()) {
					throw this.sim.settings.v1RateLimitStatus === 429
						? new V1Reject(429, 'system.busy', '请求太频繁', `rate limit ${this.sim.rate.qps}/s exceeded`)
						: new V1Reject(403, 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', '您的企业应用调用钉钉开放平台当前接口的所有请求都被暂时禁用了', `rate limit ${this.sim.rate.qps}/s exceeded`);
				}
				const denied = this.sim.settings.permissionDenied;
				if (denied === true || (Array.isArray(denied) && denied.includes(route))) {
					throw new V1Reject(403, 'Forbidden.AccessDenied.AccessTokenPermissionDenied', '没有调用该接口的权限', 'permission denied (setting)');
				}
				if (req.method !== 'GET' && req.method !== 'DELETE' && (req.badJson || !req.contentType.includes('application/json'))) {
					throw new V1Reject(400, 'invalidParameter.msgBody.invalid', 'body必须是JSON', 'body is not JSON');
				}
				return { body: handler(req, appKey) };
			} catch (e) {
				if (!(e instanceof V1Reject)) throw e;
				return this.sim.refuse(req, e.code, e.reason, { status: e.status, body: { requestid, code: e.code, message: e.message } });
			}
		};
		if (template) this.sim.routeTemplate(route, wrapped);
		else this.sim.route(route, wrapped);
	}

	private v1Authenticate(req: SimRequest): string {
		const header = req.headers['x-acs-dingtalk-access-token'];
		const token = Array.isArray(header) ? header[0] : header;
		if (!token) {
			throw new V1Reject(400, 'AuthenticationFailed.MissingParameter', '缺少参数：x-acs-dingtalk-access-token', 'no x-acs-dingtalk-access-token header');
		}
		const invalid = (why: string) => new V1Reject(400, 'InvalidAuthentication', '不合法的access_token', why);
		const state = this.sim.tokens.check(token);
		if (state !== 'ok') throw invalid(`token ${state}`);
		const kind = this.kindOf(token);
		if (kind === 'classic' && !this.sim.settings.classicTokenOnNewApi) throw invalid('a /gettoken token on api.dingtalk.com (classicTokenOnNewApi off)');
		if (kind === 'corp' && !this.sim.settings.corpTokenOnNewApi) throw invalid('a get_corp_token token on api.dingtalk.com (corpTokenOnNewApi off)');
		return this.sim.tokens.subject(token) ?? '';
	}

	/** POST /v1.0/oauth2/accessToken {appKey, appSecret} -> {accessToken, expireIn}. */
	private v1Token(req: SimRequest): SimResponse {
		const requestid = newRequestId();
		if (!req.contentType.includes('application/json') || !req.body) {
			return this.sim.refuse(req, 'MissingBody', 'the body must be JSON', { status: 400, body: { requestid, code: 'MissingBody', message: 'body is mandatory for this action.' } });
		}
		const { appKey, appSecret } = req.body;
		const apps = this.sim.settings.apps;
		if (typeof appKey !== 'string' || typeof appSecret !== 'string' || !Object.prototype.hasOwnProperty.call(apps, appKey) || apps[appKey] !== appSecret) {
			return this.sim.refuse(req, 'invalidClientIdOrSecret', 'appKey/appSecret wrong or missing', {
				status: 400,
				body: { requestid, code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' },
			});
		}
		let token = this.currentV1.get(appKey);
		if (token && this.sim.tokens.check(token) === 'ok') {
			this.sim.renewToken(token);
		} else {
			token = this.sim.tokens.issue(appKey, 'hex').token;
			this.kinds.set(token, 'v1');
			this.currentV1.set(appKey, token);
		}
		return { body: { expireIn: this.sim.tokens.ttlSeconds, accessToken: token } };
	}
}
