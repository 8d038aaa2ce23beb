import { sleep } from 'n8n-workflow';
import type {
	NodeApiError,
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
import { parseBody } from './answers';
import { platformError } from './errors';
import type { CodeTable } from './errors';
import { markOutcome, unansweredError } from './outcome';
import { paceOf } from './pace';
import type { Pace, PaceSlot } from './pace';
import type { RunOptions } from './run';
import { planToken } from './tokens';
import type { TokenPlan, TokenSpec } from './tokens';

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
 * - token: the token was refused (invalid or expired): renew it (or take the one another execution
 *   renewed) and resend;
 * - rate: the platform's rate limit refused it (certainly not taken): wait until the platform's
 *   window has room, then resend;
 * - retry: the platform certainly did not take the request (busy): wait and resend, a bounded
 *   number of times with a growing pause;
 * - error: anything else, reported and never resent.
 */
export type Verdict =
	| { ok: true }
	| {
			ok: false;
			kind: 'token' | 'rate' | 'retry' | 'error';
			code: string | number;
			text?: string;
			meaning?: string;
			hint?: string;
			/** The answer does not show whether the request was taken (not the platform's answer at all). */
			uncertain?: boolean;
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
	token?: TokenSpec;
	/** Credential fields whose values must never show in an error. */
	secretFields: string[];
	judge(response: PlatformResponse, request: IHttpRequestOptions): Verdict;
	/** For 'retry' verdicts: how many resends at most, and the first wait (doubled each time). */
	retry?: { attempts: number; delayMs: number };
	/** Drop parameters whose value is empty text (the platform treats "" as a value). */
	omitEmptyText?: boolean;
	/**
	 * Concurrency and rate of a node run (default: 5 in flight, no rate limit). The rate is kept per
	 * credential across every execution of this n8n process (nodes/common/pace.ts).
	 */
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

/** Resends after "rate limit" answers, at most (each waits for the window to have room). */
const RATE_RESENDS = 10;
/** Resends after "token refused" answers, at most (a request renews the token itself at most once). */
const TOKEN_RESENDS = 6;
/** Renewals one request may lead: a second covers two processes renewing at once (each invalidating the other's). */
const REQUEST_RENEWALS = 2;

let anonymous = 0;

/**
 * The one way every node talks to its platform. All requests go through n8n's
 * httpRequestWithAuthentication, so the credential signs them or adds its token, and n8n's proxy,
 * TLS and SSRF settings apply. On top of that it:
 * - keeps the platform's rate per credential across the executions of this process (pace.ts);
 * - renews a token shortly before the expiry the credential stored, instead of failing first;
 * - when the platform refuses the token inside an HTTP 200 answer (which n8n cannot see), renews it
 *   (n8n runs the credential's preAuthentication and stores the result) and resends; one renewal at
 *   a time per credential in the process, and none when another execution or worker already
 *   stored a newer token (tokens.ts);
 * - resends only what the platform certainly refused (token codes, documented busy/rate codes);
 *   a timeout or an unknown answer is reported, never resent, so no message goes out twice;
 * - turns every failure into an English error with the platform's code and text, with no secret
 *   in it.
 * One Transport lives for one node execution (or one load-options / poll call).
 */
export class Transport {
	/** Memory of this one execution: values looked up once and shared by its items (e.g. ID lookups). */
	readonly memo = new Map<string, unknown>();
	/** Most requests started per second for this credential in this process (0 = no limit). */
	rate = 0;
	private readonly key: string;

	constructor(
		readonly ctx: RequestContext,
		readonly client: PlatformClient,
	) {
		const id = ctx.getNode().credentials?.[client.credentialType]?.id;
		this.key = `${client.credentialType}:${id ?? `anonymous-${++anonymous}`}`;
	}

	/** The pace this transport's requests keep (shared with every transport of the same credential). */
	get pace(): Pace {
		return paceOf(this.key);
	}

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
		const tries = { token: 0, rate: 0, retry: 0, renewals: 0 };
		let refused: unknown;
		for (;;) {
			const afterRefusal = refused !== undefined;
			const sent = await this.send(options, itemIndex, refused, tries.renewals < REQUEST_RENEWALS);
			refused = undefined;
			const renewedNow = sent.led && afterRefusal;
			if (renewedNow) tries.renewals++;
			const verdict = this.client.judge(sent.response, options);
			if (verdict.ok) return sent.response;
			// A token this request renewed itself after a refusal, refused too: renewed once more, then
			// resent only when another execution or worker has stored a newer one since (else the
			// platform refuses fresh tokens).
			if (
				verdict.kind === 'token' &&
				this.client.token &&
				tries.token < TOKEN_RESENDS &&
				(!renewedNow || tries.renewals < REQUEST_RENEWALS || (await this.storedToken(itemIndex)) !== sent.token)
			) {
				tries.token++;
				refused = sent.token ?? '';
				continue;
			}
			if (verdict.kind === 'rate' && tries.rate < RATE_RESENDS) {
				// The pace learns that the platform's window was full, and the resend waits for room in it.
				if (sent.slot) this.pace.refused(sent.slot);
				else await sleep(1000);
				tries.rate++;
				continue;
			}
			const retry = this.client.retry;
			if (verdict.kind === 'retry' && retry && tries.retry < retry.attempts) {
				await sleep(retry.delayMs * 2 ** tries.retry);
				tries.retry++;
				continue;
			}
			const refusedCertainly = verdict.kind !== 'error' || (!verdict.uncertain && sent.response.statusCode < 500);
			throw markOutcome(platformError(this.ctx.getNode(), {
				platform: this.client.platform,
				code: verdict.code,
				text: verdict.text,
				meaning: verdict.meaning,
				hint:
					verdict.hint ??
					(verdict.kind === 'token'
						? 'The platform refused a freshly issued token too. Check the credential and that the application is enabled on the platform.'
						: verdict.kind === 'retry' || verdict.kind === 'rate'
							? `The platform was still busy or rate-limiting after ${tries.retry + tries.rate} resends. Lower the rate or try again later.`
							: undefined),
				table: this.client.codes,
				httpCode: sent.response.statusCode,
				itemIndex,
			}), refusedCertainly ? 'refused' : 'uncertain');
		}
	}

	private async storedToken(itemIndex?: number): Promise<unknown> {
		return (await this.ctx.getCredentials<ICredentialDataDecryptedObject>(this.client.credentialType, itemIndex))[this.client.token!.field];
	}

	/**
	 * One request: the credentials (and token renewal) first, then a start within the pace, then
	 * n8n's httpRequestWithAuthentication. Returns the answer, the token it went with, and whether
	 * it renewed the token.
	 */
	private async send(
		options: IHttpRequestOptions,
		itemIndex: number | undefined,
		refused: unknown,
		mayLead: boolean,
	): Promise<{ response: PlatformResponse; token?: unknown; led: boolean; slot?: PaceSlot }> {
		const { credentialType: type, token } = this.client;
		let plan: TokenPlan | undefined;
		let slot: PaceSlot | undefined;
		let data: ICredentialDataDecryptedObject | undefined;
		try {
			if (token) {
				plan = await planToken(this.key, token, async () => await this.ctx.getCredentials<ICredentialDataDecryptedObject>(type, itemIndex), refused, mayLead);
				// n8n uses (and on renewal fills in) exactly these credentials: the token sent is known.
				data = plan.renewal ? { ...plan.credentials, [token.field]: '' } : { ...plan.credentials };
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
			if (this.rate > 0) slot = await this.pace.start(this.rate);
			const nodeCredentials = this.ctx.getNode().credentials?.[type];
			const raw = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				type,
				request,
				data ? { credentialsDecrypted: { id: nodeCredentials?.id ?? '', name: nodeCredentials?.name ?? '', type, data } } : undefined,
			)) as IN8nHttpFullResponse;
			slot?.finish();
			// The token it went with (n8n fills a renewed one into `data`; if not, it is the stored one).
			if (token && plan?.renewal && data && !data[token.field]) data = await this.ctx.getCredentials<ICredentialDataDecryptedObject>(type, itemIndex);
			const used = token && data ? data[token.field] : undefined;
			plan?.renewal?.finish(data);
			return {
				response: { statusCode: raw.statusCode, body: parseBody(raw.body), headers: (raw.headers ?? {}) as Record<string, unknown> },
				token: used,
				led: plan?.renewal !== undefined,
				slot,
			};
		} catch (error) {
			slot?.finish();
			plan?.renewal?.finish(data, error);
			throw this.failure(error, [plan?.credentials, data], itemIndex);
		}
	}

	/** A request that did not get an answer (or whose token exchange failed), without secrets. */
	private failure(error: unknown, known: Array<ICredentialDataDecryptedObject | undefined>, itemIndex?: number): NodeApiError {
		const fields = [...this.client.secretFields, ...(this.client.token ? [this.client.token.field] : [])];
		const secrets = known.flatMap((credentials) => fields.map((f) => credentials?.[f]));
		return unansweredError(this.ctx.getNode(), this.client.platform, error, secrets, itemIndex);
	}
}
