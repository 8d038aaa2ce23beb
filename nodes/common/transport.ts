import { NodeApiError, sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { messageOf, platformError, redact } from './errors';
import type { CodeTable } from './errors';
import type { RunOptions } from './run';

/** Where requests are made from: a node run, a pick-list, a poll, or a send-and-wait webhook (its follow-up). */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IWebhookFunctions;

export interface PlatformResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
}

/**
 * How a platform's answer is judged:
 * - ok: accepted;
 * - token: the token was refused (invalid or expired): renew it once and resend once;
 * - retry: the platform certainly did not take the request (busy, rate-limited): wait and resend,
 *   a bounded number of times;
 * - error: anything else, reported and never resent.
 */
export type Verdict =
	| { ok: true }
	| {
			ok: false;
			kind: 'token' | 'retry' | 'error';
			code: string | number;
			text?: string;
			meaning?: string;
			hint?: string;
	  };

/**
 * One endpoint of a platform: every platform's transport lists its endpoints in a ROUTES table of
 * these, and operations call them with Transport.call.
 */
export interface Route {
	method: IHttpRequestMethods;
	path: string;
	/** How the parameters travel: a JSON body (the default), a form body, or the URL query. */
	carry?: 'json' | 'form' | 'query';
}

/**
 * Everything platform-specific about talking to a platform: its credential and token, how its
 * answers are judged, what may be resent, how fast it may be called.
 */
export interface PlatformClient {
	/** Display name used in every message, e.g. "Vanytech Message Center". */
	platform: string;
	credentialType: string;
	/** The platform's codes, explained in English. */
	codes?: CodeTable;
	/** The credential's hidden expirable token field, and optionally its expiry (ms epoch). */
	token?: { field: string; expiresAtField?: string; renewBeforeMs?: number };
	/** Credential fields whose values must never show in an error. */
	secretFields: string[];
	judge(response: PlatformResponse, request: IHttpRequestOptions): Verdict;
	/** For 'retry' verdicts: how many resends at most, and the first wait (doubled each time). */
	retry?: { attempts: number; delayMs: number };
	/** Drop parameters whose value is empty text (the platform treats "" as a value). */
	omitEmptyText?: boolean;
	/** Concurrency and rate of a node run (default: 5 in flight, no rate limit). */
	pace?(ctx: IExecuteFunctions): RunOptions;
	/** The client to use with these credentials (for choices the credential makes). */
	forCredentials?(credentials: ICredentialDataDecryptedObject): PlatformClient;
}

/** A transport for one execution (or load-options / poll call), with the client the credential calls for. */
export async function openTransport(ctx: RequestContext, client: PlatformClient): Promise<Transport> {
	if (!client.forCredentials) return new Transport(ctx, client);
	const credentials = await ctx.getCredentials<ICredentialDataDecryptedObject>(client.credentialType);
	return new Transport(ctx, client.forCredentials(credentials));
}

function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		const s = body.trim();
		if (s.startsWith('{') || s.startsWith('[')) {
			try {
				return JSON.parse(s);
			} catch {
				return body;
			}
		}
	}
	return body;
}

const NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'EPIPE'];

/**
 * The one way every node talks to its platform. All requests go through n8n's
 * httpRequestWithAuthentication, so the credential signs them or adds its token, and n8n's proxy,
 * TLS and SSRF settings apply. On top of that it:
 * - renews a token shortly before the expiry the credential stored, instead of failing first;
 * - when the platform refuses the token inside an HTTP 200 answer (which n8n cannot see), asks
 *   n8n for a new one (n8n runs the credential's preAuthentication and stores the result) and
 *   resends that one request once; concurrent requests share a single renewal;
 * - resends only what the platform certainly refused (token codes, documented busy/rate codes);
 *   a timeout or an unknown answer is reported, never resent, so no message goes out twice;
 * - turns every failure into an English error with the platform's code and text, with no secret
 *   in it.
 * One Transport lives for one node execution (or one load-options / poll call).
 */
export class Transport {
	private renewal?: Promise<void>;
	private renewals = 0;

	constructor(
		readonly ctx: RequestContext,
		readonly client: PlatformClient,
	) {}

