/**
 * The DingTalk API credential's work: getting the one access token a credential keeps, and putting
 * it where each DingTalk host wants it.
 *
 * DingTalk has two API hosts. The server APIs on oapi.dingtalk.com (work notifications, contacts,
 * interop) take the token as the `access_token` URL parameter; the new APIs on api.dingtalk.com
 * (paths starting /v1.0/: app robot, todo) take it in the `x-acs-dingtalk-access-token` header,
 * and each host ignores the other's way. One token serves both:
 * - internal apps, Access Token From "New API" (default): POST /v1.0/oauth2/accessToken {appKey, appSecret}
 *   -> {accessToken, expireIn}. DingTalk's own API calling guide uses this token on oapi
 *   (topapi/v2/user/get), and its official Stream SDK uses it on both hosts;
 * - internal apps, Access Token From "Classic": GET /gettoken?appkey&appsecret -> {access_token, expires_in}
 *   (used on api.dingtalk.com too, which only third-party code shows working);
 * - third-party enterprise apps: POST /service/get_corp_token?accessKey&timestamp&suiteTicket&signature
 *   with {"auth_corpid"}, signed with HmacSHA256(suiteSecret, timestamp + "\n" + suiteTicket),
 *   Base64, URL-encoded once (DingTalk's "third-party access signature").
 */
import { createHmac } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { exchange, exchangeFailed } from '../../common/exchange';
import { ROUTES } from './index';
import { isNewApiPath } from './v1';

/** DingTalk documents a 7200 s lifetime; used when an answer has no lifetime. */
const DEFAULT_LIFETIME_S = 7200;

export const DEFAULT_OAPI_URL = 'https://oapi.dingtalk.com';
export const DEFAULT_API_URL = 'https://api.dingtalk.com';

export type AppType = 'internal' | 'thirdParty';

/** The credential's app type (credentials saved before the choice existed are internal apps). */
export function appTypeOf(credentials: ICredentialDataDecryptedObject): AppType {
	return credentials.appType === 'thirdParty' ? 'thirdParty' : 'internal';
}

function base(value: unknown, fallback: string): string {
	const s = typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
	return s.replace(/\/+$/, '');
}

export function oapiBase(credentials: ICredentialDataDecryptedObject): string {
	return base(credentials.baseUrl, DEFAULT_OAPI_URL);
}

export function apiBase(credentials: ICredentialDataDecryptedObject): string {
	return base(credentials.apiBaseUrl, DEFAULT_API_URL);
}

/** The signature of a third-party app's get_corp_token call, Base64 (the URL encoding is the query's). */
export function corpTokenSignature(suiteSecret: string, timestamp: string, suiteTicket: string): string {
	return createHmac('sha256', suiteSecret).update(`${timestamp}\n${suiteTicket}`, 'utf8').digest('base64');
}

/** Puts the token where the request's host wants it, and the request on that host. */
export function authenticateRequest(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): IHttpRequestOptions {
	const token = String(credentials.accessToken ?? '');
	if (isNewApiPath(options.url)) {
		return {
			...options,
			baseURL: apiBase(credentials),
			headers: { ...(options.headers ?? {}), 'x-acs-dingtalk-access-token': token },
		};
	}
	return { ...options, baseURL: oapiBase(credentials), qs: { ...(options.qs ?? {}), access_token: token } };
}

export interface IssuedToken {
	accessToken: string;
	expiresAt: number;
}

function issued(token: unknown, lifetime: unknown): IssuedToken | undefined {
	if (typeof token !== 'string' || token === '') return undefined;
	const seconds = Number(lifetime) > 0 ? Number(lifetime) : DEFAULT_LIFETIME_S;
	return { accessToken: token, expiresAt: Date.now() + seconds * 1000 };
}

