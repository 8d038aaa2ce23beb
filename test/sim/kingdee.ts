/**
 * Kingdee JDY (精斗云 / 金蝶云星辰) simulator: the API gateway (X-Api-* request signatures checked
 * with the official algorithm, written here independently of nodes/KingdeeJdy/signature.ts), the
 * instance authorization and app-token exchange, and the third-party message API of seed 000
 * (POST /jdy/v2/sys/outside_msg). See kingdee.notes.md for the full contract.
 *
 * Choices and contradictions resolved (each a `sim.settings` switch where it makes sense):
 * 1. X-Api-SignHeaders: the document says "X-Api-TimeStamp,X-Api-Nonce", the official SDK sends
 *    "X-Api-Nonce,X-Api-TimeStamp". Both are accepted by default (`signHeadersAccepted`:
 *    'both' | 'doc' | 'sdk'); either way nonce comes before timestamp in the string to sign.
 * 2. Gateway errors answer HTTP 519 with the SDK's ApigwResult {errcode, description, descriptionCn}
 *    (SDK constants, vendors.md §1.5). DESIGN.md says Kingdee reports 4010/4011 inside an HTTP 200
 *    body; set `gatewayErrorStatus: 200` to simulate that. The English/Chinese descriptions are
 *    this simulator's wording ("X-Api-Signature is invalid" is seen in third-party logs); only the
 *    codes and field names come from the SDK.
 * 3. A reused nonce (same client id, within the timestamp window) is rejected with 4008 by default
 *    (`nonceReuseCode`); the SDK has no dedicated code. A missing or non-positive-integer
 *    X-Api-Nonce is also 4008 ("随机正整数" in the document).
 * 4. X-GW-Router-Addr missing or not equal to the instance's `domain`: 4010 (`routerAddrErrorCode`);
 *    the document only says it is required ("the domain field of the appKey answer").
 *    `authorizeOmitsDomain: true` answers push_app_authorize without `domain` (the gateway still
 *    routes by the instance's domain), for a client that must then be told the domain.
 * 5. The message API's validation errors have no documented code (the seed lists only 2000002000
 *    系统错误 and an unfound "公共返回码" page): this simulator answers HTTP 200
 *    {errcode: 2000002000, description: <Chinese reason>}, the only code the document gives
 *    (`paramErrorCode` sets another, for a client that must explain a code it does not know).
 * 6. The success example's data.message is the placeholder "失败原因" even though success is true;
 *    the simulator returns the example verbatim (`successMessage`), so a client must look at
 *    errcode and data.success, never at data.message.
 * 7. The documented Data.success=false path has no documented trigger: set `knownReceivers` to a
 *    list of user ids and a send to anyone else answers errcode 0, data.success false (not recorded).
 * 8. push_app_authorize answers {code:200, data:[...]} (third-party fixture, camelCase);
 *    `authorizeResponseStyle: 'errcode'` answers {errcode:0, description:'success', data:[...]}.
 *    An unknown instance, or one that belongs to another client id, gives data: [].
 * 9. kingdee_auth_token: an unknown app_key, a missing parameter or a wrong app_signature (for
 *    example after the app secret rotated) all answer HTTP 200
 *    {errcode: 1030002006, description: '授权密钥校验失败，请获取最新密钥加密'}.
 * 10. Content: no length limits are documented, none are enforced. "Required" strings must be
 *    non-empty; receivers must be strings (List<string>), numbers are rejected.
 * 11. Rate limit (sim.rate) and `tokenCallsPerMinute` (third-party: 2/min on the token API) answer
 *    HTTP 429 with ApigwResult errcode 5007 (the SDK's "overload").
 */
import { createHmac, randomBytes } from 'node:crypto';
import { SimServer, type SimOptions, type SimRequest, type SimResponse } from './base';

export const KINGDEE_ROUTES = {
	authorize: 'POST /jdyconnector/app_management/push_app_authorize',
	token: 'GET /jdyconnector/app_management/kingdee_auth_token',
	send: 'POST /jdy/v2/sys/outside_msg',
	rotate: 'POST /__kingdee/rotate-app-secret',
} as const;

/** Demo identity shared by tests, the demo and examples. */
export const KINGDEE_DEMO = {
	clientId: '205022',
	clientSecret: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
	outerInstanceId: '2090000000000000001',
	appKey: 'DemoAk01',
	appSecret: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
	domain: 'https://tf.jdy.com',
	/** The account administrator's uid (token without `uid`). */
	adminUid: '173053163',
} as const;

export const CHANNELS = ['XXZX', 'APP', 'QYWX', 'DD'] as const;