	/**
	 * Calls one of the platform's routes with these parameters (carried as the route says; undefined
	 * ones left out) and returns the platform's accepted answer.
	 */
	async call<T = IDataObject>(route: Route, params: IDataObject = {}, itemIndex?: number): Promise<T> {
		const clean: IDataObject = {};
		for (const [k, v] of Object.entries(params)) {
			if (v === undefined || (this.client.omitEmptyText && v === '')) continue;
			clean[k] = v;
		}
		const options: IHttpRequestOptions = { method: route.method, url: route.path, json: true };
		const carry = route.carry ?? (route.method === 'GET' ? 'query' : 'json');
		if (carry === 'query') {
			options.qs = clean;
		} else {
			options.body = clean;
			options.headers = { 'Content-Type': carry === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' };
		}
		return await this.request<T>(options, itemIndex);
	}

	/** Sends a request and returns the platform's accepted answer (its parsed body). */
	async request<T = unknown>(options: IHttpRequestOptions, itemIndex?: number): Promise<T> {
		return (await this.requestFull(options, itemIndex)).body as T;
	}

	async requestFull(options: IHttpRequestOptions, itemIndex?: number): Promise<PlatformResponse> {
		let renewedForThis = false;
		let retries = 0;
		let renewIfStillAt: number | undefined;
		for (;;) {
			const seenRenewals = this.renewals;
			const response = await this.send(options, itemIndex, renewIfStillAt);
			renewIfStillAt = undefined;
			const verdict = this.client.judge(response, options);
			if (verdict.ok) return response;
			if (verdict.kind === 'token' && this.client.token && !renewedForThis) {
				renewedForThis = true;
				// Renew only if nobody renewed since this request went out (checked again just before
				// resending, as concurrent requests refused at once may see another's renewal finish).
				renewIfStillAt = seenRenewals;
				continue;
			}
			const retry = this.client.retry;
			if (verdict.kind === 'retry' && retry && retries < retry.attempts) {
				await sleep(retry.delayMs * 2 ** retries);
				retries++;
				continue;
			}
			throw platformError(this.ctx.getNode(), {
				platform: this.client.platform,
				code: verdict.code,
				text: verdict.text,
				meaning: verdict.meaning,
				hint:
					verdict.hint ??
					(verdict.kind === 'token'
						? 'The platform refused a freshly issued token too. Check the credential and that the application is enabled on the platform.'
						: verdict.kind === 'retry'
							? `The platform was still busy or rate-limiting after ${retries} resends. Lower the rate or try again later.`
							: undefined),
				table: this.client.codes,
				httpCode: response.statusCode,
				itemIndex,
			});
		}
	}

	private async send(
		options: IHttpRequestOptions,
		itemIndex: number | undefined,
		renewIfStillAt?: number,
	): Promise<PlatformResponse> {
		const { credentialType: type, token } = this.client;
		let credentials: ICredentialDataDecryptedObject | undefined;
		let renew = false;
		if (token) {
			if (this.renewal) await this.renewal;
			credentials = await this.ctx.getCredentials<ICredentialDataDecryptedObject>(type, itemIndex);
			// A refused token is renewed unless another request renewed it meanwhile.
			renew = renewIfStillAt !== undefined && renewIfStillAt === this.renewals;
			const expiresAt = token.expiresAtField ? Number(credentials[token.expiresAtField]) : 0;
			// No token yet, or one about to run out: get one, once, for all concurrent requests.
			if (!credentials[token.field] || (expiresAt > 0 && Date.now() > expiresAt - (token.renewBeforeMs ?? 300_000))) {
				renew = true;
			}
			if (renew && this.renewal) {
				// Another request is renewing right now: wait for it and use its token.
				await this.renewal;
				credentials = await this.ctx.getCredentials<ICredentialDataDecryptedObject>(type, itemIndex);
				renew = false;
			}
		}
		const request: IHttpRequestOptions = {
			...options,
			headers: { ...(options.headers ?? {}) },
			qs: options.qs ? { ...options.qs } : undefined,
			body:
				options.body && typeof options.body === 'object' && !Array.isArray(options.body) && !(options.body instanceof URLSearchParams)
					? { ...(options.body as object) }
					: options.body,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		try {
			let raw: IN8nHttpFullResponse;
			if (renew && token && credentials) {
				const nodeCredentials = this.ctx.getNode().credentials?.[type];
				const pending = this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, type, request, {
					credentialsDecrypted: {
						id: nodeCredentials?.id ?? '',
						name: nodeCredentials?.name ?? '',
						type,
						data: { ...credentials, [token.field]: '' },
					},
				}) as Promise<IN8nHttpFullResponse>;
				this.renewal = pending.then(
					() => undefined,
					() => undefined,
				);
				try {
					raw = await pending;
				} finally {
					this.renewals++;
					this.renewal = undefined;
				}
			} else {
				raw = (await this.ctx.helpers.httpRequestWithAuthentication.call(
					this.ctx,
					type,
					request,
				)) as IN8nHttpFullResponse;
			}
			return {
				statusCode: raw.statusCode,
				body: parseBody(raw.body),
				headers: (raw.headers ?? {}) as Record<string, unknown>,
			};
		} catch (error) {
			throw this.failure(error, credentials, itemIndex);
		}
	}

	/** A request that did not get an answer (or whose token exchange failed), without secrets. */
	private failure(error: unknown, credentials: ICredentialDataDecryptedObject | undefined, itemIndex?: number): NodeApiError {
		const secrets = this.client.secretFields.map((f) => credentials?.[f]);
		if (this.client.token && credentials) secrets.push(credentials[this.client.token.field]);
		const e = error as { code?: string; cause?: { code?: string } };
		const code = e?.code ?? e?.cause?.code;
		const text = redact(messageOf(error), secrets);
		const network = (code && NETWORK_CODES.includes(code)) || /timeout|ECONNREFUSED|ENOTFOUND|socket hang up/i.test(text);
		const message = network ? `${this.client.platform} could not be reached: ${text}` : text;
		const result = new NodeApiError(this.ctx.getNode(), { message }, {
			message,
			description: network
				? 'The request may or may not have reached the platform. It was not resent, so that no message is sent twice. Check the Base URL in the credential and the network, then run again if needed.'
				: undefined,
			itemIndex,
		});
		result.message = message;
		return result;
	}
}
