/**
 * Simulator of Eazytec 卓易政企通 (TNG gateway): the token interfaces of the authorize host, the
 * "发送政企消息" interface (seed document 002, last modified 2021-01-27) and the other message-center
 * interfaces whose requests the public pages show (eazytec-msg.ts: outbox query, category
 * dictionary, push to mobile).
 *
 * Routes (one server plays both the authorize host and the gateway):
 *   GET  /v2/oauth/token/api               Eazytec's token API seen in public client code [3P]
 *   POST /oauth/token                      Spring Security OAuth2 token endpoint (client_credentials)
 *   POST /AGCS_zqc/v3_1/msgcenter/send     send, the document's path
 *   GET  /AGCS_zqc/v3_1/msgcenter/query/outbox, GET /AGCS_zqc/v3_1/msgpoly/dict/category,
 *   POST /AGCS_zqc/v3_1/msgcenter/push     (eazytec-msg.ts)
 *   and each of them without /AGCS_zqc, the 安可 gateway's form ("后续路由中忽略/AGCS_zqc")
 *
 * Choices where the document is silent or contradicts itself (each alternative is a setting):
 * 1. JSON-string fields (params.recipient, params.attfiles): the type column says "JsonString" but the
 *    example holds single-quoted pseudo-JSON ("[{'name':'附件1','path':'www.path.com'}]"), which the
 *    backend (fastjson, judging by the "oK" key) parses. Default `jsonStrings: 'lenient'` accepts RFC
 *    JSON and single-quoted JSON; 'strict' accepts RFC 8259 JSON only. The shape is checked in both.
 * 2. params.msgcategory lists 公共公示/新闻通知/政策公示/会议通知 but the example sends 通知公告;
 *    params.msglevel lists 紧急/重要/普通 but the example sends 一般. Default `enums: 'example'`
 *    accepts the listed values plus the example's; 'listed' only the listed ones; 'off' any text
 *    (and any integer msgtype).
 * 3. The failure "返回失败: 400(参数缺失)" gives a body {data:'缺少必要参数', msg:'fail', status:400}
 *    but not the HTTP status. The platform's result wrapper (status/msg/data, seen in public
 *    Eazytec client code) is returned by plain controllers, i.e. with HTTP 200. Default
 *    `failHttpStatus: 200`; set 400 for the alternative. The failure body has no "oK" key, as in
 *    the example.
 * 4. Values of the right presence but wrong type or value have no documented answer: the simulator
 *    answers the same shape with data '参数格式错误' (its own wording) and names the field in the
 *    response header `x-sim-reason`. Blank strings count as missing (缺少必要参数).
 * 5. The schema block has one closing brace too many after "params"; the example shows the real
 *    nesting (params inside sendData; from and to at top level). The example also repeats the key
 *    "redirect_app": the last one wins, as in any JSON parser.
 * 6. Token: not documented (安可: "token获取请教蒋超"). Spring Security OAuth2 is implied by the 401 body;
 *    public client code posts grant_type/client_id/client_secret as a form to
 *    https://authorize.eazytec-cloud.com/oauth/token. Spring behaviour reproduced: Basic or form client
 *    authentication, an unexpired token is reused for the same client and scope (`reuseTokens`),
 *    expires_in counts down, default lifetime 43200 s (Spring's default).
 * 7. Missing token: Spring answers 401 {"error":"unauthorized","error_description":"Full authentication
 *    is required to access this resource"}; invalid, revoked or expired tokens get the document's
 *    {"error":"invalid_token","error_description":"Invalid access token: <token>"}. Spring's JDBC
 *    token store would say "Access token expired: <token>" for an expired one: `expiredTokenMessage:
 *    'expired'`.
 * 8. Spring answers wrong Basic client credentials with {"error":"unauthorized","error_description":
 *    "Bad credentials"} in some set-ups; default gives {"error":"invalid_client","error_description":
 *    "Bad client credentials"} for Basic and form alike (`basicAuthFailure: 'unauthorized'` switches).
 * 9. Rate limit (not documented): HTTP 429 with an empty body, as Spring Cloud Gateway answers.
 * 10. appid is documented as "申请的clientID"; the simulator does not compare it with the token's client
 *    unless `appidMustMatchClient: true` (then a mismatch answers 参数格式错误).
 * 11. Token API answer: public code reads only data.access_token from it. Default `tokenApiAnswer:
 *    'accessTokenOnly'` answers {"data":{"access_token":…},"msg":"success","oK":true,"status":200};
 *    'withExpiry' adds Spring's token_type, expires_in and scope inside data. A wrong client answers
 *    {"data":"获取token失败","msg":"fail","status":400} with HTTP 200 (not documented; the wrapper's
 *    fail shape).
 * 12. Success answers carry "oK": true as documented; `okKey: false` leaves the key out (a server
 *    whose wrapper has no such field, as the integrator's copy of the wrapper class has none).
 * 13. msgtype: the send document lists only 0 (`msgtypes: [0]`); `enums: 'off'` takes any integer.
 *    msgcategory: the category dictionary's values (`categories`), plus the example's 通知公告 with
 *    `enums: 'example'`.
 * 14. Every interface's header table marks Content-Type: application/json as required, GETs
 *    included: `getContentType: 'required'` refuses a GET without it (HTTP 415, Spring's body);
 *    'any' does not look.
 */
