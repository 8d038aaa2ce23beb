import type { IHttpRequestOptions } from 'n8n-workflow';
import { answerText, isObject, unexpectedAnswer } from '../../common/answers';
import type { CodeTable } from '../../common/errors';
import type { PlatformClient, PlatformResponse, Route, Verdict } from '../../common/transport';

export const PLATFORM = 'Eazytec ZQT';
export const CREDENTIAL_TYPE = 'eazytecZqtApi';

/**
 * Every interface this package calls. The gateway's routes follow its /AGCS_zqc prefix where it
 * has one (the credential's authenticate sets both as the base URL, see environments.ts):
 * - send: 发送消息 (emsg/new-im-2);
 * - outbox: 查询发件箱 (emsg/new-im-3, interface 1);
 * - categories: 获取消息类型字典 (emsg/new-im-7, interface 1);
 * - push: 推送手机端 (emsg/new-im-push).
 * The tokens are on the environment's authorize host: the token API (GET with clientId and
 * clientSecret, as public integrator code calls it) and Spring Security OAuth2's endpoint.
 */
export const ROUTES = {
	send: { method: 'POST', path: '/v3_1/msgcenter/send', carry: 'json' },
	outbox: { method: 'GET', path: '/v3_1/msgcenter/query/outbox', carry: 'query' },
	categories: { method: 'GET', path: '/v3_1/msgpoly/dict/category', carry: 'query' },
	push: { method: 'POST', path: '/v3_1/msgcenter/push', carry: 'json' },
	tokenApi: { method: 'GET', path: '/v2/oauth/token/api', carry: 'query' },
	token: { method: 'POST', path: '/oauth/token', carry: 'form' },
} as const satisfies Record<string, Route>;

/** What the gateway's answers mean (the document's 400 and 401, plus Spring's own answers). */
export const EAZYTEC_CODES: CodeTable = {
	'400': {
		meaning: 'The platform refused the request: a parameter is missing or malformed',
		hint: 'Check the required fields (for a send: App ID, App Name, Title, Body, Sender Name, Category, Level, the sender and every receiver\'s User ID, User Type and Org ID).',
	},
	invalid_token: {
		meaning: 'The gateway refused the access token',
		hint: 'The token was renewed and the request resent once; the gateway still refused it. Check that the Token Server (government or enterprise) matches the gateway and that the client is enabled.',
	},
	unauthorized: {
		meaning: 'The gateway received no usable access token',
		hint: 'Check the credential\'s Authentication settings.',
	},
	'HTTP 404': {
		meaning: 'The gateway has no such interface at this address',
		hint: 'Check the Environment in the credential; for Custom, the Base URL and the Path Prefix (/AGCS_zqc or none, as on 安可). Interfaces other than the send may not be deployed on every edition.',
	},
	'HTTP 415': { meaning: 'The gateway did not accept the content type', hint: 'This is a bug of the node: please report it.' },
	'HTTP 429': { meaning: 'The gateway is rate-limiting', hint: 'Lower the number of messages per second, or try again later.' },
};

/** The gateway's texts for a refused request (data of a {msg:'fail',status:400} answer). */
const FAIL_TEXTS: Record<string, string> = {
	缺少必要参数: 'A required parameter is missing',
	参数格式错误: 'A parameter has the wrong format',
};

export const PASTED_TOKEN_HINT =
	'The credential uses a pasted Access Token, which n8n cannot renew: get a new token from Eazytec (or switch the credential to a Client ID and Secret flow) and paste it into the credential.';

export const MAY_HAVE_BEEN_SENT =
	'The answer could not be read: the message may have been sent — it was not resent, so that it is not delivered twice';
const MAY_HAVE_BEEN_SENT_HINT =
	'Check the outbox on the platform (Message → Get Many Sent) before sending it again.';

/** A success: HTTP 200 and `status: 200`, with `oK: true` (the document's key; `ok` too) or no such key at all. */
function accepted(http: number, body: Record<string, unknown>): boolean {
	if (http !== 200 || Number(body.status) !== 200 || body.msg === 'fail') return false;
	if (body.oK === true || body.ok === true) return true;
	return body.oK === undefined && body.ok === undefined;
}

