/**
 * The shared core of every platform simulator: a real HTTP server on 127.0.0.1 that parses
 * requests the way the platforms document them (JSON, form or URL parameters), routes them to the
 * platform's handlers, and offers the knobs tests and the demo use: fault injection, delays, token
 * lifetimes and revocation, rate limits, a record of every accepted message and a list of every
 * request refused on purpose.
 *
 * Every platform's simulator has one shape: `class XSim extends SimServer<XSettings>` whose
 * constructor takes `SimOptions<XSettings>` (plus its own extras), calls
 * `super(name, { tokenTtlSeconds, settings: { ...X_DEFAULTS, ...options.settings } })` and
 * registers its routes; `createXSim(options)` returns `new XSim(options)`. It refuses a request
 * with `this.refuse(req, code, reason, answer)`, and forgets its own state in `clear`.
 *
 * Control endpoints (same port, under /__sim/) let another process (the demo, a curl user) turn
 * the same knobs that tests turn in-process:
 *   GET  /__sim/records        accepted messages
 *   GET  /__sim/calls          every request seen (method, path, time)
 *   GET  /__sim/rejections     every request refused on purpose (route, code, reason, time)
 *   POST /__sim/clear          {"keepTokens"?:true} forget records, calls, rejections, faults,
 *                              delay and rate limit; revoke tokens unless keepTokens
 *   POST /__sim/fault          {"count":N,"route":"POST /x","status":200,"body":{...}}
 *   POST /__sim/delay          {"ms":N}
 *   POST /__sim/revoke-tokens  every issued token becomes invalid now
 *   POST /__sim/revoke-after   {"records":N} revoke every token when the N-th message is accepted
 *   POST /__sim/drop-response  {"record":N} accept and record the N-th message, then close the
 *                              connection without an answer (a lost response)
 *   POST /__sim/token-ttl      {"seconds":N}
 *   POST /__sim/rate-limit     {"qps":N}  (0 = off): at most N accepted calls in any 1,000 ms
 *   POST /__sim/token-policy   {"newInvalidatesOld":true} a new token invalidates the subject's older ones
 *   GET  /__sim/stats          counts: records, calls, rejections, rate-limited, busiest window, tokens
 *   POST /__sim/settings       {"key":value,...} platform-specific settings
 */