import { randomUUID } from 'node:crypto';
import { SimServer, type SimOptions, type SimRequest, type SimResponse } from './base';
import { outboxPage, outboxRecordOf, validateOutboxQuery, validatePush } from './eazytec-msg';
import type { OutboxRecord } from './eazytec-msg';

export interface EazytecSettings {
	/** clientId -> clientSecret */
	clients: Record<string, string>;
	/** Scopes every client is registered with; a request without scope gets all of them. */
	scopes: string[];
	/** Grant types the token endpoint accepts. */
	grantTypes: string[];
	/** Accept client_id/client_secret as form fields (Spring's allowFormAuthenticationForClients). */
	formClientAuth: boolean;
	/** Return the unexpired token already issued to the same client and scope (Spring default). */
	reuseTokens: boolean;
	/** Enable GET /v2/oauth/token/api?clientId=&clientSecret= */
	tokenApiV2: boolean;
	/** Which send paths exist: both, only /AGCS_zqc/..., or only the prefix-less 安可 form. */
	prefix: 'both' | 'agcs' | 'none';
	jsonStrings: 'lenient' | 'strict';
	enums: 'example' | 'listed' | 'off';
	failHttpStatus: 200 | 400;
	expiredTokenMessage: 'invalid' | 'expired';
	basicAuthFailure: 'invalid_client' | 'unauthorized';
	appidMustMatchClient: boolean;
	tokenApiAnswer: 'accessTokenOnly' | 'withExpiry';
	okKey: boolean;
	msgtypes: number[];
	categories: string[];
	outboxPage: 'list' | 'records';
	getContentType: 'required' | 'any';
}

export type EazytecSimOptions = SimOptions<EazytecSettings>;

export const EAZYTEC_TOKEN_PATH = '/oauth/token';
export const EAZYTEC_TOKEN_API_V2_PATH = '/v2/oauth/token/api';
export const EAZYTEC_SEND_PATH = '/AGCS_zqc/v3_1/msgcenter/send';
export const EAZYTEC_SEND_PATH_ANKE = '/v3_1/msgcenter/send';
export const EAZYTEC_OUTBOX_PATH = '/AGCS_zqc/v3_1/msgcenter/query/outbox';
export const EAZYTEC_CATEGORY_PATH = '/AGCS_zqc/v3_1/msgpoly/dict/category';
export const EAZYTEC_PUSH_PATH = '/AGCS_zqc/v3_1/msgcenter/push';
/** Route name under which accepted messages are recorded, whichever path they came by. */
export const EAZYTEC_SEND_RECORD = 'msgcenter/send';
export const EAZYTEC_PUSH_RECORD = 'msgcenter/push';

/** Demo credentials and the document's example ids (sender is a government user, receiver a company). */
export const EAZYTEC_DEMO = {
	clientId: 'zqtong_gov_app_client',
	clientSecret: 'eazytec-demo-secret',
	appname: '政企消息',
	from: {
		userid: '1154fcc5-58fb-4eb5-ab0e-5ffb95cfc20a',
		usertype: 1,
		orgid: 'd2eeee46-440c-4102-a71b-2770cd865198',
		deptid: '0ccaea9f-3a2c-4140-90ec-8496752967bd',
	},
	to: {
		userid: '2fb5c7c3-6841-4b15-9c4d-b2e807b792e5',
		usertype: 2,
		orgid: 'ad0f56d2-4c5a-4b02-9127-6db8cc099820',
		deptid: '',
	},
} as const;