/**
 * How an answer of the gateway is judged. A success is HTTP 200 with `status 200` (and `oK: true`
 * when the key is there). A 401 with error invalid_token is the document's "get a new token and
 * send again": renewed once, reported for a pasted token. A request that delivers a message (POST)
 * and gets an answer the node cannot classify is reported as "may have been sent", never resent.
 */
export function judgeEazytec(response: PlatformResponse, pastedToken: boolean, request?: Pick<IHttpRequestOptions, 'method'>): Verdict {
	const body = isObject(response.body) ? response.body : {};
	const http = response.statusCode;
	const sending = request?.method === 'POST';
	if (accepted(http, body)) return { ok: true };
	if (http === 401) {
		const code = typeof body.error === 'string' ? body.error : 'unauthorized';
		// "Invalid access token: <token>": the token itself never goes into an error.
		const description = typeof body.error_description === 'string' ? body.error_description : undefined;
		const text = description && /token/i.test(description) ? description.replace(/(:\s*)\S+\s*$/, '$1***') : description;
		if (code === 'invalid_token') {
			return pastedToken
				? {
						ok: false,
						kind: 'error',
						code,
						text,
						meaning: 'The gateway refused the pasted access token (invalid or expired)',
						hint: PASTED_TOKEN_HINT,
					}
				: { ok: false, kind: 'token', code, text };
		}
		return { ok: false, kind: 'error', code, text, hint: pastedToken ? PASTED_TOKEN_HINT : undefined };
	}
	if (http === 429) return { ok: false, kind: 'retry', code: 'HTTP 429' };
	if (body.msg === 'fail' || (Number(body.status) === 400 && typeof body.data === 'string')) {
		const text = typeof body.data === 'string' ? body.data : undefined;
		return {
			ok: false,
			kind: 'error',
			code: String(body.status ?? http),
			text,
			meaning: text ? FAIL_TEXTS[text] : undefined,
		};
	}
	const springText = typeof body.message === 'string' && body.message ? body.message : typeof body.error === 'string' ? body.error : undefined;
	// 404 and 415: the request was certainly not taken.
	if (http === 404 || http === 415) return { ok: false, kind: 'error', code: `HTTP ${http}`, text: springText };
	if (sending) {
		return {
			ok: false,
			kind: 'error',
			code: `HTTP ${http}`,
			text: springText ?? answerText(response.body) ?? (isObject(response.body) ? JSON.stringify(response.body).slice(0, 200) : undefined),
			meaning: MAY_HAVE_BEEN_SENT,
			hint: MAY_HAVE_BEEN_SENT_HINT,
		};
	}
	if (http >= 500) {
		return { ok: false, kind: 'error', code: `HTTP ${http}`, text: springText ?? answerText(response.body), meaning: 'The gateway failed' };
	}
	const unexpected = unexpectedAnswer(response, 'an Eazytec ZQT gateway', 'Check the Environment (or Base URL and Path Prefix) in the credential.');
	if (!unexpected.ok && springText) unexpected.text = springText;
	return unexpected;
}

/** The client for one credential: a pasted token has no renewal (a refused one is reported instead). */
export function clientFor(pastedToken: boolean): PlatformClient {
	return {
		platform: PLATFORM,
		credentialType: CREDENTIAL_TYPE,
		codes: EAZYTEC_CODES,
		// expiresAt 0 (a token API answer without expires_in): used until the gateway refuses it.
		token: pastedToken ? undefined : { field: 'token', expiresAtField: 'expiresAt', renewBeforeMs: 60_000 },
		secretFields: ['clientSecret', 'accessToken'],
		judge: (response, request) => judgeEazytec(response, pastedToken, request),
		retry: { attempts: 2, delayMs: 1000 },
		forCredentials: (credentials) => clientFor(credentials.authentication === 'accessToken'),
	};
}

export const eazytecClient = clientFor(false);