const OAPI_EXCHANGE_REASONS: Record<string, string> = {
	'40089': 'the AppKey or AppSecret is wrong',
	'40001': 'the AppKey or AppSecret is wrong',
	'40013': 'the AppKey or AppSecret is wrong',
	'60020': "this server's IP address is not on the app's trusted-IP list (开发管理 > 服务器出口IP)",
	'853001': 'the timestamp was refused: it must be the current time in milliseconds',
	'853002': "the timestamp was refused: the n8n server's clock differs from DingTalk's by more than a minute (check NTP on the n8n host)",
	'853003': 'the Suite Key is not known to DingTalk',
	'853004': 'the signature was refused: check that the Suite Secret belongs to the Suite Key',
	'853005': 'the Suite Ticket was refused: a store app must use the latest ticket DingTalk pushed to its callback (a custom app may use any text)',
};

/** Judges an oapi token answer ({errcode, access_token, expires_in}). */
function oapiToken(step: string, status: number, answer: Record<string, unknown>): IssuedToken {
	const token = Number(answer.errcode) === 0 ? issued(answer.access_token, answer.expires_in) : undefined;
	if (token) return token;
	if (answer.errcode === undefined) {
		throw exchangeFailed(step, `HTTP ${status}`, 'the server did not answer like DingTalk; check the Base URL');
	}
	const code = String(answer.errcode);
	throw exchangeFailed(step, code, OAPI_EXCHANGE_REASONS[code] ?? 'DingTalk did not issue an access token', answer.errmsg);
}

/** Gets a new token for these credentials (the credential's preAuthentication). */
export async function issueToken(helpers: IHttpRequestHelper['helpers'], credentials: ICredentialDataDecryptedObject): Promise<IssuedToken> {
	if (appTypeOf(credentials) === 'thirdParty') {
		const step = 'DingTalk third-party app token exchange (get_corp_token)';
		const timestamp = String(Date.now());
		const suiteTicket = String(credentials.suiteTicket ?? '');
		const { status, body } = await exchange(helpers, step, {
			method: ROUTES.corpToken.method,
			url: `${oapiBase(credentials)}${ROUTES.corpToken.path}`,
			// The Base64 signature goes in as it is: the query encoding URL-encodes it once.
			qs: {
				accessKey: credentials.suiteKey,
				timestamp,
				suiteTicket,
				signature: corpTokenSignature(String(credentials.suiteSecret ?? ''), timestamp, suiteTicket),
			},
			body: { auth_corpid: credentials.authCorpId },
			headers: { 'Content-Type': 'application/json' },
			json: true,
		});
		return oapiToken(step, status, body);
	}
	if (credentials.authEndpoint === 'classic') {
		const step = 'DingTalk token exchange (gettoken)';
		const { status, body } = await exchange(helpers, step, {
			method: ROUTES.gettoken.method,
			url: `${oapiBase(credentials)}${ROUTES.gettoken.path}`,
			qs: { appkey: credentials.appKey, appsecret: credentials.appSecret },
			json: true,
		});
		return oapiToken(step, status, body);
	}
	const step = 'DingTalk token exchange (/v1.0/oauth2/accessToken)';
	const { status, body } = await exchange(helpers, step, {
		method: ROUTES.v1Token.method,
		url: `${apiBase(credentials)}${ROUTES.v1Token.path}`,
		body: { appKey: credentials.appKey, appSecret: credentials.appSecret },
		headers: { 'Content-Type': 'application/json' },
		json: true,
	});
	const token = status >= 200 && status < 300 ? issued(body.accessToken, body.expireIn) : undefined;
	if (token) return token;
	if (typeof body.code !== 'string') {
		throw exchangeFailed(step, `HTTP ${status}`, 'the server did not answer like DingTalk; check the New API Base URL');
	}
	const why =
		body.code === 'invalidClientIdOrSecret'
			? 'the AppKey (Client ID) or AppSecret (Client Secret) is wrong'
			: body.code.startsWith('Forbidden.AccessDenied.IpNotInWhiteList')
				? "this server's IP address is not on the app's trusted-IP list (开发管理 > 服务器出口IP)"
				: 'DingTalk did not issue an access token';
	throw exchangeFailed(step, `HTTP ${status}, ${body.code}`, why, body.message);
}