export const EAZYTEC_CATEGORIES_LISTED = ['公共公示', '新闻通知', '政策公示', '会议通知'];
export const EAZYTEC_CATEGORIES_EXAMPLE = ['通知公告'];
export const EAZYTEC_LEVELS_LISTED = ['紧急', '重要', '普通'];
export const EAZYTEC_LEVELS_EXAMPLE = ['一般'];

/** The document's example request body (valid against the default settings). */
export function eazytecExampleBody(): Record<string, unknown> {
	return {
		sendData: {
			appid: 'zqtong_gov_app_client',
			appname: '政企消息',
			title: '[环科园(新街街道)]  环科园第四次全国经济普查单位清查补充登记公告',
			body: "<div class='show_content'>消息正文</div>",
			extMap: { test: '测试扩展' },
			msgtype: 0,
			needpush: 0,
			params: {
				sender: '宜兴人民政府',
				recipient:
					"{'orgId':'org-1','esNameList':['c-1','c-2'],'companyIdList':['t-1','t-2'],'linkmenTypeList':['t-1','t-2']}",
				hasatt: '1',
				attfiles: "[{'name':'附件1','path':'www.path.com'},{'name':'附件2','path':'www.path.com'}]",
				msgcategory: '通知公告',
				msglevel: '一般',
				needreply: '0',
				needsms: '0',
				redirect_pc: 'http://xxx',
				redirect_app: 'ZQT_xx/#/detail?id=xxx',
			},
		},
		from: { ...EAZYTEC_DEMO.from },
		to: [{ ...EAZYTEC_DEMO.to }],
	};
}

const DEFAULT_SETTINGS: EazytecSettings = {
	clients: { [EAZYTEC_DEMO.clientId]: EAZYTEC_DEMO.clientSecret },
	scopes: ['read', 'get_user_info', 'get_label_relation', 'get_address', 'get_application'],
	grantTypes: ['client_credentials'],
	formClientAuth: true,
	reuseTokens: true,
	tokenApiV2: true,
	prefix: 'both',
	jsonStrings: 'lenient',
	enums: 'example',
	failHttpStatus: 200,
	expiredTokenMessage: 'invalid',
	basicAuthFailure: 'invalid_client',
	appidMustMatchClient: false,
	tokenApiAnswer: 'accessTokenOnly',
	okKey: true,
	msgtypes: [0],
	categories: ['公共公示', '新闻通知', '政策公示', '会议通知'],
	outboxPage: 'list',
	getContentType: 'required',
};

/**
 * Parses JSON the way fastjson does for the document's example: RFC JSON plus single-quoted
 * strings. Throws on anything else (unquoted keys, trailing text, comments).
 */
export function parseLenientJson(text: string): unknown {
	let i = 0;
	const ws = () => {
		while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
	};
	const fail = (what: string): never => {
		throw new SyntaxError(`${what} at position ${i}`);
	};
	const str = (): string => {
		const q = text[i++];
		let out = '';
		while (i < text.length && text[i] !== q) {
			const c = text[i++];
			if (c === '\\') {
				const e = text[i++];
				const map: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
				if (e === 'u') {
					const hex = text.slice(i, i + 4);
					if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
					out += String.fromCharCode(parseInt(hex, 16));
					i += 4;
				} else if (e in map) out += map[e];
				else fail('bad escape');
			} else if (c < ' ') fail('control character in string');
			else out += c;
		}
		if (text[i] !== q) fail('unterminated string');
		i++;
		return out;
	};
	const value = (): unknown => {
		ws();
		const c = text[i];
		if (c === '{') {
			i++;
			const obj: Record<string, unknown> = {};
			ws();
			if (text[i] === '}') {
				i++;
				return obj;
			}
			for (;;) {
				ws();
				if (text[i] !== '"' && text[i] !== "'") fail('expected a quoted key');
				const k = str();
				ws();
				if (text[i++] !== ':') fail("expected ':'");
				obj[k] = value();
				ws();
				const sep = text[i++];
				if (sep === '}') return obj;
				if (sep !== ',') fail("expected ',' or '}'");
			}
		}
		if (c === '[') {
			i++;
			const arr: unknown[] = [];
			ws();
			if (text[i] === ']') {
				i++;
				return arr;
			}
			for (;;) {
				arr.push(value());
				ws();
				const sep = text[i++];
				if (sep === ']') return arr;
				if (sep !== ',') fail("expected ',' or ']'");
			}
		}
		if (c === '"' || c === "'") return str();
		const m = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
		if (!m) return fail('unexpected character');
		i += m[1].length;
		return JSON.parse(m[1]);
	};
	const v = value();
	ws();
	if (i !== text.length) fail('unexpected trailing text');
	return v;
}

