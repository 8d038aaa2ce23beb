/**
 * The Kingdee JDY credential's work: signing every gateway request, and getting an app-token.
 *
 * Every request to the gateway (api.kingdee.com) carries X-Api-* headers signed with the app's
 * Client Secret (see ../signature.ts), and, once there is one, the `app-token` header and the
 * account's data-centre domain as `X-GW-Router-Addr`. The app-token comes from two connector
 * interfaces, both signed the same way and carrying their parameters in the signed query string:
 * 1. push_app_authorize?outerInstanceId=… answers the authorized account's appKey, appSecret and
 *    domain ({"code":200,"data":[{"status":1,"appKey","appSecret","domain",…}]}; some answers say
 *    {"errcode":0,…} instead, and older ones use app_key / app_secret).
 * 2. kingdee_auth_token?app_key=…&app_signature=…[&uid=…], where app_signature is
 *    Base64(lowercase hex(HMAC-SHA256(key = appSecret, msg = appKey))), answers
 *    {"errcode":0,"data":{"app-token","expires" (ms epoch),…}}. Without uid the token acts as the
 *    account administrator.
 * The message API requires X-GW-Router-Addr (the seed: required, "the domain field of the appKey
 * answer"): with no domain from push_app_authorize and none typed, the credential says so and sends
 * nothing, rather than sending requests the gateway cannot route.
 * Third-party code reports that a token lasts 24 hours, that Kingdee rotates the appSecret about
 * every 24 hours (kingdee_auth_token then answers 1030002006, 授权密钥校验失败) and that the token
 * interface allows 2 calls a minute: so the token is kept until shortly before its expiry, and a
 * refused key is authorized again once.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { exchange, exchangeFailed } from '../../common/exchange';
import { appSignature, signedHeaders } from '../signature';
import type { QueryParams } from '../signature';
import { ROUTES } from './index';

/** Third-party code says an app-token lasts 24 h; used when the answer has no usable `expires`. */
const FALLBACK_LIFETIME_MS = 24 * 3600 * 1000;
/** Renew this long before the platform's expiry (at most half the token's remaining life). */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;
/** The app secret was rotated or the app_signature is wrong (kingdee_auth_token). */
export const KINGDEE_AUTH_KEY_ERROR = 1030002006;

/** What a token exchange failure says, in English, for the codes the token flow meets. */
const EXCHANGE_HINTS: Record<string, string> = {
	'4002': 'the Client ID is empty',
	'4003': 'the Client ID is not known to the Kingdee gateway; check the Client ID of your app in the developer console',
	'4005': 'the Client ID or Client Secret is wrong',
	'4006':
		'the request time was refused: the n8n server clock must be within 5 minutes of the real time (check NTP on the n8n host)',
	'4008':
		'the request signature was refused: check that the Client Secret is the one that belongs to this Client ID (and that the n8n server clock is right)',
	'5007': 'the gateway is overloaded or rate-limiting the token interface (third-party reports: 2 calls a minute); try again in a minute',
	[String(KINGDEE_AUTH_KEY_ERROR)]:
		'the App Key / App Secret pair was refused: the App Secret is wrong, or it was rotated by Kingdee (it changes about every 24 h). Use the Outer Instance ID authorization so that n8n fetches the current secret itself, or type the current App Secret',
};

function baseOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || 'https://api.kingdee.com').replace(/\/+$/, '');
}

/** Why no request can go out without the account's domain, and where to type it. */
function missingDomain(whence: string): Error {
	return new Error(
		`Kingdee JDY: ${whence}, so the account's data-centre domain is unknown. Every message request must carry it as X-GW-Router-Addr (for example https://tf.jdy.com), so nothing was sent. Type it in the credential ("Domain" with App Key and App Secret, "Domain (If Kingdee Gives None)" with the Outer Instance ID), or ask Kingdee which data centre the account is on.`,
	);
}

function isAbsolute(url: string): boolean {
	return /^[a-z][a-z\d+\-.]*:\/\//i.test(url);
}