export const KINGDEE_SIM_DEFAULTS = {
	gatewayErrorStatus: 519,
	timestampWindowMs: 5 * 60 * 1000,
	signHeadersAccepted: 'both' as 'both' | 'doc' | 'sdk',
	checkNonceReuse: true,
	nonceReuseCode: 4008,
	routerAddrErrorCode: 4010,
	paramErrorCode: 2000002000,
	successMessage: '失败原因',
	knownReceivers: null as string[] | null,
	authorizeResponseStyle: 'code' as 'code' | 'errcode',
	authorizeOmitsDomain: false,
	tokenCallsPerMinute: 0,
	rateLimitStatus: 429,
};
export type KingdeeSimSettings = typeof KINGDEE_SIM_DEFAULTS;

export interface KingdeeInstance {
	outerInstanceId: string;
	/** The client id (app) this instance is authorized to. */
	clientId: string;
	appKey: string;
	appSecret: string;
	domain: string;
	accountId: string;
	accountName: string;
	agreementCompanyName: string;
	groupName: string;
	serviceId: string;
	status: number;
	adminUid: string;
}

/** tokenTtlSeconds is the app-token lifetime here: default 86400 s (third-party: 24 h). */
export interface KingdeeSimOptions extends SimOptions<KingdeeSimSettings> {
	/** clientId -> clientSecret. Default: KINGDEE_DEMO's. */
	clients?: Record<string, string>;
	/** outerInstanceId -> instance. Default: KINGDEE_DEMO's. clientId defaults to the first client. */
	instances?: Record<
		string,
		Partial<KingdeeInstance> & { appKey: string; appSecret: string; domain: string }
	>;
}

/** The gateway's error codes (official SDK KDApiGwRespStatus); descriptions are the simulator's. */
const GW = {
	4001: ['auth type is not supported', '不支持的认证方式'],
	4002: ['X-Api-ClientID is empty', 'X-Api-ClientID 为空'],
	4003: ['X-Api-ClientID is invalid', 'X-Api-ClientID 无效'],
	4006: ['X-Api-TimeStamp is invalid', 'X-Api-TimeStamp 无效或已过期'],
	4007: ['X-Api-SignHeaders is invalid', 'X-Api-SignHeaders 无效'],
	4008: ['X-Api-Signature is invalid', 'X-Api-Signature 签名无效'],
	4009: ['access token is empty', 'app-token 为空'],
	4010: ['access token is invalid', 'app-token 无效'],
	4011: ['access token is expired', 'app-token 已过期'],
	5007: ['request overload', '请求过载'],
} as const;
type GwCode = keyof typeof GW;

export const AUTH_KEY_ERROR = {
	errcode: 1030002006,
	description: '授权密钥校验失败，请获取最新密钥加密',
} as const;

// ------------------------------------------------------------ the simulator's own signing code

/** Percent-encodes the UTF-8 bytes of s; `safe` are the ASCII characters kept as they are. */
function percentBytes(s: string, safe: RegExp): string {
	let out = '';
	for (const byte of Buffer.from(s, 'utf8')) {
		const ch = String.fromCharCode(byte);
		if (byte === 0x20) out += '+';
		else if (byte < 0x80 && safe.test(ch)) out += ch;
		else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
	}
	return out;
}
const gw = (s: string) => percentBytes(s, /[A-Za-z0-9\-_.~]/);
const javaEnc = (s: string) => percentBytes(s, /[A-Za-z0-9\-_.*]/);

function signedQuery(query: Record<string, string>): string {
	const first = Object.entries(query).map(([k, v]) => `${gw(k)}=${javaEnc(v)}`);
	first.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const joined = first.join('&');
	if (joined === '') return '';
	return joined
		.split('&')
		.map((kv) => {
			const [k, v = ''] = kv.split('=');
			return `${gw(k)}=${gw(v)}`;
		})
		.join('&');
}

function hmacHexB64(key: string, message: string): string {
	const hex = createHmac('sha256', Buffer.from(key, 'utf8'))
		.update(Buffer.from(message, 'utf8'))
		.digest('hex');
	return Buffer.from(hex, 'ascii').toString('base64');
}

export function simExpectedSignature(
	secret: string,
	method: string,
	path: string,
	query: Record<string, string>,
	nonce: string,
	timestamp: string,
): string {
	const lines = [
		method.toUpperCase(),
		gw(path),
		signedQuery(query),
		`x-api-nonce:${nonce}`,
		`x-api-timestamp:${timestamp}`,
	];
	return hmacHexB64(secret, lines.join('\n') + '\n');
}

export function simAppSignature(appKey: string, appSecret: string): string {
	return hmacHexB64(appSecret, appKey);
}