export type EazytecProblem = { kind: 'missing' | 'invalid'; field: string; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown) => v === undefined || v === null;
const blank = (v: unknown) => absent(v) || (typeof v === 'string' && v.trim() === '');

/** Validates a send body against the document; returns the first problem found or undefined. */
export function validateEazytecSend(
	body: Record<string, unknown>,
	settings: Pick<EazytecSettings, 'jsonStrings' | 'enums'> & Partial<Pick<EazytecSettings, 'msgtypes' | 'categories'>>,
): EazytecProblem | undefined {
	const problems: EazytecProblem[] = [];
	const missing = (field: string) => problems.push({ kind: 'missing', field, reason: 'required' });
	const invalid = (field: string, reason: string) => problems.push({ kind: 'invalid', field, reason });

	const reqString = (o: Record<string, unknown>, key: string, path: string) => {
		const v = o[key];
		if (blank(v)) missing(path);
		else if (typeof v !== 'string') invalid(path, 'must be a string');
	};
	const optString = (o: Record<string, unknown>, key: string, path: string, values?: string[]) => {
		const v = o[key];
		if (absent(v)) return;
		if (typeof v !== 'string') invalid(path, 'must be a string');
		else if (values && v !== '' && !values.includes(v)) invalid(path, `not an allowed value (${values.join('/')})`);
	};
	const reqInt = (o: Record<string, unknown>, key: string, path: string, values?: number[]) => {
		const v = o[key];
		if (absent(v) || v === '') missing(path);
		else if (typeof v !== 'number' || !Number.isInteger(v)) invalid(path, 'must be an integer');
		else if (values && !values.includes(v)) invalid(path, `not an allowed value (${values.join('/')})`);
	};
	const optInt = (o: Record<string, unknown>, key: string, path: string, values: number[]) => {
		const v = o[key];
		if (absent(v)) return;
		if (typeof v !== 'number' || !Number.isInteger(v)) invalid(path, 'must be an integer');
		else if (!values.includes(v)) invalid(path, `not an allowed value (${values.join('/')})`);
	};
	const jsonString = (o: Record<string, unknown>, key: string, path: string, check: (v: unknown) => string | undefined) => {
		const v = o[key];
		if (absent(v) || v === '') return;
		if (typeof v !== 'string') {
			invalid(path, 'must be a string holding JSON');
			return;
		}
		let parsed: unknown;
		try {
			parsed = settings.jsonStrings === 'strict' ? JSON.parse(v) : parseLenientJson(v);
		} catch (error) {
			invalid(path, `not valid JSON (${(error as Error).message})`);
			return;
		}
		const bad = check(parsed);
		if (bad) invalid(path, bad);
	};
	const enumValues = (listed: string[], example: string[]) =>
		settings.enums === 'off' ? undefined : settings.enums === 'listed' ? listed : [...listed, ...example];
	const user = (o: unknown, path: string): void => {
		if (absent(o)) {
			missing(path);
			return;
		}
		if (!isObject(o)) {
			invalid(path, 'must be an object');
			return;
		}
		reqString(o, 'userid', `${path}.userid`);
		reqInt(o, 'usertype', `${path}.usertype`, [1, 2]);
		reqString(o, 'orgid', `${path}.orgid`);
		optString(o, 'deptid', `${path}.deptid`);
	};

	const sendData = body.sendData;
	if (absent(sendData)) missing('sendData');
	else if (!isObject(sendData)) invalid('sendData', 'must be an object');
	else {
		reqString(sendData, 'appid', 'sendData.appid');
		reqString(sendData, 'appname', 'sendData.appname');
		reqString(sendData, 'title', 'sendData.title');
		reqString(sendData, 'body', 'sendData.body');
		if (!absent(sendData.extMap) && !isObject(sendData.extMap)) invalid('sendData.extMap', 'must be a JSON object');
		reqInt(sendData, 'msgtype', 'sendData.msgtype', settings.enums === 'off' ? undefined : (settings.msgtypes ?? [0]));
		optInt(sendData, 'needpush', 'sendData.needpush', [0, 1]);
		const params = sendData.params;
		if (absent(params)) missing('sendData.params');
		else if (!isObject(params)) invalid('sendData.params', 'must be an object');
		else {
			const p = 'sendData.params';
			reqString(params, 'sender', `${p}.sender`);
			jsonString(params, 'recipient', `${p}.recipient`, (v) => {
				if (!isObject(v)) return 'must hold a JSON object';
				if (!absent(v.orgId) && typeof v.orgId !== 'string') return 'orgId must be a string';
				for (const k of ['esNameList', 'companyIdList', 'linkmenTypeList']) {
					const list = v[k];
					if (absent(list)) continue;
					if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) return `${k} must be a list of strings`;
				}
				return undefined;
			});
			optString(params, 'hasatt', `${p}.hasatt`, ['0', '1']);
			jsonString(params, 'attfiles', `${p}.attfiles`, (v) => {
				if (!Array.isArray(v)) return 'must hold a JSON array';
				for (const [n, f] of v.entries()) {
					if (!isObject(f)) return `item ${n} must be an object`;
					if (typeof f.name !== 'string' || f.name.trim() === '') return `item ${n} needs a name`;
					if (typeof f.path !== 'string' || f.path.trim() === '') return `item ${n} needs a path`;
				}
				return undefined;
			});
			const categories = enumValues(settings.categories ?? EAZYTEC_CATEGORIES_LISTED, EAZYTEC_CATEGORIES_EXAMPLE);
			reqString(params, 'msgcategory', `${p}.msgcategory`);
			if (categories && typeof params.msgcategory === 'string' && params.msgcategory.trim() && !categories.includes(params.msgcategory))
				invalid(`${p}.msgcategory`, 'not an allowed value');
			const levels = enumValues(EAZYTEC_LEVELS_LISTED, EAZYTEC_LEVELS_EXAMPLE);
			reqString(params, 'msglevel', `${p}.msglevel`);
			if (levels && typeof params.msglevel === 'string' && params.msglevel.trim() && !levels.includes(params.msglevel))
				invalid(`${p}.msglevel`, 'not an allowed value');
			optString(params, 'needreply', `${p}.needreply`, ['0', '1']);
			optString(params, 'needsms', `${p}.needsms`, ['0', '1']);
			optString(params, 'redirect_pc', `${p}.redirect_pc`);
			optString(params, 'redirect_app', `${p}.redirect_app`);
		}
	}
	user(body.from, 'from');
	const to = body.to;
	if (absent(to) || (Array.isArray(to) && to.length === 0)) missing('to');
	else if (!Array.isArray(to)) invalid('to', 'must be a list');
	else to.forEach((r, n) => user(r, `to[${n}]`));

	// A missing field is reported before a malformed one, as a "required" check runs first.
	return problems.find((x) => x.kind === 'missing') ?? problems[0];
}

