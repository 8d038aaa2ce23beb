/**
 * The robot parts of the DingTalk simulator (registered by DingTalkSim, same port):
 *
 *   POST /robot/send?access_token=[&timestamp=&sign=]   自定义机器人发送群消息 (custom group robot webhook)
 *   POST /robot/sendBySession?session=                   a robot callback's sessionWebhook
 *   POST /__sim/robot-callback  {url, text, ...}         sends a signed robot callback (HTTP mode) to a URL
 *
 * Followed strictly (sources and choices: test/sim/dingtalk-robot.notes.md):
 * - JSON bodies only (`Content-Type: application/json`, else 43004); an empty body 40035.
 * - Signing: timestamp (ms) within `robotSignToleranceMs` (1 h) and sign = Base64(HmacSHA256(secret,
 *   timestamp + "\n" + secret)) compared with the query value URL-decoded ONCE (as a servlet does: "+"
 *   becomes a space, so an unencoded or twice-encoded sign does not match) -> 310000.
 * - Custom keywords (the message must contain one) and an IP whitelist (`robotClientIp` is the address
 *   the simulator pretends to see) -> 310000, texts in `robotErrmsgStyle` 'old' or 'current'.
 * - Rate: at most `robotPerWindow` (20) accepted messages in any `robotWindowMs` (60 s) per robot; the
 *   next one is answered 410100 and the robot stays throttled for `robotThrottleMs` (10 min).
 * - Size: a body over `robotMaxBytes` (20000, observed, not documented) -> 460101.
 * - Message types text, markdown, link, actionCard, feedCard (else 400105) in their documented shapes
 *   (else 300001 "param error"); at most 50 mentions. A mention is recorded as effective only when
 *   "@<mobile or userId>" is also in the text (what DingTalk needs to notify someone).
 * - msgUuid: a message whose msgUuid was already accepted is answered ok and not posted again.
 * - Sessions: created by a callback, valid `sessionTtlMs` (90 min); after it 300001 "session 不存在".
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { SimRequest, SimResponse, SimServer } from './base';
import { utf8Length } from './base';

export const ROBOT_ROUTES = {
	send: 'POST /robot/send',
	session: 'POST /robot/sendBySession',
	/** Records of callbacks the simulator sent (with the receiver's answer). */
	callback: 'callback',
} as const;

export interface SimRobot {
	/** The SEC… secret when the robot uses signing (加签). */
	secret?: string;
	/** Custom keywords (自定义关键词): a message must contain one. */
	keywords?: string[];
	/** IP addresses or IPv4 CIDR ranges (IP地址（段）). */
	ipWhitelist?: string[];
	disabled?: boolean;
}

export interface RobotSettings {
	/** access_token -> robot. */
	robots: Record<string, SimRobot>;
	robotPerWindow: number;
	robotWindowMs: number;
	robotThrottleMs: number;
	/** 0 = no size limit. */
	robotMaxBytes: number;
	robotSignToleranceMs: number;
	robotErrmsgStyle: 'old' | 'current';
	/** The caller's address as the simulator pretends to see it (for IP whitelists). */
	robotClientIp: string;
	sessionTtlMs: number;
}

export const DINGTALK_ROBOT_DEMO = {
	/** A robot with signing. */
	token: 'b4c7e2f19a0d4c6e8f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a8',
	secret: 'SECb2c4e6f8a0b1c3d5e7f9a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2',
	/** A robot with the custom keyword 监控报警 (and "alert"). */
	keywordToken: 'c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8',
	keywords: ['监控报警', 'alert'],
	/** A robot that only takes calls from 10.0.0.0/8. */
	ipToken: 'd1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2',
	/** Receivers of the demo conversation. */
	conversationId: 'cid6EUdemoRobotConv0==',
	senderStaffId: 'manager4220',
};

export const ROBOT_DEFAULT_SETTINGS: RobotSettings = {
	robots: {
		[DINGTALK_ROBOT_DEMO.token]: { secret: DINGTALK_ROBOT_DEMO.secret },
		[DINGTALK_ROBOT_DEMO.keywordToken]: { keywords: [...DINGTALK_ROBOT_DEMO.keywords] },
		[DINGTALK_ROBOT_DEMO.ipToken]: { ipWhitelist: ['10.0.0.0/8'] },
	},
	robotPerWindow: 20,
	robotWindowMs: 60_000,
	robotThrottleMs: 600_000,
	robotMaxBytes: 20000,
	robotSignToleranceMs: 3600_000,
	robotErrmsgStyle: 'old',
	robotClientIp: '127.0.0.1',
	sessionTtlMs: 5_400_000,
};