// ------------------------------------------------------------ the simulator

interface TokenSubject {
	clientId: string;
	outerInstanceId: string;
	uid: string;
}

interface GatewayOk {
	clientId: string;
	instance?: KingdeeInstance;
	uid?: string;
}

function header(req: SimRequest, name: string): string | undefined {
	const v = req.headers[name.toLowerCase()];
	if (Array.isArray(v)) return v[0];
	return v;
}

function uidValue(uid: string): string | number {
	return /^\d{1,15}$/.test(uid) ? Number(uid) : uid;
}

export class KingdeeSim extends SimServer<KingdeeSimSettings> {
	readonly clients = new Map<string, string>();
	readonly instances = new Map<string, KingdeeInstance>();
	/** `${clientId}:${nonce}` -> time after which it may be forgotten. */
	private nonces = new Map<string, number>();
	private tokenCallStamps: number[] = [];

	constructor(options: KingdeeSimOptions = {}) {
		super('kingdee', {
			tokenTtlSeconds: options.tokenTtlSeconds ?? 86400,
			settings: { ...KINGDEE_SIM_DEFAULTS, ...(options.settings ?? {}) },
		});
		const clients = options.clients ?? { [KINGDEE_DEMO.clientId]: KINGDEE_DEMO.clientSecret };
		for (const [id, secret] of Object.entries(clients)) this.clients.set(id, secret);
		const firstClient = [...this.clients.keys()][0] ?? '';
		const instances = options.instances ?? {
			[KINGDEE_DEMO.outerInstanceId]: {
				appKey: KINGDEE_DEMO.appKey,
				appSecret: KINGDEE_DEMO.appSecret,
				domain: KINGDEE_DEMO.domain,
				adminUid: KINGDEE_DEMO.adminUid,
			},
		};
		let n = 0;
		for (const [outerInstanceId, inst] of Object.entries(instances)) {
			n++;
			this.instances.set(outerInstanceId, {
				outerInstanceId,
				clientId: firstClient,
				accountId: `10000000${n}`,
				accountName: `演示账套${n}`,
				agreementCompanyName: '演示科技有限公司',
				groupName: 'ns-t33w',
				serviceId: `20000000${n}`,
				status: 1,
				adminUid: KINGDEE_DEMO.adminUid,
				...inst,
			});
		}
		this.route(KINGDEE_ROUTES.authorize, (req) => this.authorize(req));
		this.route(KINGDEE_ROUTES.token, (req) => this.token(req));
		this.route(KINGDEE_ROUTES.send, (req) => this.send(req));
		this.route(KINGDEE_ROUTES.rotate, (req) => {
			const id =
				typeof req.body?.outerInstanceId === 'string' ? req.body.outerInstanceId : undefined;
			this.rotateAppSecret(id);
			return { body: { ok: true } };
		});
	}

	/** The instance by id (default: the first one). */
	instance(outerInstanceId?: string): KingdeeInstance {
		const inst = outerInstanceId
			? this.instances.get(outerInstanceId)
			: [...this.instances.values()][0];
		if (!inst) throw new Error(`no such Kingdee instance: ${outerInstanceId}`);
		return inst;
	}

	/**
	 * Gives the instance a new appSecret (as the platform does every 24 h). The old secret's
	 * app_signature then fails with 1030002006 until push_app_authorize returns the new one.
	 * Issued app-tokens stay valid. Returns the new secret.
	 */
	rotateAppSecret(outerInstanceId?: string): string {
		const inst = this.instance(outerInstanceId);
		inst.appSecret = randomBytes(16).toString('hex');
		return inst.appSecret;
	}

	/** Records, calls, rejections, faults and tokens as in the base; also forgets used nonces and token calls. */
	override clear(options: { keepTokens?: boolean } = {}): void {
		super.clear(options);
		this.nonces.clear();
		this.tokenCallStamps = [];
	}

	private gatewayError(req: SimRequest, code: GwCode, description?: string): SimResponse {
		const [en, cn] = GW[code];
		return this.refuse(req, code, description ?? en, {
			status: this.settings.gatewayErrorStatus,
			body: { errcode: code, description: description ?? en, descriptionCn: cn },
		});
	}

	private rateLimited(req: SimRequest): SimResponse {
		const [en, cn] = GW[5007];
		return this.refuse(req, 5007, en, {
			status: this.settings.rateLimitStatus,
			body: { errcode: 5007, description: en, descriptionCn: cn },
		});
	}