const springError = (status: number, error: string, message: string, path: string): SimResponse => ({
	status,
	body: { timestamp: new Date().toISOString(), status, error, message, path },
});

const oauthError = (
	status: number,
	error: string,
	description: string,
	extra: Record<string, unknown> = {},
	realm = 'oauth2/client',
): SimResponse => ({
	status,
	body: { error, error_description: description, ...extra },
	headers:
		status === 401
			? { 'www-authenticate': `Bearer realm="${realm}", error="${error}", error_description="${description}"` }
			: {},
});

/** The simulator (not started: call `await sim.start()`). */
export class EazytecSim extends SimServer<EazytecSettings> {
	/** The unexpired token per client and scope, for Spring's token reuse. */
	private issued = new Map<string, { token: string; expiresAt: number }>();
	/** The outbox: every accepted send (state 1), newest first, plus what tests add. */
	outbox: OutboxRecord[] = [];

	constructor(options: EazytecSimOptions = {}) {
		super('eazytec', {
			tokenTtlSeconds: options.tokenTtlSeconds ?? 43200,
			settings: { ...DEFAULT_SETTINGS, ...(options.settings ?? {}) },
		});
		this.route(`POST ${EAZYTEC_TOKEN_PATH}`, (req) => this.token(req));
		this.route(`GET ${EAZYTEC_TOKEN_API_V2_PATH}`, (req) => this.tokenApiV2(req));
		const gateway = (method: string, path: string, handler: (req: SimRequest) => SimResponse) => {
			this.route(`${method} ${path}`, (req) => this.onPath(req, true) ?? handler(req));
			this.route(`${method} ${path.slice('/AGCS_zqc'.length)}`, (req) => this.onPath(req, false) ?? handler(req));
		};
		gateway('POST', EAZYTEC_SEND_PATH, (req) => this.send(req));
		gateway('GET', EAZYTEC_OUTBOX_PATH, (req) => this.queryOutbox(req));
		gateway('GET', EAZYTEC_CATEGORY_PATH, (req) => this.categories(req));
		gateway('POST', EAZYTEC_PUSH_PATH, (req) => this.push(req));
	}