import { randomBytes, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimRequest {
	method: string;
	path: string;
	/** "METHOD /path", as routes are registered. */
	route: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	contentType: string;
	/** JSON or form body parsed; undefined when there is none or it does not parse. */
	body: Record<string, unknown> | undefined;
	/** True when the body was sent as JSON but did not parse. */
	badJson: boolean;
	/** Values of the {placeholders} of a route registered with routeTemplate. */
	params?: Record<string, string>;
}

export interface SimResponse {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface SimRecord {
	id: string;
	route: string;
	at: number;
	payload: Record<string, unknown>;
}

export interface SimCall {
	method: string;
	path: string;
	route: string;
	at: number;
	query: Record<string, string>;
}

/** A request the simulator refused on purpose: a bad field, a bad signature, a wrong token, a rate limit. */
export interface SimRejection {
	/** "METHOD /path" of the request. */
	route: string;
	/** The code it was answered with: the platform's code, or the HTTP status where that is all there is. */
	code: string | number;
	/** Why, for the reader of a test (also in the answer's x-sim-reason header). */
	reason: string;
	at: number;
	/** The body it was answered with. */
	body: unknown;
}

/** What every simulator's constructor takes (a platform may add its own options). */
export interface SimOptions<S extends object> {
	tokenTtlSeconds?: number;
	settings?: Partial<S>;
}

export interface Fault {
	/** How many more matching requests get this answer. */
	count: number;
	/** "METHOD /path"; undefined = any route but the control ones. */
	route?: string;
	status?: number;
	body?: unknown;
}

/** Tokens with a lifetime, revocable, shared by every simulator that issues them. */
export class TokenStore {
	ttlSeconds: number;
	/**
	 * When true, issuing a token to a subject invalidates every token issued to it before (many
	 * platforms work so: only the newest token of an app is valid). Default false: older tokens stay
	 * valid until they expire.
	 */
	newInvalidatesOld = false;
	private tokens = new Map<string, { expiresAt: number; subject: string }>();
	issued = 0;
	/** Tokens made invalid because a newer one was issued to the same subject. */
	superseded = 0;

	constructor(ttlSeconds = 7200) {
		this.ttlSeconds = ttlSeconds;
	}

	issue(subject = '', format: 'uuid' | 'hex' = 'uuid'): { token: string; expiresIn: number } {
		const token = format === 'uuid' ? randomUUID() : randomBytes(16).toString('hex');
		if (this.newInvalidatesOld) {
			for (const t of this.tokens.values()) {
				if (t.subject === subject && t.expiresAt > Date.now()) {
					t.expiresAt = 0;
					this.superseded++;
				}
			}
		}
		this.tokens.set(token, { expiresAt: Date.now() + this.ttlSeconds * 1000, subject });
		this.issued++;
		return { token, expiresIn: this.ttlSeconds };
	}

	/** Makes a valid token live `ttlSeconds` from now (platforms that hand out the same token again). */
	extend(token: string): void {
		const t = this.tokens.get(token);
		if (t && t.expiresAt > Date.now()) t.expiresAt = Date.now() + this.ttlSeconds * 1000;
	}

	/** 'ok', 'expired' (was valid, lifetime over or revoked) or 'invalid' (never issued). */
	check(token: unknown): 'ok' | 'expired' | 'invalid' {
		if (typeof token !== 'string' || token === '') return 'invalid';
		const t = this.tokens.get(token);
		if (!t) return 'invalid';
		return t.expiresAt > Date.now() ? 'ok' : 'expired';
	}

	subject(token: string): string | undefined {
		return this.tokens.get(token)?.subject;
	}

	revokeAll(): void {
		for (const t of this.tokens.values()) t.expiresAt = 0;
	}
}

/**
 * A strict sliding-window limiter: at most `qps` accepted requests in ANY window of `windowMs`
 * (1,000 ms), wherever the window starts, measured when the request reaches the simulator with a
 * sub-millisecond clock. A request over the limit is refused and not counted. 0 = unlimited.
 */
export class RateLimiter {
	qps: number;
	windowMs = 1000;
	/** Refused requests since the last clear. */
	limited = 0;
	/** Arrival times (performance.now() ms) of every accepted request since the last clear. */
	accepted: number[] = [];
	private stamps: number[] = [];

	constructor(qps = 0) {
		this.qps = qps;
	}

	/** True when this request is over the limit (and is then not counted). */
	over(now = performance.now()): boolean {
		if (!this.qps) return false;
		// A request `windowMs` or more after another one is in a different window.
		while (this.stamps.length && this.stamps[0] <= now - this.windowMs) this.stamps.shift();
		if (this.stamps.length >= this.qps) {
			this.limited++;
			return true;
		}
		this.stamps.push(now);
		this.accepted.push(now);
		return false;
	}

	/** The most accepted requests seen in any one window (a check that the limit held). */
	busiestWindow(): number {
		let most = 0;
		for (let i = 0, j = 0; j < this.accepted.length; j++) {
			while (this.accepted[j] - this.accepted[i] >= this.windowMs) i++;
			most = Math.max(most, j - i + 1);
		}
		return most;
	}

	reset(): void {
		this.qps = 0;
		this.limited = 0;
		this.accepted = [];
		this.stamps = [];
	}
}

function parseBody(contentType: string, raw: string): { body?: Record<string, unknown>; badJson: boolean } {
	if (raw === '') return { badJson: false };
	if (contentType.includes('application/json')) {
		try {
			const parsed = JSON.parse(raw);
			return { body: parsed && typeof parsed === 'object' ? parsed : undefined, badJson: false };
		} catch {
			return { badJson: true };
		}
	}
	if (contentType.includes('application/x-www-form-urlencoded')) {
		return { body: Object.fromEntries(new URLSearchParams(raw)), badJson: false };
	}
	return { badJson: false };
}

/** An x-sim-reason header value: printable ASCII as it is, anything else percent-encoded. */
function reasonHeader(reason: string): string {
	return reason.replace(/[^\x20-\x7e]+/g, (text) => encodeURIComponent(text));
}

export class SimServer<S extends object = object> {
	readonly name: string;
	readonly routes = new Map<string, SimHandler>();
	/** Routes with {placeholders} in their path (routeTemplate), tried after the exact ones. */
	readonly templates: Array<{ method: string; regex: RegExp; names: string[]; handler: SimHandler }> = [];
	readonly tokens: TokenStore;
	readonly rate = new RateLimiter(0);
	records: SimRecord[] = [];
	calls: SimCall[] = [];
	rejections: SimRejection[] = [];
	faults: Fault[] = [];
	delayMs = 0;
	/** When the record count reaches this number, every issued token is revoked (0 = off). */
	revokeAfterRecords = 0;
	/**
	 * The request that makes the record count reach this number is accepted and recorded, but gets
	 * no answer: its connection is closed (a lost response). 0 = off. Counts what it dropped.
	 */
	dropResponseAtRecord = 0;
	droppedResponses = 0;
	/** Platform-specific switches (documented per simulator). */
	settings: S;
	private server?: http.Server;
	url = '';

	constructor(name: string, options: { tokenTtlSeconds?: number; settings?: S } = {}) {
		this.name = name;
		this.tokens = new TokenStore(options.tokenTtlSeconds ?? 7200);
		this.settings = { ...(options.settings ?? {}) } as S;
	}

	/** Registers a handler for "METHOD /path" (exact path). */
	route(route: string, handler: SimHandler): this {
		this.routes.set(route, handler);
		return this;
	}

	/**
	 * Registers a handler for "METHOD /path/{name}/..." : each {name} matches one path segment and
	 * reaches the handler (URL-decoded) in `req.params`.
	 */
	routeTemplate(route: string, handler: SimHandler): this {
		const [method, path] = route.split(' ');
		const names: string[] = [];
		const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
			names.push(name);
			return '([^/]+)';
		});
		this.templates.push({ method, regex: new RegExp(`^${source}$`), names, handler });
		return this;
	}

	/** Keeps an accepted message; returns its id. */
	record(route: string, payload: Record<string, unknown>, id: string = randomUUID()): string {
		this.records.push({ id, route, at: Date.now(), payload });
		if (this.revokeAfterRecords && this.records.length === this.revokeAfterRecords) this.tokens.revokeAll();
		return id;
	}

	recordsOf(route: string): SimRecord[] {
		return this.records.filter((r) => r.route === route);
	}

	callsTo(route: string): SimCall[] {
		return this.calls.filter((c) => c.route === route);
	}

	fail(fault: Fault): void {
		this.faults.push({ ...fault });
	}

	/**
	 * Answers a request refused on purpose: notes it in `rejections` and adds the reason in the
	 * x-sim-reason header (the platform's documented body stays as the platform writes it).
	 */
	refuse(req: SimRequest, code: string | number, reason: string, answer: SimResponse): SimResponse {
		this.rejections.push({ route: req.route, code, reason, at: Date.now(), body: answer.body });
		return { ...answer, headers: { ...(answer.headers ?? {}), 'x-sim-reason': reasonHeader(reason) } };
	}

	/** The rejections as "METHOD /path: reason" lines, oldest first. */
	rejectionReasons(): string[] {
		return this.rejections.map((r) => `${r.route}: ${r.reason}`);
	}

	/**
	 * Forgets records, calls, rejections, faults, the delay, the rate limit, a pending
	 * revoke-after and drop-response; revokes every issued token unless `keepTokens`. Settings stay as they are.
	 * A platform's simulator also forgets its own state (messages, tasks, used nonces) here.
	 */
	clear(options: { keepTokens?: boolean } = {}): void {
		this.records = [];
		this.calls = [];
		this.rejections = [];
		this.faults = [];
		this.delayMs = 0;
		this.revokeAfterRecords = 0;
		this.rate.reset();
		this.dropResponseAtRecord = 0;
		this.droppedResponses = 0;
		if (!options.keepTokens) this.tokens.revokeAll();
	}

	async start(port = 0, host = '127.0.0.1'): Promise<string> {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ simulatorError: String(error) }));
			});
		});
		this.server.keepAliveTimeout = 1000;
		await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
		const address = this.server.address() as AddressInfo;
		this.url = `http://${host}:${address.port}`;
		return this.url;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
		const parsed = parseBody(contentType, rawBody);
		const route = `${method} ${url.pathname}`;
		const sreq: SimRequest = {
			method,
			path: url.pathname,
			route,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			rawBody,
			contentType,
			body: parsed.body,
			badJson: parsed.badJson,
		};
		const send = (r: SimResponse) => {
			const body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? {});
			res.writeHead(r.status ?? 200, {
				'content-type':
					typeof r.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json;charset=UTF-8',
				...(r.headers ?? {}),
			});
			res.end(body);
		};

		if (url.pathname.startsWith('/__sim/')) {
			const what = url.pathname.slice('/__sim/'.length);
			send(await (this.asyncControl(method, what, parsed.body ?? {}) ?? this.control(method, what, parsed.body ?? {})));
			return;
		}

		this.calls.push({ method, path: url.pathname, route, at: Date.now(), query: sreq.query });
		if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));

		const fault = this.faults.find((f) => f.count > 0 && (!f.route || f.route === route));
		if (fault) {
			fault.count--;
			this.faults = this.faults.filter((f) => f.count > 0);
			send({ status: fault.status ?? 200, body: fault.body ?? {} });
			return;
		}
		let handler = this.routes.get(route);
		if (!handler) {
			for (const t of this.templates) {
				const m = t.method === method ? t.regex.exec(url.pathname) : null;
				if (!m) continue;
				sreq.params = Object.fromEntries(t.names.map((name, k) => [name, decodeURIComponent(m[k + 1])]));
				handler = t.handler;
				break;
			}
		}
		if (!handler) {
			const otherMethod =
				[...this.routes.keys()].some((k) => k.endsWith(` ${url.pathname}`)) ||
				this.templates.some((t) => t.regex.test(url.pathname));
			send(
				otherMethod
					? { status: 405, body: { status: 405, error: 'Method Not Allowed', path: url.pathname } }
					: { status: 404, body: { status: 404, error: 'Not Found', path: url.pathname } },
			);
			return;
		}
		const recordsBefore = this.records.length;
		const pending = handler(sreq);
		// Handlers record synchronously, so the count right after the call is this request's own.
		const drop = this.dropResponseAtRecord > recordsBefore && this.dropResponseAtRecord <= this.records.length;
		const answer = await pending;
		if (drop) {
			this.dropResponseAtRecord = 0;
			this.droppedResponses++;
			req.socket.destroy();
			return;
		}
		send(answer);
	}

	/** A platform's own /__sim/ endpoints that must wait for something (e.g. send a request); undefined = not one of them. */
	protected asyncControl(_method: string, _what: string, _body: Record<string, unknown>): Promise<SimResponse> | undefined {
		return undefined;
	}

	/** The /__sim/ endpoints; a platform's simulator may add its own and hand the rest to this one. */
	protected control(method: string, what: string, body: Record<string, unknown>): SimResponse {
		if (method === 'GET' && what === 'records') return { body: this.records };
		if (method === 'GET' && what === 'calls') return { body: this.calls };
		if (method === 'GET' && what === 'rejections') return { body: this.rejections };
		if (method === 'GET' && what === 'stats') {
			return {
				body: {
					records: this.records.length,
					calls: this.calls.length,
					rejections: this.rejections.length,
					rateLimited: this.rate.limited,
					busiestWindow: this.rate.busiestWindow(),
					tokensIssued: this.tokens.issued,
					tokensSuperseded: this.tokens.superseded,
				},
			};
		}
		if (method !== 'POST') return { status: 404, body: { error: 'unknown control' } };
		switch (what) {
			case 'clear':
				this.clear({ keepTokens: body.keepTokens === true });
				return { body: { ok: true } };
			case 'fault':
				this.fail({
					count: Number(body.count ?? 1),
					route: body.route as string | undefined,
					status: body.status as number | undefined,
					body: body.body,
				});
				return { body: { ok: true } };
			case 'delay':
				this.delayMs = Number(body.ms ?? 0);
				return { body: { ok: true } };
			case 'revoke-after':
				this.revokeAfterRecords = Number(body.records ?? 0);
				return { body: { ok: true } };
			case 'drop-response':
				this.dropResponseAtRecord = Number(body.record ?? 0);
				return { body: { ok: true } };
			case 'revoke-tokens':
				this.tokens.revokeAll();
				return { body: { ok: true } };
			case 'token-ttl':
				this.tokens.ttlSeconds = Number(body.seconds ?? 7200);
				return { body: { ok: true } };
			case 'rate-limit':
				this.rate.qps = Number(body.qps ?? 0);
				return { body: { ok: true } };
			case 'token-policy':
				this.tokens.newInvalidatesOld = body.newInvalidatesOld === true;
				return { body: { ok: true } };
			case 'settings':
				Object.assign(this.settings, body);
				return { body: { ok: true, settings: this.settings } };
			default:
				return { status: 404, body: { error: 'unknown control' } };
		}
	}
}

/** Length in bytes of a string as UTF-8 (documents that count bytes, not characters). */
export function utf8Length(s: string): number {
	return Buffer.byteLength(s, 'utf8');
}

/** "yyyy-MM-dd HH:mm:ss" parsed as China Standard Time (UTC+8); NaN when malformed. */
export function parseChinaDateTime(s: unknown): number {
	if (typeof s !== 'string') return NaN;
	const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
	if (!m) return NaN;
	const [, y, mo, d, h, mi, se] = m.map(Number);
	const t = Date.UTC(y, mo - 1, d, h - 8, mi, se);
	const check = new Date(t + 8 * 3600 * 1000);
	if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return NaN;
	return t;
}