	/** Checks the signature (and, with `needToken`, the app-token and router address). */
	private gateway(req: SimRequest, needToken: boolean): GatewayOk | SimResponse {
		if (this.rate.over()) return this.rateLimited(req);
		const clientId = header(req, 'X-Api-ClientID') ?? '';
		if (clientId === '') return this.gatewayError(req, 4002);
		const secret = this.clients.get(clientId);
		if (secret === undefined) return this.gatewayError(req, 4003);
		if (header(req, 'X-Api-Auth-Version') !== '2.0') return this.gatewayError(req, 4001);

		const timestamp = header(req, 'X-Api-TimeStamp') ?? '';
		if (
			!/^\d{1,16}$/.test(timestamp) ||
			Math.abs(Date.now() - Number(timestamp)) > this.settings.timestampWindowMs
		) {
			return this.gatewayError(req, 4006);
		}

		const signHeaders = (header(req, 'X-Api-SignHeaders') ?? '')
			.split(',')
			.map((s) => s.trim().toLowerCase());
		const doc = signHeaders.join(',') === 'x-api-timestamp,x-api-nonce';
		const sdk = signHeaders.join(',') === 'x-api-nonce,x-api-timestamp';
		const accepted = this.settings.signHeadersAccepted;
		if (!((doc && accepted !== 'sdk') || (sdk && accepted !== 'doc')))
			return this.gatewayError(req, 4007);

		const nonce = header(req, 'X-Api-Nonce') ?? '';
		if (!/^[1-9]\d*$/.test(nonce)) return this.gatewayError(req, 4008, 'X-Api-Nonce is invalid');
		const signature = header(req, 'X-Api-Signature') ?? '';
		const expected = simExpectedSignature(
			secret,
			req.method,
			req.path,
			req.query,
			nonce,
			timestamp,
		);
		if (signature !== expected) return this.gatewayError(req, 4008);

		if (this.settings.checkNonceReuse) {
			const now = Date.now();
			for (const [k, until] of this.nonces) if (until < now) this.nonces.delete(k);
			const key = `${clientId}:${nonce}`;
			if (this.nonces.has(key)) {
				return this.gatewayError(
					req,
					this.settings.nonceReuseCode as GwCode,
					'X-Api-Nonce has been used',
				);
			}
			this.nonces.set(key, now + 2 * this.settings.timestampWindowMs);
		}

		if (!needToken) return { clientId };

		const appToken = header(req, 'app-token') ?? '';
		if (appToken === '') return this.gatewayError(req, 4009);
		const state = this.tokens.check(appToken);
		if (state === 'invalid') return this.gatewayError(req, 4010);
		if (state === 'expired') return this.gatewayError(req, 4011);
		const subject = JSON.parse(this.tokens.subject(appToken) ?? '{}') as TokenSubject;
		const instance = this.instances.get(subject.outerInstanceId);
		if (subject.clientId !== clientId || !instance) return this.gatewayError(req, 4010);
		if (header(req, 'X-GW-Router-Addr') !== instance.domain) {
			return this.gatewayError(req, this.settings.routerAddrErrorCode as GwCode);
		}
		return { clientId, instance, uid: subject.uid };
	}

	private authorize(req: SimRequest): SimResponse {
		const gate = this.gateway(req, false);
		if (!('clientId' in gate)) return gate;
		const id = req.query.outerInstanceId ?? '';
		const errcodeStyle = this.settings.authorizeResponseStyle === 'errcode';
		if (id === '') {
			return this.refuse(req, errcodeStyle ? this.settings.paramErrorCode : 400, 'outerInstanceId is empty', {
				body: errcodeStyle
					? { errcode: this.settings.paramErrorCode, description: '参数 outerInstanceId 不能为空' }
					: { code: 400, msg: '参数 outerInstanceId 不能为空', data: null },
			});
		}
		const inst = this.instances.get(id);
		const data =
			inst && inst.clientId === gate.clientId
				? [
						{
							accountId: inst.accountId,
							accountName: inst.accountName,
							agreementCompanyName: inst.agreementCompanyName,
							appKey: inst.appKey,
							appSecret: inst.appSecret,
							clientId: inst.clientId,
							...(this.settings.authorizeOmitsDomain ? {} : { domain: inst.domain }),
							groupName: inst.groupName,
							outerInstanceId: inst.outerInstanceId,
							serviceId: inst.serviceId,
							status: inst.status,
						},
					]
				: [];
		return {
			body: errcodeStyle ? { errcode: 0, description: 'success', data } : { code: 200, data },
		};
	}