	/** Records, calls, rejections, faults as in the base; also the outbox, and which token each client holds unless keepTokens. */
	override clear(options: { keepTokens?: boolean } = {}): void {
		super.clear(options);
		this.outbox = [];
		if (!options.keepTokens) this.issued.clear();
	}

	/** Adds a message to the outbox as the platform would hold it (a draft, one sent elsewhere); returns its outboxid. */
	addOutbox(fields: OutboxRecord): string {
		const outboxid = String(fields.outboxid ?? randomUUID());
		this.outbox.unshift({ state: 1, ...fields, outboxid });
		return outboxid;
	}

	/** Changes an outbox message, as the platform does when receivers act on it. */
	updateOutbox(outboxid: string, fields: OutboxRecord): void {
		const record = this.outbox.find((r) => r.outboxid === outboxid);
		if (!record) throw new Error(`no outbox message ${outboxid}`);
		Object.assign(record, fields);
	}

	/** The wrapper of a success: {data, msg, oK, status}, without oK when the setting says so. */
	private success(data: unknown): SimResponse {
		return { body: this.settings.okKey ? { data, msg: 'success', oK: true, status: 200 } : { data, msg: 'success', status: 200 } };
	}

	/** 404 for a path form the `prefix` setting turns off. */
	private onPath(req: SimRequest, agcs: boolean): SimResponse | undefined {
		const prefix = this.settings.prefix;
		if ((agcs && prefix === 'none') || (!agcs && prefix === 'agcs')) return { status: 404, body: { status: 404, error: 'Not Found', path: req.path } };
		return undefined;
	}

	/** Spring Security's resource server: the bearer token, else the document's 401 bodies. */
	private authorize(req: SimRequest): { token: string } | { refused: SimResponse } {
		// BearerTokenExtractor: the Authorization header, else ?access_token=.
		let token: string | undefined;
		const authz = String(req.headers.authorization ?? '');
		if (authz.toLowerCase().startsWith('bearer')) {
			token = authz.slice('bearer'.length).trim();
			const comma = token.indexOf(',');
			if (comma >= 0) token = token.slice(0, comma);
		} else if (req.query.access_token) token = req.query.access_token;
		if (!token)
			return {
				refused: this.oauthRefusal(
					req,
					oauthError(401, 'unauthorized', 'Full authentication is required to access this resource', {}, 'oauth2-resource'),
				),
			};
		const state = this.tokens.check(token);
		if (state !== 'ok') {
			const description =
				state === 'expired' && this.settings.expiredTokenMessage === 'expired'
					? `Access token expired: ${token}`
					: `Invalid access token: ${token}`;
			return {
				refused: this.refuse(req, 'invalid_token', `token ${state}`, oauthError(401, 'invalid_token', description, {}, 'oauth2-resource')),
			};
		}
		return { token };
	}

