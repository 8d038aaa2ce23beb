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
 *   POST /__sim/rate-limit     {"qps":N}  (0 = off)
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
	private tokens = new Map<string, { expiresAt: number; subject: string }>();
	issued = 0;

	constructor(ttlSeconds = 7200) {
		this.ttlSeconds = ttlSeconds;
	}

	issue(subject = '', format: 'uuid' | 'hex' = 'uuid'): { token: string; expiresIn: number } {
		const token = format === 'uuid' ? randomUUID() : randomBytes(16).toString('hex');
		this.tokens.set(token, { expiresAt: Date.now() + this.ttlSeconds * 1000, subject });
		this.issued++;
		return { token, expiresIn: this.ttlSeconds };
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

/** A fixed-window limiter: at most `qps` requests in any one-second window. 0 = unlimited. */
export class RateLimiter {
	qps: number;
	private stamps: number[] = [];
	limited = 0;

	constructor(qps = 0) {
		this.qps = qps;
	}

	/** True when this request is over the limit (and is then not counted). */
	over(): boolean {
		if (!this.qps) return false;
		const now = Date.now();
		while (this.stamps.length && this.stamps[0] <= now - 1000) this.stamps.shift();
		if (this.stamps.length >= this.qps) {
			this.limited++;
			return true;
		}
		this.stamps.push(now);
		return false;
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
		this.dropResponseAtRecord = 0;
		this.droppedResponses = 0;
		this.rate.qps = 0;
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
			send(this.control(method, url.pathname.slice('/__sim/'.length), parsed.body ?? {}));
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
		const handler = this.routes.get(route);
		if (!handler) {
			const otherMethod = [...this.routes.keys()].some((k) => k.endsWith(` ${url.pathname}`));
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

	/** The /__sim/ endpoints; a platform's simulator may add its own and hand the rest to this one. */
	protected control(method: string, what: string, body: Record<string, unknown>): SimResponse {
		if (method === 'GET' && what === 'records') return { body: this.records };
		if (method === 'GET' && what === 'calls') return { body: this.calls };
		if (method === 'GET' && what === 'rejections') return { body: this.rejections };
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