function scalar(v: unknown): string {
	if (Array.isArray(v)) return v.map(scalar).join(',');
	if (v === null || v === undefined) return '';
	if (typeof v === 'object') return JSON.stringify(v);
	return String(v);
}

/**
 * Signs one request for the Kingdee gateway. The query string is built here, once: the parameters
 * of `qs` and of the URL's own query are percent-encoded into the URL and `qs` is removed, so the
 * signature covers exactly the query string that goes out (n8n's own serializer is not involved).
 */
export function signKingdeeRequest(
	requestOptions: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	extraHeaders: Record<string, string> = {},
): IHttpRequestOptions {
	const raw = String(requestOptions.url ?? '');
	const joined = isAbsolute(raw)
		? raw
		: `${String(requestOptions.baseURL ?? baseOf(credentials)).replace(/\/+$/, '')}/${raw.replace(/^\/+/, '')}`;
	const url = new URL(joined);
	const query: QueryParams = {};
	url.searchParams.forEach((value, key) => {
		query[key] = value;
	});
	for (const [key, value] of Object.entries((requestOptions.qs ?? {}) as IDataObject)) {
		if (value === undefined) continue;
		query[key] = scalar(value);
	}
	const search = Object.keys(query)
		.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(query[k]))}`)
		.join('&');
	const path = url.pathname;
	const method = String(requestOptions.method ?? 'GET').toUpperCase();
	const signed: IHttpRequestOptions = {
		...requestOptions,
		method: requestOptions.method ?? 'GET',
		url: `${url.origin}${path}${search ? `?${search}` : ''}`,
		headers: {
			...(requestOptions.headers ?? {}),
			...extraHeaders,
			...signedHeaders({
				clientId: String(credentials.clientId ?? '').trim(),
				clientSecret: String(credentials.clientSecret ?? ''),
				method,
				path,
				query,
			}),
		},
	};
	delete signed.qs;
	delete signed.baseURL;
	return signed;
}

interface AnswerOf {
	status: number;
	body: IDataObject;
}

/** One request of the token flow: signed, without app-token; every HTTP status comes back as an answer. */
async function signedCall(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
	route: (typeof ROUTES)['authorizeInstance' | 'appToken'],
	qs: IDataObject,
	step: string,
): Promise<AnswerOf> {
	const options = signKingdeeRequest(
		{
			method: route.method,
			url: route.path,
			qs,
			json: true,
			...(route.method === 'POST' ? { body: {}, headers: { 'Content-Type': 'application/json' } } : {}),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		},
		credentials,
	);
	return await exchange(helpers, `Kingdee JDY ${step}`, options);
}

function fail(step: string, status: number, body: IDataObject, fallback: string): never {
	const code = body.errcode ?? body.code;
	const why = (code !== undefined && EXCHANGE_HINTS[String(code)]) || fallback;
	throw exchangeFailed(`Kingdee JDY ${step}`, code ?? `HTTP ${status}`, why, body.description ?? body.msg ?? body.message);
}

interface Instance {
	appKey: string;
	appSecret: string;
	domain: string;
}

/** push_app_authorize: the instance's appKey, appSecret and domain (the X-GW-Router-Addr). */
async function authorizeInstance(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<Instance> {
	const step = 'authorization (push_app_authorize)';
	const outerInstanceId = String(credentials.outerInstanceId ?? '').trim();
	if (!outerInstanceId) throw new Error(`Kingdee JDY ${step} failed: the Outer Instance ID is empty`);
	const { status, body } = await signedCall(helpers, credentials, ROUTES.authorizeInstance, { outerInstanceId }, step);
	const ok = status >= 200 && status < 300 && (Number(body.code) === 200 || Number(body.errcode) === 0);
	if (!ok) fail(step, status, body, 'the gateway refused the request');
	const list = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	const item = list.find((d) => Number(d?.status) === 1) ?? list[0];
	const appKey = String(item?.appKey ?? item?.app_key ?? '');
	const appSecret = String(item?.appSecret ?? item?.app_secret ?? '');
	if (!item || !appKey || !appSecret) {
		throw new Error(
			`Kingdee JDY ${step} failed: the instance ${outerInstanceId} is not authorized to this app. Check the Outer Instance ID (the customer must have installed/authorized your app) and that the Client ID is the app it was authorized to.`,
		);
	}
	// The answer's domain is the account's; the typed one only stands in when there is none.
	const domain = String(item.domain ?? '').trim() || String(credentials.fallbackDomain ?? '').trim();
	if (!domain) {
		throw missingDomain(`the authorization answer (push_app_authorize) for instance ${outerInstanceId} has no domain and none is typed`);
	}
	return { appKey, appSecret, domain };
}

/** kingdee_auth_token: the app-token and its expiry (ms epoch, margin already taken off). */
async function exchangeToken(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
	instance: Instance,
): Promise<{ token?: string; expiresAt: number; status: number; body: IDataObject }> {
	const qs: IDataObject = { app_key: instance.appKey, app_signature: appSignature(instance.appKey, instance.appSecret) };
	const uid = String(credentials.uid ?? '').trim();
	if (uid) qs.uid = uid;
	const { status, body } = await signedCall(helpers, credentials, ROUTES.appToken, qs, 'token exchange (kingdee_auth_token)');
	const data = (body.data ?? {}) as IDataObject;
	const token = data['app-token'] ?? data.app_token;
	const now = Date.now();
	const expires = Number(data.expires);
	const expiresAt =
		Number.isFinite(expires) && expires > now
			? expires - Math.min(EXPIRY_MARGIN_MS, (expires - now) / 2)
			: now + FALLBACK_LIFETIME_MS - EXPIRY_MARGIN_MS;
	const ok = status >= 200 && status < 300 && Number(body.errcode) === 0 && typeof token === 'string' && token !== '';
	return { token: ok ? (token as string) : undefined, expiresAt: Math.floor(expiresAt), status, body };
}

/**
 * preAuthentication: gets an app-token. With the Outer Instance ID it always authorizes first
 * (push_app_authorize), so a rotated App Secret is picked up by every renewal; if the exchange
 * still answers 1030002006 (the secret rotated in between), it authorizes and exchanges once more.
 */
export async function issueAppToken(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	const byInstance = credentials.authorization !== 'appKey';
	const step = 'token exchange (kingdee_auth_token)';
	let instance: Instance = byInstance
		? await authorizeInstance(helpers, credentials)
		: {
				appKey: String(credentials.appKey ?? '').trim(),
				appSecret: String(credentials.appSecret ?? ''),
				domain: String(credentials.domain ?? '').trim(),
			};
	if (!instance.domain) throw missingDomain('no Domain is typed');
	let answer = await exchangeToken(helpers, credentials, instance);
	if (!answer.token && byInstance && Number(answer.body.errcode) === KINGDEE_AUTH_KEY_ERROR) {
		instance = await authorizeInstance(helpers, credentials);
		answer = await exchangeToken(helpers, credentials, instance);
	}
	if (!answer.token) fail(step, answer.status, answer.body, 'the platform did not issue an app-token');
	const out: IDataObject = { appToken: answer.token, renewAfter: answer.expiresAt };
	if (byInstance) {
		out.learnedAppKey = instance.appKey;
		out.learnedAppSecret = instance.appSecret;
		out.learnedDomain = instance.domain;
	}
	return out;
}

/** authenticate: signs a request (fresh nonce and timestamp) and adds the app-token and router address. */
export function authenticateKingdee(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const domain =
		credentials.authorization === 'appKey'
			? String(credentials.domain ?? '').trim()
			: String(credentials.learnedDomain || credentials.fallbackDomain || '').trim();
	if (!domain) throw missingDomain(credentials.authorization === 'appKey' ? 'no Domain is typed' : 'Kingdee gave no domain for the instance and none is typed');
	return signKingdeeRequest(requestOptions, credentials, { 'app-token': String(credentials.appToken ?? ''), 'X-GW-Router-Addr': domain });
}