	/** The document's 400 answer (HTTP status per `failHttpStatus`), noted as a rejection. */
	private failParams(req: SimRequest, data: string, reason: string): SimResponse {
		return this.refuse(req, 400, reason, { status: this.settings.failHttpStatus, body: { data, msg: 'fail', status: 400 } });
	}

	private springRefusal(req: SimRequest, status: number, error: string, message: string): SimResponse {
		return this.refuse(req, status, message, springError(status, error, message, req.path));
	}

	/** A GET of the gateway: token, then the header the page marks as required. */
	private getGate(req: SimRequest): { token: string } | { refused: SimResponse } {
		const auth = this.authorize(req);
		if ('refused' in auth) return auth;
		if (this.settings.getContentType === 'required' && !req.contentType.includes('application/json'))
			return { refused: this.springRefusal(req, 415, 'Unsupported Media Type', `Content type '${req.contentType}' not supported: the page requires application/json`) };
		return auth;
	}

	/** A JSON POST of the gateway: rate limit, token, content type, body. */
	private postGate(req: SimRequest): { token: string; body: Record<string, unknown> } | { refused: SimResponse } {
		if (this.rate.over()) return { refused: this.refuse(req, 429, `rate limit ${this.rate.qps}/s exceeded`, { status: 429, body: '' }) };
		const auth = this.authorize(req);
		if ('refused' in auth) return auth;
		if (!req.contentType.includes('application/json'))
			return { refused: this.springRefusal(req, 415, 'Unsupported Media Type', `Content type '${req.contentType || ''}' not supported`) };
		if (req.rawBody.trim() === '') return { refused: this.springRefusal(req, 400, 'Bad Request', 'Required request body is missing') };
		if (req.badJson || !isObject(req.body))
			return { refused: this.springRefusal(req, 400, 'Bad Request', 'JSON parse error: the request body is not a JSON object') };
		return { token: auth.token, body: req.body };
	}

	/** An OAuth2 or Spring error, noted as a rejection under its error code. */
	private oauthRefusal(req: SimRequest, answer: SimResponse): SimResponse {
		const body = answer.body as Record<string, unknown>;
		const code = String(body.error ?? answer.status);
		return this.refuse(req, code, String(body.error_description ?? body.message ?? code), answer);
	}

	/** Spring's DefaultTokenServices.createAccessToken for a client. */
	private grant(req: SimRequest, clientId: string, requestedScope: string | undefined): SimResponse {
		const registered = this.settings.scopes;
		const requested = (requestedScope ?? '').split(/[\s,]+/).filter(Boolean);
		for (const r of requested)
			if (!registered.includes(r))
				return this.oauthRefusal(req, oauthError(400, 'invalid_scope', `Invalid scope: ${requestedScope}`, { scope: registered.join(' ') }));
		const scopes = requested.length ? requested : registered;
		const scope = scopes.join(' ');
		const key = `${clientId}\n${[...scopes].sort().join(' ')}`;
		const now = Date.now();
		let entry = this.issued.get(key);
		if (!entry || !this.settings.reuseTokens || this.tokens.check(entry.token) !== 'ok') {
			const { token, expiresIn } = this.tokens.issue(clientId, 'uuid');
			entry = { token, expiresAt: now + expiresIn * 1000 };
			this.issued.set(key, entry);
		}
		const expiresIn = Math.max(0, Math.floor((entry.expiresAt - now - 1) / 1000));
		return {
			body: { access_token: entry.token, token_type: 'bearer', expires_in: expiresIn, scope },
			headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
		};
	}