const SECURITY_TEXTS = {
	old: {
		keywords: () => 'keywords not in content',
		timestamp: () => 'invalid timestamp',
		sign: () => 'sign not match',
		ip: (ip: string) => `ip ${ip} not in whitelist`,
	},
	current: {
		keywords: () => 'description:关键词不匹配;solution:请联系群管理员查看此机器人的关键词，并在发送的信息中包含此关键词;',
		timestamp: () => 'description:时间戳无效;solution:请确认时间戳与当前时间误差不超过1小时;',
		sign: () =>
			'description:机器人发送签名不匹配;solution:请确认签名和生成签名的时间戳必须都放在调用的网址中，请确认机器人的密钥加密和填写正确;link:请参考本接口对应文档获得具体要求，或者在https://open.dingtalk.com/document/  搜索相关文档;',
		ip: (ip: string) => `description:ip ${ip} 不在白名单中;solution:请在机器人安全设置中添加该IP地址;`,
	},
};

export function robotSignature(secret: string, timestamp: string): string {
	return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

type Msg = Record<string, unknown>;
const isObj = (v: unknown): v is Msg => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/** Why a message is not in a documented shape ("param error"), or undefined. */
export function robotShapeProblem(msg: Msg): string | undefined {
	const type = msg.msgtype as string;
	const body = msg[type];
	if (!isObj(body)) return `no "${type}" object`;
	const need = (o: Msg, keys: string[], path: string) => keys.find((k) => !str(o[k])) && `${path}.${keys.find((k) => !str(o[k]))} missing`;
	switch (type) {
		case 'text':
			return need(body, ['content'], 'text') || undefined;
		case 'markdown':
			return need(body, ['title', 'text'], 'markdown') || undefined;
		case 'link':
			return need(body, ['title', 'text', 'messageUrl'], 'link') || undefined;
		case 'actionCard': {
			const p = need(body, ['title', 'text'], 'actionCard');
			if (p) return p;
			if (str(body.singleTitle) || str(body.singleURL)) return need(body, ['singleTitle', 'singleURL'], 'actionCard') || undefined;
			if (!Array.isArray(body.btns) || body.btns.length === 0) return 'actionCard needs singleTitle/singleURL or btns';
			for (const b of body.btns) if (!isObj(b) || !str(b.title) || !str(b.actionURL)) return 'actionCard.btns entry needs title and actionURL';
			return undefined;
		}
		case 'feedCard': {
			const links = body.links;
			if (!Array.isArray(links) || links.length === 0) return 'feedCard.links missing';
			for (const l of links) if (!isObj(l) || !str(l.title) || !str(l.messageURL) || !str(l.picURL)) return 'feedCard.links entry needs title, messageURL, picURL';
			return undefined;
		}
	}
	return undefined;
}

/** Every text of a message (what a keyword guard reads). */
function textsOf(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(textsOf);
	if (isObj(value)) return Object.entries(value).filter(([k]) => k !== 'at' && k !== 'msgUuid').flatMap(([, v]) => textsOf(v));
	return [];
}

function ipInRange(ip: string, range: string): boolean {
	if (!range.includes('/')) return ip === range;
	const [base, bits] = range.split('/');
	const n = (a: string) => a.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
	const mask = Number(bits) === 0 ? 0 : 2 ** 32 - 2 ** (32 - Number(bits));
	return (n(ip) & mask) >>> 0 === (n(base) & mask) >>> 0;
}

/** Who a message really notifies: mentioned in "at" and also written as @id in the text. */
export function effectiveMentions(msg: Msg): { ids: string[]; notInText: string[]; atAll: boolean } {
	const at = isObj(msg.at) ? msg.at : {};
	const ids = [...((at.atMobiles as string[]) ?? []), ...((at.atUserIds as string[]) ?? [])];
	const part = isObj(msg[msg.msgtype as string]) ? (msg[msg.msgtype as string] as Msg) : {};
	const text = String(part.content ?? part.text ?? '');
	const inText = (id: string) => new RegExp(`@${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`).test(text);
	return { ids: ids.filter(inText), notInText: ids.filter((id) => !inText(id)), atAll: at.isAtAll === true };
}

export interface RobotSession {
	id: string;
	conversationId: string;
	expiresAt: number;
}

export interface CallbackOptions {
	url: string;
	text?: string;
	appKey?: string;
	/** Sign with this secret instead of the app's (a wrong-secret callback). */
	secret?: string;
	unsigned?: boolean;
	/** The timestamp header (ms); default now. */
	timestamp?: number;
	conversationType?: '1' | '2';
	senderStaffId?: string;
	senderNick?: string;
	atUserIds?: string[];
}

type Host = SimServer<RobotSettings & { apps: Record<string, string> }>;

class Refusal {
	constructor(
		readonly errcode: number,
		readonly errmsg: string,
		readonly reason: string,
	) {}
}

export class RobotSim {
	sessions = new Map<string, RobotSession>();
	private sent = new Map<string, number[]>();
	private throttledUntil = new Map<string, number>();
	private uuids = new Set<string>();
	duplicates = 0;

	constructor(private readonly sim: Host) {
		sim.route(ROBOT_ROUTES.send, (req) => this.answer(req, () => this.robotSend(req)));
		sim.route(ROBOT_ROUTES.session, (req) => this.answer(req, () => this.sessionSend(req)));
	}

	clear(): void {
		this.sessions.clear();
		this.sent.clear();
		this.throttledUntil.clear();
		this.uuids.clear();
		this.duplicates = 0;
	}

	/** A session webhook as a callback carries it. */
	createSession(conversationId: string = DINGTALK_ROBOT_DEMO.conversationId, ttlMs = this.sim.settings.sessionTtlMs) {
		const id = randomBytes(12).toString('hex');
		this.sessions.set(id, { id, conversationId, expiresAt: Date.now() + ttlMs });
		return { id, sessionWebhook: `${this.sim.url}/robot/sendBySession?session=${id}`, sessionWebhookExpiredTime: Date.now() + ttlMs };
	}

	expireSession(id: string): void {
		const s = this.sessions.get(id);
		if (s) s.expiresAt = Date.now() - 1;
	}

	/** The /__sim/ endpoints of the robot parts; undefined for others. */
	control(method: string, what: string, body: Record<string, unknown>): Promise<SimResponse> | undefined {
		if (method === 'POST' && what === 'robot-callback') {
			return this.sendCallback(body as unknown as CallbackOptions).then((r) => ({ body: r }));
		}
		return undefined;
	}

	/** Sends a robot callback as DingTalk does in HTTP mode (headers timestamp and sign) and returns the receiver's answer. */
	async sendCallback(o: CallbackOptions) {
		const appKey = o.appKey ?? Object.keys(this.sim.settings.apps)[0];
		const session = this.createSession(DINGTALK_ROBOT_DEMO.conversationId);
		const createAt = Date.now();
		const msgId = `msg${randomBytes(9).toString('base64')}`;
		const staff = o.senderStaffId ?? DINGTALK_ROBOT_DEMO.senderStaffId;
		const body = {
			conversationId: DINGTALK_ROBOT_DEMO.conversationId,
			atUsers: [{ dingtalkId: `$:LWCP_v1:$${appKey}`, staffId: '', unionId: '' }, ...(o.atUserIds ?? []).map((id) => ({ dingtalkId: `$:LWCP_v1:$${id}`, staffId: id, unionId: `u${id}` }))],
			chatbotCorpId: 'dingdemocorp0001',
			chatbotUserId: `$:LWCP_v1:$${appKey}`,
			msgId,
			senderNick: o.senderNick ?? '张三',
			isAdmin: false,
			senderStaffId: staff,
			sessionWebhookExpiredTime: session.sessionWebhookExpiredTime,
			createAt,
			senderCorpId: 'dingdemocorp0001',
			conversationType: o.conversationType ?? '2',
			senderId: `$:LWCP_v1:$${staff}`,
			conversationTitle: o.conversationType === '1' ? undefined : '测试群',
			isInAtList: true,
			sessionWebhook: session.sessionWebhook,
			text: { content: ` ${o.text ?? 'hello'}` },
			robotCode: appKey,
			msgtype: 'text',
			senderPlatform: 'Mac',
		};
		const timestamp = String(o.timestamp ?? Date.now());
		const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
		if (!o.unsigned) {
			headers.timestamp = timestamp;
			headers.sign = robotSignature(o.secret ?? this.sim.settings.apps[appKey] ?? '', timestamp);
		}
		const res = await fetch(o.url, { method: 'POST', headers, body: JSON.stringify(body) });
		const text = await res.text();
		let answer: unknown = text;
		try {
			answer = JSON.parse(text);
		} catch {
			// not JSON: kept as text
		}
		const result = { status: res.status, answer, msgId, sessionWebhook: session.sessionWebhook, sessionWebhookExpiredTime: session.sessionWebhookExpiredTime, sent: body };
		this.sim.record(ROBOT_ROUTES.callback, { ...result });
		return result;
	}

	// ---------------------------------------------------------------- webhooks

	private answer(req: SimRequest, handle: () => Record<string, unknown>): SimResponse {
		try {
			return { body: handle() };
		} catch (e) {
			if (!(e instanceof Refusal)) throw e;
			return this.sim.refuse(req, e.errcode, e.reason, { body: { errcode: e.errcode, errmsg: e.errmsg } });
		}
	}

	/** Content type, body, shape and size: what both webhooks check. */
	private message(req: SimRequest): Msg {
		if (!req.contentType.includes('application/json')) throw new Refusal(43004, '无效的HTTP HEADER Content-Type', `content type "${req.contentType}" is not JSON`);
		if (req.rawBody.trim() === '' || req.badJson || !req.body) throw new Refusal(40035, '缺少参数 json', 'no JSON body');
		const max = this.sim.settings.robotMaxBytes;
		if (max > 0 && utf8Length(req.rawBody) > max) {
			throw new Refusal(460101, `message too long, exceed ${max} bytes`, `body of ${utf8Length(req.rawBody)} bytes over ${max}`);
		}
		const msg = req.body;
		if (!['text', 'markdown', 'link', 'actionCard', 'feedCard'].includes(String(msg.msgtype))) {
			throw new Refusal(400105, '不支持的消息类型', `unsupported msgtype ${JSON.stringify(msg.msgtype)}`);
		}
		const shape = robotShapeProblem(msg);
		if (shape) throw new Refusal(300001, 'param error', shape);
		const at = isObj(msg.at) ? msg.at : {};
		const count = ((at.atMobiles as unknown[]) ?? []).length + ((at.atUserIds as unknown[]) ?? []).length;
		if (count > 50) throw new Refusal(300001, 'param error', `${count} mentions (at most 50)`);
		return msg;
	}

	private robotSend(req: SimRequest): Record<string, unknown> {
		const s = this.sim.settings;
		const token = req.query.access_token ?? '';
		const robot = s.robots[token];
		if (!robot) throw new Refusal(400101, 'access_token不存在', 'unknown access_token');
		if (robot.disabled) throw new Refusal(400102, '机器人已停用', 'robot disabled');
		const now = Date.now();
		if ((this.throttledUntil.get(token) ?? 0) > now) throw new Refusal(410100, '发送速度太快而限流', 'robot throttled');
		const texts = SECURITY_TEXTS[s.robotErrmsgStyle];
		if (robot.ipWhitelist?.length && !robot.ipWhitelist.some((r) => ipInRange(s.robotClientIp, r))) {
			throw new Refusal(310000, texts.ip(s.robotClientIp), `ip ${s.robotClientIp} not in whitelist`);
		}
		if (robot.secret) {
			const ts = req.query.timestamp ?? '';
			if (!/^\d{10,16}$/.test(ts) || Math.abs(now - Number(ts)) > s.robotSignToleranceMs) {
				throw new Refusal(310000, texts.timestamp(), `timestamp "${ts}" missing or more than ${s.robotSignToleranceMs} ms away`);
			}
			if ((req.query.sign ?? '') !== robotSignature(robot.secret, ts)) throw new Refusal(310000, texts.sign(), 'sign does not match (decoded once)');
		}
		const msg = this.message(req);
		if (robot.keywords?.length) {
			const all = textsOf(msg).join('\n');
			if (!robot.keywords.some((k) => all.includes(k))) throw new Refusal(310000, texts.keywords(), 'no custom keyword in the message');
		}
		const window = (this.sent.get(token) ?? []).filter((t) => t > now - s.robotWindowMs);
		if (window.length >= s.robotPerWindow) {
			this.throttledUntil.set(token, now + s.robotThrottleMs);
			this.sent.set(token, window);
			throw new Refusal(410100, '发送速度太快而限流', `${window.length} messages in the last ${s.robotWindowMs} ms; throttled for ${s.robotThrottleMs} ms`);
		}
		const uuid = typeof msg.msgUuid === 'string' ? `${token}|${msg.msgUuid}` : undefined;
		if (uuid && this.uuids.has(uuid)) {
			this.duplicates++;
			return { errcode: 0, errmsg: 'ok' };
		}
		window.push(now);
		this.sent.set(token, window);
		if (uuid) this.uuids.add(uuid);
		this.sim.record(ROBOT_ROUTES.send, { token, signed: Boolean(robot.secret), message: msg, mentioned: effectiveMentions(msg) });
		return { errcode: 0, errmsg: 'ok' };
	}

	private sessionSend(req: SimRequest): Record<string, unknown> {
		const session = this.sessions.get(req.query.session ?? '');
		if (!session || session.expiresAt <= Date.now()) throw new Refusal(300001, 'session 不存在', session ? 'session expired' : 'unknown session');
		const msg = this.message(req);
		this.sim.record(ROBOT_ROUTES.session, { session: session.id, conversationId: session.conversationId, message: msg, mentioned: effectiveMentions(msg) });
		return { errcode: 0, errmsg: 'ok' };
	}
}