	private token(req: SimRequest): SimResponse {
		const gate = this.gateway(req, false);
		if (!('clientId' in gate)) return gate;
		const perMinute = this.settings.tokenCallsPerMinute;
		if (perMinute > 0) {
			const now = Date.now();
			this.tokenCallStamps = this.tokenCallStamps.filter((t) => t > now - 60000);
			if (this.tokenCallStamps.length >= perMinute) return this.rateLimited(req);
			this.tokenCallStamps.push(now);
		}
		const appKey = req.query.app_key ?? '';
		const appSig = req.query.app_signature ?? '';
		const inst = [...this.instances.values()].find(
			(i) => i.appKey === appKey && i.clientId === gate.clientId,
		);
		if (!inst || appSig === '' || appSig !== simAppSignature(inst.appKey, inst.appSecret)) {
			return this.refuse(req, AUTH_KEY_ERROR.errcode, 'app_key unknown or app_signature wrong', { body: { ...AUTH_KEY_ERROR } });
		}
		const uid = req.query.uid !== undefined && req.query.uid !== '' ? req.query.uid : inst.adminUid;
		const subject: TokenSubject = {
			clientId: gate.clientId,
			outerInstanceId: inst.outerInstanceId,
			uid,
		};
		const { token } = this.tokens.issue(JSON.stringify(subject), 'hex');
		return {
			body: {
				errcode: 0,
				description: 'success',
				data: {
					'app-token': token,
					access_token: randomBytes(16).toString('hex'),
					expires: Date.now() + this.tokens.ttlSeconds * 1000,
					uid: uidValue(uid),
				},
			},
		};
	}

	private paramError(req: SimRequest, description: string): SimResponse {
		const code = this.settings.paramErrorCode;
		return this.refuse(req, code, description, { body: { errcode: code, description } });
	}

	private send(req: SimRequest): SimResponse {
		const gate = this.gateway(req, true);
		if (!('clientId' in gate)) return gate;
		if (!req.contentType.includes('application/json'))
			return this.paramError(req, 'Content-Type 必须为 application/json');
		if (req.badJson) return this.paramError(req, '请求体不是合法的 JSON');
		const body = req.body;
		if (!body || Array.isArray(body)) return this.paramError(req, '请求体必须为 JSON 对象');

		const problem = validateOutsideMsg(body);
		if (problem) return this.paramError(req, problem);

		const receivers = body.receivers as string[];
		const known = this.settings.knownReceivers;
		if (Array.isArray(known)) {
			const unknown = receivers.filter((r) => !known.includes(r));
			if (unknown.length) {
				return this.refuse(req, 'success false', `unknown receivers ${unknown.join(',')}`, {
					body: {
						data: { data: '', message: `接收人不存在：${unknown.join(',')}`, success: false },
						description: 'success',
						errcode: 0,
					},
				});
			}
		}
		this.record(KINGDEE_ROUTES.send, {
			channel: body.channel,
			content: body.content,
			receivers,
			title: body.title,
			clientId: gate.clientId,
			outerInstanceId: gate.instance!.outerInstanceId,
			uid: gate.uid,
		});
		return {
			body: {
				data: { data: '执行成功', message: this.settings.successMessage, success: true },
				description: 'success',
				errcode: 0,
			},
		};
	}
}

/** The seed's body rules; returns a Chinese reason or undefined when valid. */
export function validateOutsideMsg(body: Record<string, unknown>): string | undefined {
	const { channel, content, receivers, title } = body;
	if (channel === undefined || channel === null) return '参数 channel 不能为空';
	if (!Array.isArray(channel) || channel.some((c) => typeof c !== 'string'))
		return '参数 channel 必须为字符串数组';
	if (channel.length === 0) return '参数 channel 不能为空';
	const bad = channel.find((c) => !(CHANNELS as readonly string[]).includes(c as string));
	if (bad !== undefined)
		return `参数 channel 的值 ${String(bad)} 不支持，仅支持 XXZX、APP、QYWX、DD`;
	for (const [name, value] of [
		['content', content],
		['title', title],
	] as const) {
		if (value === undefined || value === null) return `参数 ${name} 不能为空`;
		if (typeof value !== 'string') return `参数 ${name} 必须为字符串`;
		if (value.trim() === '') return `参数 ${name} 不能为空`;
	}
	if (receivers === undefined || receivers === null) return '参数 receivers 不能为空';
	if (!Array.isArray(receivers) || receivers.some((r) => typeof r !== 'string'))
		return '参数 receivers 必须为字符串数组';
	if (receivers.length === 0 || receivers.some((r) => (r as string).trim() === ''))
		return '参数 receivers 不能为空';
	return undefined;
}

export function createKingdeeSim(options: KingdeeSimOptions = {}): KingdeeSim {
	return new KingdeeSim(options);
}