	private token(req: SimRequest): SimResponse {
		// Spring reads parameters from the query string and the form body alike.
		const params: Record<string, string> = { ...req.query };
		if (req.contentType.includes('application/x-www-form-urlencoded') && req.body)
			for (const [k, v] of Object.entries(req.body)) params[k] = String(v);
		const refuse = (answer: SimResponse) => this.oauthRefusal(req, answer);
		const clients = this.settings.clients;
		let clientId: string | undefined;
		const authz = String(req.headers.authorization ?? '');
		if (/^basic /i.test(authz)) {
			const decoded = Buffer.from(authz.slice(6).trim(), 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			const id = colon < 0 ? decoded : decoded.slice(0, colon);
			const secret = colon < 0 ? '' : decoded.slice(colon + 1);
			if (colon < 0 || !(id in clients) || clients[id] !== secret)
				return refuse(
					this.settings.basicAuthFailure === 'unauthorized'
						? oauthError(401, 'unauthorized', 'Bad credentials')
						: oauthError(401, 'invalid_client', 'Bad client credentials'),
				);
			clientId = id;
			if (params.client_id !== undefined && params.client_id !== id)
				return refuse(oauthError(401, 'invalid_client', 'Given client ID does not match authenticated client'));
		} else if (this.settings.formClientAuth && params.client_id !== undefined) {
			const id = params.client_id.trim();
			const secret = params.client_secret ?? '';
			if (!(id in clients) || clients[id] !== secret) return refuse(oauthError(401, 'invalid_client', 'Bad client credentials'));
			clientId = id;
		}
		if (!clientId) return refuse(oauthError(401, 'unauthorized', 'Full authentication is required to access this resource'));
		const grantType = params.grant_type;
		if (!grantType) return refuse(oauthError(400, 'invalid_request', 'Missing grant type'));
		if (!this.settings.grantTypes.includes(grantType))
			return refuse(oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`));
		return this.grant(req, clientId, params.scope);
	}

	private tokenApiV2(req: SimRequest): SimResponse {
		if (!this.settings.tokenApiV2) return { status: 404, body: { status: 404, error: 'Not Found', path: req.path } };
		const { clientId, clientSecret } = req.query;
		const clients = this.settings.clients;
		if (!clientId || !(clientId in clients) || clients[clientId] !== clientSecret)
			return this.refuse(req, 400, 'clientId or clientSecret wrong', { body: { data: '获取token失败', msg: 'fail', status: 400 } });
		const r = this.grant(req, clientId, undefined).body as Record<string, unknown>;
		return this.success(this.settings.tokenApiAnswer === 'withExpiry' ? r : { access_token: r.access_token });
	}

	private send(req: SimRequest): SimResponse {
		const gate = this.postGate(req);
		if ('refused' in gate) return gate.refused;
		const { body, token } = gate;
		const problem = validateEazytecSend(body, this.settings);
		if (problem)
			return problem.kind === 'missing'
				? this.failParams(req, '缺少必要参数', `${problem.field}: ${problem.reason}`)
				: this.failParams(req, '参数格式错误', `${problem.field}: ${problem.reason}`);
		const clientId = this.tokens.subject(token) ?? '';
		const appid = (body.sendData as Record<string, unknown>).appid;
		if (this.settings.appidMustMatchClient && appid !== clientId)
			return this.failParams(req, '参数格式错误', 'sendData.appid: must be the client id of the token');

		const outboxId = randomUUID();
		this.record(EAZYTEC_SEND_RECORD, body, outboxId);
		this.outbox.unshift(outboxRecordOf(outboxId, body));
		return this.success(outboxId);
	}

	private queryOutbox(req: SimRequest): SimResponse {
		const gate = this.getGate(req);
		if ('refused' in gate) return gate.refused;
		const problem = validateOutboxQuery(req.query);
		if (problem) return this.failParams(req, '参数格式错误', `${problem.field}: ${problem.reason}`);
		return this.success(outboxPage(this.outbox, req.query, this.settings.outboxPage));
	}

	private categories(req: SimRequest): SimResponse {
		const gate = this.getGate(req);
		if ('refused' in gate) return gate.refused;
		return this.success([...this.settings.categories]);
	}

	private push(req: SimRequest): SimResponse {
		const gate = this.postGate(req);
		if ('refused' in gate) return gate.refused;
		const problem = validatePush(gate.body);
		if (problem)
			return problem.kind === 'missing'
				? this.failParams(req, '缺少必要参数', `${problem.field}: ${problem.reason}`)
				: this.failParams(req, '参数格式错误', `${problem.field}: ${problem.reason}`);
		this.record(EAZYTEC_PUSH_RECORD, gate.body);
		return this.success(null);
	}
}

/** Creates the simulator (not started: call `await sim.start()`). */
export function createEazytecSim(options: EazytecSimOptions = {}): EazytecSim {
	return new EazytecSim(options);
}
